"""Portfolio selection: the initiatives of most value under budgets, capacity and dependencies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from opmodel.document.model import OperatingModel
from opmodel.document.roadmap import LimitScope, Resource
from opmodel.engines.planning.ceilings import MONEY_SCALE, bill
from opmodel.engines.planning.ceilings import rows as ceiling_rows
from opmodel.engines.planning.costs import (
    default_year,
    estimated_windows,
    plan_start,
    split_by_year,
)
from opmodel.engines.planning.prioritisation import Prioritisation, expected_weeks, prioritise
from opmodel.engines.planning.selection import SelectionProblem, greedy_selection, solve_selection
from opmodel.engines.progress import (
    Progress,
    ProgressCallback,
    StopCheck,
    never_stop,
    no_progress,
)
from opmodel.knowledge.texts import Message, message

VALUE_SCALE = 1000  # CP-SAT works on integers: value points in thousandths
CAPACITY_SCALE = 100  # resource-weeks in hundredths


SolverStatus = Literal["optimal", "feasible", "infeasible", "unknown"]


class ConstraintUse(BaseModel):
    """How much of one limit the selection uses."""

    kind: Literal["budget", "capacity"]
    fiscal_year: int | None = Field(
        default=None, description="The budget's fiscal year; None for the budget of all "
                                  "years together (and for a team's capacity).")
    resource: str | None = Field(default=None, description="The team, for a capacity.")
    covers: LimitScope | None = Field(
        default=None, description="What a budget covers: all (the whole bill, with the "
                                  "contingency expected) or direct costs only.")
    used: float
    limit: float


@dataclass(frozen=True)
class _Limit:
    """One constraint row of the selection: a budget (one year, or all) or a team."""

    kind: Literal["budget", "capacity"]
    fiscal_year: int | None
    resource: str | None
    limit: float
    covers: LimitScope | None = None
    fixed: float = 0.0  # a budget's costs that every plan has

    @property
    def scale(self) -> int:
        """Units of the row per unit of the limit."""
        return CAPACITY_SCALE if self.kind == "capacity" else MONEY_SCALE

    def named(self) -> Message:
        """The limit as named in a sentence."""
        if self.kind == "capacity":
            return message("portfolio.limit.capacity", team=self.resource)
        if self.fiscal_year is None:
            return message("portfolio.limit.total")
        return message("portfolio.limit.budget", year=self.fiscal_year)


class StartMove(BaseModel):
    """An initiative the time-aware selection starts later than its prerequisites and
    earliest start allow, and why."""

    initiative: str
    earliest: dt.date = Field(description="The day it could start.")
    start: dt.date = Field(description="The day it starts.")
    weeks: int = Field(description="Working weeks later than it could.")
    reason: Message


class PortfolioResult(BaseModel):
    """The chosen initiatives, how good the choice is proven to be, and what it uses."""

    status: SolverStatus
    selected: list[str]
    rejected: list[str]
    value: float
    bound: float | None
    gap: float | None
    greedy_value: float | None = Field(
        description="Value of the greedy baseline; None when it finds no choice within the "
                    "limits (an infeasible portfolio).")
    seconds: float
    uses: list[ConstraintUse]
    reasons: dict[str, Message] = Field(default_factory=dict,
                                        description="Why each rejected initiative was left out.")
    notes: list[Message] = Field(
        description="Why the portfolio is infeasible, when it is: the limit the mandatory "
                    "initiatives break, or the mandatory pair that excludes each other.")
    method: Literal["time_aware", "fixed_windows"] = Field(
        default="fixed_windows",
        description="time_aware: initiatives and their start weeks chosen together, each "
                    "year's budget holding the cost its work falls in; fixed_windows: costs "
                    "placed by each initiative's likely window (no budget limits, or no "
                    "durations to place work by).")
    baseline_value: float | None = Field(
        default=None, description="For a time-aware selection: the value of the selection "
                                  "with costs in fixed windows, for comparison.")
    start_weeks: dict[str, int] = Field(
        default_factory=dict, description="For a time-aware selection: the working week each "
                                          "selected initiative starts in; the schedule keeps it.")
    moves: list[StartMove] = Field(
        default_factory=list, description="Initiatives started later than they could, and why.")


def _weekly_capacity(resource: Resource, start: dt.date | None, weeks: int) -> float:
    """Resource-weeks available over the horizon, following the capacity periods."""
    if start is None or not resource.periods:
        return resource.capacity * weeks
    periods = sorted(resource.periods, key=lambda p: p.start)
    total = 0.0
    for w in range(weeks):
        day = start + dt.timedelta(weeks=w)
        current = resource.capacity
        for p in periods:
            if p.start <= day:
                current = p.capacity
        total += current
    return total


def horizon_weeks(model: OperatingModel) -> int | None:
    """Weeks over which team capacity is counted: the roadmap's, else the budgeted years."""
    if model.roadmap is None:
        return None
    if model.roadmap.horizon_weeks:
        return model.roadmap.horizon_weeks
    years = {b.fiscal_year for b in model.roadmap.budget_limits}
    return 52 * len(years) if years else None


