// Placeholder (issue 4): libzmq wrapper.
