"""Reference catalogues as data (YAML, ja + en) with typed loaders."""
