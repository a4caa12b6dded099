"""Resource-constrained project scheduling (RCPSP): the problem, its bounds and a verifier."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from opmodel.engines.progress import Progress
from opmodel.knowledge.texts import message

Status = Literal["optimal", "feasible"]
STAGE = "schedule"  # the stage scheduling reports its progress under


class SchedulingError(ValueError):
    """A problem that cannot be scheduled: a message code (``schedule.*``) and its parameters
    for the user, the task it names; the English text is for logs and tracebacks."""

    def __init__(self, message: str, task: str | int | None = None,
                 timed_out: bool = False, *, code: str = "schedule.task_never_fits",
                 **params: Any) -> None:
        super().__init__(message)
        self.timed_out = timed_out
        self.task = task if isinstance(task, str) else None
        self.index = task if isinstance(task, int) else None
        self.code = code
        self.params = {"task": self.task, **params}


@dataclass(frozen=True, slots=True)
class Task:
    """An activity: whole time units of duration, demand per resource, release, soft deadline."""

    id: str
    duration: int
    demand: Mapping[str, int] = field(default_factory=dict)
    release: int = 0
    deadline: int | None = None  # latest wished finish; missing it is reported, not forbidden


@dataclass(frozen=True, slots=True)
class Precedence:
    """``after`` starts ``lag`` units after ``before`` finishes (fs) or starts (ss)."""

    before: str
    after: str
    kind: Literal["fs", "ss"] = "fs"
    lag: int = 0


@dataclass(frozen=True, slots=True)
class Resource:
    """A renewable resource: ``capacity`` from time 0, then each (time, capacity) change."""

    id: str
    capacity: int
    changes: tuple[tuple[int, int], ...] = ()

    def profile(self, horizon: int) -> list[int]:
        """Capacity at each time unit 0 .. horizon-1."""
        caps = [self.capacity] * horizon
        for at, cap in sorted(self.changes, key=lambda change: change[0]):
            for t in range(max(at, 0), horizon):
                caps[t] = cap
        return caps

    def peak(self) -> int:
        """The largest capacity the resource ever has."""
        return max([self.capacity, *(c for _, c in self.changes)])

    def last_change(self) -> int:
        """The time of the last capacity change (0 when constant)."""
        return max([0, *(t for t, _ in self.changes)])


@dataclass(frozen=True)
class SchedulingProblem:
    """Tasks, precedences and resources; times are whole units (days, weeks) from 0."""

    tasks: tuple[Task, ...]
    precedences: tuple[Precedence, ...] = ()
    resources: tuple[Resource, ...] = ()


def found(makespan: int, bound: int, fraction: float) -> Progress:
    """Progress of a schedule search: a better schedule, the proven bound, the share of the
    time limit used."""
    return Progress(STAGE, min(max(fraction, 0.0), 1.0),
                    message("plan.progress.schedule", makespan=makespan, bound=bound))


@dataclass(frozen=True)
class Schedule:
    """A solution: start per task, makespan, whether it is proven optimal, the bound."""

    starts: dict[str, int]
    makespan: int
    status: Status
    lower_bound: int
    seconds: float
    method: str
    late: dict[str, int] = field(default_factory=dict)  # task → units past its deadline


class Network:
    """The problem compiled to indices: start-to-start delays, demands, capacity arrays."""

    def __init__(self, problem: SchedulingProblem) -> None:
        tasks = problem.tasks
        self.ids = [t.id for t in tasks]
        index = {t: i for i, t in enumerate(self.ids)}
        if len(index) != len(tasks):
            dup = next(t for t in self.ids if self.ids.count(t) > 1)
            raise SchedulingError(f"task '{dup}' is defined twice", dup,
                                  code="schedule.task_twice")
        self.n = len(tasks)
        self.dur = [t.duration for t in tasks]
        self.release = [max(t.release, 0) for t in tasks]
        self.deadline = [t.deadline for t in tasks]
        self.resources = list(problem.resources)
        rindex = {r.id: k for k, r in enumerate(self.resources)}
        self.demand = [[0] * len(self.resources) for _ in tasks]
        for i, t in enumerate(tasks):
            if t.duration < 0:
                raise SchedulingError(f"task '{t.id}' has a negative duration", t.id,
                                      code="schedule.task_negative_duration")
            for rid, amount in t.demand.items():
                if rid not in rindex:
                    raise SchedulingError(f"task '{t.id}' needs unknown resource '{rid}'", t.id,
                                          code="schedule.task_unknown_resource", resource=rid)
                if amount < 0:
                    raise SchedulingError(f"task '{t.id}' has a negative demand of '{rid}'", t.id,
                                          code="schedule.task_negative_demand", resource=rid)
                self.demand[i][rindex[rid]] = amount
                if amount > self.resources[rindex[rid]].peak() and t.duration > 0:
                    raise SchedulingError(
                        f"task '{t.id}' needs {amount} of '{rid}', more than it ever has", t.id,
                        code="schedule.task_over_capacity", resource=rid, amount=amount,
                        capacity=self.resources[rindex[rid]].peak())
        # arcs (i, j, delta): start_j >= start_i + delta
        self.arcs: list[tuple[int, int, int]] = []
        for p in problem.precedences:
            for tid in (p.before, p.after):
                if tid not in index:
                    raise SchedulingError(f"precedence names unknown task '{tid}'", tid,
                                          code="schedule.unknown_task")
            i, j = index[p.before], index[p.after]
            self.arcs.append((i, j, (self.dur[i] if p.kind == "fs" else 0) + p.lag))
        self.succ: list[list[tuple[int, int]]] = [[] for _ in tasks]
        self.pred: list[list[tuple[int, int]]] = [[] for _ in tasks]
        for i, j, d in self.arcs:
            self.succ[i].append((j, d))
            self.pred[j].append((i, d))
        self.order = self._topological_order()
        self.last_change = max([0, *(r.last_change() for r in self.resources)])

    def _topological_order(self) -> list[int]:
        indegree = [len(p) for p in self.pred]
        ready = [i for i in range(self.n) if indegree[i] == 0]
        order: list[int] = []
        while ready:
            i = ready.pop()
            order.append(i)
            for j, _ in self.succ[i]:
                indegree[j] -= 1
                if indegree[j] == 0:
                    ready.append(j)
        if len(order) < self.n:
            stuck = next(self.ids[i] for i in range(self.n) if indegree[i] > 0)
            raise SchedulingError(f"precedences form a cycle through task '{stuck}'", stuck,
                                  code="schedule.task_cycle")
        return order

    def horizon(self) -> int:
        """A time by which any serial schedule ends (used to size the capacity arrays)."""
        lags = sum(max(d - self.dur[i], 0) for i, _, d in self.arcs)
        return self.last_change + max(self.release, default=0) + sum(self.dur) + lags + 1

    def earliest_starts(self) -> list[int]:
        """Earliest starts from releases and delays, ignoring resources."""
        es = list(self.release)
        for i in self.order:
            for j, d in self.succ[i]:
                es[j] = max(es[j], es[i] + d)
        return es

    def tails(self) -> list[int]:
        """Shortest time from each task's start to the end of the project."""
        tail = list(self.dur)
        for i in reversed(self.order):
            for j, d in self.succ[i]:
                tail[i] = max(tail[i], d + tail[j])
        return tail

    def capacity(self, horizon: int) -> list[list[int]]:
        """Capacity of each resource at each time unit."""
        return [r.profile(horizon) for r in self.resources]

    def lower_bound(self) -> int:
        """Critical-path bound, and per resource the time its capacity takes to cover the work."""
        es, tail = self.earliest_starts(), self.tails()
        bound = max((es[i] + tail[i] for i in range(self.n)), default=0)
        horizon = self.horizon()
        for k, caps in enumerate(self.capacity(horizon)):
            energy = sum(self.dur[i] * self.demand[i][k] for i in range(self.n))
            if energy == 0:
                continue
            covered, t = 0, 0
            while covered < energy and t < horizon:
                covered += caps[t]
                t += 1
            bound = max(bound, t)
        return bound


