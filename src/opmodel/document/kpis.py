"""The kpis section: KPI definitions with scope, targets and thresholds."""

from __future__ import annotations

from enum import StrEnum
from itertools import pairwise
from typing import TYPE_CHECKING

from pydantic import Field

from opmodel.document.base import Component, DocumentModel, Entity, Slug
from opmodel.knowledge.kpis import Aggregation, kpi_library

if TYPE_CHECKING:
    from collections.abc import Iterator

    from opmodel.document.model import OperatingModel
    from opmodel.document.problems import Problem


class ScopeKind(StrEnum):
    """What a KPI is measured for."""

    organisation = "organisation"
    service = "service"
    business_unit = "business_unit"
    vendor = "vendor"
    team = "team"


class Direction(StrEnum):
    """Whether a higher or a lower value is better."""

    higher_is_better = "higher"
    lower_is_better = "lower"


class Period(StrEnum):
    """How often a KPI is reported."""

    day = "day"
    week = "week"
    month = "month"
    quarter = "quarter"
    fiscal_year = "fiscal_year"


class KpiScope(DocumentModel):
    """A scope: a kind and an id (a service, unit, vendor or team)."""

    kind: ScopeKind = ScopeKind.organisation
    id: Slug | None = None


class KpiDefinition(Entity):
    """A KPI in use: a library KPI or a custom one, with its targets."""

    kpi: Slug | None = Field(default=None, description="Id in the KPI library, if any.")
    unit: str | None = None
    direction: Direction | None = None
    aggregation: Aggregation | None = Field(
        default=None, description="mean, sum, ratio, last or pNN; default: the library's."
    )
    scale: float | None = Field(
        default=None, gt=0, description="Factor applied to a ratio (100 for a percentage)."
    )
    component: Component | None = None
    scope: KpiScope = Field(default_factory=KpiScope)
    baseline: float | None = None
    target: float | None = None
    warning: float | None = None
    critical: float | None = None
    period: Period = Period.month
    owner: str | None = None
    source: str | None = None


class Kpis(DocumentModel):
    """The KPIs the organisation watches."""

    definitions: list[KpiDefinition] = Field(default_factory=list)
    measurements: str | None = Field(
        default=None, description="Path of the Parquet file of measurements, beside the model."
    )


def _worse(direction: Direction, a: float, b: float) -> bool:
    """True when ``a`` is strictly worse than ``b`` for a KPI of ``direction``."""
    return a < b if direction is Direction.higher_is_better else a > b


def kpi_definitions(model: OperatingModel) -> Iterator[Problem]:
    """Library ids exist, custom KPIs say how they roll up, thresholds follow the direction."""
    from opmodel.document.messages import nearest_ids, problem

    if model.kpis is None:
        return
    library = kpi_library()
    for n, kpi in enumerate(model.kpis.definitions):
        path = ("kpis", "definitions", n)
        entry = library.get(kpi.kpi) if kpi.kpi else None
        if kpi.kpi and entry is None:
            known = nearest_ids(kpi.kpi, (k.id for k in library.kpis), 6)
            yield problem("kpi_unknown_library", (*path, "kpi"), id=kpi.kpi, known=known)
            continue
        if entry is None and (kpi.direction is None or kpi.aggregation is None):
            yield problem("kpi_custom_incomplete", path, id=kpi.id)
            continue
        direction = kpi.direction or Direction(entry.direction if entry else "higher")
        levels = [(name, value) for name, value in
                  (("target", kpi.target), ("warning", kpi.warning), ("critical", kpi.critical))
                  if value is not None]
        for (better, b), (worse, w) in pairwise(levels):
            if _worse(direction, b, w):
                yield problem("kpi_threshold_order", (*path, worse), id=kpi.id, better=better,
                              worse=worse, direction=direction.value)