def build_problem(model: OperatingModel, prioritisation: Prioritisation,
                  rate: float | None = None) -> tuple[SelectionProblem, list[_Limit]]:
    """The selection problem of a roadmap and the limit of each constraint row; budgets count
    the whole bill (contingency at ``rate``, by default as the policy tells) unless a limit
    covers direct costs only."""
    initiatives = model.roadmap.initiatives if model.roadmap else []
    index = {ini.id: n for n, ini in enumerate(initiatives)}
    # value first; among choices of equal value, more initiatives (each adds one point, and
    # all of them together weigh less than one thousandth of value)
    tie = len(initiatives) + 1
    values = [round(prioritisation.entry(ini.id).business_value * VALUE_SCALE) * tie + 1
              for ini in initiatives]
    rows: list[list[int]] = []
    caps: list[int] = []
    names: list[_Limit] = []
    the_bill = bill(model, rate)
    month = model.metadata.fiscal_year_start_month
    windows = estimated_windows(model)
    charges = [the_bill.placed(ini.id, split_by_year(*windows[ini.id], month)
                               if ini.id in windows else {default_year(model, ini): 1.0})
               for ini in initiatives]
    for year, scope, limit, row, cap, fixed in ceiling_rows(model, charges, the_bill):
        rows.append(row)
        caps.append(cap)
        names.append(_Limit("budget", year, None, limit, scope, fixed))
    weeks = horizon_weeks(model)
    if weeks is not None and model.roadmap is not None:
        start = plan_start(model)
        for res in model.roadmap.resources:
            need = [round(ini.demand.get(res.id, 0.0) * expected_weeks(ini) * CAPACITY_SCALE)
                    for ini in initiatives]
            if any(need):
                available = _weekly_capacity(res, start, weeks)
                rows.append(need)
                caps.append(round(available * CAPACITY_SCALE))
                names.append(_Limit("capacity", None, res.id, available))
    problem = SelectionProblem(
        values=values, weights=rows, capacities=caps,
        mandatory=[n for n, ini in enumerate(initiatives) if ini.mandatory],
        requires=[(n, index[d.initiative]) for n, ini in enumerate(initiatives)
                  for d in ini.depends_on if d.initiative in index],
        excludes=[(n, index[x]) for n, ini in enumerate(initiatives) for x in ini.excludes
                  if x in index])
    return problem, names


def _infeasible_notes(problem: SelectionProblem, names: list[_Limit],
                      ids: list[str]) -> list[Message]:
    forced: set[int] = set(problem.mandatory)
    changed = True
    while changed:
        more = {j for i, j in problem.requires if i in forced} - forced
        forced |= more
        changed = bool(more)
    notes = []
    for i, j in problem.excludes:
        if i in forced and j in forced:
            notes.append(message("portfolio.mandatory_excluded", first=ids[i], second=ids[j]))
    for row, cap, limit in zip(problem.weights, problem.capacities, names, strict=True):
        need = sum(row[i] for i in forced)
        if limit.kind == "budget" and cap < 0:
            # the costs every plan has (courses, shared items) break the limit on their own
            notes.append(message("portfolio.fixed_over_limit", limit=limit.named(),
                                 need=limit.fixed, cap=limit.limit))
        elif need > cap:
            notes.append(message("portfolio.mandatory_over_limit", limit=limit.named(),
                                 need=limit.fixed + need / limit.scale,
                                 cap=limit.limit if limit.kind == "budget"
                                 else cap / limit.scale))
    return notes


