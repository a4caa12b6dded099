"""Portfolio selection: the optimum of small portfolios and every constraint honoured."""

import itertools
import random
import subprocess
import sys

import pytest

from opmodel.document.model import OperatingModel
from opmodel.engines.planning.portfolio import select_portfolio
from opmodel.engines.planning.selection import SelectionProblem, greedy_selection, solve_selection
from support.builders import estimate, unchecked


def _model(initiatives: list[dict], limits: list[dict] | None = None,
           budget: dict | None = None, **roadmap: object) -> OperatingModel:
    # no contingency unless a test asks for it: the limits hold the initiatives' costs alone
    return unchecked(metadata={"fiscal_year_start_month": 4},
                     strategy={"objectives": [{"id": "o", "weight": 1}]},
                     budget=budget or {"contingency": {"method": "percent", "percent": 0}},
                     roadmap={"initiatives": initiatives, "budget_limits": limits or [], **roadmap})


def _ini(id_: str, value: float, cost: float, year: int = 2026, **more: object) -> dict:
    return {"id": id_, "impact": {"o": value},
            "costs": [{"id": "cost-32", "category": "capex", "amount": cost, "fiscal_year": year}], **more}


def test_known_optimum_beats_greedy() -> None:
    # budget 10: greedy by value/cost takes a (ratio 1.5) then nothing fits; b + c is worth 10
    m = _model([_ini("a", 9, 6), _ini("b", 5, 5), _ini("c", 5, 5)],
               [{"fiscal_year": 2026, "amount": 10}])
    r = select_portfolio(m, time_limit=5)
    assert r.status == "optimal"
    assert r.selected == ["b", "c"]
    assert r.value == pytest.approx(10.0)
    assert r.gap == 0.0 and r.bound == pytest.approx(10.0)
    assert r.greedy_value == pytest.approx(9.0)


def test_budget_is_per_fiscal_year() -> None:
    # both fit the total (20) but not the same year's money (FY2026: 10)
    m = _model([_ini("a", 5, 8), _ini("b", 4, 8)],
               [{"fiscal_year": 2026, "amount": 10}, {"fiscal_year": 2027, "amount": 10}])
    assert select_portfolio(m, time_limit=5).selected == ["a"]
    m = _model([_ini("a", 5, 8), _ini("b", 4, 8, year=2027)],
               [{"fiscal_year": 2026, "amount": 10}, {"fiscal_year": 2027, "amount": 10}])
    assert select_portfolio(m, time_limit=5).selected == ["a", "b"]


def test_cost_without_year_falls_in_the_year_of_its_earliest_start() -> None:
    ini = {"id": "a", "impact": {"o": 5}, "earliest_start": "2027-03-15",  # FY2026 (April start)
           "costs": [{"id": "cost-33", "category": "capex", "amount": 8}]}
    m = _model([ini], [{"fiscal_year": 2026, "amount": 5}, {"fiscal_year": 2027, "amount": 50}])
    assert select_portfolio(m, time_limit=5).selected == []


def test_cost_without_year_follows_the_initiatives_likely_window() -> None:
    # no schedule yet: the phase start and the prerequisite place the costs in FY2027
    weeks = estimate(4)
    late_phase = {"id": "b", "impact": {"o": 5}, "phase": "p2", "duration": weeks,
                  "costs": [{"id": "cost-34", "category": "capex", "amount": 8}]}
    after_a = {"id": "c", "impact": {"o": 5}, "duration": weeks, "depends_on": ["a"],
               "costs": [{"id": "cost-35", "category": "capex", "amount": 8}]}
    long_a = {"id": "a", "impact": {"o": 1}, "mandatory": True,
              "duration": estimate(60),
              "costs": [{"id": "cost-36", "category": "capex", "amount": 60}]}
    limits = [{"fiscal_year": 2026, "amount": 60}, {"fiscal_year": 2027, "amount": 30}]
    m = _model([long_a, late_phase, after_a], limits, calendar={"start": "2026-04-01"},
               phases=[{"id": "p2", "start": "2027-04-05"}])
    result = select_portfolio(m, time_limit=5)
    # a's 60 weeks spread: about 52 in FY2026, 8 in FY2027; b and c both fit FY2027's money
    assert result.selected == ["a", "b", "c"]
    used = {u.fiscal_year: u.used for u in result.uses if u.kind == "budget"}
    assert used[2026] == pytest.approx(52, abs=1) and used[2027] == pytest.approx(24, abs=1)


