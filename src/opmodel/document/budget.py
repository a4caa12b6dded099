"""The budget section: cost items, run cost before and after, and the contingency policy."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from opmodel.document.base import DocumentModel, Entity
from opmodel.document.refs import InitiativeRef, VendorRef
from opmodel.document.roadmap import CostCategory

NonNegative = Annotated[float, Field(ge=0)]


class BudgetItem(Entity):
    """A cost not tied to one initiative's own cost list (or an override of it)."""

    category: CostCategory
    amount: NonNegative
    fiscal_year: int | None = None
    initiative: InitiativeRef | None = None
    recurring: bool = False


class CostBehaviour(StrEnum):
    """Fixed cost stays whatever the volume; variable cost follows demand."""

    fixed = "fixed"
    variable = "variable"


class RunCost(Entity):
    """A yearly cost of running IT, before or after the change."""

    amount: NonNegative
    behaviour: CostBehaviour = CostBehaviour.fixed
    vendor: VendorRef | None = None


class ContingencyMethod(StrEnum):
    """Where contingency comes from."""

    percent = "percent"
    monte_carlo = "monte_carlo"


class ContingencyPolicy(DocumentModel):
    """Contingency: a share of direct cost, or a Monte Carlo spread (e.g. P80 − P50)."""

    method: ContingencyMethod = ContingencyMethod.percent
    percent: Annotated[float, Field(ge=0, le=100)] = 10.0
    percentile: Annotated[int, Field(ge=50, le=99)] = 80


class Budget(DocumentModel):
    """What the change costs and what it saves."""

    items: list[BudgetItem] = Field(default_factory=list)
    run_cost_before: list[RunCost] = Field(default_factory=list)
    run_cost_after: list[RunCost] = Field(default_factory=list)
    annual_benefits: NonNegative = 0.0
    contingency: ContingencyPolicy = Field(default_factory=ContingencyPolicy)
    discount_rate: Annotated[float, Field(ge=0, le=1)] = 0.05
    horizon_years: Annotated[int, Field(ge=1, le=30)] = 5
    assumptions: list[str] = Field(default_factory=list)
