# Nothing: the example creates its own topic.
