// Placeholder: the compact CSR graph is implemented in this module (issue 2).
