"""The transition budget: fiscal years, currency rounding, contingency, run cost, NPV, payback."""

import datetime as dt

import pytest

from opmodel.document.budget import fiscal_year_of
from opmodel.document.model import OperatingModel
from opmodel.document.roadmap import BudgetLimit
from opmodel.engines.planning.budget import budget
from opmodel.engines.planning.costs import round_money, split_by_year
from opmodel.knowledge.texts import format_money
from support.builders import model, roadmap


def _model(initiatives: list[dict], budget_: dict | None = None, currency: str = "JPY",
           change: dict | None = None, start_month: int = 4) -> OperatingModel:
    more = {"change": change} if change else {}
    return model(metadata={"currency": currency, "fiscal_year_start_month": start_month},
                 roadmap=roadmap(initiatives, start="2026-04-01"),
                 budget=budget_ or {"contingency": {"method": "percent", "percent": 0}}, **more)


def test_fiscal_year_with_an_april_start() -> None:
    assert fiscal_year_of(dt.date(2026, 3, 31), 4) == 2025
    assert fiscal_year_of(dt.date(2026, 4, 1), 4) == 2026
    assert fiscal_year_of(dt.date(2026, 12, 31), 4) == 2026
    assert fiscal_year_of(dt.date(2026, 1, 1), 1) == 2026


def test_jpy_has_no_decimals_usd_two() -> None:
    assert round_money(1234.5, 0) == 1235
    assert format_money(1234.5, "JPY") == "JPY 1,235"
    assert format_money(1234.5, "USD") == "USD 1,234.50"
    m = _model([{"id": "a", "costs": [{"id": "cost-10", "category": "capex", "amount": 100.4},
                                      {"id": "cost-11", "category": "opex", "amount": 0.4}]}])
    b = budget(m)
    assert b.decimals == 0
    assert b.total == 101 and b.by_category["capex"] == 100


def test_costs_follow_the_schedule_across_fiscal_years() -> None:
    m = _model([{"id": "a", "costs": [{"id": "cost-12", "category": "capex", "amount": 1000}]}])
    # 2027-01-01 .. 2027-05-01: 90 days in FY2026 (to 31 March), 30 days in FY2027
    b = budget(m, schedule={"a": (dt.date(2027, 1, 1), dt.date(2027, 5, 1))})
    years = {y.fiscal_year: y.total for y in b.by_year}
    assert years == {2026: 750, 2027: 250}
    assert split_by_year(dt.date(2027, 1, 1), dt.date(2027, 5, 1), 1) == {2027: 1.0}


def test_npv_and_payback_by_hand() -> None:
    m = _model([{"id": "a", "annual_benefit": 50,
                 "costs": [{"id": "cost-13", "category": "capex", "amount": 100}]}],
               {"discount_rate": 0.1, "horizon_years": 3,
                "contingency": {"method": "percent", "percent": 0}}, currency="USD")
    b = budget(m, schedule={"a": (dt.date(2026, 5, 1), dt.date(2026, 9, 1))})
    # FY2026 −100; benefits from FY2027: 50 a year for 3 years
    assert [c.net for c in b.cash] == [-100, 50, 50, 50]
    assert [c.cumulative for c in b.cash] == [-100, -50, 0, 50]
    assert b.npv == pytest.approx(-100 + 50 / 1.1 + 50 / 1.1**2 + 50 / 1.1**3, abs=0.01)
    assert b.payback_years == pytest.approx(3.0)


def test_run_cost_saving_counts_after_the_transition() -> None:
    m = _model([{"id": "a", "costs": [{"id": "cost-14", "category": "capex", "amount": 30}]}],
               {"discount_rate": 0, "horizon_years": 2,
                "contingency": {"method": "percent", "percent": 0},
                "run_cost_before": [{"id": "dc", "amount": 100}],
                "run_cost_after": [{"id": "msp-base", "amount": 40},
                                   {"id": "msp-tickets", "amount": 40, "behaviour": "variable"}]},
               currency="USD")
    b = budget(m, schedule={"a": (dt.date(2026, 5, 1), dt.date(2026, 9, 1))})
    rc = b.run_cost
    assert (rc.before_fixed, rc.after_fixed, rc.after_variable) == (100, 40, 40)
    assert rc.annual_saving == 20 and rc.fixed_share_after == 0.5
    assert [c.benefit for c in b.cash] == [0, 20, 20]
    assert b.payback_years == pytest.approx(2.5)  # −30, −10, +10: half-way through year 3


