"""The genetic algorithm: feasible schedules under every kind of constraint (checked by the
independent verifier), never worse than the serial scheme it starts from, the same result
for the same seed, early stop at a lower bound."""

from __future__ import annotations

from pathlib import Path

import pytest

from opmodel.engines.planning.scheduling.genetic import evolve
from opmodel.engines.planning.scheduling.heuristic import Heuristic
from opmodel.engines.planning.scheduling.problem import Network, SchedulingError, verify
from opmodel.interop.psplib import read_psplib
from support.scheduling import random_problem

DATA = Path(__file__).parents[3] / "data" / "psplib"
AMPLE = 60.0  # seconds: with a count of schedules the count ends the search, not the clock


def _serial_makespans(net: Network) -> list[int]:
    """The plain serial scheme's makespan for each priority rule (the genetic seeds)."""
    heuristic = Heuristic(net)
    spans = []
    for rule in heuristic.rules().values():
        try:
            spans.append(heuristic.makespan(heuristic.forward(rule)))
        except SchedulingError:
            continue
    return spans


@pytest.mark.parametrize("seed", range(40))
def test_schedules_respect_precedences_lags_releases_and_capacity(seed: int) -> None:
    problem = random_problem(seed, most=30)
    net = Network(problem)
    evolved = evolve(net, seeds=list(Heuristic(net).rules().values()), budget=AMPLE,
                     schedules=300, seed=seed)
    assert evolved is not None
    starts = dict(zip(net.ids, evolved.starts, strict=True))
    assert verify(problem, starts) == []
    assert evolved.makespan == max(starts[t.id] + t.duration for t in problem.tasks)
    assert evolved.makespan >= net.lower_bound()


@pytest.mark.parametrize("seed", range(20))
def test_never_worse_than_the_serial_scheme_of_its_seeds(seed: int) -> None:
    net = Network(random_problem(100 + seed, most=40))
    rules = Heuristic(net).rules()
    evolved = evolve(net, seeds=list(rules.values()), budget=AMPLE, schedules=200, seed=seed)
    assert evolved is not None
    assert evolved.makespan <= min(_serial_makespans(net))


@pytest.mark.parametrize("name", ["j301_1", "j6013_1"])
def test_psplib_instances_beat_the_priority_rules(name: str) -> None:
    problem = read_psplib(DATA / f"{name}.sm").problem
    net = Network(problem)
    evolved = evolve(net, seeds=list(Heuristic(net).rules().values()), budget=AMPLE,
                     schedules=3000, seed=1)
    assert evolved is not None
    assert verify(problem, dict(zip(net.ids, evolved.starts, strict=True))) == []
    assert net.lower_bound() <= evolved.makespan <= min(_serial_makespans(net))
    assert evolved.schedules >= 3000 or evolved.makespan == net.lower_bound()


def test_the_same_seed_gives_the_same_schedule() -> None:
    net = Network(read_psplib(DATA / "j6013_1.sm").problem)

    def run(seed: int) -> list[int]:
        evolved = evolve(net, budget=AMPLE, schedules=1500, seed=seed)
        assert evolved is not None
        return evolved.starts

    assert run(7) == run(7)


def test_stops_at_the_lower_bound() -> None:
    net = Network(read_psplib(DATA / "j301_1.sm").problem)
    evolved = evolve(net, budget=AMPLE, schedules=10**7, floor=43)  # j301_1's optimum
    assert evolved is not None
    assert evolved.makespan == 43
    assert evolved.schedules < 10**7


def test_stops_when_asked() -> None:
    net = Network(read_psplib(DATA / "j6013_1.sm").problem)
    evolved = evolve(net, budget=AMPLE, population=40, should_stop=lambda: True)
    assert evolved is not None
    assert evolved.schedules == 40  # the first population only
