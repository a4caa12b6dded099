"""One measured value of a KPI, for a scope, at a time (UTC)."""

from __future__ import annotations

from django.db import models


class Measurement(models.Model):
    """A KPI measurement: its value, or the numerator and denominator of a ratio."""

    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE,
                                  related_name="measurements")
    kpi = models.CharField(max_length=120)
    scope = models.CharField(max_length=120, blank=True)
    at = models.DateTimeField()
    value = models.FloatField(null=True, blank=True)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "kpi", "scope", "at"],
                                               name="one_measurement_per_kpi_scope_time")]
        indexes = [models.Index(fields=["workspace", "kpi", "at"])]
