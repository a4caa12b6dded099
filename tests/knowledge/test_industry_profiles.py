"""Every industry has a starting profile, and each is a valid profile for its industry."""

from __future__ import annotations

from opmodel.document.profile import Industry, Profile
from opmodel.knowledge.industry_profiles import industry_profiles


def test_every_industry_has_a_template() -> None:
    assert set(industry_profiles()) == {i.value for i in Industry}


def test_every_template_is_a_valid_profile_without_guessed_sizes() -> None:
    for industry, facts in industry_profiles().items():
        profile = Profile.model_validate({"industry": industry, **facts})
        assert profile.employees is None and profile.business_units is None, industry
