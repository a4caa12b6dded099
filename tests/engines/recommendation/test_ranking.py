"""The recommender: the seed article's own examples, explanations, confidence and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opmodel.document.profile import Geography, Industry, Profile
from opmodel.engines.recommendation.ranking import recommend
from opmodel.knowledge.fit import fit_rules

SOFTWARE = dict(industry="software", employees=6000, business_units=3, developer_teams=300,
                geography="global", bu_diversity="medium", agility_need="high",
                innovation_priority="high", security_criticality="medium",
                regulatory_intensity="low", standardization_level="medium")
HIGH_MATURITY = {"devops": 4, "automation": 4, "api_management": 5, "cloud_native": 4}
LOW_MATURITY = {"devops": 1, "automation": 1, "api_management": 0, "cloud_native": 1}

# The organisations the article names as examples of each model type, as profiles.
ARTICLE_EXAMPLES = {
    "nationwide bank": (dict(
        industry="banking", employees=15000, business_units=3, geography="single_country",
        bu_diversity="low", regulatory_intensity="high", security_criticality="high",
        agility_need="low", cost_pressure="medium", standardization_level="high"), "centralized"),
    "government agency": (dict(
        industry="government", employees=3000, business_units=4, geography="single_country",
        bu_diversity="low", regulatory_intensity="high", security_criticality="high",
        agility_need="low", standardization_level="high"), "centralized"),
    "small company with one IT department": (dict(
        industry="professional_services", employees=120, it_staff=5, business_units=1,
        geography="single_country", bu_diversity="low", cost_pressure="high"), "centralized"),
    "research university": (dict(
        industry="research", employees=8000, business_units=15, geography="single_country",
        bu_diversity="high", agility_need="medium", regulatory_intensity="medium",
        security_criticality="medium", innovation_priority="high",
        standardization_level="low", cost_pressure="medium"), "decentralized"),
    "diversified conglomerate": (dict(
        industry="conglomerate", employees=50000, business_units=12, geography="global",
        bu_diversity="high", agility_need="high", standardization_level="low",
        security_criticality="medium", regulatory_intensity="medium"), "decentralized"),
    "multinational with global ERP and regional CRM": (dict(
        industry="manufacturing", employees=30000, business_units=6, geography="global",
        bu_diversity="medium", security_criticality="high", regulatory_intensity="medium",
        standardization_level="high", agility_need="high", cost_pressure="medium"), "federated"),
    "hotel franchise": (dict(
        industry="hospitality", employees=10000, business_units=50, geography="regional",
        bu_diversity="medium", security_criticality="high", standardization_level="high",
        agility_need="medium", regulatory_intensity="medium"), "federated"),
    "software company, mature platform skills": (
        {**SOFTWARE, "it_maturity": HIGH_MATURITY}, "platform"),
}


@pytest.mark.parametrize("name", list(ARTICLE_EXAMPLES))
def test_article_examples_get_their_model_type(name: str) -> None:
    facts, expected = ARTICLE_EXAMPLES[name]
    result = recommend(Profile.model_validate(facts))
    assert result.structure == expected, result.structures[:2]
    assert result.structures[0].type == expected


def test_software_company_with_low_maturity_is_not_platform() -> None:
    result = recommend(Profile.model_validate({**SOFTWARE, "it_maturity": LOW_MATURITY}))
    assert result.structure != "platform"
    platform = next(s for s in result.structures if s.type == "platform")
    assert any(c.factor == "it_maturity.devops" and c.points < 0 for c in platform.against)


def test_high_maturity_is_a_gate_not_the_reason_for_platform() -> None:
    # a 120-person firm with 8 teams: its own reasons say few teams cannot repay a platform
    small = Profile.model_validate(dict(employees=120, developer_teams=8, agility_need="high",
                                        it_maturity=HIGH_MATURITY))
    assert recommend(small).structure != "platform"
    # maturity adds little: less than the team count or the digital-product focus
    result = recommend(Profile.model_validate({**SOFTWARE, "it_maturity": HIGH_MATURITY,
                                               "digital_product_focus": "high"}))
    platform = next(s for s in result.structures if s.type == "platform")
    points = {c.factor: c.points for c in platform.why}
    maturity = sum(v for k, v in points.items() if k.startswith("it_maturity."))
    assert maturity < points["developer_teams"] and maturity < points["digital_product_focus"]


def test_digital_product_focus_carries_the_platform_case() -> None:
    base = {**SOFTWARE, "developer_teams": 40, "it_maturity": HIGH_MATURITY}
    low = recommend(Profile.model_validate({**base, "digital_product_focus": "low"}))
    high = recommend(Profile.model_validate({**base, "digital_product_focus": "high"}))
    assert low.structure != "platform" and high.structure == "platform"
    reason = next(c for c in high.structures[0].why if c.factor == "digital_product_focus")
    assert "デジタルファースト" in reason.reason.text("ja")


def test_specialist_skills_and_variable_cost_without_mass_hiring_means_hybrid_sourcing() -> None:
    profile = Profile(industry=Industry.retail, employees=1500, it_staff=40,
                      skills_gap="high", hiring_difficulty="high",
                      budget_flexibility_need="high", cost_pressure="medium")
    assert recommend(profile).sourcing.stance == "hybrid"
    assert recommend(Profile(skills_gap="low", hiring_difficulty="low",
                             budget_flexibility_need="low")).sourcing.stance == "in_house"


def test_structures_are_ranked_apart_from_the_sourcing_stance() -> None:
    # strong sourcing evidence and a weak structure case: hybrid must not top the ranking
    profile = Profile(industry=Industry.retail, skills_gap="high", hiring_difficulty="high",
                      budget_flexibility_need="high", cost_pressure="high")
    result = recommend(profile)
    assert {s.type for s in result.structures} == set(fit_rules().type_ids("structure"))
    assert result.structures[0].type == result.structure
    assert result.sourcing.stance in {"hybrid", "outsourced"} and result.sourcing.confidence > 0
    assert result.sourcing.toward_partners and all(
        c.points > 0 for c in result.sourcing.toward_partners)


def test_why_holds_only_favourable_factors_and_against_only_unfavourable() -> None:
    facts, _ = ARTICLE_EXAMPLES["multinational with global ERP and regional CRM"]
    result = recommend(Profile.model_validate({**facts, "it_maturity": LOW_MATURITY}))
    for ts in result.structures:
        assert all(c.points > 0 for c in ts.why) and all(c.points < 0 for c in ts.against)
    assert any(ts.against for ts in result.structures)


def test_contributions_explain_the_score_in_either_language() -> None:
    profile = Profile(security_criticality="high", industry=Industry.banking)
    result = recommend(profile)
    central = next(s for s in result.structures if s.type == "centralized")
    moves = central.why + central.against
    assert central.score == pytest.approx(50 + sum(c.points for c in moves), abs=0.05)
    security = next(c for c in central.why if c.factor == "security_criticality")
    assert security.value == "high" and security.points > 0
    en, ja = security.reason.text("en"), security.reason.text("ja")
    assert en != ja and "security" in en and any("\u3040" <= ch <= "\u9fff" for ch in ja)


def test_unknown_facts_contribute_nothing_and_are_reported_missing() -> None:
    result = recommend(Profile(industry=Industry.software))
    assert all(c.factor == "industry" for s in result.structures for c in s.why + s.against)
    missing = [m.factor for m in result.missing]
    assert "developer_teams" in missing and "industry" not in missing
    swings = [m.swing for m in result.missing if m.could_change_structure]
    assert swings == sorted(swings, reverse=True)
    assert result.coverage < 0.2 and result.confidence < 0.2


def test_empty_profile_is_neutral_with_no_confidence() -> None:
    result = recommend(None)
    assert {s.score for s in result.structures} == {50.0}
    assert result.confidence == 0.0 and result.sensitivity == []


def test_ranking_covers_the_four_structures_in_score_order() -> None:
    result = recommend(Profile.model_validate(ARTICLE_EXAMPLES["hotel franchise"][0]))
    assert {s.type for s in result.structures} == {
        "centralized", "decentralized", "federated", "platform"}
    scores = [s.score for s in result.structures]
    assert scores == sorted(scores, reverse=True)


def _apply(profile: Profile, changes: list[tuple[str, object]]) -> Profile:
    data = profile.model_dump(mode="json", exclude_none=True)
    for path, value in changes:
        *parents, leaf = path.split(".")
        node = data
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return Profile.model_validate(data)


def test_sensitivity_names_changes_that_really_flip_the_structure() -> None:
    facts, _ = ARTICLE_EXAMPLES["research university"]
    profile = Profile.model_validate(facts)
    result = recommend(profile)
    assert 2 <= len(result.sensitivity) <= fit_rules().sensitivity.flips_shown
    for flip in result.sensitivity:
        after = recommend(_apply(profile, [(c.factor, c.proposed) for c in flip.changes]))
        assert after.structure == flip.structure != result.structure
        assert flip.cost == sum(c.cost for c in flip.changes)
    costs = [flip.cost for flip in result.sensitivity]
    assert costs == sorted(costs)


# Organisations whose size, units and geography nobody changes to get another IT model.
SETTLED = {
    "global manufacturer": dict(
        industry="manufacturing", employees=18000, business_units=4, geography="global",
        developer_teams=14, bu_diversity="medium", regulatory_intensity="medium",
        security_criticality="high", agility_need="medium", cost_pressure="high",
        innovation_priority="medium", standardization_level="low"),
    "domestic insurer": dict(
        industry="insurance", employees=2800, business_units=3, geography="single_country",
        bu_diversity="medium", regulatory_intensity="high", security_criticality="high",
        agility_need="medium", cost_pressure="medium", standardization_level="medium"),
}
DEAR = {"employees", "business_units", "geography", "industry"}


@pytest.mark.parametrize("name", list(SETTLED))
def test_sensitivity_proposes_levers_a_steering_committee_can_pull(name: str) -> None:
    result = recommend(Profile.model_validate(SETTLED[name]))
    assert len(result.sensitivity) >= 2
    assert not {c.factor for flip in result.sensitivity for c in flip.changes} & DEAR
    rules = fit_rules()
    assert all(rules.factor(f).step_cost > rules.sensitivity.max_cost for f in DEAR)
    cheap = {f.id for f in rules.factors if f.kind == "need"} | {"bu_diversity"}
    assert all(rules.factor(f).step_cost == 1 for f in cheap)


def test_confidence_is_not_full_at_a_ten_point_lead_and_grows_with_the_lead() -> None:
    rules = fit_rules()
    results = [recommend(Profile.model_validate(facts)) for facts, _ in ARTICLE_EXAMPLES.values()]
    assert all(r.confidence < 1 for r in results)
    close = [r for r in results if r.margin <= 12 and r.coverage == 1]
    assert all(r.confidence <= 0.6 for r in close)
    for r in results:  # the documented formula
        safe = max(0.0, r.safe_margin)
        expected = r.coverage * safe / (safe + rules.half_confidence_lead)
        assert r.confidence == pytest.approx(expected, abs=0.02)


def test_a_lead_the_unknown_facts_could_overturn_gives_no_confidence() -> None:
    result = recommend(Profile(industry=Industry.hospitality))  # a lead of a few points
    assert result.margin > 0 and result.safe_margin < 0 and result.confidence == 0


level3 = st.none() | st.sampled_from(["low", "medium", "high"])
maturity = st.none() | st.integers(0, 5)
profiles = st.builds(
    Profile,
    industry=st.none() | st.sampled_from(list(Industry)),
    digital_product_focus=level3,
    employees=st.none() | st.integers(0, 200000),
    it_staff=st.none() | st.integers(0, 5000),
    business_units=st.none() | st.integers(0, 60),
    developer_teams=st.none() | st.integers(0, 800),
    geography=st.none() | st.sampled_from(list(Geography)),
    bu_diversity=level3, regulatory_intensity=level3, security_criticality=level3,
    agility_need=level3, cost_pressure=level3, innovation_priority=level3,
    skills_gap=level3, hiring_difficulty=level3, budget_flexibility_need=level3,
    standardization_level=level3,
    it_maturity=st.none() | st.fixed_dictionaries({
        "devops": maturity, "automation": maturity, "api_management": maturity,
        "cloud_native": maturity}),
)


@settings(max_examples=60, deadline=None)
@given(profiles)
def test_properties_deterministic_bounded_and_sensitivity_flips(profile: Profile) -> None:
    first, second = recommend(profile), recommend(profile.model_copy(deep=True))
    assert first == second
    assert all(0 <= s.score <= 100 for s in first.structures)
    assert first.structure in fit_rules().type_ids("structure")
    assert first.sourcing.stance in {"in_house", "hybrid", "outsourced", "undetermined"}
    assert 0 <= first.confidence < 1 and 0 <= first.sourcing.confidence < 1
    for flip in first.sensitivity[:1]:
        changed = _apply(profile, [(c.factor, c.proposed) for c in flip.changes])
        assert recommend(changed).structure == flip.structure != first.structure
    for fact in first.missing[:3]:  # a value said to change the structure really does
        if fact.values_changing_structure:
            changed = _apply(profile, [(fact.factor, fact.values_changing_structure[0])])
            assert recommend(changed).structure != first.structure


def _platform(profile: Profile) -> float:
    return next(s.score for s in recommend(profile).structures if s.type == "platform")


@settings(max_examples=60, deadline=None)
@given(profiles, st.integers(0, 800), st.integers(1, 400))
def test_property_more_teams_never_lowers_platform(profile: Profile, teams: int, more: int) -> None:
    fewer = profile.model_copy(update={"developer_teams": teams})
    assert _platform(fewer.model_copy(update={"developer_teams": teams + more})) >= _platform(fewer)


def _known(profile: Profile) -> list[str]:
    data = profile.model_dump(exclude_none=True)
    return [f"{k}.{sub}" if isinstance(v, dict) else k
            for k, v in data.items() for sub in (v if isinstance(v, dict) else [None])]


@settings(max_examples=60, deadline=None)
@given(profiles, st.data())
def test_property_a_fact_set_to_unknown_never_raises_confidence(profile: Profile,
                                                                data: st.DataObject) -> None:
    known = _known(profile)
    if not known:
        return
    fact = data.draw(st.sampled_from(known))
    before, after = recommend(profile), recommend(_apply(profile, [(fact, None)]))
    assert after.confidence <= before.confidence


def test_every_fit_factor_and_type_is_documented() -> None:
    from pathlib import Path

    docs = Path(__file__).parents[3] / "docs"
    for page in ("recommendation.md", "recommendation.ja.md"):
        text = (docs / page).read_text(encoding="utf-8")
        for factor in fit_rules().factors:
            assert f"`{factor.id}`" in text, (page, factor.id)


def test_fit_types_are_the_catalogue_model_types() -> None:
    from opmodel.knowledge.catalog import get_catalog

    assert set(fit_rules().type_ids()) == set(get_catalog().model_types.ids())




def test_coverage_counts_structure_evidence_and_is_rounded_down() -> None:
    rules = fit_rules()
    profile = Profile.model_validate({"industry": "banking", "employees": 2400})
    result = recommend(profile)
    from opmodel.engines.recommendation.scoring import Scorer

    scorer = Scorer(rules)
    total = sum(scorer.weight(f) for f in rules.factors)
    known = scorer.weight(next(f for f in rules.factors if f.id == "industry")) + scorer.weight(
        next(f for f in rules.factors if f.id == "employees"))
    assert result.coverage == int(known / total * 100) / 100  # down, never up
    # a fact that only moves the sourcing stance is not structure evidence
    sourcing_only = next(f for f in rules.factors if scorer.weight(f) == 0)
    assert sourcing_only.id in {m.factor for m in result.missing}
