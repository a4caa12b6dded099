"""The measurements application."""

from django.apps import AppConfig


class MeasurementsConfig(AppConfig):
    """KPI measurements."""

    name = "opmodel.server.measurements"
    label = "measurements"
    verbose_name = "Measurements"
