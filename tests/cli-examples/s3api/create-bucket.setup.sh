# Nothing: the example creates its own bucket.
