"""The schema in Japanese: every description translated, nothing else changed."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

import opmodel.document.schema as schema_module
from opmodel.document.model import OperatingModel
from opmodel.document.roadmap import Initiative
from opmodel.document.schema import document_schema
from opmodel.knowledge.schema_text import SchemaText, schema_text
from support.builders import document

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
MINIMAL = document(name="x")


def _descriptions(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every (path, text) of a string under a ``description`` key, anywhere in ``node``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                yield path, value
            else:
                yield from _descriptions(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _descriptions(item, f"{path}/{index}")


def _at(node: Any, path: str) -> Any:
    for part in path.strip("/").split("/") if path else []:
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _untranslated(en: dict[str, Any], ja: dict[str, Any]) -> list[str]:
    """Paths whose Japanese description is missing, still English or not Japanese."""
    problems = []
    for path, text in _descriptions(en):
        translated = _at(ja, path).get("description")
        if translated is None or translated == text or not JAPANESE.search(translated):
            problems.append(f"{path or '/'}: {text!r} has no Japanese text in "
                            "knowledge/data/schema_descriptions.yaml")
    return problems


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def _grouping(en: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Definition (snake_case) -> its own description and its fields', as in the English schema."""
    grouping: dict[str, dict[str, Any]] = {}
    definitions = [("operating_model", {k: v for k, v in en.items() if k != "$defs"})]
    definitions += [(_snake(name), body) for name, body in en["$defs"].items()]
    for name, body in definitions:
        for path, text in _descriptions(body):
            entry = grouping.setdefault(name, {"description": None, "properties": {}})
            parts = path.strip("/").split("/")
            if "properties" in parts:
                entry["properties"][parts[parts.index("properties") + 1]] = text
            else:
                entry["description"] = text
    return grouping


@pytest.fixture(scope="module")
def en() -> dict[str, Any]:
    return document_schema()


@pytest.fixture(scope="module")
def ja() -> dict[str, Any]:
    return document_schema("ja")


def test_every_description_has_a_japanese_text(en: dict[str, Any], ja: dict[str, Any]) -> None:
    assert len(list(_descriptions(en))) > 100
    assert _untranslated(en, ja) == []


def test_a_field_without_a_translation_is_caught(monkeypatch: pytest.MonkeyPatch,
                                                 en: dict[str, Any]) -> None:
    data = schema_text().model_dump()
    del data["definitions"]["initiative"]["properties"]["effort"]
    monkeypatch.setattr(schema_module, "schema_text", lambda: SchemaText.model_validate(data))
    problems = _untranslated(en, document_schema("ja"))
    assert len(problems) == 1
    assert problems[0].startswith("/$defs/Initiative/properties/effort: 'Total work in person-weeks")


def test_the_english_schema_keeps_the_models_texts(en: dict[str, Any]) -> None:
    assert document_schema("en") == en
    assert en["title"] == "opmodel operating model"
    assert en["description"] == OperatingModel.__doc__
    effort = en["$defs"]["Initiative"]["properties"]["effort"]["description"]
    assert effort == Initiative.model_fields["effort"].description
    raw = OperatingModel.model_json_schema(by_alias=True, mode="validation")
    assert {text for _, text in _descriptions(en)} == {text for _, text in _descriptions(raw)}
    assert not JAPANESE.search(json.dumps(en, ensure_ascii=False))


def test_the_data_file_holds_exactly_the_english_texts(en: dict[str, Any]) -> None:
    texts = schema_text()
    assert {text for _, text in _descriptions(en)} == {t.en for t in texts.texts()}
    assert texts.title.en == en["title"]


def test_the_data_file_is_grouped_as_the_schema(en: dict[str, Any]) -> None:
    # The grouping is for translators only (lookups go by English text); keep it true.
    expected = _grouping(en)
    actual = {name: {"description": d.description.en if d.description else None,
                     "properties": {field: t.en for field, t in d.properties.items()}}
              for name, d in schema_text().definitions.items()}
    assert actual == expected


def _differences(a: Any, b: Any, path: str = "") -> Iterator[str]:
    """Paths where ``a`` and ``b`` differ in structure or in a value."""
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            yield f"{path}: keys {list(a)} != {list(b)}"
            return
        for key in a:
            yield from _differences(a[key], b[key], f"{path}/{key}")
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            yield f"{path}: {len(a)} items != {len(b)}"
            return
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _differences(x, y, f"{path}/{index}")
    elif a != b:
        yield path


def test_only_descriptions_and_the_title_differ(en: dict[str, Any], ja: dict[str, Any]) -> None:
    changed = list(_differences(en, ja))
    assert "/title" in changed
    assert ja["title"] == "opmodel 運用モデル"
    others = [p for p in changed if p != "/title" and not p.endswith("/description")]
    assert others == []
    assert len(changed) == len(list(_descriptions(en))) + 1


def test_the_japanese_schema_is_valid_and_validates_alike(ja: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(ja)
    validator = jsonschema.Draft202012Validator(ja, format_checker=jsonschema.FormatChecker())
    validator.validate(MINIMAL)
    assert list(validator.iter_errors(MINIMAL | {"metadata": {"name": "x", "state": "dreaming"}}))
    assert json.loads(json.dumps(ja, ensure_ascii=False)) == ja


def test_an_english_text_with_two_translations_is_refused() -> None:
    data = schema_text().model_dump()
    text = data["definitions"]["initiative"]["properties"]["effort"]
    data["definitions"]["initiative"]["properties"]["demand"] = dict(text, ja="別の訳")
    with pytest.raises(ValueError, match="two different Japanese texts"):
        SchemaText.model_validate(data)


def test_unknown_languages_get_english() -> None:
    assert document_schema("fr") == document_schema()


@pytest.mark.parametrize(("definition", "field", "en_words", "ja_words"), [
    ("Question", "importance", "Relative weight", "相対的な重み"),
    ("ComponentTarget", "importance", "Relative weight", "相対的な重み"),
    ("Capability", "importance", "Relative weight", "相対的な重み"),
    ("Requirement", "priority", "1 (highest", "1（最優先"),
    ("Initiative", "effort", "person-weeks", "人週"),
    ("Initiative", "demand", "demand × duration", "demand × 所要期間"),
])
def test_weights_priorities_and_estimates_are_described_in_both_languages(
        definition: str, field: str, en_words: str, ja_words: str) -> None:
    en = document_schema("en")["$defs"][definition]["properties"][field]["description"]
    ja = document_schema("ja")["$defs"][definition]["properties"][field]["description"]
    assert en_words in en and ja_words in ja
