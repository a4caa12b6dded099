"""Where a model stands on the six steps of building an operating model."""
