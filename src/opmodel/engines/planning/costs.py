"""Cost lines of a plan: each initiative's, budget and training costs, placed in fiscal years."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Literal

from pydantic import BaseModel, Field

from opmodel.document.budget import fiscal_year_of, fiscal_year_start
from opmodel.document.model import OperatingModel
from opmodel.document.roadmap import Calendar, CostCategory, Initiative, Roadmap

# The categories the article says budgets forget.
HIDDEN = (CostCategory.training, CostCategory.productivity, CostCategory.parallel_running,
          CostCategory.contingency)


CostSource = Literal["initiative_cost", "budget_item", "course", "contingency_policy"]


class CostLine(BaseModel):
    """One amount in one category and fiscal year, and where it comes from."""

    category: str
    fiscal_year: int | None
    amount: float
    initiative: str | None
    source: CostSource = Field(description="An initiative's cost item, a budget item, a "
                                           "training course, or the contingency policy.")
    reference: str | None = Field(
        default=None, description="The id of the cost item, budget item or course.")


def round_money(amount: float, decimals: int) -> float:
    """An amount rounded to the currency's minor unit (half away from zero)."""
    scale = 10 ** decimals
    sign = -1 if amount < 0 else 1
    return float(sign * int(abs(amount) * scale + 0.5) / scale)


def plan_start(model: OperatingModel) -> dt.date | None:
    """The day the roadmap starts: its calendar start, else its first phase, else as-of."""
    roadmap = model.roadmap
    if roadmap and roadmap.calendar and roadmap.calendar.start:
        return roadmap.calendar.start
    phases = [p.start for p in roadmap.phases if p.start] if roadmap else []
    return min(phases) if phases else model.metadata.as_of


def starting(model: OperatingModel, start: dt.date) -> OperatingModel:
    """A copy of the model whose roadmap starts on ``start`` (every engine reads it there)."""
    roadmap = model.roadmap or Roadmap()
    calendar = (roadmap.calendar or Calendar()).model_copy(update={"start": start})
    return model.model_copy(update={"roadmap": roadmap.model_copy(update={"calendar": calendar})})


def estimated_windows(model: OperatingModel) -> dict[str, tuple[dt.date, dt.date]]:
    """Each initiative's likely start and finish before any schedule exists: the critical
    path from the plan start (its own earliest start, its phase's start, its prerequisites
    with their lags; most likely durations; calendar weeks, no team limits)."""
    start = plan_start(model)
    roadmap = model.roadmap
    if start is None or roadmap is None:
        return {}
    phases = {p.id: p.start for p in roadmap.phases if p.start}
    by_id = {ini.id: ini for ini in roadmap.initiatives}
    weeks = {ini.id: ini.duration.most_likely if ini.duration else 0.0
             for ini in roadmap.initiatives}
    begin: dict[str, float] = {}

    def earliest(ini: Initiative, path: frozenset[str]) -> float:
        if ini.id in begin:
            return begin[ini.id]
        dates = [d for d in (ini.earliest_start, phases.get(ini.phase or "")) if d]
        at = max([0.0, *((d - start).days / 7 for d in dates)])
        for dep in ini.depends_on:
            before = by_id.get(dep.initiative)
            if before is None or before.id in path:  # unknown or a cycle: the checks say so
                continue
            offset = earliest(before, path | {ini.id}) + dep.lag
            at = max(at, offset + (weeks[before.id] if dep.type.value == "fs" else 0.0))
        begin[ini.id] = at
        return at

    return {ini.id: (start + dt.timedelta(days=round(earliest(ini, frozenset()) * 7)),
                     start + dt.timedelta(days=round((begin[ini.id] + weeks[ini.id]) * 7)))
            for ini in roadmap.initiatives}


def default_year(model: OperatingModel, initiative: Initiative | None = None,
                 windows: Mapping[str, tuple[dt.date, dt.date]] | None = None) -> int | None:
    """The fiscal year a cost falls in when nothing else places it."""
    month = model.metadata.fiscal_year_start_month
    window = windows.get(initiative.id) if windows is not None and initiative else None
    day = (window[0] if window else None) or (
        initiative.earliest_start if initiative else None) or plan_start(model)
    if day is not None:
        return fiscal_year_of(day, month)
    limits = model.roadmap.budget_limits if model.roadmap else []
    return min((b.fiscal_year for b in limits), default=None)


