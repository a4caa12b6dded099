"""The measurement store of a workspace (``services.measurements.MeasurementStore``) on the
server's database: all-or-nothing adds in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from django.db import transaction

from opmodel.server.measurements.models import Measurement

if TYPE_CHECKING:
    import polars as pl

COLUMNS = ("kpi", "scope", "at", "value", "numerator", "denominator")
BATCH = 2000


class DatabaseMeasurementStore:
    """A workspace's measurements in the ``Measurement`` table."""

    def __init__(self, workspace: Any) -> None:
        self.workspace = workspace

    def read(self, kpis: Collection[str] | None = None) -> pl.DataFrame:
        """The measurements, of the KPIs ``kpis`` only when given, oldest first."""
        import polars as pl

        from opmodel.interop.measurements import empty_measurements

        rows = Measurement.objects.filter(workspace=self.workspace)
        if kpis is not None:
            rows = rows.filter(kpi__in=list(kpis))
        data = list(rows.order_by("kpi", "scope", "at").values_list(*COLUMNS))
        if not data:
            return empty_measurements()
        columns = list(zip(*data, strict=True))
        at = [t.astimezone(dt.UTC).replace(tzinfo=None) for t in columns[2]]
        frame = pl.DataFrame({"kpi": columns[0], "scope": [s or None for s in columns[1]],
                              "at": at, "value": columns[3], "numerator": columns[4],
                              "denominator": columns[5]},
                             schema=empty_measurements().schema)
        return frame

    def add(self, rows: pl.DataFrame) -> None:
        """Store ``rows``, each replacing a stored row of the same KPI, scope and time, in one
        transaction: all of them or none."""
        records = [Measurement(workspace=self.workspace, kpi=r["kpi"], scope=r["scope"] or "",
                               at=_utc(r["at"]), value=r["value"], numerator=r["numerator"],
                               denominator=r["denominator"])
                   for r in rows.select(list(COLUMNS)).iter_rows(named=True)]
        with transaction.atomic():
            Measurement.objects.bulk_create(
                records, batch_size=BATCH, update_conflicts=True,
                unique_fields=["workspace", "kpi", "scope", "at"],
                update_fields=["value", "numerator", "denominator"])

    def count(self) -> int:
        """How many measurements the workspace holds."""
        return Measurement.objects.filter(workspace=self.workspace).count()


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment
