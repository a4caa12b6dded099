"""The serial schedule generation scheme with priority rules and forward-backward improvement
(justification): a good schedule in milliseconds, also CP-SAT's start hint."""

from __future__ import annotations

import heapq
import random
import time
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from opmodel.engines.planning.scheduling.problem import Network, SchedulingError

IntArray = NDArray[np.int64]
Arcs = list[list[tuple[int, int]]]


def _earliest_fit(free: IntArray, need: IntArray, rows: IntArray, duration: int,
                  earliest: int) -> int:
    """The first time >= earliest at which ``need`` fits in ``free`` for ``duration`` units."""
    if duration == 0 or rows.size == 0:
        return earliest
    ok = np.all(free[rows, earliest:] >= need[rows, None], axis=0)
    if ok.size < duration:
        return -1
    bad = np.concatenate(([0], np.cumsum(~ok)))
    windows = np.flatnonzero(bad[duration:] == bad[:-duration])
    return int(windows[0]) + earliest if windows.size else -1


def serial_sgs(dur: Sequence[int], pred: Arcs, succ: Arcs, release: Sequence[int],
               demand: IntArray, capacity: IntArray, priority: Sequence[float]) -> list[int]:
    """Schedule one task at a time, the eligible one with the lowest priority value first,
    each at its earliest precedence- and resource-feasible start."""
    n = len(dur)
    free = capacity.copy()
    rows = [np.flatnonzero(demand[i]) for i in range(n)]
    start = [0] * n
    waiting = [len(p) for p in pred]
    heap = [(priority[i], i) for i in range(n) if waiting[i] == 0]
    heapq.heapify(heap)
    while heap:
        _, j = heapq.heappop(heap)
        earliest = max([release[j], *(start[i] + d for i, d in pred[j])])
        t = _earliest_fit(free, demand[j], rows[j], dur[j], max(earliest, 0))
        if t < 0:
            raise SchedulingError(f"task with index {j} never fits its resources", j)
        start[j] = t
        if rows[j].size and dur[j]:
            free[:, t:t + dur[j]] -= demand[j][:, None]
        for k, _ in succ[j]:
            waiting[k] -= 1
            if waiting[k] == 0:
                heapq.heappush(heap, (priority[k], k))
    return start


