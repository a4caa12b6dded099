"""The kpis section: KPI definitions with scope, targets and thresholds."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from opmodel.document.base import Component, DocumentModel, Entity, Slug


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
