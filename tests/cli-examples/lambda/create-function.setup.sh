# Nothing: the example creates its own function.
