"""The pages application: templates, their text tags and the static files."""

from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Server-rendered pages."""

    name = "opmodel.server.pages"
    label = "pages"
    verbose_name = "Pages"
