"""Workspaces (one organisation each), their members, and the versioned models they hold."""
