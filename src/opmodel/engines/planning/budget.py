"""The transition budget: cost by fiscal year and category, contingency, run cost, NPV, payback.

Article (budgeting challenge): direct cost alone is not a budget; training, lost
productivity, parallel running and contingency must be planned too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from pydantic import BaseModel, Field

from opmodel.document.budget import fiscal_year_of
from opmodel.document.model import OperatingModel
from opmodel.document.roadmap import CostCategory, LimitScope
from opmodel.engines.planning.ceilings import covered, limits, total_scope
from opmodel.engines.planning.costs import (
    HIDDEN,
    CostLine,
    own_cost_lines,
    plan_start,
    round_money,
    shared_cost_lines,
)
from opmodel.engines.planning.returns import (
    CashYear,
    RunCostView,
    cash_view,
    run_cost,
    unlinked_warnings,
    yearly_returns,
)
from opmodel.knowledge.texts import Message, currency_decimals, message

__all__ = ["BudgetResult", "CostLine", "budget", "fiscal_year_of"]


class YearBudget(BaseModel):
    """Cost of one fiscal year, by category."""

    fiscal_year: int | None
    categories: dict[str, float]
    total: float


class Contingency(BaseModel):
    """How much contingency and where it comes from."""

    method: str  # percent | monte_carlo
    amount: float
    items: float = 0.0  # contingency cost items written in the document, on top
    basis: Message = Field(description="How the amount was reached.")


class LimitUse(BaseModel):
    """A fiscal year's limit (None: all years together) against what the budget counts in it."""

    fiscal_year: int | None
    covers: LimitScope = Field(description="all: the whole bill; direct: capex and opex only.")
    limit: float
    amount: float = Field(description="What the budget counts against the limit.")
    over: float = Field(description="Amount above the limit (0 when within it).")


class BudgetResult(BaseModel):
    """The budget of the selected initiatives, in the document's currency."""

    currency: str
    decimals: int
    lines: list[CostLine]
    by_year: list[YearBudget]
    by_category: dict[str, float]
    total: float
    contingency: Contingency
    run_cost: RunCostView
    cash: list[CashYear]
    npv: float
    payback_years: float | None
    limits: list[LimitUse] = Field(default_factory=list,
                                   description="Every limit of roadmap.budget_limits, then all "
                                               "years together, with what the budget counts.")
    over_limits: list[LimitUse] = Field(default_factory=list,
                                        description="The limits the budget breaks.")
    after_limits: float = Field(
        default=0.0, description="Cost in fiscal years after the last one with a limit.")
    warnings: list[Message]


def _contingency(model: OperatingModel, base: float, cost_spread: Mapping[int, float] | None
                 ) -> Contingency:
    policy = model.budget.contingency if model.budget else None
    percent = policy.percent if policy else 10.0
    if policy is not None and policy.method.value == "monte_carlo":
        pct = policy.percentile
        if cost_spread is not None and pct in cost_spread and 50 in cost_spread:
            amount = max(0.0, cost_spread[pct] - cost_spread[50])
            return Contingency(method="monte_carlo", amount=amount,
                               basis=message("budget.contingency.monte_carlo",
                                             percentile=pct))
    return Contingency(method="percent", amount=base * percent / 100,
                       basis=message("budget.contingency.percent", percent=percent))


# article: budgets that forget these fail; one message each, naming the category to add
MISSING = {
    CostCategory.training: "budget.missing.training",
    CostCategory.productivity: "budget.missing.productivity",
    CostCategory.parallel_running: "budget.missing.parallel_running",
    CostCategory.contingency: "budget.missing.contingency",
}


def _warnings(by_category: Mapping[str, float]) -> list[Message]:
    return [message(MISSING[category]) for category in HIDDEN
            if by_category.get(category.value, 0.0) <= 0]


def _limit_uses(model: OperatingModel, lines: list[CostLine], decimals: int
                ) -> list[LimitUse]:
    """Each year's limit, then all years together, against the costs it covers."""
    by_year = limits(model)
    if not by_year:
        return []

    def amount(year: int | None, scope: LimitScope) -> float:
        return sum(line.amount for line in lines if covered(line.category, scope)
                   and (year is None or line.fiscal_year == year))

    def use(year: int | None, limit: float, scope: LimitScope) -> LimitUse:
        spent = round_money(amount(year, scope), decimals)
        return LimitUse(fiscal_year=year, covers=scope, limit=limit, amount=spent,
                        over=max(0.0, round_money(spent - limit, decimals)))

    out = [use(year, limit, scope) for year, (limit, scope) in sorted(by_year.items())]
    out.append(use(None, sum(limit for limit, _ in by_year.values()), total_scope(model)))
    return out


def _over(uses: list[LimitUse]) -> list[LimitUse]:
    """Years over their limit; all years together only when no single year is."""
    years = [u for u in uses if u.over > 0 and u.fiscal_year is not None]
    return years or [u for u in uses if u.over > 0]


