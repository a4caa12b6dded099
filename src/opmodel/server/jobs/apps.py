"""The jobs application."""

from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Background jobs."""

    name = "opmodel.server.jobs"
    label = "jobs"
    verbose_name = "Jobs"
