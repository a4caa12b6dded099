"""The compiled kernels: the serial scheme over a list, double justification (never
longer, always feasible), the crossover and mutation keeping lists precedence-feasible."""

from __future__ import annotations

import numpy as np
import pytest

from opmodel.engines.planning.scheduling import kernels
from opmodel.engines.planning.scheduling.genetic import Arrays
from opmodel.engines.planning.scheduling.problem import Network, verify
from support.scheduling import random_problem


def _feasible_list(order: np.ndarray, net: Network) -> bool:
    at = {int(j): p for p, j in enumerate(order)}
    return sorted(at) == list(range(net.n)) and all(at[i] < at[j] for i, j, _ in net.arcs)


@pytest.mark.parametrize("seed", range(30))
def test_justification_keeps_the_schedule_feasible_and_never_longer(seed: int) -> None:
    problem = random_problem(seed, most=30)
    net = Network(problem)
    arrays = Arrays(net)
    kernels.seed_random(seed)
    order = np.empty(net.n, np.int64)
    kernels.sampled_list(np.zeros(net.n), arrays.pred[0], *arrays.succ[:2], order)
    assert _feasible_list(order, net)
    starts = arrays.starts
    span = kernels.serial(order, arrays.dur, arrays.release, *arrays.pred, arrays.demand,
                          arrays.cap, arrays.used, starts)
    assert verify(problem, dict(zip(net.ids, starts.tolist(), strict=True))) == []
    justified = kernels.justify(starts, arrays.dur, arrays.release, *arrays.pred,
                                *arrays.succ, arrays.demand, arrays.cap, arrays.used)
    assert verify(problem, dict(zip(net.ids, starts.tolist(), strict=True))) == []
    assert justified <= span
    assert justified == max(int(s + d) for s, d in zip(starts, arrays.dur, strict=True))


@pytest.mark.parametrize("seed", range(20))
def test_crossover_and_mutation_keep_lists_precedence_feasible(seed: int) -> None:
    net = Network(random_problem(seed, most=30))
    arrays = Arrays(net)
    kernels.seed_random(seed)
    mother, father, child = (np.empty(net.n, np.int64) for _ in range(3))
    for parent in (mother, father):
        kernels.sampled_list(np.zeros(net.n), arrays.pred[0], *arrays.succ[:2], parent)
    kernels.crossover(mother, father, child, arrays.taken)
    assert _feasible_list(child, net)
    kernels.mutate(child, 0.5, *arrays.succ[:2])
    assert _feasible_list(child, net)
