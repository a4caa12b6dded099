"""The transition budget: cost by fiscal year and category, contingency, run cost, NPV, payback.

Article (budgeting challenge): direct cost alone is not a budget; training, lost
productivity, parallel running and contingency must be planned too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from pydantic import BaseModel, Field

from opmodel.document.budget import CostBehaviour, fiscal_year_of
from opmodel.document.model import OperatingModel
from opmodel.document.roadmap import CostCategory
from opmodel.engines.planning.costs import (
    HIDDEN,
    CostLine,
    cost_lines,
    own_cost_lines,
    plan_start,
    round_money,
    shared_cost_lines,
)
from opmodel.knowledge.texts import Message, currency_decimals, message

__all__ = ["BudgetResult", "CostLine", "budget", "fiscal_year_of", "initiative_costs"]


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


class RunCostView(BaseModel):
    """Yearly run cost before and after the change, split into fixed and variable."""

    before_fixed: float
    before_variable: float
    after_fixed: float
    after_variable: float
    annual_saving: float
    fixed_share_before: float
    fixed_share_after: float


class CashYear(BaseModel):
    """Cash of one fiscal year: transition cost out, benefits in, running and discounted sums."""

    fiscal_year: int
    cost: float
    benefit: float
    net: float
    cumulative: float
    discounted: float


class LimitExcess(BaseModel):
    """A fiscal year (None: all years together) whose budget is over ``roadmap.budget_limits``."""

    fiscal_year: int | None
    limit: float
    amount: float
    over: float
    not_in_selection: float = Field(
        description="Training courses, shared budget items and contingency of that year: in the "
                    "budget, not in the portfolio selection's budget constraint.")


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
    over_limits: list[LimitExcess] = Field(default_factory=list)
    warnings: list[Message]


def initiative_costs(model: OperatingModel) -> dict[str, dict[int | None, float]]:
    """Each initiative's own cost per fiscal year (None where no year can be told), from one
    pass over the cost lines."""
    ids = [ini.id for ini in model.roadmap.initiatives] if model.roadmap else []
    out: dict[str, dict[int | None, float]] = {}
    for line in cost_lines(model, ids, include_shared=False):
        per_year = out.setdefault(line.initiative or "", {})
        per_year[line.fiscal_year] = per_year.get(line.fiscal_year, 0.0) + line.amount
    return out


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


def _run_cost(model: OperatingModel) -> RunCostView:
    def split(items: list[tuple[float, CostBehaviour]]) -> tuple[float, float]:
        fixed = sum(a for a, b in items if b is CostBehaviour.fixed)
        return fixed, sum(a for a, _ in items) - fixed

    b = model.budget
    bf, bv = split([(r.amount, r.behaviour) for r in b.run_cost_before]) if b else (0.0, 0.0)
    af, av = split([(r.amount, r.behaviour) for r in b.run_cost_after]) if b else (0.0, 0.0)
    after = (b is not None and bool(b.run_cost_after))
    saving = (bf + bv) - (af + av) if after else 0.0
    return RunCostView(before_fixed=bf, before_variable=bv, after_fixed=af, after_variable=av,
                       annual_saving=saving,
                       fixed_share_before=bf / (bf + bv) if bf + bv else 0.0,
                       fixed_share_after=af / (af + av) if af + av else 0.0)


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


def _over_limits(model: OperatingModel, lines: list[CostLine], own: list[CostLine],
                 decimals: int) -> list[LimitExcess]:
    """Years whose whole budget is over their limit; the total when no single year is."""
    limits = {b.fiscal_year: b.amount for b in model.roadmap.budget_limits} if model.roadmap else {}
    if not limits:
        return []

    def by_year(of: list[CostLine]) -> dict[int | None, float]:
        out: dict[int | None, float] = {}
        for line in of:
            out[line.fiscal_year] = out.get(line.fiscal_year, 0.0) + line.amount
        return out

    spent, counted = by_year(lines), by_year(own)

    def excess(year: int | None, limit: float, amount: float, own_amount: float
               ) -> LimitExcess:
        return LimitExcess(fiscal_year=year, limit=limit, amount=round_money(amount, decimals),
                           over=round_money(amount - limit, decimals),
                           not_in_selection=round_money(amount - own_amount, decimals))

    out = [excess(year, limit, spent.get(year, 0.0), counted.get(year, 0.0))
           for year, limit in sorted(limits.items())]
    out = [x for x in out if x.over > 0]
    if not out:
        # over the money of all years together only: costs in years without a limit of their own
        total = excess(None, sum(limits.values()), sum(spent.values()), sum(counted.values()))
        out = [total] if total.over > 0 else []
    return out


def _limit_warnings(excesses: list[LimitExcess], currency: str) -> list[Message]:
    return [message("budget.over_limit" if x.fiscal_year is not None
                    else "budget.over_limit_total", year=x.fiscal_year, amount=x.amount,
                    limit=x.limit, over=x.over, not_in_selection=x.not_in_selection,
                    currency=currency)
            for x in excesses]


def _cash(model: OperatingModel, by_year: list[YearBudget], run: RunCostView,
          benefits: Mapping[int, float], transition_end: int | None, decimals: int
          ) -> tuple[list[CashYear], float, float | None]:
    b = model.budget
    rate = b.discount_rate if b else 0.05
    years = [y.fiscal_year for y in by_year if y.fiscal_year is not None]
    if not years:
        return [], 0.0, None
    first = min(years)
    last_cost = max(years)
    end = transition_end if transition_end is not None else last_cost
    horizon = b.horizon_years if b else 5
    last = max(last_cost, end + horizon)
    cost = {y.fiscal_year: y.total for y in by_year if y.fiscal_year is not None}
    yearly = (b.annual_benefits if b else 0.0) + run.annual_saving
    rows, cumulative, npv, payback = [], 0.0, 0.0, None
    for k, year in enumerate(range(first, last + 1)):
        benefit = sum(v for y, v in benefits.items() if y < year)
        benefit += yearly if year > end else 0.0
        net = benefit - cost.get(year, 0.0)
        before = cumulative
        cumulative += net
        # cash of the k-th fiscal year is discounted k years back to the start of the first
        npv += net / (1 + rate) ** k
        if payback is None and k > 0 and before < 0 <= cumulative and net > 0:
            payback = k + (-before / net)
        rows.append(CashYear(fiscal_year=year, cost=round_money(cost.get(year, 0.0), decimals),
                             benefit=round_money(benefit, decimals),
                             net=round_money(net, decimals),
                             cumulative=round_money(cumulative, decimals),
                             discounted=round_money(npv, decimals)))
    return rows, round_money(npv, decimals), payback


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
    run = _run_cost(model)
    start_month = model.metadata.fiscal_year_start_month
    end_year = (max(fiscal_year_of(f, start_month) for _, f in schedule.values())
                if schedule else None)
    benefits: dict[int, float] = {}
    for ini in model.roadmap.initiatives if model.roadmap else []:
        if ini.id in chosen and ini.annual_benefit > 0:
            done = schedule.get(ini.id) if schedule else None
            year = fiscal_year_of(done[1], start_month) if done else end_year
            if year is None:
                year = max((y for y in years if y is not None), default=None)
            if year is not None:
                benefits[year] = benefits.get(year, 0.0) + ini.annual_benefit
    cash, npv, payback = _cash(model, by_year, run, benefits, end_year, decimals)
    excesses = _over_limits(model, lines, own, decimals)
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
        run_cost=run, cash=cash, npv=npv, payback_years=payback, over_limits=excesses,
        warnings=hidden + _limit_warnings(excesses, currency))


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

