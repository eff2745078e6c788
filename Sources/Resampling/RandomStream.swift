// Placeholder: deterministic random streams.