def test_missing_hidden_categories_are_warned_about() -> None:
    m = _model([{"id": "a", "costs": [{"id": "cost-15", "category": "capex", "amount": 100}]}])
    codes = {w.code for w in budget(m).warnings}
    assert codes == {"budget.missing.training", "budget.missing.productivity",
                     "budget.missing.parallel_running", "budget.missing.contingency"}
    ja = " ".join(w.text("ja") + w.hint("ja") for w in budget(m).warnings)
    assert "並行運用" in ja and "parallel_running" not in ja
    full = _model([{"id": "a", "costs": [
        {"id": c, "category": c, "amount": 10}
        for c in ("capex", "training", "productivity", "parallel_running")]}],
        {"contingency": {"method": "percent", "percent": 10}})
    b = budget(full)
    assert b.warnings == []
    assert b.contingency.amount == 4  # 10% of 40
    assert b.by_category["contingency"] == 4


def test_contingency_from_the_monte_carlo_spread() -> None:
    m = _model([{"id": "a", "costs": [{"id": "cost-17", "category": "capex", "amount": 100}]}],
               {"contingency": {"method": "monte_carlo", "percentile": 80}})
    b = budget(m, cost_spread={50: 100.0, 80: 130.0})
    assert b.contingency.method == "monte_carlo" and b.contingency.amount == 30
    assert b.total == 130
    # without a simulation the policy falls back on its percentage
    assert budget(m).contingency.method == "percent"


def test_only_selected_initiatives_and_course_costs_are_counted() -> None:
    m = _model([{"id": "a", "costs": [{"id": "cost-18", "category": "capex", "amount": 100}]},
                {"id": "b", "costs": [{"id": "cost-19", "category": "capex", "amount": 900}]}],
               change={"courses": [{"id": "itil", "seats": 10, "cost_per_seat": 1000,
                                    "fiscal_year": 2027}]})
    b = budget(m, ["a"])
    assert b.by_category["capex"] == 100
    assert {y.fiscal_year: y.categories["training"] for y in b.by_year} == {2026: 0, 2027: 10000}
    assert "budget.missing.training" not in {w.code for w in b.warnings}


def test_recurring_budget_items_run_every_transition_year() -> None:
    m = _model([{"id": "a", "costs": [{"id": "cost-20", "category": "capex", "amount": 10, "fiscal_year": 2026},
                                      {"id": "cost-21", "category": "capex", "amount": 10, "fiscal_year": 2027}]}],
               {"contingency": {"method": "percent", "percent": 0},
                "items": [{"id": "old-dc", "category": "parallel_running", "amount": 5,
                           "recurring": True}]})
    b = budget(m)
    assert [y.categories["parallel_running"] for y in b.by_year] == [5, 5]


def test_a_recurring_item_starts_in_its_own_fiscal_year() -> None:
    m = _model([{"id": "a", "costs": [{"id": "cost-22", "category": "capex", "amount": 10, "fiscal_year": 2026},
                                      {"id": "cost-23", "category": "capex", "amount": 10, "fiscal_year": 2027},
                                      {"id": "cost-24", "category": "capex", "amount": 10, "fiscal_year": 2028}]}],
               {"contingency": {"method": "percent", "percent": 0},
                "items": [{"id": "msp-fee", "category": "opex", "amount": 96,
                           "recurring": True, "fiscal_year": 2027}]})
    b = budget(m)
    assert {y.fiscal_year: y.categories["opex"] for y in b.by_year} == {2026: 0, 2027: 96,
                                                                         2028: 96}


