"""The multi-user server: workspaces, versioned models, the REST API, background jobs.

A Django project (``opmodel.server.settings``); its views and API endpoints call the use
cases of ``opmodel.services`` and show their results, as the command line does.
"""
