"""The sourcing stance apart from the structures: no evidence no stance, outsourcing only on
strong evidence and never of the core, and each sourcing effect explained as sourcing."""

from __future__ import annotations

import pytest

from opmodel.document.profile import Industry, Profile
from opmodel.engines.recommendation.ranking import recommend
from opmodel.knowledge.fit import fit_rules

PARTNERS = dict(employees=150, it_staff=12, cost_pressure="high", skills_gap="high",
                hiring_difficulty="high", budget_flexibility_need="high")


def test_no_sourcing_evidence_gives_no_stance_but_the_facts_to_fill_in() -> None:
    structure_only = Profile(industry=Industry.banking, business_units=3, bu_diversity="low",
                             agility_need="low", standardization_level="high")
    sourcing = recommend(structure_only).sourcing
    assert sourcing.stance == "undetermined" and sourcing.confidence == 0
    rules = fit_rules()
    assert {"skills_gap", "hiring_difficulty", "budget_flexibility_need"} <= set(sourcing.to_fill_in)
    weights = [max(abs(c.points.get(rules.sourcing.type, 0)) for c in rules.factor(f).cases)
               for f in sourcing.to_fill_in]
    assert weights == sorted(weights, reverse=True)  # the weightiest facts first
    assert not sourcing.stays_in_house


def test_outsourced_needs_strong_evidence_and_names_what_stays_in_house() -> None:
    strong = recommend(Profile.model_validate(PARTNERS)).sourcing
    assert strong.stance == "outsourced"
    assert strong.stays_in_house == ["strategy", "architecture", "vendor_management",
                                     "security_governance"]
    # the same leaning on half the evidence is hybrid at most
    thin = recommend(Profile.model_validate({k: PARTNERS[k] for k in (
        "skills_gap", "hiring_difficulty", "budget_flexibility_need", "cost_pressure")})).sourcing
    assert thin.score >= 90 and thin.coverage < fit_rules().sourcing.stances[-1].min_coverage
    assert thin.stance == "hybrid" and thin.stays_in_house


def _cases_moving_sourcing_and_a_structure() -> list[tuple[str, int]]:
    rules = fit_rules()
    sourcing = rules.sourcing.type
    return [(f.id, n) for f in rules.factors for n, c in enumerate(f.cases)
            if c.points.get(sourcing) and any(v for t, v in c.points.items() if t != sourcing)]


@pytest.mark.parametrize(("factor", "case"), _cases_moving_sourcing_and_a_structure())
def test_a_sourcing_effect_gives_a_sourcing_reason(factor: str, case: int) -> None:
    rules = fit_rules()
    value = rules.factor(factor).cases[case].representative()
    result = recommend(Profile.model_validate({factor: value}))
    (moved,) = [c for c in result.sourcing.toward_partners + result.sourcing.toward_in_house
                if c.factor == factor]
    assert moved.reason.code == f"fit.{factor}.{case}.sourcing"
    structure_reasons = {c.reason.code for s in result.structures for c in s.why + s.against}
    assert structure_reasons == {f"fit.{factor}.{case}"}


def test_the_high_regulation_penalty_on_partners_speaks_of_sourcing() -> None:
    result = recommend(Profile(regulatory_intensity="high", skills_gap="high",
                               hiring_difficulty="high"))
    (penalty,) = [c for c in result.sourcing.toward_in_house if c.factor == "regulatory_intensity"]
    en, ja = penalty.reason.text("en"), penalty.reason.text("ja")
    assert "independent IT teams" not in en and "decentralized" not in en
    assert "partner" in en or "provider" in en
    assert "委託" in ja


def test_retail_does_not_borrow_the_hotel_franchise_example() -> None:
    result = recommend(Profile(industry=Industry.retail))
    (reason,) = [c.reason for s in result.structures for c in s.why]
    assert "hotel" not in reason.text("en") and "ホテル" not in reason.text("ja")
    assert "article" not in reason.text("en") and "記事" not in reason.text("ja")
