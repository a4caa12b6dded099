"""The knowledge base: every YAML file follows the conventions; the catalogue is complete."""

from __future__ import annotations

from collections import Counter
from importlib import resources
from typing import Any

import pytest
from pydantic import ValidationError

from opmodel.document.base import Component
from opmodel.knowledge.base import load_resource, resource_names
from opmodel.knowledge.catalog import (
    TOPICS,
    Catalog,
    UnknownIdError,
    catalog_data,
    dangling_references,
    get_catalog,
    localize,
)
from support.knowledge_conventions import convention_problems


def _text(name: str) -> str:
    path = resources.files("opmodel.knowledge") / "data" / f"{name}.yaml"
    return path.read_text(encoding="utf-8")


# --- generic: every file in knowledge/data, including those added later ---------------------

def test_the_data_folder_holds_the_catalogue_files() -> None:
    names = set(resource_names())
    assert {"model_types", "components", "steps", "challenges", "decision_domains",
            "archetypes", "itil_practices", "cobit_design_factors"} <= names


TEXT_FOLDERS = ("messages", "labels")  # every text a user reads (opmodel.knowledge.texts)


def test_the_data_folder_holds_only_yaml_files() -> None:
    # Anything else (.yml, .json) would escape both load_resource and these checks.
    folder = resources.files("opmodel.knowledge") / "data"
    others = [p.name for p in folder.iterdir()
              if not p.name.endswith(".yaml") and p.name not in ("__pycache__", *TEXT_FOLDERS)]
    assert others == []
    for name in TEXT_FOLDERS:
        files = list((folder / name).iterdir())
        assert files and all(f.name.endswith(".yaml") for f in files), name


def _text_files() -> list[str]:
    folder = resources.files("opmodel.knowledge") / "data"
    return sorted(f"{name}/{f.name}" for name in TEXT_FOLDERS for f in (folder / name).iterdir())


