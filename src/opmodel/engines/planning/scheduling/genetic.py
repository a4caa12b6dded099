"""The activity-list genetic algorithm: the fast schedule-generation core that runs before
CP-SAT on large problems and alone for a preview (Hartmann's crossover and mutation, each
child decoded by the serial scheme and double justification, Valls et al.)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from opmodel.engines.planning.scheduling.problem import Network
from opmodel.engines.progress import StopCheck, never_stop

IntArray = NDArray[np.int64]
_NONE = np.iinfo(np.int64).max  # fitness of a list whose schedule does not fit the horizon
_RESTART = 50  # generations without a better schedule before the population is renewed


@dataclass(frozen=True)
class Evolved:
    """The best schedule found, its makespan, and how many schedules were generated."""

    starts: list[int]
    makespan: int
    schedules: int


def _rows(n: int, arcs: Sequence[tuple[int, int, int]]) -> tuple[IntArray, IntArray, IntArray]:
    """Arcs (row, column, lag) as compressed rows: pointers, columns, lags."""
    ordered = sorted(arcs)
    ptr = np.zeros(n + 1, np.int64)
    for row, _, _ in ordered:
        ptr[row + 1] += 1
    return (np.cumsum(ptr).astype(np.int64), np.array([c for _, c, _ in ordered], np.int64),
            np.array([lag for _, _, lag in ordered], np.int64))


class Arrays:
    """The network as the kernels read it."""

    def __init__(self, net: Network) -> None:
        n, resources = net.n, len(net.resources)
        self.n = n
        self.dur = np.array(net.dur, np.int64)
        self.release = np.array(net.release, np.int64)
        self.deadline = np.array([-1 if d is None else d for d in net.deadline], np.int64)
        self.pred = _rows(n, [(j, i, d) for i, j, d in net.arcs])
        self.succ = _rows(n, net.arcs)
        self.demand = np.array(net.demand, np.int64).reshape(n, resources)
        length = net.horizon() + max(net.dur, default=0) + 1
        self.cap = np.array(net.capacity(length), np.int64).reshape(resources, length)
        self.used = np.zeros_like(self.cap)
        self.starts = np.zeros(n, np.int64)
        self.taken = np.zeros(n, np.bool_)

    def decoding(self) -> tuple[Any, ...]:
        """The arguments ``kernels.evaluate`` takes after the list."""
        return (self.dur, self.release, self.deadline, *self.pred, *self.succ, self.demand,
                self.cap, self.used, self.starts)


def _latest_finish(net: Network) -> IntArray:
    tail = net.tails()
    return np.array([-tail[i] for i in range(net.n)], np.int64)


def evolve(net: Network, *, seeds: Sequence[Sequence[float]] = (), budget: float = 1.0,
           schedules: int | None = None, seed: int = 0, population: int = 100,
           mutation: float = 0.05, floor: int = 0,
           should_stop: StopCheck = never_stop) -> Evolved | None:
    """The best schedule the genetic algorithm finds within ``budget`` seconds or
    ``schedules`` generated schedules (whichever ends first; with a count and an ample
    budget the result depends only on ``seed``). ``seeds`` are priority lists (lower goes
    first) that join the first population, so the result is never worse than the serial
    scheme's schedule of any of them. It stops early at a schedule of makespan ``floor``
    (a lower bound) without lateness. None when no list gives a schedule."""
    began = time.perf_counter()  # loading the compiled kernels counts against the budget
    from opmodel.engines.planning.scheduling import kernels

    k: Any = kernels  # compiled functions: numba checks their arguments, not mypy
    arrays = Arrays(net)
    args = arrays.decoding()
    pptr, sptr, sidx = arrays.pred[0], *arrays.succ[:2]
    k.seed_random(seed)
    n = net.n
    best = np.full(n + 1, _NONE, np.int64)
    pop = np.empty((population, n), np.int64)
    fit = np.empty(population, np.int64)
    late = _latest_finish(net).astype(np.float64)
    made = 0

    def fill(first: int) -> None:
        nonlocal made
        for p in range(first, population):
            if first == 0 and p < len(seeds):
                rank = np.argsort(np.argsort(np.asarray(seeds[p]), kind="stable"), kind="stable")
                k.topological(rank.astype(np.int64), pptr, sptr, sidx, pop[p])
            elif p > first and _spent(began, budget, made, schedules):
                # out of time on a large problem: the lists made so far fill the population
                pop[p:], fit[p:] = np.resize(pop[:p], (population - p, n)), np.resize(fit[:p],
                                                                                 population - p)
                return
            else:
                k.sampled_list(late, pptr, sptr, sidx, pop[p])
            value = k.evaluate(pop[p], *args)
            fit[p] = value if value >= 0 else _NONE
            made += 1
            if 0 <= value < best[0]:
                best[0], best[1:] = value, arrays.starts

    fill(0)
    kids = np.empty_like(pop)
    kid_fit = np.empty_like(fit)
    stale = 0
    batch = max(1, 2000 // max(n, 1))  # children per compiled call: about 1 ms of work
    done = floor * k.SCALE
    while best[0] > done and not _spent(began, budget, made, schedules) and not should_stop():
        before = best[0]
        bred = 0
        while bred < population and (bred == 0 or not _spent(began, budget, made, schedules)):
            # a large problem breeds in batches, so that the budget is kept within a generation
            end = min(bred + batch, population)
            k.breed(pop, fit, kids[bred:end], kid_fit[bred:end], mutation, best, *args[:-1],
                    arrays.starts, arrays.taken)
            made += end - bred
            bred = end
        pop, fit = _survivors(np.concatenate((pop, kids[:bred])),
                              np.concatenate((fit, kid_fit[:bred])), population)
        stale = 0 if best[0] < before else stale + 1
        if stale >= _RESTART:  # converged: keep the best few, sample the rest afresh
            fill(max(2, population // 10))
            stale = 0
    if best[0] == _NONE:
        return None
    starts = [int(s) for s in best[1:]]
    return Evolved(starts, max((s + d for s, d in zip(starts, net.dur, strict=True)),
                               default=0), made)


def _spent(began: float, budget: float, made: int, schedules: int | None) -> bool:
    return time.perf_counter() - began >= budget or (schedules is not None
                                                     and made >= schedules)


def _survivors(pop: IntArray, fit: IntArray, size: int) -> tuple[IntArray, IntArray]:
    """The ``size`` fittest distinct lists (a repeated list would crowd out the others)."""
    weights = np.random.default_rng(0).integers(1, 1 << 30, pop.shape[1])
    signature = pop @ weights
    _, first = np.unique(signature, return_index=True)
    keep = first[np.argsort(fit[first], kind="stable")][:size]
    if keep.size < size:  # too few distinct lists: repeat the best ones
        keep = np.concatenate((keep, np.resize(keep, size - keep.size)))
    return pop[keep].copy(), fit[keep].copy()
