"""The roadmap as a resource-constrained schedule: initiatives become tasks in working weeks,
teams become resources, and the solution comes back as dates per initiative, phase and
milestone."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Iterator, Mapping

from pydantic import BaseModel, Field

from opmodel.document.messages import nearest_ids, problem
from opmodel.document.model import OperatingModel
from opmodel.document.paths import Key, Path
from opmodel.document.problems import DocumentError, Problem
from opmodel.document.roadmap import Initiative, Roadmap
from opmodel.document.rules.roadmap import (
    negative_durations,
    roadmap_dependencies,
    roadmap_estimates,
    team_capacity,
)
from opmodel.engines.planning.scheduling.problem import (
    Precedence,
    Resource,
    Schedule,
    SchedulingError,
    SchedulingProblem,
    Status,
    Task,
)
from opmodel.engines.planning.scheduling.solve import Method, solve
from opmodel.engines.planning.work_calendar import WorkCalendar
from opmodel.engines.progress import ProgressCallback, StopCheck, never_stop, no_progress
from opmodel.knowledge.texts import Message, message

# Demands and capacities are fractional people per week; the solver counts hundredths.
SCALE = 100


class ScheduledInitiative(BaseModel):
    """When one initiative runs, and by how much it misses its deadline."""

    id: str
    name: str | None = None
    phase: str | None = None
    start: dt.date
    finish: dt.date = Field(description="Last working day of the initiative.")
    start_week: int
    finish_week: int = Field(description="Week after its last week (start_week + duration).")
    deadline: dt.date | None = None
    late_days: int = 0


class PhaseSpan(BaseModel):
    """A phase from its first initiative's start to its last one's finish."""

    id: str
    start: dt.date
    finish: dt.date


class MilestoneDate(BaseModel):
    """The date a milestone is reached: when its initiatives finish, or its own date."""

    id: str
    date: dt.date | None
    due: dt.date | None = Field(default=None, description="The milestone's own date, if any.")
    late_days: int = Field(default=0, description="Days from its own date to the date reached.")


class DeadlineViolation(BaseModel):
    """An initiative finishing after its deadline."""

    initiative: str
    deadline: dt.date
    finish: dt.date
    late_days: int


class MilestoneViolation(BaseModel):
    """A milestone reached after its own date, because its initiatives finish later."""

    milestone: str
    due: dt.date
    date: dt.date
    late_days: int


class ScheduleNote(BaseModel):
    """Something the schedule left out: a dependency on an initiative not selected, or an
    alternative to the one kept."""

    initiative: str
    depends_on: str = Field(description="The initiative it depends on, or the alternative kept.")
    message: Message


class RoadmapSchedule(BaseModel):
    """The roadmap's schedule: status, bound, dates per initiative, phase and milestone, and
    the deadlines and milestone dates it misses."""

    status: Status
    method: str
    lower_bound_weeks: int
    makespan_weeks: int
    start: dt.date
    finish: dt.date
    seconds: float
    items: list[ScheduledInitiative] = Field(default_factory=list)
    phases: list[PhaseSpan] = Field(default_factory=list)
    milestones: list[MilestoneDate] = Field(default_factory=list)
    violations: list[DeadlineViolation] = Field(default_factory=list)
    milestone_violations: list[MilestoneViolation] = Field(default_factory=list)
    notes: list[ScheduleNote] = Field(default_factory=list)
    stopped: bool = Field(default=False, description="Interrupted: the best schedule so far.")


def _start_date(model: OperatingModel, roadmap: Roadmap) -> dt.date:
    if roadmap.calendar is not None and roadmap.calendar.start is not None:
        return roadmap.calendar.start
    phase_starts = [p.start for p in roadmap.phases if p.start is not None]
    if phase_starts:
        return min(phase_starts)
    if model.metadata.as_of is not None:
        return model.metadata.as_of
    raise DocumentError([problem("schedule.no_start", ("roadmap", "calendar", "start"))])


def _input_problems(model: OperatingModel, roadmap: Roadmap, chosen: list[int],
                    durations: Mapping[str, float] | None) -> Iterator[Problem]:
    for rule in (negative_durations, roadmap_estimates, roadmap_dependencies, team_capacity):
        yield from (found.keyed(model) for found in rule(model))
    for n in chosen:
        initiative = roadmap.initiatives[n]
        at = ("roadmap", "initiatives", Key(initiative.id))
        given = durations.get(initiative.id) if durations is not None else None
        if given is not None and given < 0:
            yield problem("document.negative_duration", (*at, "duration"),
                          id=initiative.id, field="given", value=given)
        elif given is None and initiative.duration is None:
            yield problem("schedule.no_duration", at, id=initiative.id)


def _resource(resource_id: str, capacity: float, periods: list[tuple[dt.date, float]],
              calendar: WorkCalendar) -> Resource:
    """Capacity per working week; a change inside a week takes the lower value that week."""
    base = math.floor(capacity * SCALE + 1e-9)
    changes: list[tuple[int, int]] = []
    current = base
    for start, cap in sorted(periods):
        value = math.floor(cap * SCALE + 1e-9)
        week, on_boundary = calendar.week_of(start)
        if on_boundary:
            changes.append((week, value))
        else:
            changes += [(week, min(current, value)), (week + 1, value)]
        current = value
    return Resource(resource_id, base, tuple(changes))


def _weeks(value: float) -> int:
    return math.ceil(value - 1e-9)


def _tasks(chosen: list[Initiative], durations: Mapping[str, float] | None,
           calendar: WorkCalendar, phase_starts: Mapping[str, dt.date]) -> list[Task]:
    tasks = []
    for initiative in chosen:
        given = durations.get(initiative.id) if durations is not None else None
        if given is None:
            assert initiative.duration is not None
            given = initiative.duration.most_likely
        demand = {team: math.ceil(units * SCALE - 1e-9) for team, units
                  in initiative.demand.items() if units > 0}
        # no earlier than its own earliest start, nor before its phase begins
        earliest = [d for d in (initiative.earliest_start,
                                phase_starts.get(initiative.phase or "")) if d]
        release = calendar.week_starting(max(earliest)) if earliest else 0
        deadline = (calendar.weeks_through(initiative.deadline)
                    if initiative.deadline else None)
        tasks.append(Task(initiative.id, _weeks(given), demand, release, deadline))
    return tasks


def _precedences(chosen: list[Initiative], ids: set[str]
                 ) -> tuple[list[Precedence], list[ScheduleNote]]:
    precedences, notes = [], []
    for initiative in chosen:
        for dep in initiative.depends_on:
            if dep.initiative in ids:
                precedences.append(Precedence(dep.initiative, initiative.id, dep.type.value,
                                              _weeks(dep.lag)))
            else:
                notes.append(ScheduleNote(
                    initiative=initiative.id, depends_on=dep.initiative,
                    message=message("schedule.dependency_left_out", initiative=initiative.id,
                                    depends_on=dep.initiative)))
    return precedences, notes


def _best_alternatives(group: list[str], excludes: dict[str, set[str]],
                       value: dict[str, float], mandatory: set[str]) -> set[str]:
    """The subset of one group of alternatives worth most, with no two excluding each other."""
    if len(group) > 16:  # never seen in a roadmap; fall back on taking the best first
        kept: set[str] = set()
        for i in sorted(group, key=lambda x: (x not in mandatory, -value[x])):
            if not excludes[i] & kept:
                kept.add(i)
        return kept
    best: set[str] = set()
    best_value = -1.0
    required = mandatory.intersection(group)
    for mask in range(1 << len(group)):
        subset = {group[b] for b in range(len(group)) if mask >> b & 1}
        if not required <= subset:
            continue
        if any(excludes[i] & subset for i in subset):
            continue
        total = sum(value[i] for i in subset)
        if total > best_value:
            best, best_value = subset, total
    return best


def without_alternatives(model: OperatingModel) -> tuple[list[str], list[ScheduleNote]]:
    """All initiatives but, of mutually exclusive alternatives, the set worth most.

    Within each group of initiatives linked by ``excludes``, the mandatory ones stay and the
    rest is the combination with the highest total weighted score (ties: more initiatives);
    every initiative left out gets a note naming the alternative that was kept.
    """
    from opmodel.engines.planning.prioritisation import prioritise

    roadmap = model.roadmap or Roadmap()
    excludes: dict[str, set[str]] = {i.id: set() for i in roadmap.initiatives}
    for initiative in roadmap.initiatives:
        for other in initiative.excludes:
            if other in excludes:
                excludes[initiative.id].add(other)
                excludes[other].add(initiative.id)
    ids = [i.id for i in roadmap.initiatives]
    if not any(excludes.values()):
        return ids, []
    entries = {e.id: e for e in prioritise(model).entries}
    value = {i: entries[i].score + 0.001 for i in ids}
    mandatory = {i for i in ids if entries[i].mandatory}
    kept: set[str] = set()
    seen: set[str] = set()
    for root in ids:
        if root in seen:
            continue
        group, todo = [], [root]
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                group.append(node)
                todo.extend(excludes[node])
        kept |= _best_alternatives(group, excludes, value, mandatory)
    notes = []
    for initiative_id in ids:
        if initiative_id in kept:
            continue
        clash = next(k for k in ids if k in kept and k in excludes[initiative_id])
        notes.append(ScheduleNote(
            initiative=initiative_id, depends_on=clash,
            message=message("schedule.alternative_left_out", initiative=initiative_id,
                            kept=clash)))
    return [i for i in ids if i in kept], notes


def schedule_roadmap(model: OperatingModel, selected: Collection[str] | None = None, *,
                     time_limit: float = 10.0, method: Method = "auto",
                     durations: Mapping[str, float] | None = None,
                     progress: ProgressCallback = no_progress,
                     should_stop: StopCheck = never_stop) -> RoadmapSchedule:
    """Schedule the selected initiatives within the teams' capacity.

    With no selection: every initiative, but only one of each pair of exclusive alternatives.
    ``should_stop()`` ends the search with the best schedule so far.
    """
    roadmap = model.roadmap or Roadmap()
    index = {i.id: n for n, i in enumerate(roadmap.initiatives)}
    left_out: list[ScheduleNote] = []
    if selected is None:
        wanted, left_out = without_alternatives(model)
    else:
        wanted = list(dict.fromkeys(selected))
    unknown = [i for i in wanted if i not in index]
    if unknown:
        raise DocumentError([problem("schedule.unknown_initiative", ("roadmap", "initiatives"),
                                     id=i, known=nearest_ids(i, index)) for i in unknown])
    chosen_at = sorted(index[i] for i in wanted)
    problems = list(_input_problems(model, roadmap, chosen_at, durations))
    if problems:
        raise DocumentError(problems)
    start = _start_date(model, roadmap)
    cal = roadmap.calendar
    try:
        calendar = WorkCalendar(start, cal.working_days if cal else range(5),
                                cal.holidays if cal else ())
    except ValueError:
        raise DocumentError([problem("schedule.no_working_days",
                                     ("roadmap", "calendar", "working_days"))]) from None
    chosen = [roadmap.initiatives[n] for n in chosen_at]
    precedences, notes = _precedences(chosen, set(wanted))
    notes = left_out + notes
    resources = [_resource(r.id, r.capacity, [(p.start, p.capacity) for p in r.periods], calendar)
                 for r in roadmap.resources]
    phase_starts = {p.id: p.start for p in roadmap.phases if p.start}
    tasks = _tasks(chosen, durations, calendar, phase_starts)
    problem_ = SchedulingProblem(tuple(tasks), tuple(precedences), tuple(resources))
    try:
        result = solve(problem_, method=method, time_limit=time_limit,
                       should_stop=should_stop, progress=progress)
    except SchedulingError as exc:
        at: Path = ("roadmap", "initiatives")
        if exc.task is not None and exc.task in index:
            at = (*at, Key(exc.task))
        code = "schedule.not_found" if exc.timed_out else "schedule.never_fits"
        raise DocumentError([problem(code, at, id=exc.task, seconds=time_limit)]) from None
    scheduled = _result(result, chosen, tasks, roadmap, calendar, notes)
    # a stop matters only to a search that had not proved its schedule the shortest
    scheduled.stopped = method != "heuristic" and result.status != "optimal" and should_stop()
    return scheduled


def _result(result: Schedule, chosen: list[Initiative], tasks: list[Task], roadmap: Roadmap,
            calendar: WorkCalendar, notes: list[ScheduleNote]) -> RoadmapSchedule:
    items = []
    for initiative, task in zip(chosen, tasks, strict=True):
        s = result.starts[task.id]
        f = s + task.duration
        finish = calendar.finish_date(s, f)
        late = (finish - initiative.deadline).days if initiative.deadline else 0
        items.append(ScheduledInitiative(
            id=initiative.id, name=initiative.name, phase=initiative.phase,
            start=calendar.start_date(s), finish=finish, start_week=s, finish_week=f,
            deadline=initiative.deadline, late_days=max(late, 0)))
    by_id = {item.id: item for item in items}
    phases = []
    for phase in roadmap.phases:
        members = [item for item in items if item.phase == phase.id]
        if members:
            phases.append(PhaseSpan(id=phase.id, start=min(m.start for m in members),
                                    finish=max(m.finish for m in members)))
    milestones = []
    for milestone in roadmap.milestones:
        reached = [by_id[i].finish for i in milestone.initiatives if i in by_id]
        date = max(reached) if reached else milestone.date
        late = (date - milestone.date).days if date and milestone.date else 0
        milestones.append(MilestoneDate(id=milestone.id, date=date, due=milestone.date,
                                        late_days=max(late, 0)))
    violations = [DeadlineViolation(initiative=i.id, deadline=i.deadline, finish=i.finish,
                                    late_days=i.late_days)
                  for i in items if i.deadline is not None and i.late_days > 0]
    late_milestones = [MilestoneViolation(milestone=m.id, due=m.due, date=m.date,
                                          late_days=m.late_days)
                       for m in milestones
                       if m.due is not None and m.date is not None and m.late_days > 0]
    return RoadmapSchedule(
        status=result.status, method=result.method, lower_bound_weeks=result.lower_bound,
        makespan_weeks=result.makespan, start=calendar.start,
        finish=max((i.finish for i in items), default=calendar.start), seconds=result.seconds,
        items=items, phases=phases, milestones=milestones, violations=violations,
        milestone_violations=late_milestones, notes=notes)