@pytest.mark.parametrize("name", _text_files())
def test_every_text_file_follows_the_conventions(name: str) -> None:
    folder = resources.files("opmodel.knowledge") / "data"
    assert convention_problems((folder / name).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("name", resource_names())
def test_every_file_follows_the_conventions(name: str) -> None:
    assert convention_problems(_text(name)) == []


GOOD = """
title: {ja: 例, en: Example}
items:
  - id: first-one
    name: {ja: 一つ目, en: First}
    component: governance
    weight: 1.5
    enabled: true
    field: it_maturity.devops
    refs_ids: [a-b, c]
    code: EDM01
    op: ">="
    note: null
    texts:
      - {ja: 日本語の文です, en: An English sentence of several words}
      - {ja: DevOps, en: DevOps}
"""

BAD = {
    "prose leaf": ("items:\n  - id: a\n    name: Centralized\n", "is prose"),
    "prose sentence": ("items:\n  - id: a\n    summary: One IT team decides\n", "is prose"),
    "ja without en": ("items:\n  - id: a\n    name: {ja: 集中型}\n", "exactly the keys"),
    "en without ja": ("items:\n  - id: a\n    name: {en: Centralized}\n", "exactly the keys"),
    "empty ja": ("items:\n  - id: a\n    name: {ja: '', en: Centralized}\n", "non-empty"),
    "extra key in text": ("items:\n  - id: a\n    name: {ja: 集中型, en: x, note: y}\n",
                          "exactly the keys"),
    "unquoted comma": ("items:\n  - id: a\n    name: {ja: 技術, en: Technology, architecture}\n",
                       "exactly the keys"),
    "untranslated": ("items:\n  - id: a\n    d: {ja: The same words in English, "
                     "en: The same words in English}\n", "untranslated"),
    "japanese in en": ("items:\n  - id: a\n    name: {ja: 集中型, en: 集中型}\n", "contains Japanese"),
    "duplicate id": ("items:\n  - id: a\n  - id: a\n", "more than once"),
    "id not a slug": ("items:\n  - id: Not A Slug\n", "not a slug"),
    "missing id": ("items:\n  - id: a\n  - name: {ja: 名, en: Name}\n", "needs an id"),
    "top-level list without ids": ("items:\n  - name: {ja: 名, en: Name}\n", "needs an id"),
    "repeated key": ("items:\n  - id: a\n    id: b\n", "key repeated"),
    "prose key": ("items:\n  - id: a\n    Some Key: 1\n", "not a code"),
    "not a mapping": ("- id: a\n", "top level"),
    "not yaml": ("items: [\n", "not valid YAML"),
    "deeply nested prose": ("items:\n  - id: a\n    cases:\n      - points: {x: 1}\n"
                            "        reason: plain words here\n", "is prose"),
    "spaces under a code key": ("items:\n  - id: a\n    kind: two words\n", "is prose"),
}


def test_the_checker_accepts_a_well_formed_sample() -> None:
    assert convention_problems(GOOD) == []


@pytest.mark.parametrize("case", sorted(BAD))
def test_the_checker_catches_each_breach(case: str) -> None:
    text, expected = BAD[case]
    problems = convention_problems(text)
    assert problems, f"{case}: no problem found"
    assert any(expected in p for p in problems), problems


# --- the catalogue: counts, ids, cross-references ------------------------------------------

def test_the_catalogue_has_the_expected_number_of_entries() -> None:
    catalog = get_catalog()
    counts = {topic: len(catalog.topic(topic)) for topic in TOPICS}
    assert counts == {"types": 5, "components": 5, "steps": 6, "challenges": 3, "domains": 5,
                      "archetypes": 6, "practices": 34, "design-factors": 11,
                      "questions": 63}


def test_model_types_are_four_structures_and_hybrid_sourcing() -> None:
    types = get_catalog().model_types
    assert types.ids() == ("centralized", "decentralized", "federated", "hybrid", "platform")
    kinds = {t.id: t.kind.value for t in types.entries}
    assert kinds.pop("hybrid") == "sourcing"
    assert set(kinds.values()) == {"structure"}
    for model_type in types.entries:
        assert model_type.characteristics and model_type.target_organisations
        assert model_type.examples and model_type.advantages and model_type.drawbacks


def test_component_ids_are_the_documents_component_enum() -> None:
    assert set(get_catalog().components.ids()) == {c.value for c in Component}


def test_steps_are_numbered_one_to_six_in_order() -> None:
    steps = get_catalog().steps
    assert [s.number for s in steps.entries] == [1, 2, 3, 4, 5, 6]
    assert steps.ids() == ("assess", "align", "design", "roadmap", "change", "measure")
    assert all(s.activities and s.inputs and s.outputs and s.commands for s in steps.entries)


def test_challenges_are_the_articles_three() -> None:
    challenges = get_catalog().challenges
    assert challenges.ids() == ("resistance", "legacy-integration", "budget-shortfall")
    assert all(c.causes and c.mitigations for c in challenges.entries)


def test_itil_practices_split_fourteen_seventeen_three() -> None:
    counts = Counter(p.category.value for p in get_catalog().practices.entries)
    assert counts == {"general": 14, "service": 17, "technical": 3}


def test_every_component_is_home_to_some_practice() -> None:
    catalog = get_catalog()
    for component in catalog.components.ids():
        assert catalog.practices_of(component), component


def test_design_factors_are_numbered_one_to_eleven() -> None:
    factors = get_catalog().design_factors.entries
    assert [f.number for f in factors] == list(range(1, 12))
    assert all(f.example_values for f in factors)


def test_implementation_methods_are_cobit_2019s_four_values() -> None:
    # COBIT 2019 Design Guide, figure 4.7: Agile, DevOps, Traditional, Hybrid (not Bimodal)
    factor = next(f for f in get_catalog().design_factors.entries if f.number == 9)
    firsts = [value.en.split(" (")[0] for value in factor.example_values]
    assert firsts == ["Agile", "DevOps", "Traditional", "Hybrid"]
    assert all(value.ja for value in factor.example_values)


def test_cross_references_resolve() -> None:
    assert dangling_references(get_catalog()) == []


def test_a_dangling_reference_is_refused() -> None:
    data = catalog_data()
    practice = dict(data["practices"]["entries"][0], component="no-such-component")
    data["practices"] = dict(data["practices"], entries=[practice, *data["practices"]["entries"][1:]])
    with pytest.raises(ValidationError, match="no-such-component"):
        Catalog.model_validate(data)


def test_a_repeated_id_is_refused_by_the_loader() -> None:
    data = catalog_data()
    steps = data["steps"]["entries"]
    data["steps"] = dict(data["steps"], entries=[*steps, steps[0]])
    with pytest.raises(ValidationError, match="more than once"):
        Catalog.model_validate(data)


# A key of this name anywhere in any knowledge file names an entry of that collection.
CROSS_FILE_KEYS = {"component": "components", "step": "steps", "model_type": "model_types",
                   "challenge": "challenges", "practice": "practices",
                   "decision_domain": "decision_domains", "archetype": "archetypes"}


def _named_refs(node: Any, path: str) -> list[tuple[str, str, str]]:
    """Every (path, key, value) in ``node`` whose key is one of CROSS_FILE_KEYS."""
    found: list[tuple[str, str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in CROSS_FILE_KEYS and isinstance(value, str):
                found.append((f"{path}.{key}", key, value))
            found += _named_refs(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _named_refs(item, f"{path}[{index}]")
    return found


@pytest.mark.parametrize("name", resource_names())
def test_references_by_key_name_resolve_in_every_file(name: str) -> None:
    catalog = get_catalog()
    dangling = [f"{path}: {value!r}" for path, key, value in _named_refs(load_resource(name), name)
                if value not in getattr(catalog, CROSS_FILE_KEYS[key]).ids()]
    assert dangling == []


def test_the_reference_finder_sees_nested_keys() -> None:
    sample = {"kpis": [{"id": "x", "component": "governance", "more": {"step": "nowhere"}}]}
    assert _named_refs(sample, "f") == [("f.kpis[0].component", "component", "governance"),
                                        ("f.kpis[0].more.step", "step", "nowhere")]


def test_the_recommenders_types_are_the_catalogues_model_types() -> None:
    roles = {t["id"]: t["role"] for t in load_resource("model_type_fit")["types"]}
    assert roles == {t.id: t.kind.value for t in get_catalog().model_types.entries}


def test_risk_templates_name_real_drawbacks() -> None:
    types = get_catalog().model_types
    named = [t for t in load_resource("risk_templates")["templates"] if "drawback" in t]
    assert named
    for template in named:
        drawbacks = {d.id for d in types.get(template["model_type"]).drawbacks}
        assert template["drawback"] in drawbacks, template["id"]


def test_the_questions_topic_is_the_assessment_bank() -> None:
    from opmodel.knowledge.questions import question_bank

    topic = get_catalog().topic("questions")
    assert topic.entries == question_bank().questions
    assert topic.title.en == "Current-state assessment question bank"
    assert topic.title == question_bank().title and topic.source == question_bank().source
    with pytest.raises(UnknownIdError) as caught:
        topic.get("gov-strategy")
    assert "gov-it-strategy" in caught.value.valid and len(caught.value.valid) == 63


def test_a_question_with_an_unknown_component_is_refused() -> None:
    data = catalog_data()
    question = dict(data["questions"]["entries"][0], component="finance")
    data["questions"] = dict(data["questions"],
                             entries=[question, *data["questions"]["entries"][1:]])
    with pytest.raises(ValidationError, match="finance"):
        Catalog.model_validate(data)


def test_question_evidence_splits_practices_from_capabilities() -> None:
    catalog = get_catalog()
    rights = catalog.question_evidence(catalog.questions.get("gov-decision-rights"))
    assert rights == {"practices": ("strategy-management",), "capabilities": ("decision-rights",)}
    practices = set(catalog.practices.ids())
    for question in catalog.questions.entries:
        split = catalog.question_evidence(question)
        assert set(split["practices"]) <= practices
        assert not set(split["capabilities"]) & practices
        assert sorted(split["practices"] + split["capabilities"]) == sorted(question.evidences)


def test_lookup_by_id_and_unknown_id() -> None:
    catalog = get_catalog()
    assert catalog.practices.get("incident-management").component == "process"
    with pytest.raises(UnknownIdError) as caught:
        catalog.model_types.get("matrix")
    assert "centralized" in caught.value.valid


def test_localize_keeps_one_language() -> None:
    data: Any = get_catalog().model_types.get("platform").model_dump(mode="json")
    ja, en = localize(data, "ja"), localize(data, "en")
    assert ja["name"] == "プラットフォーム型" and en["name"] == "Platform"
    assert en["drawbacks"][1] == {"id": "maturity-gap", "title": "Demands high IT maturity",
                                  "explanation": en["drawbacks"][1]["explanation"]}
    assert isinstance(ja["characteristics"][0], str)
