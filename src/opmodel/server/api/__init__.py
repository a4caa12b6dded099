"""The REST API (``/api/v1/``): workspaces, members, models and revisions, every analysis
through its use case, jobs, measurements, the audit log and API tokens."""
