"""Sourcing: the weighted-criteria recommendation per capability and the portfolio's risks."""

from __future__ import annotations

from typing import Any

import pytest

from opmodel.document import OperatingModel
from opmodel.engines.design.sourcing import source
from opmodel.knowledge.rules import sourcing_criteria
from support import builders

CRITERIA = sourcing_criteria()
WEIGHT = {c.id: c.weight for c in CRITERIA.criteria}
SIGN = {c.id: 1 if c.favours == "outsource" else -1 for c in CRITERIA.criteria}


def model(capabilities: list[dict[str, Any]], sourcing: dict[str, Any] | None = None,
          **design: Any) -> OperatingModel:
    """A strategy of ``capabilities`` and a design of ``sourcing`` and other ``design`` parts."""
    return builders.model(strategy={"capabilities": capabilities},
                          design={"sourcing": sourcing or {}, **design})


def expected_index(scores: dict[str, int]) -> float:
    total = sum(WEIGHT[c] for c in scores)
    return sum(WEIGHT[c] * SIGN[c] * (s - 2.5) / 2.5 for c, s in scores.items()) / total


@pytest.mark.parametrize(("scores", "option"), [
    ({"strategic-differentiation": 1, "in-house-capability": 1, "cost-advantage": 5,
      "provider-market-maturity": 5, "data-sensitivity": 1, "knowledge-loss-risk": 1},
     "outsource"),
    ({"strategic-differentiation": 3, "in-house-capability": 3, "cost-advantage": 3,
      "provider-market-maturity": 3, "data-sensitivity": 2, "knowledge-loss-risk": 2},
     "co_source"),
    ({"strategic-differentiation": 4, "in-house-capability": 4, "cost-advantage": 2,
      "provider-market-maturity": 3, "data-sensitivity": 3, "knowledge-loss-risk": 4},
     "in_house"),
])
def test_weighted_index_and_bands(scores: dict[str, int], option: str) -> None:
    result = source(model([{"id": "c"}], {"decisions": [{"capability": "c",
                                                         "criteria": scores}]}))
    (row,) = result.capabilities
    assert row.index == pytest.approx(expected_index(scores), abs=1e-3)
    assert row.recommended == option and row.confidence == 1.0
    assert sum(r.points for r in row.reasons) == pytest.approx(row.index, abs=1e-2)
    assert abs(row.reasons[0].points) == max(abs(r.points) for r in row.reasons)


def test_a_differentiating_capability_is_capped_at_co_source() -> None:
    scores = {"in-house-capability": 0, "cost-advantage": 5, "provider-market-maturity": 5,
              "data-sensitivity": 0, "knowledge-loss-risk": 0}
    result = source(model([{"id": "c", "differentiating": True}],
                          {"decisions": [{"capability": "c", "option": "outsource",
                                          "criteria": scores}]}))
    (row,) = result.capabilities
    assert row.index is not None and row.index > 0.2  # the plain index says outsource
    assert row.recommended == "co_source" and row.agrees is False
    assert [cap.code for cap in row.caps] == ["sourcing.cap.core-stays-inside"]
    assert "記事" in row.caps[0].text("ja") and "article" in row.caps[0].text("en")
    derived = next(r for r in row.reasons if r.criterion == "strategic-differentiation")
    assert derived.derived and derived.score == 5
    assert result.knowledge_loss[0].capability == "c"
    assert result.knowledge_loss[0].why[0] == "strategic-differentiation"


def test_too_little_known_gives_no_recommendation() -> None:
    (row,) = source(model([{"id": "c", "current_level": 1}])).capabilities
    assert row.recommended is None and row.index is not None  # only in-house capability known
    assert row.reasons[0].criterion == "in-house-capability" and row.reasons[0].derived
    reason = row.reasons[0].reason  # a low score: the criterion's "low" text
    assert reason.code == "sourcing.criterion.in-house-capability.low" and not reason.params
    assert reason.text("en") == "we lack the skills or the team"


@pytest.mark.parametrize(("score", "level"), [(0, "low"), (1, "low"), (2, "medium"),
                                             (3, "medium"), (4, "high"), (5, "high")])
def test_a_reason_reads_as_the_score_low_medium_or_high(score: int, level: str) -> None:
    scores = dict.fromkeys(WEIGHT, 0) | {"cost-advantage": score}
    (row,) = source(model([{"id": "c"}], {"decisions": [{"capability": "c",
                                                         "criteria": scores}]})).capabilities
    reason = next(r for r in row.reasons if r.criterion == "cost-advantage").reason
    assert reason.code == f"sourcing.criterion.cost-advantage.{level}"
    texts = {reason.text("en"), reason.text("ja")}
    criterion = CRITERIA.get("cost-advantage")
    assert criterion is not None and texts == {getattr(criterion, level).en,
                                               getattr(criterion, level).ja}


def test_vendor_concentration_lock_in_and_capability_shares() -> None:
    result = source(model(
        [{"id": "a"}, {"id": "b"}],
        {"vendors": [{"id": "big"}, {"id": "small"}],
         "contracts": [{"id": "k1", "vendor": "big", "annual_value": 80, "start": "2026-01-01",
                        "end": "2032-12-31"},
                       {"id": "k2", "vendor": "small", "annual_value": 20}],
         "decisions": [{"capability": "a", "option": "outsource", "vendors": ["big"]},
                       {"capability": "b", "option": "co_source", "vendors": ["big", "small"]}]},
        technology={"applications": [{"id": "erp", "vendor": "big"}]}))
    assert result.spend_hhi == pytest.approx((0.8**2 + 0.2**2) * 10000)
    assert result.capability_hhi == pytest.approx(((2 / 3) ** 2 + (1 / 3) ** 2) * 10000, abs=1)
    assert result.concentration == "high"
    big = result.vendors[0]
    assert big.vendor == "big" and big.capabilities == ["a", "b"]
    assert big.lock_in == ["sole_outsourcer", "application_vendor", "long_contract"]
    assert big.lock_in_high and not result.vendors[1].lock_in_high


@pytest.mark.parametrize(("vendors", "band"), [(5, "high"), (8, "moderate"), (12, "low")])
def test_concentration_bands_are_the_2023_merger_guidelines(vendors: int, band: str) -> None:
    # equal spend: HHI = 10,000 / n; 2,000 is highly concentrated since 2023 (above 1,800),
    # though only "moderate" under the superseded 2010 bands (1,500 / 2,500)
    from opmodel.knowledge.rules import design_rules

    limits = design_rules().concentration
    assert (limits.moderate_hhi, limits.high_hhi) == (1000, 1800)
    ids = [f"v{i}" for i in range(vendors)]
    result = source(model(
        [{"id": "a"}],
        {"vendors": [{"id": v} for v in ids],
         "contracts": [{"id": f"k-{v}", "vendor": v, "annual_value": 10} for v in ids]}))
    assert result.spend_hhi == pytest.approx(10000 / vendors, abs=5)  # shares are rounded
    assert result.concentration == band


def test_co_sourcing_a_core_capability_as_recommended_is_no_knowledge_loss() -> None:
    scores = {"in-house-capability": 0, "cost-advantage": 5, "provider-market-maturity": 5,
              "data-sensitivity": 0, "knowledge-loss-risk": 0}
    result = source(model([{"id": "c", "differentiating": True}],
                          {"decisions": [{"capability": "c", "option": "co_source",
                                          "criteria": scores}]}))
    (row,) = result.capabilities
    assert row.recommended == "co_source" and row.agrees is True
    assert result.knowledge_loss == []