def _reason(problem: SelectionProblem, names: list[_Limit], ids: list[str],
            chosen: set[int], i: int) -> Message:
    """Why item ``i`` is not in ``chosen``: an alternative, a missing prerequisite or a limit."""
    for a, b in problem.excludes:
        other = b if a == i else a if b == i else None
        if other is not None and other in chosen:
            return message("portfolio.alternative", other=ids[other])
    for a, b in problem.requires:
        if a == i and b not in chosen:
            return message("portfolio.prerequisite", prerequisite=ids[b])
    for row, cap, limit in zip(problem.weights, problem.capacities, names, strict=True):
        if sum(row[j] for j in chosen) + row[i] > cap:
            return message("portfolio.over_limit", limit=limit.named())
    return message("portfolio.not_reached")


def _scaled(progress: ProgressCallback, scale: float) -> ProgressCallback:
    """``progress`` with the solver's objective and bound in value points."""
    def report(found: Progress) -> None:
        params = found.detail.params if found.detail is not None else {}
        progress(Progress(found.stage, found.fraction, message(
            "plan.progress.portfolio", value=params.get("value", 0.0) / scale,
            bound=params.get("bound", 0.0) / scale)))

    return report


def select_portfolio(model: OperatingModel, prioritisation: Prioritisation | None = None, *,
                     time_limit: float = 10.0, workers: int = 2, rate: float | None = None,
                     progress: ProgressCallback = no_progress,
                     should_stop: StopCheck = never_stop) -> PortfolioResult:
    """Choose initiatives to maximise business value with CP-SAT; report the proven bound.

    ``should_stop()`` ends the search with the best choice so far.
    """
    prioritisation = prioritisation or prioritise(model)
    ids = [ini.id for ini in model.roadmap.initiatives] if model.roadmap else []
    problem, names = build_problem(model, prioritisation, rate)
    greedy = greedy_selection(problem)
    hint = greedy.chosen if greedy.status == "feasible" else None
    scale = (len(ids) + 1) * VALUE_SCALE
    sol = solve_selection(problem, time_limit=time_limit, workers=workers, hint=hint,
                          progress=_scaled(progress, scale), should_stop=should_stop)
    notes: list[Message] = []
    if sol.status == "infeasible":
        notes = _infeasible_notes(problem, names, ids)
    elif sol.status == "unknown" and hint is not None:
        # no proof in time: fall back on the greedy choice, which is feasible
        sol.chosen, sol.value, sol.status = greedy.chosen, greedy.value, "feasible"
    chosen = set(sol.chosen)
    uses = []
    for row, limit in zip(problem.weights, names, strict=True):
        uses.append(ConstraintUse(kind=limit.kind, fiscal_year=limit.fiscal_year,
                                  resource=limit.resource, limit=limit.limit,
                                  covers=limit.covers,
                                  used=limit.fixed + sum(row[i] for i in chosen) / limit.scale))
    bound = sol.bound // (len(ids) + 1) / VALUE_SCALE if sol.bound == sol.bound else None
    return PortfolioResult(
        status=sol.status, selected=[ids[i] for i in sorted(chosen)],
        rejected=[ids[i] for i in range(len(ids)) if i not in chosen],
        value=sol.value // (len(ids) + 1) / VALUE_SCALE, bound=bound,
        gap=sol.gap if bound is not None and sol.status in ("optimal", "feasible") else None,
        greedy_value=(greedy.value // (len(ids) + 1) / VALUE_SCALE
                      if greedy.status == "feasible" else None), seconds=sol.seconds,
        uses=uses, notes=notes,
        reasons={ids[i]: _reason(problem, names, ids, chosen, i)
                 for i in range(len(ids)) if i not in chosen and sol.status != "infeasible"})

