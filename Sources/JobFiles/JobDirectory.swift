// Placeholder: file loading of panels and job specs.
