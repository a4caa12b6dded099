"""The roadmap as a resource-constrained schedule: initiatives become tasks in working weeks,
teams become resources, and the solution comes back as dates per initiative, phase and
milestone."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Iterator, Mapping

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
from opmodel.engines.planning.schedule_dates import RoadmapSchedule, ScheduleNote, dated
from opmodel.engines.planning.scheduling.problem import (
    Network,
    Precedence,
    Resource,
    Schedule,
    SchedulingError,
    SchedulingProblem,
    Task,
    found,
)
from opmodel.engines.planning.scheduling.solve import Method, solve
from opmodel.engines.planning.work_calendar import WorkCalendar
from opmodel.engines.progress import ProgressCallback, StopCheck, never_stop, no_progress
from opmodel.knowledge.texts import message

# Demands and capacities are fractional people per week; the solver counts hundredths.
SCALE = 100


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


def roadmap_calendar(model: OperatingModel) -> WorkCalendar:
    """The roadmap's working calendar from its start; a problem when it has no working day."""
    roadmap = model.roadmap or Roadmap()
    cal = roadmap.calendar
    try:
        return WorkCalendar(_start_date(model, roadmap), cal.working_days if cal else range(5),
                            cal.holidays if cal else ())
    except ValueError:
        raise DocumentError([problem("schedule.no_working_days",
                                     ("roadmap", "calendar", "working_days"))]) from None


def _problem(roadmap: Roadmap, chosen: list[Initiative], ids: set[str], calendar: WorkCalendar,
             durations: Mapping[str, float] | None = None
             ) -> tuple[SchedulingProblem, list[ScheduleNote]]:
    """The chosen initiatives as tasks in working weeks, with their precedences and teams."""
    precedences, notes = _precedences(chosen, ids)
    resources = [_resource(r.id, r.capacity, [(p.start, p.capacity) for p in r.periods], calendar)
                 for r in roadmap.resources]
    phase_starts = {p.id: p.start for p in roadmap.phases if p.start}
    tasks = _tasks(chosen, durations, calendar, phase_starts)
    return SchedulingProblem(tuple(tasks), tuple(precedences), tuple(resources)), notes


def roadmap_problem(model: OperatingModel, calendar: WorkCalendar) -> SchedulingProblem:
    """Every initiative with a duration as a task: what a time-aware selection chooses from."""
    roadmap = model.roadmap or Roadmap()
    chosen = [i for i in roadmap.initiatives if i.duration is not None]
    return _problem(roadmap, chosen, {i.id for i in chosen}, calendar)[0]


def pinned(problem_: SchedulingProblem, starts: Mapping[str, int]) -> Schedule:
    """The schedule that starts each task where ``starts`` says."""
    net = Network(problem_)
    at = {t.id: starts[t.id] for t in problem_.tasks}
    span = max((at[t.id] + t.duration for t in problem_.tasks), default=0)
    return Schedule(starts=at, makespan=span, status="feasible", lower_bound=net.lower_bound(),
                    seconds=0.0, method="portfolio")


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
                     starts: Mapping[str, int] | None = None,
                     progress: ProgressCallback = no_progress,
                     should_stop: StopCheck = never_stop) -> RoadmapSchedule:
    """Schedule the selected initiatives within the teams' capacity.

    With no selection: every initiative, but only one of each pair of exclusive alternatives.
    ``starts`` (working weeks, from a time-aware selection) places them without a search.
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
    calendar = roadmap_calendar(model)
    chosen = [roadmap.initiatives[n] for n in chosen_at]
    problem_, notes = _problem(roadmap, chosen, set(wanted), calendar, durations)
    notes = left_out + notes
    if starts is not None:  # placed by the time-aware selection: dates, no search
        result = pinned(problem_, starts)
        progress(found(result.makespan, result.lower_bound, 1.0))
        return dated(result, chosen, list(problem_.tasks), roadmap, calendar, notes)
    try:
        result = solve(problem_, method=method, time_limit=time_limit,
                       should_stop=should_stop, progress=progress)
    except SchedulingError as exc:
        at: Path = ("roadmap", "initiatives")
        if exc.task is not None and exc.task in index:
            at = (*at, Key(exc.task))
        code = "schedule.not_found" if exc.timed_out else "schedule.never_fits"
        raise DocumentError([problem(code, at, id=exc.task, seconds=time_limit)]) from None
    scheduled = dated(result, chosen, list(problem_.tasks), roadmap, calendar, notes)
    # a stop matters only to a search that had not proved its schedule the shortest
    scheduled.stopped = method != "heuristic" and result.status != "optimal" and should_stop()
    return scheduled
