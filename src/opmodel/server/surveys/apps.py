"""The surveys application."""

from django.apps import AppConfig


class SurveysConfig(AppConfig):
    """Survey links and the assessment answers they collect."""

    name = "opmodel.server.surveys"
    label = "surveys"
    verbose_name = "Surveys"
