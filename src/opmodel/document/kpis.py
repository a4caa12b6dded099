"""The kpis section: KPI definitions with scope, targets and thresholds."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from opmodel.document.base import Component, DocumentModel, Entity, Slug, SpelledEnum
from opmodel.knowledge.kpis import Aggregation


class ScopeKind(SpelledEnum):
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
    fiscal_quarter = "fiscal_quarter"  # quarters of the fiscal year: Q1 = April–June from April
    fiscal_year = "fiscal_year"


class KpiScope(DocumentModel):
    """A scope: a kind and an id (a service, unit, vendor or team)."""

    kind: ScopeKind = Field(
        default=ScopeKind.organisation,
        description="organisation (the default), service, business_unit, vendor or team.",
    )
    id: Slug | None = Field(
        default=None, description="The service, unit, vendor or team, as named in the measurements."
    )


class KpiDefinition(Entity):
    """A KPI in use: a library KPI or a custom one, with its targets."""

    kpi: Slug | None = Field(default=None, description="Id in the KPI library, if any.")
    unit: str | None = Field(
        default=None, description="Unit of the values, e.g. % or hours; default: the library's."
    )
    direction: Direction | None = Field(
        default=None,
        description="higher or lower is better; default: the library's; required for a custom KPI.",
    )
    aggregation: Aggregation | None = Field(
        default=None, description="mean, sum, ratio, last or pNN; default: the library's."
    )
    scale: float | None = Field(
        default=None, gt=0, description="Factor applied to a ratio (100 for a percentage)."
    )
    component: Component | None = Field(
        default=None, description="Component the KPI belongs to; default: the library's."
    )
    scope: KpiScope = Field(
        default_factory=KpiScope,
        description="What the KPI is measured for; only measurements of that scope count.",
    )
    baseline: float | None = Field(
        default=None, description="Value before the change; the starting point of benefit progress."
    )
    target: float | None = Field(
        default=None, description="Value to reach; default: the library's typical target."
    )
    warning: float | None = Field(
        default=None, description="Amber when the value is worse than this; default: the target."
    )
    critical: float | None = Field(
        default=None, description="Red when the value is worse than this."
    )
    period: Period = Field(
        default=Period.month,
        description="Period the scorecard rolls the KPI up by; month by default.",
    )
    owner: str | None = Field(default=None, description="Person responsible for the KPI.")
    source: str | None = Field(
        default=None, description="Where the data comes from, e.g. ServiceNow."
    )


class Kpis(DocumentModel):
    """The KPIs the organisation watches."""

    definitions: list[KpiDefinition] = Field(
        default_factory=list, description="The KPIs in use, with their targets and thresholds."
    )