def split_by_year(start: dt.date, finish: dt.date, month: int) -> dict[int, float]:
    """Shares of the period start–finish falling in each fiscal year (by days)."""
    first, last = fiscal_year_of(start, month), fiscal_year_of(finish, month)
    days = (finish - start).days
    if first == last or days <= 0:
        return {first: 1.0}
    shares = {}
    for year in range(first, last + 1):
        lo = max(start, fiscal_year_start(year, month))
        hi = min(finish, fiscal_year_start(year + 1, month))
        shares[year] = max(0, (hi - lo).days) / days
    return shares


def _training_lines(model: OperatingModel, year: int | None) -> list[CostLine]:
    """Course costs from the change plan's training engine."""
    from opmodel.engines.change.training import training_costs

    return [CostLine(category=CostCategory.training.value,
                     fiscal_year=c.fiscal_year if c.fiscal_year is not None else year,
                     amount=c.amount, initiative=None, source="course", reference=c.course)
            for c in training_costs(model) if c.amount > 0]


def cost_lines(model: OperatingModel, chosen: Collection[str], *,
               schedule: Mapping[str, tuple[dt.date, dt.date]] | None = None,
               include_shared: bool = True) -> list[CostLine]:
    """Every cost of the chosen initiatives (and shared budget and training costs)."""
    own = own_cost_lines(model, chosen, schedule)
    return [*own, *shared_cost_lines(model, chosen, own)] if include_shared else own


def own_cost_lines(model: OperatingModel, chosen: Collection[str],
                   schedule: Mapping[str, tuple[dt.date, dt.date]] | None = None
                   ) -> list[CostLine]:
    """The chosen initiatives' own costs and the one-off budget items tied to them, placed
    by ``schedule`` dates (else by each initiative's likely window)."""
    month = model.metadata.fiscal_year_start_month
    picked = set(chosen)
    lines: list[CostLine] = []
    # without a schedule, each initiative's likely window places its costs
    windows = estimated_windows(model) if schedule is None else {}
    for ini in model.roadmap.initiatives if model.roadmap else []:
        if ini.id not in picked:
            continue
        when = schedule.get(ini.id) if schedule else windows.get(ini.id)
        shares = (split_by_year(when[0], when[1], month) if when
                  else {default_year(model, ini): 1.0})
        for item in ini.costs:
            spread = {item.fiscal_year: 1.0} if item.fiscal_year is not None else shares
            for year, share in spread.items():
                lines.append(CostLine(category=item.category.value, fiscal_year=year,
                                      amount=item.amount * share, initiative=ini.id,
                                      source="initiative_cost", reference=item.id))
        for extra in model.budget.items if model.budget else []:
            if extra.initiative == ini.id and not extra.recurring:
                lines.append(CostLine(category=extra.category.value,
                                      fiscal_year=extra.fiscal_year
                                      or default_year(model, ini, windows or None),
                                      amount=extra.amount, initiative=ini.id,
                                      source="budget_item", reference=extra.id))
    return lines


def shared_cost_lines(model: OperatingModel, chosen: Collection[str],
                      own: list[CostLine]) -> list[CostLine]:
    """Shared and recurring budget items and training, in the years of the ``own`` lines."""
    picked = set(chosen)
    lines: list[CostLine] = []
    base = default_year(model)
    years = sorted({line.fiscal_year for line in own if line.fiscal_year is not None})
    for extra in model.budget.items if model.budget else []:
        if extra.initiative is not None and (extra.initiative not in picked or not extra.recurring):
            continue
        if extra.recurring:
            # a recurring cost runs every year of the transition (parallel running, licences),
            # from its own fiscal year on when it names one
            first = extra.fiscal_year
            targets: list[int | None] = [y for y in years if first is None or y >= first]
            targets = targets or [first or base]
            for year in targets:
                lines.append(CostLine(category=extra.category.value, fiscal_year=year,
                                      amount=extra.amount, initiative=extra.initiative,
                                      source="budget_item", reference=extra.id))
        else:
            lines.append(CostLine(category=extra.category.value,
                                  fiscal_year=extra.fiscal_year or base, amount=extra.amount,
                                  initiative=None, source="budget_item", reference=extra.id))
    lines.extend(_training_lines(model, base))
    return lines
