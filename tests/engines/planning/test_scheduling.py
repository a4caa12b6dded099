"""The generic scheduler: optimal makespans on closed PSPLIB instances, feasibility of the
heuristic under every kind of constraint, bounds, stopping and bad input."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from opmodel.engines.planning.scheduling.problem import (
    Network,
    Precedence,
    Resource,
    SchedulingError,
    SchedulingProblem,
    Task,
    verify,
)
from opmodel.engines.planning.scheduling.solve import solve
from opmodel.engines.progress import Progress
from opmodel.interop.psplib import read_psplib
from support.scheduling import random_problem

DATA = Path(__file__).parents[2] / "data" / "psplib"
# closed instances: best_lb == best_ub in PSPLIB's bounds.csv
OPTIMA = {"j301_1": 43, "j301_2": 47, "j3037_1": 79}


@pytest.mark.parametrize("name", sorted(OPTIMA))
def test_cpsat_proves_the_known_optimum(name: str) -> None:
    problem = read_psplib(DATA / f"{name}.sm").problem
    result = solve(problem, time_limit=2.0)
    assert verify(problem, result.starts) == []
    assert result.makespan == OPTIMA[name]
    assert result.status == "optimal"
    assert result.lower_bound == OPTIMA[name]


@pytest.mark.parametrize("name", sorted(OPTIMA))
def test_heuristic_is_feasible_and_not_below_the_optimum(name: str) -> None:
    problem = read_psplib(DATA / f"{name}.sm").problem
    result = solve(problem, method="heuristic")
    assert verify(problem, result.starts) == []
    assert result.makespan >= OPTIMA[name]
    assert result.lower_bound <= OPTIMA[name]
    assert result.method == "heuristic"


@pytest.mark.parametrize("seed", range(40))
def test_heuristic_respects_precedences_lags_releases_and_capacity(seed: int) -> None:
    problem = random_problem(seed)
    result = solve(problem, method="heuristic")
    assert verify(problem, result.starts) == []
    assert result.lower_bound <= result.makespan


@pytest.mark.parametrize("seed", range(8))
def test_cpsat_is_feasible_and_never_worse_than_the_heuristic(seed: int) -> None:
    problem = random_problem(seed)
    quick = solve(problem, method="heuristic")
    exact = solve(problem, time_limit=1.0, num_workers=1)
    assert verify(problem, exact.starts) == []
    assert exact.lower_bound <= exact.makespan <= quick.makespan
    if exact.status == "optimal":
        assert exact.lower_bound == exact.makespan


def test_verify_reports_each_kind_of_violation() -> None:
    problem = SchedulingProblem(
        (Task("a", 2, {"r": 1}), Task("b", 2, {"r": 1}, release=1)),
        (Precedence("a", "b", "fs", 1),), (Resource("r", 1),))
    errors = verify(problem, {"a": 0, "b": 0})
    assert any("before its release" in e for e in errors)
    assert any("before 'a' allows" in e for e in errors)
    assert any("over capacity" in e for e in errors)
    assert verify(problem, {"a": 0, "b": 3}) == []


def test_start_to_start_lag_and_critical_path_bound() -> None:
    problem = SchedulingProblem(
        (Task("a", 4), Task("b", 3), Task("c", 2)),
        (Precedence("a", "b", "ss", 2), Precedence("b", "c")))
    assert Network(problem).lower_bound() == 7
    result = solve(problem, time_limit=1.0)
    assert result.starts == {"a": 0, "b": 2, "c": 5}
    assert (result.makespan, result.status) == (7, "optimal")


def test_capacity_that_rises_later_delays_the_task() -> None:
    problem = SchedulingProblem((Task("a", 2, {"team": 2}),), (),
                                (Resource("team", 0, ((5, 1), (8, 3))),))
    result = solve(problem, method="heuristic")
    assert result.starts == {"a": 8}
    assert 9 <= Network(problem).lower_bound() <= 10  # 4 units of work need until time 9


def test_energy_bound_counts_the_work_a_resource_must_do() -> None:
    problem = SchedulingProblem(tuple(Task(f"t{i}", 3, {"r": 2}) for i in range(4)), (),
                                (Resource("r", 3),))
    assert Network(problem).lower_bound() == 8  # 24 units of work at 3 per time unit
    assert solve(problem, time_limit=1.0).makespan == 12


def test_deadlines_are_met_when_the_makespan_allows() -> None:
    tasks = (Task("a", 2, {"r": 1}), Task("b", 2, {"r": 1}), Task("c", 2, {"r": 1}, deadline=2))
    problem = SchedulingProblem(tasks, (), (Resource("r", 1),))
    result = solve(problem, time_limit=1.5)
    assert result.makespan == 6
    assert result.late == {}
    assert result.starts["c"] == 0


def test_missed_deadlines_are_reported() -> None:
    problem = SchedulingProblem((Task("a", 3), Task("b", 2, deadline=4)), (Precedence("a", "b"),))
    result = solve(problem, time_limit=1.0)
    assert result.late == {"b": 1}


def test_stop_set_before_the_search_returns_the_heuristic_schedule() -> None:
    problem = read_psplib(DATA / "j3037_1.sm").problem
    result = solve(problem, time_limit=60.0, should_stop=lambda: True)
    assert verify(problem, result.starts) == []
    assert result.method == "heuristic"
    assert result.seconds < 30.0


def test_stop_during_the_search_returns_the_best_schedule_so_far() -> None:
    # j6013_1 is open (best known bounds 104 and 112): no search proves it in a minute
    problem = read_psplib(DATA / "j6013_1.sm").problem
    stop = threading.Event()
    timer = threading.Timer(0.5, stop.set)

    def heard(_: Progress) -> None:  # the rules' schedule is ready: CP-SAT searches from here
        if not timer.is_alive() and not stop.is_set():
            timer.start()

    result = solve(problem, method="cpsat", time_limit=60.0, progress=heard,
                   should_stop=stop.is_set)
    timer.cancel()
    assert verify(problem, result.starts) == []
    assert (result.method, result.status) == ("cpsat", "feasible")
    assert result.lower_bound <= 112 and result.makespan >= 104  # optimum in [104, 112]
    assert result.seconds < 30.0


def test_stop_during_the_genetic_algorithm_returns_its_best_schedule() -> None:
    problem = read_psplib(DATA / "j6013_1.sm").problem
    stop = threading.Event()
    timer = threading.Timer(0.3, stop.set)
    timer.start()
    result = solve(problem, method="auto", time_limit=60.0, should_stop=stop.is_set)
    timer.cancel()
    assert verify(problem, result.starts) == []
    assert result.status == "feasible" and result.makespan >= 104
    assert result.seconds < 30.0


def _found(seen: list[Progress]) -> tuple[list[int], list[int]]:
    """The makespans and bounds the progress reports told of."""
    details = [p.detail for p in seen if p.detail is not None]
    assert all(d.code == "plan.progress.schedule" for d in details)
    return [d.params["makespan"] for d in details], [d.params["bound"] for d in details]


@pytest.fixture
def long_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs of a second count as long: a short proof phase, then the neighbourhood search."""
    from opmodel.engines.planning.scheduling import cpsat as scheduling_cpsat

    monkeypatch.setattr(scheduling_cpsat, "_LONG", 0.5)
    monkeypatch.setattr(scheduling_cpsat, "_PROOF_SHARE", 0.3)


