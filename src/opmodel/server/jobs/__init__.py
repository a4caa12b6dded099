"""Long work off the request path: a job per run, with its progress, a cancel flag and the
result, executed by workers through Django's tasks API (the database backend)."""