def test_dependencies_exclusions_and_mandatory_items_hold() -> None:
    m = _model([
        _ini("base", 1, 4),
        _ini("top", 9, 4, depends_on=["base"]),  # worth taking only with its prerequisite
        _ini("alt-a", 6, 1, excludes=["alt-b"]),
        _ini("alt-b", 5, 1),
        _ini("must", 0, 3, mandatory=True),
    ], [{"fiscal_year": 2026, "amount": 12}])
    r = select_portfolio(m, time_limit=5)
    chosen = set(r.selected)
    assert "must" in chosen
    assert "top" in chosen and "base" in chosen
    assert not {"alt-a", "alt-b"} <= chosen
    assert "alt-a" in chosen
    assert r.reasons["alt-b"].code == "portfolio.alternative"
    assert "alt-a" in r.reasons["alt-b"].text("en") and "alt-a" in r.reasons["alt-b"].text("ja")


def test_team_capacity_limits_the_work_over_the_horizon() -> None:
    dur = estimate(10)
    m = _model([{"id": "a", "impact": {"o": 5}, "demand": {"dev": 2}, "duration": dur},
                {"id": "b", "impact": {"o": 4}, "demand": {"dev": 2}, "duration": dur}],
               resources=[{"id": "dev", "capacity": 1}], horizon_weeks=30)
    r = select_portfolio(m, time_limit=5)
    assert r.selected == ["a"]  # 20 of 30 resource-weeks; both would need 40
    assert r.reasons["b"].code == "portfolio.over_limit" and "'dev'" in r.reasons["b"].text("en")
    use = next(u for u in r.uses if u.kind == "capacity")
    assert (use.resource, use.fiscal_year, use.used, use.limit) == ("dev", None, 20, 30)


def test_capacity_periods_change_what_is_available() -> None:
    dur = estimate(10)
    m = _model([{"id": "a", "impact": {"o": 5}, "demand": {"dev": 2}, "duration": dur}],
               resources=[{"id": "dev", "capacity": 0.5,
                           "periods": [{"start": "2026-04-01", "capacity": 1}]}],
               horizon_weeks=20, calendar={"start": "2026-01-07"})
    # 12 weeks before April at 0.5, then 8 weeks at 1: 14 resource-weeks < 20 needed
    r = select_portfolio(m, time_limit=5)
    assert r.selected == []
    assert next(u for u in r.uses if u.kind == "capacity").limit == 14


def test_mandatory_items_over_budget_are_infeasible_and_explained() -> None:
    m = _model([_ini("a", 1, 8, mandatory=True), _ini("b", 1, 8, mandatory=True)],
               [{"fiscal_year": 2026, "amount": 10}])
    r = select_portfolio(m, time_limit=5)
    assert r.status == "infeasible"
    over = [n for n in r.notes if n.code == "portfolio.mandatory_over_limit"]
    assert any("FY2026" in n.text("en") and "2026年度" in n.text("ja") for n in over)
    assert [(u.kind, u.fiscal_year) for u in r.uses] == [("budget", 2026), ("budget", None)]


def _brute_force(p: SelectionProblem) -> int:
    best = -1
    for bits in itertools.product([0, 1], repeat=p.size):
        chosen = {i for i, b in enumerate(bits) if b}
        if p.fits(chosen):
            best = max(best, sum(p.values[i] for i in chosen))
    return best


