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
    """A cost kept in the budget section: shared, or added to an initiative's own costs."""

    category: CostCategory = Field(
        description="Cost category: capex, opex, training, productivity, parallel_running or contingency."
    )
    amount: NonNegative = Field(description="Amount in the document's currency.")
    fiscal_year: int | None = Field(
        default=None,
        description="Fiscal year of the cost (recurring: the first); default: the initiative's or the plan's start year.",
    )
    initiative: InitiativeRef | None = Field(
        default=None,
        description="Initiative the cost belongs to; counted only when that initiative is selected.",
    )
    recurring: bool = Field(
        default=False, description="Repeat the amount in every fiscal year of the transition."
    )


class CostBehaviour(StrEnum):
    """Fixed cost stays whatever the volume; variable cost follows demand."""

    fixed = "fixed"
    variable = "variable"


class RunCost(Entity):
    """A yearly cost of running IT, before or after the change."""

    amount: NonNegative = Field(description="Yearly amount in the document's currency.")
    behaviour: CostBehaviour = Field(
        default=CostBehaviour.fixed,
        description="fixed (the default) or variable, following volume.",
    )
    vendor: VendorRef | None = Field(default=None, description="Vendor paid for this cost.")
    initiative: InitiativeRef | None = Field(
        default=None,
        description="Initiative that changes this cost: a cost before ends, and a cost after "
                    "begins, from the fiscal year after it finishes, and only when it is selected.",
    )


class ContingencyMethod(StrEnum):
    """Where contingency comes from."""

    percent = "percent"
    monte_carlo = "monte_carlo"


class ContingencyPolicy(DocumentModel):
    """Contingency: a share of direct cost, or a Monte Carlo spread (e.g. P80 − P50)."""

    method: ContingencyMethod = Field(
        default=ContingencyMethod.percent, description="percent (the default) or monte_carlo."
    )
    percent: Annotated[float, Field(ge=0, le=100)] = Field(
        default=10.0,
        description="Contingency as a percentage of all other costs, for method percent.",
    )
    percentile: Annotated[int, Field(ge=50, le=99)] = Field(
        default=80,
        description="For method monte_carlo: contingency = this percentile of simulated cost minus P50.",
    )


class Budget(DocumentModel):
    """What the change costs and what it saves."""

    items: list[BudgetItem] = Field(
        default_factory=list,
        description="Costs besides the initiatives' own cost lists, shared or tied to an initiative.",
    )
    run_cost_before: list[RunCost] = Field(
        default_factory=list, description="Yearly costs of running IT before the change."
    )
    run_cost_after: list[RunCost] = Field(
        default_factory=list,
        description="Yearly costs of running IT after the change; the saving counts as a benefit.",
    )
    annual_benefits: NonNegative = Field(
        default=0.0,
        description="Money saved or earned per year after the transition that no initiative brings; "
                    "better given as initiatives' annual_benefit.",
    )
    contingency: ContingencyPolicy = Field(
        default_factory=ContingencyPolicy, description="How the contingency is computed."
    )
    discount_rate: Annotated[float, Field(ge=0, le=1)] = Field(
        default=0.05, description="Yearly discount rate for the NPV, as a fraction (0.05 = 5%)."
    )
    horizon_years: Annotated[int, Field(ge=1, le=30)] = Field(
        default=5, description="Years after the transition that the cash view and NPV cover."
    )
    assumptions: list[str] = Field(
        default_factory=list, description="Assumptions behind the figures, in free text."
    )


def fiscal_year_of(day: date, start_month: int) -> int:
    """The fiscal year a date falls in, named by the calendar year the fiscal year starts in.

    With an April start (common in Japan) 2026-03-31 is in FY2025 and 2026-04-01 in FY2026.
    """
    return day.year if day.month >= start_month else day.year - 1


def fiscal_year_start(year: int, start_month: int) -> date:
    """The first day of a fiscal year."""
    return date(year, start_month, 1)