class Heuristic:
    """Priority rules and forward-backward improvement on one compiled network."""

    def __init__(self, net: Network) -> None:
        self.net = net
        self.horizon = net.horizon()
        resources = len(net.resources)
        self.demand: IntArray = np.array(net.demand, dtype=np.int64).reshape(net.n, resources)
        length = self.horizon + max(net.dur, default=0) + 1
        caps = net.capacity(length)
        self.capacity: IntArray = np.array(caps, dtype=np.int64).reshape(resources, length)
        # the reversed network: start'_i >= start'_j + delta + d_j - d_i for each arc i -> j
        self.rsucc: Arcs = [[] for _ in range(net.n)]
        self.rpred: Arcs = [[] for _ in range(net.n)]
        for i, j, d in net.arcs:
            self.rsucc[j].append((i, d + net.dur[j] - net.dur[i]))
            self.rpred[i].append((j, d + net.dur[j] - net.dur[i]))

    def forward(self, priority: Sequence[float]) -> list[int]:
        """A forward serial schedule; when a task misses the last window its resources have
        room for, it and its predecessors move to the front of the list and the pass repeats."""
        net = self.net
        prio = list(priority)
        failed = 0
        for _ in range(net.n + 1):
            try:
                return serial_sgs(net.dur, net.pred, net.succ, net.release, self.demand,
                                  self.capacity, prio)
            except SchedulingError as exc:
                assert exc.index is not None
                failed = exc.index
                first = min(prio) - 1.0
                stack = [failed]
                while stack:
                    i = stack.pop()
                    prio[i] = min(prio[i], first)
                    stack += [k for k, _ in net.pred[i] if prio[k] > first]
        raise SchedulingError("no serial schedule found", failed)

    def backward(self, starts: Sequence[int]) -> list[int]:
        """Right-justify ``starts``: a reversed serial schedule, latest finish first, mapped
        back to forward time (may start before 0; used only as a priority list)."""
        net = self.net
        end = self.makespan(starts)
        cap = self.capacity
        # reversed time t is forward time end-1-t; before forward time 0 keep time 0's capacity
        rev = np.concatenate((cap[:, :end][:, ::-1], np.repeat(cap[:, :1], cap.shape[1], 1)), 1)
        prio = [-(starts[i] + net.dur[i]) for i in range(net.n)]
        rstart = serial_sgs(net.dur, self.rpred, self.rsucc, [0] * net.n, self.demand, rev, prio)
        return [end - rstart[i] - net.dur[i] for i in range(net.n)]

    def makespan(self, starts: Sequence[int]) -> int:
        """When the last task ends."""
        return max((s + d for s, d in zip(starts, self.net.dur, strict=True)), default=0)

    def improve(self, starts: list[int], rounds: int = 8) -> list[int]:
        """Forward-backward improvement until a round brings nothing."""
        best, best_span = starts, self.makespan(starts)
        for _ in range(rounds):
            try:
                back = self.backward(best)
            except SchedulingError:  # the reversed calendar has no room: keep what we have
                break
            again = self.forward([float(s) for s in back])
            span = self.makespan(again)
            if span >= best_span:
                break
            best, best_span = again, span
        return best

    def rules(self) -> dict[str, list[float]]:
        """Priority values per rule (lower goes first)."""
        net = self.net
        tail = net.tails()
        late = [float(self.horizon - tail[i]) for i in range(net.n)]  # latest start
        for i in reversed(net.order):
            if net.deadline[i] is not None:
                late[i] = min(late[i], float(net.deadline[i] - net.dur[i]))  # type: ignore[operator]
            for j, d in net.succ[i]:
                late[i] = min(late[i], late[j] - d)
        total = [0] * net.n
        reach: list[set[int]] = [set() for _ in range(net.n)]
        for i in reversed(net.order):
            for j, _ in net.succ[i]:
                reach[i] |= reach[j] | {j}
            total[i] = len(reach[i])
        eps = 1e-6
        return {
            "lst": [late[i] + eps * i for i in range(net.n)],
            "lft": [late[i] + net.dur[i] + eps * i for i in range(net.n)],
            "mts": [-total[i] + eps * late[i] for i in range(net.n)],
            "grpw": [-(net.dur[i] + sum(net.dur[j] for j, _ in net.succ[i])) + eps * late[i]
                     for i in range(net.n)],
        }

    def run(self, budget: float = 0.05, seed: int = 0) -> list[int]:
        """The best schedule of every rule improved, then of random perturbations of the
        best rule until ``budget`` seconds have passed."""
        began = time.perf_counter()
        best: list[int] | None = None
        best_prio: list[float] = []
        for prio in self.rules().values():
            cand = self.improve(self.forward(prio))
            if best is None or self.makespan(cand) < self.makespan(best):
                best, best_prio = cand, prio
        assert best is not None
        rng = random.Random(seed)
        spread = max(1.0, float(np.std(best_prio))) if best_prio else 1.0
        while time.perf_counter() - began < budget:
            noisy = [p + rng.gauss(0.0, 0.3 * spread) for p in best_prio]
            cand = self.improve(self.forward(noisy))
            if self.makespan(cand) < self.makespan(best):
                best = cand
        return best


def heuristic_schedule(net: Network, budget: float = 0.05) -> list[int]:
    """Start times of a good resource-feasible schedule of ``net``."""
    if net.n == 0:
        return []
    try:
        return Heuristic(net).run(budget)
    except SchedulingError as exc:
        task = net.ids[exc.index] if exc.index is not None else "?"
        raise SchedulingError(
            f"task '{task}' never fits: its resources never have room for it", task) from None