@pytest.mark.usefixtures("long_runs")
def test_a_long_run_still_proves_what_its_first_phase_closes() -> None:
    problem = read_psplib(DATA / "j301_1.sm").problem
    result = solve(problem, time_limit=3.0)
    assert (result.makespan, result.status, result.lower_bound) == (43, "optimal", 43)


@pytest.mark.usefixtures("long_runs")
def test_a_long_run_on_an_open_problem_keeps_the_proven_bound() -> None:
    seen: list[Progress] = []
    problem = read_psplib(DATA / "j6013_1.sm").problem
    result = solve(problem, time_limit=2.0, progress=seen.append)
    assert verify(problem, result.starts) == []
    assert (result.method, result.status) == ("cpsat", "feasible")
    assert result.lower_bound <= 112 and result.makespan >= 104
    spans, bounds = _found(seen)
    assert spans == sorted(spans, reverse=True)
    # reported bounds never fall, from one phase to the next included
    assert bounds == sorted(bounds)
    assert bounds[-1] == result.lower_bound


@pytest.mark.usefixtures("long_runs")
def test_stop_during_the_neighbourhood_search_returns_its_best_schedule(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from opmodel.engines.planning.scheduling import cpsat as scheduling_cpsat

    monkeypatch.setattr(scheduling_cpsat, "_PROOF_SHARE", 0.01)  # 0.6 s of 60
    problem = read_psplib(DATA / "j6013_1.sm").problem
    stop = threading.Event()
    timer = threading.Timer(2.0, stop.set)
    timer.start()
    result = solve(problem, method="cpsat", time_limit=60.0, should_stop=stop.is_set)
    timer.cancel()
    assert verify(problem, result.starts) == []
    assert result.method == "cpsat" and result.seconds < 30.0


def test_time_limit_ends_the_search() -> None:
    problem = read_psplib(DATA / "j6013_1.sm").problem
    result = solve(problem, time_limit=0.5)
    assert verify(problem, result.starts) == []
    assert result.status == "feasible"
    assert result.seconds < 20.0


def test_progress_reports_better_schedules() -> None:
    seen: list[Progress] = []
    problem = read_psplib(DATA / "j301_2.sm").problem
    result = solve(problem, time_limit=2.0, progress=seen.append)
    spans, bounds = _found(seen)
    assert spans and spans[0] >= result.makespan
    assert all(b <= s for s, b in zip(spans, bounds, strict=True))
    assert {p.stage for p in seen} == {"schedule"}
    fractions = [p.fraction for p in seen]
    assert fractions == sorted(fractions) and all(0 <= f <= 1 for f in fractions)


@pytest.mark.parametrize(("problem", "culprit"), [
    (SchedulingProblem((Task("a", -1),)), "a"),
    (SchedulingProblem((Task("a", 1, {"ghost": 1}),)), "a"),
    (SchedulingProblem((Task("a", 1, {"r": 3}),), (), (Resource("r", 2),)), "a"),
    (SchedulingProblem((Task("a", 1), Task("b", 1)),
                       (Precedence("a", "b"), Precedence("b", "a"))), None),
    (SchedulingProblem((Task("a", 1),), (Precedence("a", "zz"),)), "zz"),
])
def test_bad_problems_name_the_task(problem: SchedulingProblem, culprit: str | None) -> None:
    with pytest.raises(SchedulingError) as err:
        solve(problem, method="heuristic")
    if culprit is not None:
        assert err.value.task == culprit
        assert f"'{culprit}'" in str(err.value)


def test_a_task_that_can_never_fit_is_named() -> None:
    # capacity 2 only for times 0..2; the task needs it for 4 units
    problem = SchedulingProblem((Task("a", 4, {"r": 2}),), (), (Resource("r", 2, ((3, 1),)),))
    with pytest.raises(SchedulingError) as err:
        solve(problem, time_limit=1.0)
    assert err.value.task == "a"
    assert not err.value.timed_out


def test_cpsat_respects_a_capacity_that_dips() -> None:
    # two units of capacity except for times 3..5, where one is away
    resource = Resource("r", 2, ((3, 1), (6, 2)))
    tasks = tuple(Task(f"t{i}", 3, {"r": 1}) for i in range(4))
    problem = SchedulingProblem(tasks, (), (resource,))
    result = solve(problem, time_limit=1.0)
    assert verify(problem, result.starts) == []
    assert (result.makespan, result.status) == (9, "optimal")