def _limit_warnings(excesses: list[LimitUse], currency: str) -> list[Message]:
    return [message("budget.over_limit" if x.fiscal_year is not None
                    else "budget.over_limit_total", year=x.fiscal_year, amount=x.amount,
                    limit=x.limit, over=x.over, covers=x.covers.value, currency=currency)
            for x in excesses]


def budget(model: OperatingModel, selected: Collection[str] | None = None, *,
           schedule: Mapping[str, tuple[dt.date, dt.date]] | None = None,
           cost_spread: Mapping[int, float] | None = None) -> BudgetResult:
    """The budget of ``selected`` initiatives (all when None) placed by ``schedule`` dates.

    ``cost_spread`` maps percentiles of the simulated total cost (e.g. {50: …, 80: …}); it is
    used when the contingency policy asks for the Monte Carlo method.
    """
    ids = [i.id for i in model.roadmap.initiatives] if model.roadmap else []
    chosen = list(ids if selected is None else [i for i in ids if i in set(selected)])
    currency = model.metadata.currency
    decimals = currency_decimals(currency)
    own = own_cost_lines(model, chosen, schedule)
    lines = [*own, *shared_cost_lines(model, chosen, own)]
    base = sum(line.amount for line in lines if line.category != CostCategory.contingency.value)
    explicit = sum(line.amount for line in lines
                   if line.category == CostCategory.contingency.value)
    contingency = _contingency(model, base, cost_spread)
    if contingency.amount > 0:
        lines.extend(_spread_contingency(lines, contingency.amount, model, base))
    years: dict[int | None, dict[str, float]] = {}
    for line in lines:
        row = years.setdefault(line.fiscal_year, {c.value: 0.0 for c in CostCategory})
        row[line.category] += line.amount
    by_year = [YearBudget(fiscal_year=y,
                          categories={k: round_money(v, decimals) for k, v in cats.items()},
                          total=round_money(sum(cats.values()), decimals))
               for y, cats in sorted(years.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))]
    by_category = {c.value: round_money(sum(line.amount for line in lines
                                            if line.category == c.value), decimals)
                   for c in CostCategory}
    run = run_cost(model, chosen)
    start_month = model.metadata.fiscal_year_start_month
    end_year = (max(fiscal_year_of(f, start_month) for _, f in schedule.values())
                if schedule else None)
    cost = {y.fiscal_year: y.total for y in by_year if y.fiscal_year is not None}
    returns = yearly_returns(model, chosen, run, schedule, end_year,
                             max(cost, default=None))
    cash, npv, payback = cash_view(model, cost, run, returns, end_year, decimals)
    uses = _limit_uses(model, lines, decimals)
    excesses = _over(uses)
    last_limited = max(limits(model), default=None)
    after = round_money(sum(v for y, v in cost.items()
                            if last_limited is not None and y > last_limited), decimals)
    late = ([message("budget.after_last_limit", year=last_limited, amount=after,
                     currency=currency)] if after > 0 else [])
    # with nothing selected (an infeasible portfolio) there is no plan whose budget could
    # forget the hidden costs
    hidden = _warnings(by_category) if chosen else []
    return BudgetResult(
        currency=currency, decimals=decimals, by_year=by_year,
        # every amount shown is in the currency's units (JPY has none below the yen)
        lines=[line.model_copy(update={"amount": round_money(line.amount, decimals)})
               for line in lines],
        by_category=by_category, total=round_money(sum(line.amount for line in lines), decimals),
        contingency=Contingency(method=contingency.method,
                                amount=round_money(contingency.amount, decimals),
                                basis=contingency.basis,
                                items=round_money(explicit, decimals)),
        run_cost=run, cash=cash, npv=npv, payback_years=payback, limits=uses,
        over_limits=excesses, after_limits=after,
        warnings=(hidden + _limit_warnings(excesses, currency) + late
                  + unlinked_warnings(model, run, currency)))


def _spread_contingency(lines: list[CostLine], amount: float, model: OperatingModel,
                        base: float) -> list[CostLine]:
    """Contingency placed in each year in proportion to that year's other cost."""
    per_year: dict[int | None, float] = {}
    for line in lines:
        if line.category != CostCategory.contingency.value:
            per_year[line.fiscal_year] = per_year.get(line.fiscal_year, 0.0) + line.amount
    if not per_year or base <= 0:
        start = plan_start(model)
        year = (fiscal_year_of(start, model.metadata.fiscal_year_start_month)
                if start else None)
        per_year, base = {year: 1.0}, 1.0
    return [CostLine(category=CostCategory.contingency.value, fiscal_year=y,
                     amount=amount * v / base, initiative=None, source="contingency_policy")
            for y, v in per_year.items()]

