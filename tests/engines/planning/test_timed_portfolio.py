"""Choosing and scheduling together: work moves to a year with money, deadlines, teams and
dependencies hold, and the value is never less than with costs in fixed windows."""

import random

import pytest

from opmodel.document.model import OperatingModel
from opmodel.engines.planning.plan import plan
from opmodel.engines.planning.roadmap_schedule import roadmap_calendar, roadmap_problem
from opmodel.engines.planning.scheduling.problem import SchedulingProblem, verify
from opmodel.engines.planning.timed_portfolio import choose_portfolio
from support.builders import estimate, unchecked

LIMITS = [{"fiscal_year": 2026, "amount": 10}, {"fiscal_year": 2027, "amount": 10}]


def _model(initiatives: list[dict], limits: list[dict] | None = None, **roadmap: object
           ) -> OperatingModel:
    return unchecked(metadata={"fiscal_year_start_month": 4},
                     strategy={"objectives": [{"id": "o", "weight": 1}]},
                     budget={"contingency": {"method": "percent", "percent": 0}},
                     roadmap={"calendar": {"start": "2026-04-06"}, "initiatives": initiatives,
                              "budget_limits": LIMITS if limits is None else limits, **roadmap})


def _ini(id_: str, value: float, cost: float, weeks: float = 10, **more: object) -> dict:
    return {"id": id_, "impact": {"o": value}, "duration": estimate(weeks),
            "costs": [{"id": "c", "category": "capex", "amount": cost}], **more}


def test_work_that_does_not_fit_one_year_moves_to_the_next() -> None:
    # both would start at once and spend FY2026's 10 twice over; FY2027 has room for one
    m = _model([_ini("a", 5, 8), _ini("b", 4, 8)])
    r = choose_portfolio(m, time_limit=5)
    assert r.method == "time_aware" and r.baseline_value == pytest.approx(5)
    assert r.selected == ["a", "b"] and r.value == pytest.approx(9)
    # one starts late enough that at most the 2 left of FY2026 falls before April 2027
    first, later = sorted(r.start_weeks.values())
    assert first == 0 and later >= 45
    [move] = r.moves
    assert r.start_weeks[move.initiative] == later and move.weeks == later
    assert move.reason.code == "portfolio.moved.budget"
    assert "FY2026" in move.reason.text("en") and "2026年度" in move.reason.text("ja")
    result = plan(m, time_limit=5, iterations=0)
    assert result.within_limits and result.budget.over_limits == []
    assert result.schedule is not None
    # the plan keeps the dates its own selection chose (a and b are alike: either may go first)
    assert {i.id: i.start_week for i in result.schedule.items} == result.portfolio.start_weeks
    own_first, own_later = sorted(result.portfolio.start_weeks.values())
    assert own_first == 0 and own_later >= 45


def test_a_deadline_keeps_its_initiative_in_place_and_the_other_moves() -> None:
    m = _model([_ini("a", 5, 8), _ini("b", 4, 8, deadline="2026-09-30")])
    r = choose_portfolio(m, time_limit=5)
    assert r.selected == ["a", "b"]
    assert r.start_weeks["b"] == 0 and r.start_weeks["a"] >= 45
    assert [move.initiative for move in r.moves] == ["a"]


def test_teams_dependencies_and_earliest_starts_hold() -> None:
    m = _model([_ini("a", 5, 4, demand={"dev": 2}),
                _ini("b", 4, 4, demand={"dev": 1}, depends_on=["a"]),
                _ini("c", 3, 4, demand={"dev": 1}, earliest_start="2026-06-01"),
                _ini("d", 3, 4, demand={"dev": 2})],
               [{"fiscal_year": 2026, "amount": 14}, {"fiscal_year": 2027, "amount": 10}],
               resources=[{"id": "dev", "capacity": 2}])
    r = choose_portfolio(m, time_limit=5)
    assert set(r.selected) == {"a", "b", "c", "d"}
    problem = roadmap_problem(m, roadmap_calendar(m))
    chosen = SchedulingProblem(tuple(t for t in problem.tasks if t.id in r.start_weeks),
                               problem.precedences, problem.resources)
    assert verify(chosen, r.start_weeks) == []
    assert any(move.reason.code == "portfolio.moved.capacity" for move in r.moves)


@pytest.mark.parametrize("seed", range(8))
def test_never_less_value_than_costs_in_fixed_windows(seed: int) -> None:
    rng = random.Random(seed)
    initiatives = []
    for n in range(12):
        more: dict = {}
        if n and rng.random() < 0.3:
            more["depends_on"] = [f"i{rng.randrange(n)}"]
        if rng.random() < 0.2:
            more["mandatory"] = n == 0
        initiatives.append(_ini(f"i{n}", rng.randint(1, 10), rng.randint(5, 40),
                                rng.randint(4, 40), **more))
    limits = [{"fiscal_year": 2026 + k, "amount": rng.randint(40, 90)} for k in range(3)]
    m = _model(initiatives, limits)
    r = choose_portfolio(m, time_limit=5)
    assert r.method == "time_aware"
    assert r.baseline_value is not None and r.value >= r.baseline_value - 1e-9
    result = plan(m, time_limit=5, iterations=0)
    assert result.within_limits, result.budget.over_limits
