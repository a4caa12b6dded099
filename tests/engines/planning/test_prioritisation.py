"""Weighted scoring and WSJF ranks, and their explanations."""

from opmodel.document.model import OperatingModel
from opmodel.engines.planning.prioritisation import expected_weeks, prioritise
from support.builders import estimate, unchecked


def _model(initiatives: list[dict], objectives: list[dict] | None = None) -> OperatingModel:
    return unchecked(strategy={"objectives": objectives or [{"id": "growth", "weight": 3},
                                                           {"id": "cost", "weight": 1}]},
                     roadmap={"initiatives": initiatives})


def test_weighted_score_uses_objective_weights() -> None:
    m = _model([
        {"id": "a", "impact": {"growth": 8, "cost": 0}},  # (3*8 + 0) / 4 = 6
        {"id": "b", "impact": {"growth": 0, "cost": 10}},  # 10 / 4 = 2.5
        {"id": "c", "impact": {"growth": 4, "cost": 8}},  # (12 + 8) / 4 = 5
    ])
    r = prioritise(m)
    assert r.by_score == ["a", "c", "b"]
    assert r.entry("a").score == 6.0
    assert r.entry("b").score == 2.5
    assert [c.points for c in r.entry("c").contributions] == [12, 8]


def test_wsjf_divides_cost_of_delay_by_duration() -> None:
    m = _model([
        # value 6 + time 2 + risk 0 = 8 over 4 weeks → 2
        {"id": "big", "impact": {"growth": 8}, "time_criticality": 2,
         "duration": estimate(4)},
        # value 2.5 + 5 + 2.5 = 10 over 1 week → 10
        {"id": "quick", "impact": {"cost": 10}, "time_criticality": 5, "risk_reduction": 2.5,
         "duration": estimate(1)},
    ])
    r = prioritise(m)
    assert r.by_score == ["big", "quick"]
    assert r.by_wsjf == ["quick", "big"]
    assert r.entry("quick").wsjf == 10.0
    assert r.entry("big").cost_of_delay == 8.0


def test_explicit_business_value_overrides_the_score_in_wsjf() -> None:
    m = _model([{"id": "a", "impact": {"growth": 1}, "business_value": 9,
                 "duration": estimate(1)}])
    assert prioritise(m).entry("a").wsjf == 9.0


def test_explanations_name_the_main_objective_in_both_languages() -> None:
    m = _model([{"id": "a", "impact": {"growth": 8, "cost": 2}, "mandatory": True}])
    e = prioritise(m).entry("a")
    en = " ".join(m.text("en") for m in e.explanation)
    ja = "".join(m.text("ja") for m in e.explanation)
    assert "growth" in en and "WSJF" in en and "Mandatory" in en
    assert "growth" in ja and "必須" in ja and "スコア順 1 位" in ja
    assert [m.code for m in e.explanation] == ["priority.by_score", "priority.main_objective",
                                               "priority.by_wsjf", "priority.mandatory"]


def test_expected_weeks_pert_mean_and_effort_fallback() -> None:
    m = _model([{"id": "a", "duration": estimate(2, 5, 14)},
                {"id": "b", "effort": 12, "demand": {"team": 3}}])
    a, b = m.roadmap.initiatives  # type: ignore[union-attr]
    assert expected_weeks(a) == 6.0
    assert expected_weeks(b) == 4.0
