"""ADKAR per group, the weakest element with actions, and resistance risk."""

from __future__ import annotations

import pytest

from opmodel.engines.change.adoption import assess_adoption, weakest_element
from opmodel.knowledge.change_catalog import adkar_catalog
from support.change_sample import sample, sample_data


def _group(name: str, data: dict | None = None):  # type: ignore[no-untyped-def]
    return next(g for g in assess_adoption(sample(data)).groups if g.group == name)


def test_latest_survey_and_trend() -> None:
    desk = _group("service-desk")
    assert desk.surveys == 2 and str(desk.latest_date) == "2026-06-01"
    assert desk.latest == {"awareness": 4.0, "desire": 2.5, "knowledge": 3.5, "ability": 2.5,
                           "reinforcement": 2.0}
    assert desk.trend == {"awareness": 1.0, "desire": 0.5, "knowledge": 1.0, "ability": 0.5,
                          "reinforcement": 0.0}
    assert desk.adoption == pytest.approx((14.5 / 5 - 1) / 4, abs=1e-3)
    assert desk.on_target is False


def test_barrier_point_is_the_first_element_below_three_not_the_lowest() -> None:
    desk = _group("service-desk")
    # reinforcement (2.0) is lowest, but desire (2.5) comes first in ADKAR order
    assert (desk.weakest, desk.barrier) == ("desire", True)
    assert desk.actions == [a.id for a in adkar_catalog().element("desire").actions]


def test_an_element_scoring_exactly_three_is_the_barrier_point() -> None:
    threshold = adkar_catalog().scoring.barrier_at_most
    scores = {"awareness": 4, "desire": threshold, "knowledge": 2, "ability": 4,
              "reinforcement": 4}
    assert weakest_element(scores, threshold) == ("desire", True)
    scores["desire"] = threshold + 0.5
    assert weakest_element(scores, threshold) == ("knowledge", True)


def test_without_a_barrier_the_lowest_element_is_weakest() -> None:
    scores = {"awareness": 5, "desire": 4.5, "knowledge": 4, "ability": 3.5, "reinforcement": 4}
    assert weakest_element(scores, 3.0) == ("ability", False)
    executives = _group("executives")
    assert (executives.weakest, executives.barrier, executives.on_target) == (
        "reinforcement", False, True)


def test_resistance_follows_the_documented_formula() -> None:
    w = adkar_catalog().scoring.weights
    desk = _group("service-desk")  # resistant (0), impact 5, mean ADKAR 2.9
    expected = w["stance"] * 1 + w["impact"] * 1 + w["adoption"] * (1 - (2.9 - 1) / 4)
    assert desk.resistance == pytest.approx(expected, abs=1e-3)
    assert desk.resistance_level == "high"
    partners = _group("partners")  # neutral, impact 4, no survey → unknown adoption 3.0
    expected = w["stance"] * 0.5 + w["impact"] * 0.75 + w["adoption"] * 0.5
    assert partners.resistance == pytest.approx(expected, abs=1e-3)
    assert partners.latest is None and partners.weakest is None


def test_riskiest_group_first_and_better_adoption_lowers_risk() -> None:
    groups = [g.group for g in assess_adoption(sample()).groups]
    assert groups == ["service-desk", "partners", "executives"]
    data = sample_data()
    data["change"]["surveys"].append({"group": "service-desk", "date": "2026-07-01",
                                      "awareness": 5, "desire": 5, "knowledge": 5, "ability": 5,
                                      "reinforcement": 5})
    assert _group("service-desk", data).resistance < _group("service-desk").resistance