def verify(problem: SchedulingProblem, starts: Mapping[str, int]) -> list[str]:
    """Every violated precedence, release and resource limit of ``starts`` (empty when valid)."""
    net = Network(problem)
    errors = []
    s = [starts[t] for t in net.ids]
    for i, t in enumerate(net.ids):
        if s[i] < net.release[i]:
            errors.append(f"task '{t}' starts at {s[i]} before its release {net.release[i]}")
    for i, j, d in net.arcs:
        if s[j] < s[i] + d:
            errors.append(f"task '{net.ids[j]}' starts at {s[j]}, before '{net.ids[i]}' allows")
    end = max((s[i] + net.dur[i] for i in range(net.n)), default=0)
    caps = net.capacity(max(end, 1))
    for k, r in enumerate(net.resources):
        use = [0] * max(end, 1)
        for i in range(net.n):
            for u in range(s[i], s[i] + net.dur[i]):
                use[u] += net.demand[i][k]
        errors += [f"resource '{r.id}' over capacity at {u}: {use[u]} > {caps[k][u]}"
                   for u in range(end) if use[u] > caps[k][u]]
    return errors


def lateness(net: Network, starts: Sequence[int]) -> dict[str, int]:
    """Units by which each task with a deadline finishes after it."""
    late = {}
    for i, dl in enumerate(net.deadline):
        if dl is not None and starts[i] + net.dur[i] > dl:
            late[net.ids[i]] = starts[i] + net.dur[i] - dl
    return late
