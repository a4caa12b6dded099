"""Context facts of a target model compared with its current model's."""

from __future__ import annotations

from opmodel.document.profile import Profile
from opmodel.engines.recommendation.context import context_changes
from opmodel.engines.recommendation.ranking import recommend
from opmodel.knowledge.fit import fit_rules

CURRENT = Profile(industry="insurance", employees=2800, business_units=3,
                  geography="single_country", bu_diversity="medium",
                  standardization_level="medium", it_maturity={"devops": 1})


def test_a_target_that_changes_a_context_fact_is_warned_in_both_languages() -> None:
    target = CURRENT.model_copy(update={"bu_diversity": "low", "employees": 2850})
    (change,) = recommend(target, current=CURRENT).context_changes
    assert (change.factor, change.current, change.target) == ("bu_diversity", "medium", "low")
    en, ja = change.message.text("en"), change.message.text("ja")
    assert "profile.bu_diversity" in en and "profile.bu_diversity" in ja and en != ja
    assert "事業部の多様性" in ja


def test_needs_and_the_it_state_may_differ_and_growth_within_a_band_is_normal() -> None:
    target = CURRENT.model_copy(update={
        "standardization_level": "high", "it_maturity": {"devops": 4}, "employees": 2900})
    assert context_changes(CURRENT, target, fit_rules()) == []
    bigger = CURRENT.model_copy(update={"employees": 25000})
    assert [c.factor for c in context_changes(CURRENT, bigger, fit_rules())] == ["employees"]


def test_every_profile_fact_is_classified_in_the_schema_as_in_the_rules() -> None:
    words = {"context": "Context:", "need": "Need:", "it_state": "Present IT state:"}
    for factor in fit_rules().factors:
        *parents, leaf = factor.id.split(".")
        model: type = Profile
        for part in parents:
            model = model.model_fields[part].annotation.__args__[0]  # X | None
        description = model.model_fields[leaf].description or ""
        assert description.startswith(words[factor.kind]), factor.id
