# Nothing: the example creates its own stream.
