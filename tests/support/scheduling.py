"""Random scheduling problems with every kind of constraint the scheduler takes: lags (fs,
ss, negative), releases, deadlines, a capacity that changes over time."""

from __future__ import annotations

import random

from opmodel.engines.planning.scheduling.problem import (
    Precedence,
    Resource,
    SchedulingProblem,
    Task,
)


def random_problem(seed: int, most: int = 14) -> SchedulingProblem:
    """A random problem of 2 to ``most`` tasks on two resources."""
    rng = random.Random(seed)
    n = rng.randint(2, most)
    resources = (
        Resource("a", rng.randint(2, 5)),
        Resource("b", rng.randint(1, 4), ((rng.randint(0, 6), rng.randint(1, 5)),
                                          (rng.randint(6, 15), rng.randint(2, 6)))),
    )
    tasks = tuple(Task(f"t{i}", rng.randint(0, 5),
                       {r.id: rng.randint(0, 2) for r in resources if rng.random() < 0.7},
                       release=rng.choice([0, 0, rng.randint(0, 8)]),
                       deadline=rng.choice([None, rng.randint(3, 20)])) for i in range(n))
    density = 0.25 * min(1.0, 14 / most)  # about as many precedences per task at any size
    precedences = tuple(Precedence(f"t{i}", f"t{j}", rng.choice(["fs", "ss"]),
                                   rng.randint(-1, 3))
                        for j in range(n) for i in range(j) if rng.random() < density)
    return SchedulingProblem(tasks, precedences, resources)