@pytest.mark.parametrize("seed", range(8))
def test_cp_sat_matches_brute_force_and_greedy_stays_feasible(seed: int) -> None:
    rnd = random.Random(seed)
    n = 9
    p = SelectionProblem(
        values=[rnd.randint(1, 30) for _ in range(n)],
        weights=[[rnd.randint(0, 20) for _ in range(n)] for _ in range(2)],
        capacities=[40, 45],
        requires=[(rnd.randrange(n), rnd.randrange(n)) for _ in range(2)],
        excludes=[(0, 1)])
    p.requires = [(i, j) for i, j in p.requires if i != j]
    sol = solve_selection(p, time_limit=5)
    assert sol.status == "optimal"
    assert sol.value == _brute_force(p)
    assert p.fits(set(sol.chosen))
    greedy = greedy_selection(p)
    assert p.fits(set(greedy.chosen)) and greedy.value <= sol.value


def test_a_stop_ends_the_search_early() -> None:
    rnd = random.Random(1)
    n = 250
    p = SelectionProblem(values=[rnd.randint(100, 1000) for _ in range(n)],
                         weights=[[rnd.randint(100, 1000) for _ in range(n)] for _ in range(10)],
                         capacities=[n * 250] * 10)
    sol = solve_selection(p, time_limit=30, should_stop=lambda: True,
                          hint=greedy_selection(p).chosen)
    assert sol.seconds < 10
    assert sol.status in ("feasible", "optimal", "unknown")


def test_solving_leaves_ctrl_c_to_the_caller() -> None:
    # OR-Tools would reset SIGINT to "kill" after a solve; Ctrl-C must still reach Python
    code = (
        "import os, signal, time\n"
        "from opmodel.engines.planning.selection import SelectionProblem, solve_selection\n"
        "solve_selection(SelectionProblem([3, 4], [[1, 2]], [2]), time_limit=1)\n"
        "try:\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    time.sleep(5)\n"
        "except KeyboardInterrupt:\n"
        "    print('caught')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.strip() == "caught", (out.returncode, out.stderr)


def test_without_scores_everything_that_fits_is_chosen() -> None:
    m = unchecked(roadmap={"initiatives": [{"id": "a"}, {"id": "b", "excludes": ["a"]},
                                           {"id": "c"}]})
    r = select_portfolio(m, time_limit=5)
    assert r.status == "optimal"
    assert len(r.selected) == 2 and "c" in r.selected
    assert r.value == 0.0


def test_the_ceiling_holds_the_whole_bill_unless_it_covers_direct_costs_only() -> None:
    # b's capex fits the 100 beside a's, but not with its productivity dip, the shared item
    # and 10% contingency: 40 + 30 + 10 capex, 10 dip, 5 shared → 95 × 1.1 > 100
    a = _ini("a", 5, 40)
    b = {**_ini("b", 4, 30), "costs": [
        {"id": "capex", "category": "capex", "amount": 30, "fiscal_year": 2026},
        {"id": "dip", "category": "productivity", "amount": 10, "fiscal_year": 2026}]}
    shared = {"contingency": {"method": "percent", "percent": 10},
              "items": [{"id": "pmo", "category": "parallel_running", "amount": 5,
                         "fiscal_year": 2026}]}
    whole = _model([a, b], [{"fiscal_year": 2026, "amount": 90}], budget=shared)
    r = select_portfolio(whole, time_limit=5)
    assert r.selected == ["a"] and r.reasons["b"].code == "portfolio.over_limit"
    use = next(u for u in r.uses if u.fiscal_year == 2026)
    assert use.used == pytest.approx((40 + 5) * 1.1, abs=1) and use.covers == "all"
    direct = _model([a, b], [{"fiscal_year": 2026, "amount": 90, "covers": "direct"}],
                    budget=shared)
    assert select_portfolio(direct, time_limit=5).selected == ["a", "b"]


def test_shared_costs_alone_over_a_limit_are_explained() -> None:
    m = _model([_ini("a", 5, 1)], [{"fiscal_year": 2026, "amount": 10}],
               budget={"contingency": {"method": "percent", "percent": 0},
                       "items": [{"id": "pmo", "category": "opex", "amount": 20,
                                  "fiscal_year": 2026}]})
    r = select_portfolio(m, time_limit=5)
    assert r.status == "infeasible"
    assert [n.code for n in r.notes] == ["portfolio.fixed_over_limit"] * 2
