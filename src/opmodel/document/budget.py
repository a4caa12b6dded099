"""The budget section: cost items, run cost before and after, and the contingency policy."""

from __future__ import annotations

from datetime import date
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


def fiscal_year_of(day: date, start_month: int) -> int:
    """The fiscal year a date falls in, named by the calendar year the fiscal year starts in.

    With an April start (common in Japan) 2026-03-31 is in FY2025 and 2026-04-01 in FY2026.
    """
    return day.year if day.month >= start_month else day.year - 1


def fiscal_year_start(year: int, start_month: int) -> date:
    """The first day of a fiscal year."""
    return date(year, start_month, 1)