def test_every_cost_line_is_rounded_to_the_currency() -> None:
    m = _model([{"id": "a", "costs": [{"id": "cost-25", "category": "capex", "amount": 1000}]}],
               {"contingency": {"method": "percent", "percent": 7}})
    b = budget(m, schedule={"a": (dt.date(2027, 1, 1), dt.date(2027, 5, 3))})
    assert all(line.amount == round(line.amount) for line in b.lines)
    assert any(line.category == "contingency" for line in b.lines)


def _limited(initiatives: list[dict], limits: dict[int, float], budget_: dict,
             change: dict | None = None) -> OperatingModel:
    m = _model(initiatives, budget_, change=change)
    assert m.roadmap is not None
    m.roadmap.budget_limits = [BudgetLimit(fiscal_year=y, amount=a) for y, a in limits.items()]
    return m


def test_a_year_over_its_limit_counts_the_whole_bill() -> None:
    m = _limited([{"id": "a", "costs": [{"id": "cost-26", "category": "capex", "amount": 100,
                                         "fiscal_year": 2026}]},
                  {"id": "b", "costs": [{"id": "cost-27", "category": "capex", "amount": 50,
                                         "fiscal_year": 2027}]}],
                 {2026: 120, 2027: 100},
                 {"contingency": {"method": "percent", "percent": 10},
                  "items": [{"id": "licences", "category": "opex", "amount": 30,
                             "fiscal_year": 2026}]},
                 change={"courses": [{"id": "itil", "seats": 2, "cost_per_seat": 5,
                                      "fiscal_year": 2026}]})
    b = budget(m)
    # FY2026: 100 own + 30 item + 10 courses + 14 contingency (10% of 190, by the year's share)
    assert [y.total for y in b.by_year] == [154, 55]
    assert [(x.fiscal_year, x.limit, x.amount, x.over)
            for x in b.over_limits] == [(2026, 120, 154, 34)]
    over = [w for w in b.warnings if w.code == "budget.over_limit"]
    assert len(over) == 1
    en, ja = over[0].text("en"), over[0].text("ja")
    assert "FY2026: the plan costs JPY 154, over the limit JPY 120 by JPY 34" in en
    assert "2026年度の計画費用 JPY 154 は上限 JPY 120 を JPY 34 超えています" in ja
    # a limit on direct costs counts the capex and opex only: 100 + 30 within 120 + 10
    assert m.roadmap is not None
    m.roadmap.budget_limits = [BudgetLimit(fiscal_year=2026, amount=130, covers="direct")]
    b = budget(m)
    assert [(u.fiscal_year, u.covers, u.amount, u.over) for u in b.limits] == [
        (2026, "direct", 130, 0), (None, "direct", 180, 50)]


def test_only_the_total_over_all_limits_is_warned_as_all_years() -> None:
    m = _limited([{"id": "a", "costs": [{"id": "cost-28", "category": "capex", "amount": 90,
                                         "fiscal_year": 2026}]},
                  {"id": "b", "costs": [{"id": "cost-29", "category": "capex", "amount": 50,
                                         "fiscal_year": 2027}]}],
                 {2026: 100}, {"contingency": {"method": "percent", "percent": 0}})
    b = budget(m)
    assert [(x.fiscal_year, x.over) for x in b.over_limits] == [(None, 40)]
    assert any("all fiscal years: the plan costs JPY 140" in w.text("en") for w in b.warnings)
    assert b.after_limits == 50
    assert any("JPY 50 of the plan's cost falls after FY2026" in w.text("en")
               for w in b.warnings)
    within = _limited([{"id": "a", "costs": [{"id": "cost-30", "category": "capex", "amount": 90}]}],
                      {2026: 100}, {"contingency": {"method": "percent", "percent": 0}})
    assert budget(within).over_limits == []
    assert "budget.over_limit" not in {w.code for w in budget(within).warnings}


def test_nothing_selected_gives_no_hidden_cost_warnings() -> None:
    m = _model([{"id": "a", "costs": [{"id": "cost-31", "category": "capex", "amount": 100}]}])
    assert {w.code for w in budget(m, []).warnings} == set()
    assert "budget.missing.training" in {w.code for w in budget(m, ["a"]).warnings}
