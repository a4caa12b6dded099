"""What a fiscal year's budget limit counts, before any schedule exists: the whole bill (each
initiative's own costs, shared budget items, courses and contingency) or direct costs only.

Article (budgeting challenge): training, lost productivity, parallel running and contingency
are part of the bill, so a ceiling that leaves them out is not a ceiling.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from opmodel.document.model import OperatingModel
from opmodel.document.roadmap import CostCategory, LimitScope
from opmodel.engines.planning.costs import default_year

DIRECT = frozenset({CostCategory.capex.value, CostCategory.opex.value})
SCOPES = (LimitScope.all, LimitScope.direct)
MONEY_SCALE = 100  # the selection counts money in hundredths of the currency's unit
Charge = dict[LimitScope, float]  # one amount per scope a limit may cover


def covered(category: str, covers: LimitScope) -> bool:
    """Whether a cost of ``category`` counts against a limit that ``covers`` this."""
    return covers is LimitScope.all or category in DIRECT


def limits(model: OperatingModel) -> dict[int, tuple[float, LimitScope]]:
    """Each fiscal year's limit and what it covers."""
    return ({b.fiscal_year: (b.amount, b.covers) for b in model.roadmap.budget_limits}
            if model.roadmap else {})


def total_scope(model: OperatingModel) -> LimitScope:
    """What the limit of all years together covers: direct costs when every year's does."""
    scopes = {scope for _, scope in limits(model).values()}
    return LimitScope.direct if scopes == {LimitScope.direct} else LimitScope.all


def contingency_rate(model: OperatingModel, simulated: bool = True) -> float:
    """Contingency as a share of the other costs, as far as it can be told before simulating.

    For the Monte Carlo method: P*n* − P50 of the sum of every initiative's triangular cost
    items, normal approximation, over their most likely total; the plan checks it afterwards.
    Without a simulation (``simulated`` false) the budget falls back on the percentage.
    """
    policy = model.budget.contingency if model.budget else None
    if policy is None:
        return 0.10
    if policy.method.value != "monte_carlo" or not simulated:
        return policy.percent / 100
    from statistics import NormalDist

    variance, total = 0.0, 0.0
    for ini in model.roadmap.initiatives if model.roadmap else []:
        for c in ini.costs:
            total += c.amount
            lo = c.amount if c.low is None else c.low
            hi = c.amount if c.high is None else c.high
            variance += (lo * lo + hi * hi + c.amount ** 2 - lo * hi - lo * c.amount
                         - hi * c.amount) / 18
    if total <= 0:
        return 0.0
    return NormalDist().inv_cdf(policy.percentile / 100) * math.sqrt(variance) / total


def charge(category: str, amount: float, rate: float) -> Charge:
    """What one cost adds to a limit of each scope, with the contingency it draws."""
    whole = amount if category == CostCategory.contingency.value else amount * (1 + rate)
    return {LimitScope.all: whole,
            LimitScope.direct: amount if category in DIRECT else 0.0}


def _add(into: dict[int | None, Charge], year: int | None, more: Charge) -> None:
    row = into.setdefault(year, dict.fromkeys(SCOPES, 0.0))
    for scope in SCOPES:
        row[scope] += more[scope]


@dataclass
class Bill:
    """The selection's view of the budget: what each initiative costs in fixed fiscal years,
    what it costs over its run (placed by its dates), and what any plan costs."""

    rate: float
    fixed: dict[int | None, Charge] = field(default_factory=dict)
    dated: dict[str, dict[int | None, Charge]] = field(default_factory=dict)
    spread: dict[str, Charge] = field(default_factory=dict)

    def placed(self, initiative: str, shares: Mapping[Any, float]) -> dict[int | None, Charge]:
        """The initiative's cost per fiscal year when its run falls in years by ``shares``."""
        out = {y: dict(c) for y, c in self.dated.get(initiative, {}).items()}
        spread = self.spread.get(initiative)
        if spread is not None:
            for year, share in shares.items():
                _add(out, year, {s: spread[s] * share for s in SCOPES})
        return out


def bill(model: OperatingModel, rate: float | None = None) -> Bill:
    """What the selection counts against the limits (contingency at ``rate``, by default
    :func:`contingency_rate`)."""
    rate = contingency_rate(model) if rate is None else rate
    out = Bill(rate=rate)
    years = sorted(limits(model))
    base = default_year(model)
    for ini in model.roadmap.initiatives if model.roadmap else []:
        dated = out.dated.setdefault(ini.id, {})
        spread = dict.fromkeys(SCOPES, 0.0)
        for item in ini.costs:
            cost = charge(item.category.value, item.amount, rate)
            if item.fiscal_year is not None:
                _add(dated, item.fiscal_year, cost)
            else:
                for scope in SCOPES:
                    spread[scope] += cost[scope]
        out.spread[ini.id] = spread
    courses = []
    if model.change is not None:
        from opmodel.engines.change.training import training_costs

        courses = [(c.fiscal_year, c.amount) for c in training_costs(model) if c.amount > 0]
    for year, amount in courses:
        _add(out.fixed, year if year is not None else base,
             charge(CostCategory.training.value, amount, rate))
    for extra in model.budget.items if model.budget else []:
        cost = charge(extra.category.value, extra.amount, rate)
        into = out.dated.setdefault(extra.initiative, {}) if extra.initiative else out.fixed
        if extra.recurring:
            # every year of the transition: counted in every limited year from its first on
            first = extra.fiscal_year
            targets: list[int | None] = [y for y in years if first is None or y >= first]
            for year in targets or [first or base]:
                _add(into, year, cost)
        elif extra.initiative:
            owner = next((i for i in model.roadmap.initiatives if i.id == extra.initiative)
                         if model.roadmap else iter(()), None)
            _add(into, extra.fiscal_year or default_year(model, owner), cost)
        else:
            _add(into, extra.fiscal_year or base, cost)
    return out


def units(amount: float) -> int:
    """A cost in the selection's whole units (hundredths of the currency), rounded up."""
    return math.ceil(amount * MONEY_SCALE - 1e-6)


def room(limit: float, fixed: float) -> int:
    """What is left of a limit for the initiatives, in the selection's units: the budget
    rounds its sums to the currency, so anything below half a unit over still keeps it."""
    return math.floor((limit - fixed + 0.5) * MONEY_SCALE - 1e-6)


def rows(model: OperatingModel, charges: list[dict[int | None, Charge]], the_bill: Bill
         ) -> list[tuple[int | None, LimitScope, float, list[int], int, float]]:
    """One constraint row per limited year, then all years together: the year, what it covers,
    the limit, each item's cost and the room left (in :func:`units`), and the costs every plan
    has there."""
    out: list[tuple[int | None, LimitScope, float, list[int], int, float]] = []
    by_year = limits(model)
    for year, (limit, scope) in sorted(by_year.items()):
        fixed = the_bill.fixed.get(year, {}).get(scope, 0.0)
        out.append((year, scope, limit,
                    [units(c.get(year, {}).get(scope, 0.0)) for c in charges],
                    room(limit, fixed), fixed))
    if by_year:
        # costs in years without a limit of their own still fit the money of all years
        scope = total_scope(model)
        total = sum(limit for limit, _ in by_year.values())
        fixed = sum(c[scope] for c in the_bill.fixed.values())
        out.append((None, scope, total,
                    [units(sum(v[scope] for v in c.values())) for c in charges],
                    room(total, fixed), fixed))
    return out
