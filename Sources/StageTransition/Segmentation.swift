// Placeholder (issue 3): segment costs, Dynp, Pelt.
