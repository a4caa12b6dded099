"""Step 6 as use cases: the KPI library, measurement import, the report, the scorecard and
service-management KPIs from incident logs."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from opmodel.document.kpis import Period
from opmodel.document.messages import problem
from opmodel.document.model import OperatingModel
from opmodel.document.problems import DocumentError
from opmodel.engines.kpi.intake import (
    ImportResult,
    ParsedMeasurements,
    check_measurements,
    percent_notes,
)
from opmodel.engines.kpi.itsm import ItsmResult, itsm_kpis
from opmodel.engines.kpi.report import (
    KpiReport,
    accepted_kpis,
    measurement_names,
    percent_kpis,
    report_kpis,
    resolve_kpis,
)
from opmodel.engines.kpi.scorecard import Scorecard, scorecard
from opmodel.knowledge.kpis import ComponentId, LibraryKpi
from opmodel.knowledge.kpis import kpi_library as library

if TYPE_CHECKING:
    import polars as pl

    from opmodel.interop.itsm_log import ItsmMapping
    from opmodel.services.measurements import MeasurementStore

# the assessment output and the docs say "organisation"; the knowledge base says "organization"
COMPONENT_SPELLINGS = {"organisation": "organization"}


class KpiReportOptions(BaseModel):
    """How to roll up: the period, the last day whose measurements count (all: None), and
    the KPIs to roll up (every one: None)."""

    model_config = ConfigDict(extra="forbid")

    period: Period = Period.month
    as_of: dt.date | None = None
    kpis: list[str] | None = None


class StatusOptions(BaseModel):
    """The scorecard's date (default: ``metadata.as_of``, then today) and how many periods
    the trend slope spans."""

    model_config = ConfigDict(extra="forbid")

    as_of: dt.date | None = None
    trend_periods: int = Field(default=6, ge=2)


def kpi_library(component: str | None = None) -> list[LibraryKpi]:
    """The KPIs of the library, of one component when given (``organisation`` is read as
    ``organization``); an unknown component is a problem at ``component``."""
    kpis = list(library().kpis)
    if component is None:
        return kpis
    name = component.strip().lower()
    name = COMPONENT_SPELLINGS.get(name, name)
    known = [c.value for c in ComponentId]
    if name not in known:
        raise DocumentError([problem("kpi.unknown_component", ("component",),
                                     component=component, components=", ".join(known))])
    return [k for k in kpis if k.component.value == name]


def import_measurements(model: OperatingModel, parsed: ParsedMeasurements,
                        store: MeasurementStore, *, skip_invalid: bool = False) -> ImportResult:
    """Check parsed rows against the model's KPIs (and the library's) and store them.

    All or nothing: when a row has a problem nothing is stored, unless ``skip_invalid``,
    which stores the valid rows and reports the others.
    """
    import polars as pl

    percent, notes = percent_notes(parsed, percent_kpis(model))
    rows, issues = check_measurements(replace(parsed, rows=percent), accepted_kpis(model))
    bad = sorted({i.row for i in issues})
    result = ImportResult(source=parsed.source, rows=rows.height, imported=0, skipped=len(bad),
                          issues=issues, stored=0,
                          notes=sorted([*parsed.notes, *notes], key=lambda n: n.row))
    if bad and not skip_invalid:
        return result
    good = rows.filter(~pl.col("row").is_in(bad)).drop("row")
    store.add(good)
    return result.model_copy(update={"imported": good.height, "stored": store.count()})


def report(model: OperatingModel, store: MeasurementStore,
           options: KpiReportOptions | None = None) -> KpiReport:
    """Every KPI (or those of ``options.kpis``) rolled up by period, pooled over its scope
    and per scope, each point rated."""
    options = options or KpiReportOptions()
    only = None if options.kpis is None else set(options.kpis)
    measurements = store.read(measurement_names(
        [s for s in resolve_kpis(model) if only is None or s.id in only]))
    return report_kpis(model, measurements, options.period, options.as_of, only)


def status(model: OperatingModel, store: MeasurementStore, options: StatusOptions | None = None,
           *, today: dt.date) -> Scorecard:
    """The scorecard as of ``options.as_of``, else ``metadata.as_of``, else ``today``: each
    KPI's status, trend and streak, the score per component, the initiatives' benefits."""
    options = options or StatusOptions()
    as_of = options.as_of or model.metadata.as_of or today
    return scorecard(model, store.read(), as_of, options.trend_periods)


def itsm(events: pl.DataFrame, mapping: ItsmMapping | None) -> ItsmResult:
    """Service-management KPIs of an incident event log (as read with ``mapping``; None for
    the events of a tool's incident export): overall, by priority and by assignment group,
    with the weekly backlog."""
    from opmodel.interop.itsm_log import RESOLVED

    return itsm_kpis(events, mapping.resolved_states if mapping else RESOLVED)


def incident_columns(tool: str) -> dict[str, set[str]]:
    """The headers (compacted, English and Japanese) each field of a tool's incident export
    goes by, from its dialect."""
    from opmodel.knowledge.inventory_dialects import inventory_dialects
    from opmodel.services.inventory_match import compact

    fields = inventory_dialects()[tool].fields["incidents"]
    return {name: {compact(t) for text in texts for t in (text.en, text.ja)}
            for name, texts in fields.items()}
