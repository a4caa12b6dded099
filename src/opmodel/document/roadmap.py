"""The roadmap section: initiatives, dependencies, phases, milestones and capacity."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import Field, model_serializer, model_validator

from opmodel.document.base import Component, DocumentModel, Entity
from opmodel.document.refs import (
    ApplicationRef,
    CapabilityRef,
    InitiativeRef,
    KpiRef,
    ObjectiveRef,
    OutcomeRef,
    PhaseRef,
    ResourceRef,
)

NonNegative = Annotated[float, Field(ge=0)]


class DependencyType(StrEnum):
    """Finish-to-start (the default) or start-to-start."""

    fs = "fs"
    ss = "ss"


class Dependency(DocumentModel):
    """A prerequisite: a plain initiative id, or one with a type and a lag in weeks."""

    shorthand_field: ClassVar[str] = "initiative"

    initiative: InitiativeRef
    type: DependencyType = DependencyType.fs
    lag: float = 0.0

    @model_validator(mode="before")
    @classmethod
    def _from_id(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"initiative": value}
        return value

    @model_serializer(mode="wrap")
    def _to_id(self, handler: Any) -> Any:
        if self.type is DependencyType.fs and self.lag == 0.0:
            return self.initiative
        return handler(self)


class Estimate(DocumentModel):
    """A three-point estimate (weeks): optimistic, most likely, pessimistic."""

    # signs are checked by a rule that names the initiative (document/plan_rules.py)
    optimistic: float
    most_likely: float
    pessimistic: float


class CostCategory(StrEnum):
    """Where a cost belongs; the hidden transition costs are categories of their own."""

    capex = "capex"
    opex = "opex"
    training = "training"
    productivity = "productivity"
    parallel_running = "parallel_running"
    contingency = "contingency"


class CostItem(DocumentModel):
    """A cost of an initiative; a three-point amount when uncertain."""

    category: CostCategory
    amount: NonNegative
    low: NonNegative | None = None
    high: NonNegative | None = None
    fiscal_year: int | None = None
    description: str | None = None


class Benefit(DocumentModel):
    """The KPI change an initiative is expected to bring, and by when."""

    kpi: KpiRef
    baseline: float | None = None
    target: float
    by: dt.date | None = None


class Initiative(Entity):
    """A piece of change work on the roadmap."""

    components: list[Component] = Field(default_factory=list)
    phase: PhaseRef | None = None
    effort: NonNegative | None = Field(default=None, description="Person-weeks.")
    duration: Estimate | None = None
    demand: dict[ResourceRef, NonNegative] = Field(
        default_factory=dict, description="Units of each resource needed per week."
    )
    costs: list[CostItem] = Field(default_factory=list)
    impact: dict[ObjectiveRef, Annotated[float, Field(ge=0, le=10)]] = Field(
        default_factory=dict, description="Business impact score 0–10 per objective."
    )
    business_value: Annotated[float, Field(ge=0, le=10)] | None = Field(
        default=None, description="WSJF business value 0–10; default: the weighted impact score."
    )
    annual_benefit: NonNegative = Field(
        default=0.0, description="Money saved or earned per year once the initiative is done."
    )
    time_criticality: Annotated[float, Field(ge=0, le=10)] | None = None
    risk_reduction: Annotated[float, Field(ge=0, le=10)] | None = None
    mandatory: bool = False
    earliest_start: dt.date | None = None
    deadline: dt.date | None = None
    depends_on: list[Dependency] = Field(default_factory=list)
    excludes: list[InitiativeRef] = Field(
        default_factory=list, description="Alternatives: at most one of these may be chosen."
    )
    outcomes: list[OutcomeRef] = Field(default_factory=list)
    capabilities: list[CapabilityRef] = Field(default_factory=list)
    applications: list[ApplicationRef] = Field(
        default_factory=list, description="Applications the initiative invests in.")
    benefits: list[Benefit] = Field(default_factory=list)
    owner: str | None = None


class Phase(Entity):
    """A phase of the transition."""

    order: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None


class Milestone(Entity):
    """A milestone: reached when its initiatives finish, or on a date."""

    date: dt.date | None = None
    phase: PhaseRef | None = None
    initiatives: list[InitiativeRef] = Field(default_factory=list)


class CapacityPeriod(DocumentModel):
    """Capacity of a resource from a date on (until the next period)."""

    start: dt.date
    capacity: NonNegative


class Resource(Entity):
    """A team or skill pool with a capacity per week."""

    capacity: NonNegative = 0.0
    periods: list[CapacityPeriod] = Field(default_factory=list)


class Calendar(DocumentModel):
    """Working calendar of the roadmap."""

    start: dt.date | None = None
    holidays: list[dt.date] = Field(default_factory=list)
    working_days: list[Annotated[int, Field(ge=0, le=6)]] = Field(
        default_factory=lambda: [0, 1, 2, 3, 4], description="0 = Monday."
    )


class BudgetLimit(DocumentModel):
    """The money available in one fiscal year."""

    fiscal_year: int
    amount: NonNegative


class Roadmap(DocumentModel):
    """Initiatives, their order and the capacity to do them."""

    phases: list[Phase] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    initiatives: list[Initiative] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)
    calendar: Calendar | None = None
    horizon_weeks: Annotated[int, Field(gt=0)] | None = Field(
        default=None, description="Planning horizon for capacity; default: the budgeted years."
    )
    budget_limits: list[BudgetLimit] = Field(default_factory=list)
