"""The workspaces application."""

from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    """Workspaces, members, models and revisions."""

    name = "opmodel.server.workspaces"
    label = "workspaces"
    verbose_name = "Workspaces"
