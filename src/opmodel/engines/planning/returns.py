"""What the plan brings back: run cost before and after, benefits and savings of the selected
initiatives from when each finishes, the cash view, NPV and payback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from pydantic import BaseModel, Field

from opmodel.document.budget import CostBehaviour, RunCost, fiscal_year_of
from opmodel.document.model import OperatingModel
from opmodel.engines.planning.costs import round_money
from opmodel.knowledge.texts import Message, message


class RunCostView(BaseModel):
    """Yearly run cost before and after the change, split into fixed and variable."""

    before_fixed: float
    before_variable: float
    after_fixed: float
    after_variable: float
    annual_saving: float
    fixed_share_before: float
    fixed_share_after: float
    by_initiative: dict[str, float] = Field(
        default_factory=dict,
        description="Yearly saving of each selected initiative: its run cost before that ends "
                    "less its run cost after that begins, from the year after it finishes.")
    not_selected: dict[str, float] = Field(
        default_factory=dict,
        description="Savings of initiatives left out: not counted in the run cost after, the "
                    "cash view or the NPV.")
    unlinked: float = Field(
        default=0.0, description="The saving of run-cost lines tied to no initiative; counted "
                                 "after the transition, and warned about.")


class CashYear(BaseModel):
    """Cash of one fiscal year: transition cost out, benefits in, running and discounted sums."""

    fiscal_year: int
    cost: float
    benefit: float
    net: float
    cumulative: float
    discounted: float


def _split(lines: list[RunCost]) -> tuple[float, float]:
    fixed = sum(r.amount for r in lines if r.behaviour is CostBehaviour.fixed)
    return fixed, sum(r.amount for r in lines) - fixed


def run_cost(model: OperatingModel, chosen: Collection[str]) -> RunCostView:
    """Run cost after the selected initiatives: a line tied to an initiative changes only when
    that initiative is selected; the lines tied to none change as a whole (the after list
    replaces the before list) when there are any after."""
    b = model.budget
    before = list(b.run_cost_before) if b else []
    after = list(b.run_cost_after) if b else []
    picked = set(chosen)
    loose_after = [r for r in after if r.initiative is None]
    stays = [r for r in before if r.initiative is not None and r.initiative not in picked]
    if not loose_after:
        stays += [r for r in before if r.initiative is None]
    result = stays + loose_after + [r for r in after if r.initiative in picked]
    saving: dict[str, float] = {}
    for sign, lines in ((1, before), (-1, after)):
        for r in lines:
            if r.initiative is not None:
                saving[r.initiative] = saving.get(r.initiative, 0.0) + sign * r.amount
    loose = (sum(r.amount for r in before if r.initiative is None)
             - sum(r.amount for r in loose_after)) if loose_after else 0.0
    bf, bv = _split(before)
    af, av = _split(result)
    return RunCostView(
        before_fixed=bf, before_variable=bv, after_fixed=af, after_variable=av,
        annual_saving=(bf + bv) - (af + av),
        fixed_share_before=bf / (bf + bv) if bf + bv else 0.0,
        fixed_share_after=af / (af + av) if af + av else 0.0,
        by_initiative={i: v for i, v in saving.items() if i in picked},
        not_selected={i: v for i, v in saving.items() if i not in picked}, unlinked=loose)


def unlinked_warnings(model: OperatingModel, run: RunCostView, currency: str) -> list[Message]:
    """Savings and benefits that no initiative brings: counted, but nobody delivers them."""
    out = []
    if run.unlinked:
        out.append(message("budget.saving_without_initiative", amount=run.unlinked,
                           currency=currency))
    if model.budget is not None and model.budget.annual_benefits > 0:
        out.append(message("budget.benefit_without_initiative",
                           amount=model.budget.annual_benefits, currency=currency))
    return out


def yearly_returns(model: OperatingModel, chosen: Collection[str], run: RunCostView,
                   schedule: Mapping[str, tuple[dt.date, dt.date]] | None,
                   end_year: int | None, fallback: int | None) -> dict[int, float]:
    """Benefit and run-cost saving of each selected initiative, in the fiscal year it
    finishes (counted from the year after)."""
    month = model.metadata.fiscal_year_start_month
    out: dict[int, float] = {}
    for ini in model.roadmap.initiatives if model.roadmap else []:
        amount = ini.annual_benefit + run.by_initiative.get(ini.id, 0.0)
        if ini.id not in chosen or not amount:
            continue
        done = schedule.get(ini.id) if schedule else None
        year = fiscal_year_of(done[1], month) if done else end_year
        if year is None:
            year = fallback
        if year is not None:
            out[year] = out.get(year, 0.0) + amount
    return out


def cash_view(model: OperatingModel, cost: Mapping[int, float], run: RunCostView,
              returns: Mapping[int, float], transition_end: int | None, decimals: int
              ) -> tuple[list[CashYear], float, float | None]:
    """Cash per fiscal year from the first cost to the horizon, the NPV and the payback."""
    b = model.budget
    rate = b.discount_rate if b else 0.05
    if not cost:
        return [], 0.0, None
    first, last_cost = min(cost), max(cost)
    end = transition_end if transition_end is not None else last_cost
    last = max(last_cost, end + (b.horizon_years if b else 5))
    # what no initiative brings counts once the whole transition is over
    yearly = (b.annual_benefits if b else 0.0) + run.unlinked
    rows, cumulative, npv, payback = [], 0.0, 0.0, None
    for k, year in enumerate(range(first, last + 1)):
        benefit = sum(v for y, v in returns.items() if y < year)
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
