"""Portfolio selection: the initiatives of most value under budgets, capacity and dependencies."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

from pydantic import BaseModel, Field

from opmodel.document.model import OperatingModel
from opmodel.document.roadmap import Resource
from opmodel.engines.planning.budget import initiative_costs
from opmodel.engines.planning.costs import plan_start
from opmodel.engines.planning.prioritisation import Note, Prioritisation, expected_weeks, prioritise
from opmodel.engines.planning.selection import SelectionProblem, greedy_selection, solve_selection

VALUE_SCALE = 1000  # CP-SAT works on integers: value points in thousandths
CAPACITY_SCALE = 100  # resource-weeks in hundredths


class ConstraintUse(BaseModel):
    """How much of one limit the selection uses."""

    kind: str  # budget | capacity
    name: str  # fiscal year or resource id
    used: float
    limit: float


class PortfolioResult(BaseModel):
    """The chosen initiatives, how good the choice is proven to be, and what it uses."""

    status: str  # optimal | feasible | infeasible | unknown
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
    reasons: dict[str, Note] = Field(default_factory=dict,
                                     description="Why each rejected initiative was left out.")
    notes: list[Note]


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


def build_problem(model: OperatingModel, prioritisation: Prioritisation
                  ) -> tuple[SelectionProblem, list[tuple[str, str, float]]]:
    """The selection problem of a roadmap and the (kind, name, limit) of each constraint row."""
    initiatives = model.roadmap.initiatives if model.roadmap else []
    index = {ini.id: n for n, ini in enumerate(initiatives)}
    # value first; among choices of equal value, more initiatives (each adds one point, and
    # all of them together weigh less than one thousandth of value)
    tie = len(initiatives) + 1
    values = [round(prioritisation.entry(ini.id).business_value * VALUE_SCALE) * tie + 1
              for ini in initiatives]
    rows: list[list[int]] = []
    caps: list[int] = []
    names: list[tuple[str, str, float]] = []
    own = initiative_costs(model)
    costs = [own.get(ini.id, {}) for ini in initiatives]
    limits = {b.fiscal_year: b.amount for b in model.roadmap.budget_limits} if model.roadmap else {}
    for year, limit in sorted(limits.items()):
        rows.append([round(c.get(year, 0.0)) for c in costs])
        caps.append(round(limit))
        names.append(("budget", f"FY{year}", limit))
    if limits:
        # costs with no fiscal year still have to fit in the money of all years together
        total = sum(limits.values())
        rows.append([round(sum(c.values())) for c in costs])
        caps.append(round(total))
        names.append(("budget", "total", total))
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
                names.append(("capacity", res.id, available))
    problem = SelectionProblem(
        values=values, weights=rows, capacities=caps,
        mandatory=[n for n, ini in enumerate(initiatives) if ini.mandatory],
        requires=[(n, index[d.initiative]) for n, ini in enumerate(initiatives)
                  for d in ini.depends_on if d.initiative in index],
        excludes=[(n, index[x]) for n, ini in enumerate(initiatives) for x in ini.excludes
                  if x in index])
    return problem, names


def _limit_label(kind: str, name: str) -> tuple[str, str]:
    """A constraint row as named in a sentence, in English and Japanese (spaced for the text
    around it: a Japanese particle comes right before and after)."""
    if kind == "capacity":
        return f"the capacity of team '{name}'", f" チーム '{name}' のキャパシティ"
    if name == "total":
        return "the budget of all fiscal years together", "全年度合計の予算"
    return f"the budget of {name}", f" {name.removeprefix('FY')}年度の予算"


def _infeasible_notes(problem: SelectionProblem, names: list[tuple[str, str, float]],
                      ids: list[str]) -> list[Note]:
    forced: set[int] = set(problem.mandatory)
    changed = True
    while changed:
        more = {j for i, j in problem.requires if i in forced} - forced
        forced |= more
        changed = bool(more)
    notes = []
    for i, j in problem.excludes:
        if i in forced and j in forced:
            notes.append(Note(code="mandatory_excluded",
                              en=f"mandatory '{ids[i]}' and '{ids[j]}' exclude each other",
                              ja=f"必須の '{ids[i]}' と '{ids[j]}' が互いに排他です"))
    for row, cap, (kind, name, _) in zip(problem.weights, problem.capacities, names, strict=True):
        need = sum(row[i] for i in forced)
        if need > cap:
            scale = CAPACITY_SCALE if kind == "capacity" else 1
            what_en, what_ja = _limit_label(kind, name)
            notes.append(Note(
                code="mandatory_over_limit",
                en=f"the mandatory initiatives (with their prerequisites) need {need / scale:,.0f} "
                   f"of {what_en}, more than its {cap / scale:,.0f}; raise the limit or make "
                   f"fewer initiatives mandatory",
                ja=f"必須施策（前提施策を含む）は{what_ja}を {need / scale:,.0f} 必要としますが、"
                   f"上限は {cap / scale:,.0f} です。上限を上げるか、必須の施策を減らしてください"))
    return notes


def _reason(problem: SelectionProblem, names: list[tuple[str, str, float]], ids: list[str],
            chosen: set[int], i: int) -> Note:
    """Why item ``i`` is not in ``chosen``: an alternative, a missing prerequisite or a limit."""
    for a, b in problem.excludes:
        other = b if a == i else a if b == i else None
        if other is not None and other in chosen:
            return Note(code="alternative", en=f"an alternative to '{ids[other]}', which is chosen",
                        ja=f"選定された '{ids[other]}' の代替案です")
    for a, b in problem.requires:
        if a == i and b not in chosen:
            return Note(code="prerequisite", en=f"needs '{ids[b]}', which is not chosen",
                        ja=f"前提の '{ids[b]}' が選定されていません")
    for row, cap, (kind, name, _) in zip(problem.weights, problem.capacities, names, strict=True):
        if sum(row[j] for j in chosen) + row[i] > cap:
            what_en, what_ja = _limit_label(kind, name)
            return Note(code="over_limit",
                        en=f"does not fit {what_en} beside initiatives of more value",
                        ja=f"より価値の高い施策と合わせると{what_ja}に収まりません")
    return Note(code="not_reached", en="fits, but was not chosen within the time limit",
                ja="収まりますが、制限時間内に選定されませんでした")


def select_portfolio(model: OperatingModel, prioritisation: Prioritisation | None = None, *,
                     time_limit: float = 10.0, workers: int = 2,
                     on_progress: Callable[[float, str], None] | None = None,
                     stop: threading.Event | None = None) -> PortfolioResult:
    """Choose initiatives to maximise business value with CP-SAT; report the proven bound."""
    prioritisation = prioritisation or prioritise(model)
    ids = [ini.id for ini in model.roadmap.initiatives] if model.roadmap else []
    problem, names = build_problem(model, prioritisation)
    greedy = greedy_selection(problem)
    hint = greedy.chosen if greedy.status == "feasible" else None
    sol = solve_selection(problem, time_limit=time_limit, workers=workers, hint=hint,
                          on_progress=on_progress, stop=stop)
    notes: list[Note] = []
    if sol.status == "infeasible":
        notes = _infeasible_notes(problem, names, ids)
    elif sol.status == "unknown" and hint is not None:
        # no proof in time: fall back on the greedy choice, which is feasible
        sol.chosen, sol.value, sol.status = greedy.chosen, greedy.value, "feasible"
    chosen = set(sol.chosen)
    uses = []
    for row, (kind, name, limit) in zip(problem.weights, names, strict=True):
        scale = CAPACITY_SCALE if kind == "capacity" else 1
        uses.append(ConstraintUse(kind=kind, name=name, limit=limit,
                                  used=sum(row[i] for i in chosen) / scale))
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

