import ZeroMQ
// Placeholder (issue 4): protocol, coordinator, worker, store.
