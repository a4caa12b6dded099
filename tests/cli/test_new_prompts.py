"""`opmodel new --interactive` and `--from`: the profile asked for or taken from an industry,
written into a model that validates; bad answers asked again, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from opmodel.interop.model_files import load
from opmodel.knowledge.industry_profiles import industry_profiles
from support.cli import JA, run

FACTS = 14  # the facts asked, in PROFILE_FACTS order


def _answers(*given: str) -> str:
    return "\n".join([*given, *[""] * (FACTS + 2 - len(given))]) + "\n"  # room to ask again


def test_from_an_industry_writes_its_typical_profile(tmp_path: Path) -> None:
    out = tmp_path / "m.yaml"
    assert run("new", "X", "--from", "manufacturing", "--out", str(out)).code == 0
    profile = load(out).profile.model_dump(mode="json", exclude_none=True)
    assert profile == {"industry": "manufacturing", **industry_profiles()["manufacturing"]}
    assert run("validate", str(out)).code == 0


def test_an_unknown_industry_is_a_usage_error_listing_the_known_ones() -> None:
    result = run("new", "X", "--from", "banks")
    assert result.code == 2 and "banking" in result.err and "Traceback" not in result.output


def test_interactive_takes_numbers_values_labels_and_thousands(tmp_path: Path) -> None:
    out = tmp_path / "m.yaml"
    result = run("new", "X", "--interactive", "--out", str(out),
                 input=_answers("banking", "3,000", "120", "4", "5", "3", "2", "高"), env=JA)
    assert result.code == 0, result.output
    profile = load(out).profile
    assert (profile.industry, profile.employees, profile.it_staff) == ("banking", 3000, 120)
    assert (profile.geography, profile.bu_diversity, profile.regulatory_intensity) == (
        "global", "medium", "high")
    assert profile.security_criticality is None  # Enter with nothing to keep: left out
    assert "業種" in result.err


def test_interactive_starts_from_the_template_and_asks_again_after_a_bad_answer(
        tmp_path: Path) -> None:
    out = tmp_path / "m.yaml"
    result = run("new", "X", "--from", "software", "-i", "--out", str(out),
                 input=_answers("", "many", "800", "-"))
    assert result.code == 0, result.output
    assert "'many' is not a value of Employees" in result.err
    profile = load(out).profile
    assert profile.industry == "software" and profile.employees == 800
    assert profile.it_staff is None  # "-" leaves it out
    assert profile.agility_need == industry_profiles()["software"]["agility_need"]


@pytest.mark.parametrize("state", ["current", "target", "scenario"])
def test_new_writes_the_state(tmp_path: Path, state: str) -> None:
    out = tmp_path / "m.yaml"
    assert run("new", "X", "--state", state, "--out", str(out)).code == 0
    assert load(out).metadata.state == state


def test_out_pointing_at_a_folder_is_a_clear_usage_error(tmp_path: Path) -> None:
    for env, words in (({}, "is a folder"), (JA, "フォルダー")):
        result = run("new", "X", "--out", str(tmp_path), env=env)
        assert result.code == 2 and words in result.err
        assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
