"""The composed plan: portfolio, schedule, risk and budget agree with each other."""

from opmodel.document.model import OperatingModel
from opmodel.engines.planning.plan import STAGES, plan
from opmodel.engines.progress import Progress
from support.builders import estimate, model


def _model() -> OperatingModel:
    return model(
        metadata={"currency": "JPY", "fiscal_year_start_month": 4},
        strategy={"objectives": [{"id": "speed", "weight": 2}, {"id": "cost", "weight": 1}]},
        roadmap={
            "calendar": {"start": "2026-04-01"},
            "resources": [{"id": "infra", "capacity": 3}],
            "budget_limits": [{"fiscal_year": 2026, "amount": 50_000_000},
                              {"fiscal_year": 2027, "amount": 50_000_000}],
            "initiatives": [
                {"id": "gov", "mandatory": True, "impact": {"speed": 3},
                 "duration": estimate(4, 6, 10), "demand": {"infra": 1},
                 "costs": [{"id": "cost-1", "category": "opex", "amount": 5_000_000}]},
                {"id": "cloud", "impact": {"speed": 9, "cost": 5},
                 "duration": estimate(8, 12, 20), "depends_on": ["gov"], "demand": {"infra": 2},
                 "annual_benefit": 30_000_000,
                 "costs": [{"id": "cost-2", "category": "capex", "amount": 30_000_000, "low": 25_000_000,
                            "high": 45_000_000},
                           {"id": "cost-3", "category": "parallel_running", "amount": 4_000_000}]},
                {"id": "on-prem", "impact": {"speed": 4, "cost": 4}, "excludes": ["cloud"],
                 "duration": estimate(6, 8, 12), "costs": [{"id": "cost-4", "category": "capex", "amount": 20_000_000}]},
                {"id": "training", "impact": {"speed": 2}, "duration": estimate(2, 3, 4),
                 "depends_on": [{"initiative": "cloud", "type": "ss", "lag": 4}],
                 "costs": [{"id": "cost-5", "category": "training", "amount": 3_000_000}]},
            ]},
        budget={"contingency": {"method": "monte_carlo", "percentile": 80},
                "discount_rate": 0.05, "horizon_years": 4})


def test_plan_composes_every_engine() -> None:
    r = plan(_model(), time_limit=5, iterations=4000, seed=1)
    assert r.portfolio.status == "optimal"
    assert r.portfolio.selected == ["gov", "cloud", "training"]
    assert r.risk is not None and r.risk.iterations == 4000
    assert {x.id for x in r.risk.initiatives} == set(r.portfolio.selected)
    assert r.risk.completion.p10 <= r.risk.completion.p50 <= r.risk.completion.p90
    # contingency is the simulated cost spread P80 − P50 of the chosen initiatives
    spread = r.risk.cost_percentiles[80] - r.risk.cost_percentiles[50]
    assert r.budget.contingency.method == "monte_carlo"
    assert abs(r.budget.contingency.amount - spread) <= 1
    assert r.budget.by_category["capex"] == 30_000_000  # on-prem is excluded
    assert r.budget.total == sum(y.total for y in r.budget.by_year)
    assert not r.stopped


def test_schedule_covers_the_selection_and_places_the_budget() -> None:
    r = plan(_model(), time_limit=5, iterations=500)
    assert r.schedule is not None
    assert {i.id for i in r.schedule.items} == set(r.portfolio.selected)
    finish = {i.id: i.finish for i in r.schedule.items}
    start = {i.id: i.start for i in r.schedule.items}
    assert finish["gov"] < start["cloud"]  # the schedule honours the dependency
    years = {y.fiscal_year for y in r.budget.by_year}
    assert years <= {2026, 2027}


def test_same_seed_gives_the_same_plan() -> None:
    one = plan(_model(), time_limit=5, iterations=2000, seed=3).model_dump(exclude={"seconds"})
    two = plan(_model(), time_limit=5, iterations=2000, seed=3).model_dump(exclude={"seconds"})
    assert one["risk"] == two["risk"] and one["budget"] == two["budget"]


def test_stopping_keeps_the_best_answers_so_far() -> None:
    r = plan(_model(), time_limit=30, iterations=2_000_000, should_stop=lambda: True)
    assert r.stopped
    assert r.risk is not None and 0 < r.risk.iterations < 2_000_000
    assert "gov" in r.portfolio.selected


def test_every_stage_reports_its_beginning_and_end_in_order() -> None:
    seen: list[Progress] = []
    plan(_model(), time_limit=5, iterations=500, progress=seen.append)
    bounds = [(p.stage, p.fraction) for p in seen if p.detail is None]
    assert bounds == [(stage, f) for stage in STAGES for f in (0.0, 1.0)]
    assert all(0.0 <= p.fraction <= 1.0 for p in seen)
    found = {p.stage: p.detail for p in seen if p.detail is not None}
    assert found["risk"] is not None and found["risk"].params["done"] == 500
    assert found["schedule"] is not None and found["schedule"].code == "plan.progress.schedule"


def test_no_simulation_falls_back_on_the_percentage_contingency() -> None:
    r = plan(_model(), time_limit=5, iterations=0)
    assert r.risk is None
    assert r.budget.contingency.method == "percent"


def test_a_given_start_date_moves_the_whole_plan() -> None:
    import datetime as dt

    r = plan(_model(), time_limit=5, iterations=500, start=dt.date(2027, 1, 4))
    assert r.start == dt.date(2027, 1, 4)
    assert r.schedule is not None and r.schedule.start == dt.date(2027, 1, 4)
    assert r.risk is not None and r.risk.completion_dates["p10"] > dt.date(2027, 1, 4)
    assert {y.fiscal_year for y in r.budget.by_year} >= {2026}  # January 2027 is in FY2026
