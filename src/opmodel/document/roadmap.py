"""The roadmap section: initiatives, dependencies, phases, milestones and capacity."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import Field, model_serializer, model_validator

from opmodel.document.base import Component, Date, DocumentModel, Entity, Slug
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
    key_fields: ClassVar[tuple[str, ...]] = ("initiative",)

    initiative: InitiativeRef = Field(description="The prerequisite initiative's id.")
    type: DependencyType = Field(
        default=DependencyType.fs,
        description="fs (the default): start after it finishes; ss: start after it starts.",
    )
    lag: float = Field(
        default=0.0,
        description="Working weeks to wait after the prerequisite's finish (fs) or start (ss); negative to overlap.",
    )

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

    # signs are checked by a rule that names the initiative (document/rules/roadmap.py)
    optimistic: float = Field(description="Shortest plausible duration, in working weeks.")
    most_likely: float = Field(
        description="Most likely duration in working weeks; the schedule uses it, rounded up to whole weeks."
    )
    pessimistic: float = Field(description="Longest plausible duration, in working weeks.")


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

    key_fields: ClassVar[tuple[str, ...]] = ("id",)

    id: Slug = Field(
        description="Names the cost among the initiative's costs, e.g. licences or capex-2027.")
    category: CostCategory = Field(
        description="Cost category: capex, opex, training, productivity, parallel_running or contingency."
    )
    amount: NonNegative = Field(
        description="Amount in the document's currency; the most likely value when low and high are given."
    )
    low: NonNegative | None = Field(
        default=None,
        description="Lowest plausible amount; with high, the risk simulation samples the cost (triangular).",
    )
    high: NonNegative | None = Field(
        default=None,
        description="Highest plausible amount; with low, the risk simulation samples the cost (triangular).",
    )
    fiscal_year: int | None = Field(
        default=None,
        description="Fiscal year the cost falls in; default: spread over the years the schedule gives the initiative.",
    )
    description: str | None = Field(
        default=None, description="What the cost is for; shown as its source in the budget."
    )


class Benefit(DocumentModel):
    """The KPI change an initiative is expected to bring, and by when."""

    key_fields: ClassVar[tuple[str, ...]] = ("kpi",)

    kpi: KpiRef = Field(
        description="The KPI definition (id in kpis.definitions) expected to change."
    )
    baseline: float | None = Field(
        default=None,
        description="Value before the change; default: the KPI definition's baseline, else the first measurement.",
    )
    target: float = Field(description="Value the KPI should reach.")
    by: Date | None = Field(
        default=None,
        description="Date to reach the target by; after it, an unmet benefit counts as missed.",
    )


class Initiative(Entity):
    """A piece of change work on the roadmap."""

    components: list[Component] = Field(
        default_factory=list, description="Operating-model components the initiative changes."
    )
    phase: PhaseRef | None = Field(default=None, description="Phase the initiative belongs to.")
    effort: NonNegative | None = Field(
        default=None,
        description="Total work in person-weeks; without a duration, the expected duration is effort ÷ the people per week in demand.")
    duration: Estimate | None = Field(
        default=None,
        description="Three-point duration estimate in working weeks; scheduling needs it (effort does not replace it).",
    )
    demand: dict[ResourceRef, NonNegative] = Field(
        default_factory=dict, description="Units (e.g. people) of each resource needed every week of the duration; demand × duration is about the effort."
    )
    costs: list[CostItem] = Field(
        default_factory=list,
        description="The initiative's costs, by category and, optionally, fiscal year.",
    )
    impact: dict[ObjectiveRef, Annotated[float, Field(ge=0, le=10)]] = Field(
        default_factory=dict, description="Business impact score 0–10 per objective."
    )
    business_value: Annotated[float, Field(ge=0, le=10)] | None = Field(
        default=None, description="WSJF business value 0–10; default: the weighted impact score."
    )
    annual_benefit: NonNegative = Field(
        default=0.0, description="Money saved or earned per year once the initiative is done."
    )
    time_criticality: Annotated[float, Field(ge=0, le=10)] | None = Field(
        default=None, description="WSJF time criticality 0–10: how much value is lost by waiting."
    )
    risk_reduction: Annotated[float, Field(ge=0, le=10)] | None = Field(
        default=None, description="WSJF risk reduction or opportunity enablement 0–10."
    )
    mandatory: bool = Field(
        default=False,
        description="Always selected by portfolio selection, whatever its value (e.g. regulatory work).",
    )
    earliest_start: Date | None = Field(
        default=None, description="Date the initiative may start at the earliest."
    )
    deadline: Date | None = Field(
        default=None,
        description="Date it should finish by; a soft limit, reported with the days late when missed.",
    )
    depends_on: list[Dependency] = Field(
        default_factory=list,
        description="Prerequisite initiatives: plain ids, or {initiative, type, lag}.",
    )
    excludes: list[InitiativeRef] = Field(
        default_factory=list, description="Alternatives: at most one of these may be chosen."
    )
    outcomes: list[OutcomeRef] = Field(
        default_factory=list, description="Strategy outcomes the initiative contributes to."
    )
    capabilities: list[CapabilityRef] = Field(
        default_factory=list, description="Capabilities the initiative builds or improves."
    )
    applications: list[ApplicationRef] = Field(
        default_factory=list, description="Applications the initiative invests in.")
    benefits: list[Benefit] = Field(
        default_factory=list,
        description="Expected KPI changes, tracked against the measurements in the scorecard.",
    )
    owner: str | None = Field(default=None, description="Person accountable for the initiative.")


class Phase(Entity):
    """A phase of the transition."""

    order: int | None = Field(
        default=None,
        description="Position among the phases; a phase should not start before one of lower order.",
    )
    start: Date | None = Field(
        default=None,
        description="Start date: its initiatives start no earlier; without a calendar start, the earliest one begins the plan.",
    )
    end: Date | None = Field(default=None, description="End date; not before the start.")


class Milestone(Entity):
    """A milestone: reached when its initiatives finish, or on a date."""

    date: Date | None = Field(
        default=None,
        description="Due date; a milestone whose initiatives finish later is reported late.",
    )
    phase: PhaseRef | None = Field(default=None, description="Phase the milestone belongs to.")
    initiatives: list[InitiativeRef] = Field(
        default_factory=list,
        description="Initiatives that must finish for the milestone to be reached.",
    )


class CapacityPeriod(DocumentModel):
    """Capacity of a resource from a date on (until the next period)."""

    key_fields: ClassVar[tuple[str, ...]] = ("start",)

    start: Date = Field(description="Date from which this capacity applies.")
    capacity: NonNegative = Field(
        description="Units (e.g. people) available per working week from that date on."
    )


class Resource(Entity):
    """A team or skill pool with a capacity per week."""

    capacity: NonNegative = Field(
        default=0.0,
        description="Units (e.g. people) available per working week before any capacity period.",
    )
    periods: list[CapacityPeriod] = Field(
        default_factory=list,
        description="Changes of capacity over time, each from its start date on.",
    )


class Calendar(DocumentModel):
    """Working calendar of the roadmap."""

    start: Date | None = Field(
        default=None,
        description="First day of week 0 of the plan; default: the earliest phase start, then metadata.as_of.",
    )
    holidays: list[Date] = Field(
        default_factory=list,
        description="Non-working dates; they push later dates back without cutting weekly capacity.",
    )
    working_days: list[Annotated[int, Field(ge=0, le=6)]] = Field(
        default_factory=lambda: [0, 1, 2, 3, 4],
        description="Working weekdays, 0 = Monday to 6 = Sunday; default: Monday to Friday.",
    )


class LimitScope(StrEnum):
    """What a budget limit covers: the whole bill, or direct costs (capex and opex) only."""

    all = "all"
    direct = "direct"


class BudgetLimit(DocumentModel):
    """The money available in one fiscal year."""

    key_fields: ClassVar[tuple[str, ...]] = ("fiscal_year",)

    fiscal_year: int = Field(description="Fiscal year, named by the calendar year it starts in.")
    amount: NonNegative = Field(
        description="Most the plan may cost in that year, in the document's currency."
    )
    covers: LimitScope = Field(
        default=LimitScope.all,
        description="all (the default): everything the year costs, with training, productivity "
                    "dip, parallel running, shared budget items, courses and contingency; "
                    "direct: capex and opex only.",
    )


class Roadmap(DocumentModel):
    """Initiatives, their order and the capacity to do them."""

    phases: list[Phase] = Field(default_factory=list, description="Phases of the transition.")
    milestones: list[Milestone] = Field(default_factory=list, description="Milestones to reach.")
    initiatives: list[Initiative] = Field(
        default_factory=list, description="The initiatives to choose from and schedule."
    )
    resources: list[Resource] = Field(
        default_factory=list,
        description="Teams or skill pools whose weekly capacity limits the plan.",
    )
    calendar: Calendar | None = Field(
        default=None, description="Start date, working days and holidays of the plan."
    )
    horizon_weeks: Annotated[int, Field(gt=0)] | None = Field(
        default=None, description="Planning horizon for capacity; default: the budgeted years."
    )
    budget_limits: list[BudgetLimit] = Field(
        default_factory=list,
        description="Spending limit per fiscal year, checked by portfolio selection and the budget.",
    )
