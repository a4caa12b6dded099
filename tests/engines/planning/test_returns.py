"""Benefits and run-cost savings belong to initiatives: counted only when selected, from the
year after each finishes; savings tied to no initiative are warned about."""

import datetime as dt

from opmodel.document.model import OperatingModel
from opmodel.engines.planning.budget import budget
from support.builders import model, roadmap


def _model(budget_: dict) -> OperatingModel:
    initiatives = [
        {"id": "msp", "annual_benefit": 10,
         "costs": [{"id": "cost", "category": "capex", "amount": 100, "fiscal_year": 2026}]},
        {"id": "cloud", "annual_benefit": 5,
         "costs": [{"id": "cost", "category": "capex", "amount": 50, "fiscal_year": 2026}]}]
    return model(metadata={"currency": "JPY", "fiscal_year_start_month": 4},
                 roadmap=roadmap(initiatives, start="2026-04-01"),
                 budget={"contingency": {"method": "percent", "percent": 0},
                         "discount_rate": 0.0, "horizon_years": 2, **budget_})


RUN_COST = {
    "run_cost_before": [{"id": "desk", "amount": 300, "initiative": "msp"},
                        {"id": "dc", "amount": 200, "initiative": "cloud"},
                        {"id": "network", "amount": 50}],
    "run_cost_after": [{"id": "msp-fee", "amount": 180, "initiative": "msp",
                        "behaviour": "variable"},
                       {"id": "cloud-bill", "amount": 150, "initiative": "cloud"}]}
DATES = {"msp": (dt.date(2026, 5, 1), dt.date(2026, 9, 1)),
         "cloud": (dt.date(2026, 5, 1), dt.date(2027, 6, 1))}


def test_a_saving_counts_only_when_its_initiative_is_selected() -> None:
    m = _model(RUN_COST)
    only_msp = budget(m, ["msp"], schedule={"msp": DATES["msp"]})
    rc = only_msp.run_cost
    # the data centre stays: cloud, which would replace it, is left out
    assert (rc.before_fixed + rc.before_variable, rc.after_fixed + rc.after_variable) == (550, 430)
    assert rc.annual_saving == 120 and rc.by_initiative == {"msp": 120}
    assert rc.not_selected == {"cloud": 50} and rc.unlinked == 0
    # FY2026 −100; from FY2027 the msp's benefit (10) and saving (120)
    assert [c.benefit for c in only_msp.cash] == [0, 130, 130]
    both = budget(m, schedule=DATES)
    assert both.run_cost.annual_saving == 170
    # cloud finishes in FY2027: its 5 + 50 count from FY2028 on
    assert [c.benefit for c in both.cash] == [0, 130, 185, 185]
    assert both.npv > only_msp.npv
    codes = {w.code for w in both.warnings}
    assert "budget.saving_without_initiative" not in codes


def test_savings_and_benefits_without_an_initiative_are_warned_about() -> None:
    m = _model({"annual_benefits": 30,
                "run_cost_before": [{"id": "dc", "amount": 200}],
                "run_cost_after": [{"id": "cloud", "amount": 150}]})
    b = budget(m, ["msp"], schedule={"msp": DATES["msp"]})
    assert b.run_cost.unlinked == 50 and b.run_cost.by_initiative == {}
    warned = {w.code: w for w in b.warnings}
    assert "JPY 50 a year is tied to no initiative" in warned[
        "budget.saving_without_initiative"].text("en")
    assert "どの施策にも紐づいていません" in warned["budget.saving_without_initiative"].text("ja")
    assert "budget.benefit_without_initiative" in warned
