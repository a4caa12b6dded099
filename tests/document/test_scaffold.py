"""`opmodel new` writes a valid document in either language, with the schema modeline."""

from __future__ import annotations

import pytest

from opmodel.document import loads
from opmodel.document.scaffold import scaffold


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("name", ["Target 2027", "地方銀行: 目標モデル", 'quote " and # hash',
                                  "yes", "123", "- dash"])
def test_scaffold_is_valid(lang: str, name: str) -> None:
    text = scaffold(name, None, lang)
    model = loads(text)
    assert model.metadata.name == name
    assert model.metadata.organisation is None  # not the model's name: left to fill in
    assert "# organisation: " in text
    assert model.metadata.language == lang
    with_org = loads(scaffold(name, "Example Bank", lang))
    assert with_org.metadata.organisation == "Example Bank"


def test_scaffold_speaks_the_language_and_links_the_schema() -> None:
    ja, en = scaffold("x", "Org", "ja"), scaffold("x", "Org", "en")
    assert "段階的に" in ja and "step by step" in en
    for text in (ja, en):
        assert text.startswith("# yaml-language-server: $schema=opmodel.schema.json\n")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_scaffold_as_json_is_the_same_document_without_comments(lang: str) -> None:
    import json

    text = scaffold("Target 2027", "Example Bank", lang, fmt="json")
    data = json.loads(text)
    assert data["metadata"]["language"] == lang and data["profile"] == {}
    from_json, from_yaml = loads(text, fmt="json"), loads(scaffold("Target 2027", "Example Bank", lang))
    # the YAML's profile holds only comments (null); JSON has an empty one to fill in
    assert from_json.model_copy(update={"profile": None}) == from_yaml


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("state", ["current", "target", "transition", "scenario"])
def test_scaffold_writes_the_state_asked_for(lang: str, state: str) -> None:
    model = loads(scaffold("x", None, lang, state=state))
    assert model.metadata.state == state


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_scaffold_fills_in_the_profile_given(fmt: str) -> None:
    facts = {"industry": "banking", "employees": 2400, "geography": "global",
             "regulatory_intensity": "high", "it_maturity": {"devops": 2, "automation": 3}}
    model = loads(scaffold("x", None, "en", fmt=fmt, profile=facts))
    assert model.profile.model_dump(mode="json", exclude_none=True) == facts


def test_scaffold_refuses_a_profile_the_schema_refuses() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        scaffold("x", None, "en", profile={"industry": "banks"})
