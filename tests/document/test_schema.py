"""The JSON Schema is valid, accepts valid documents and rejects bad ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from pydantic import ValidationError

from opmodel.document import OperatingModel, dumps
from opmodel.document.references import check_references
from opmodel.document.rules import RULES
from opmodel.document.schema import document_schema
from opmodel.interop.model_files import load
from support.builders import document
from support.strategies import model_data

EXAMPLES = sorted(Path(__file__).parents[2].glob("examples/*/*.yaml"))
MINIMAL = document(name="x")


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = document_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_the_schema_is_draft_2020_12_and_json(validator: Any) -> None:
    schema = document_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert json.loads(json.dumps(schema)) == schema


def test_a_minimal_document_is_accepted(validator: Any) -> None:
    validator.validate(MINIMAL)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_examples_are_accepted(validator: Any, path: Path) -> None:
    validator.validate(json.loads(dumps(load(path), "json")))


def test_shorthand_dependencies_are_accepted(validator: Any) -> None:
    validator.validate(MINIMAL | {"roadmap": {"initiatives": [
        {"id": "a"}, {"id": "b", "depends_on": ["a", {"initiative": "a", "type": "ss"}]}]}})


@pytest.mark.parametrize("bad", [
    {k: v for k, v in MINIMAL.items() if k != "metadata"},
    MINIMAL | {"extra": 1},
    MINIMAL | {"apiVersion": "opmodel/v2"},
    MINIMAL | {"metadata": {"name": "x", "state": "dreaming"}},
    MINIMAL | {"profile": {"industry": "fintech"}},
    MINIMAL | {"profile": {"it_maturity": {"devops": 6}}},
    MINIMAL | {"profile": {"employees": -1}},
    MINIMAL | {"risks": {"items": [{"id": "Not A Slug", "likelihood": 1, "impact": 1}]}},
    MINIMAL | {"roadmap": {"initiatives": [{"id": "a", "efort": 1}]}},
], ids=["no-metadata", "unknown-top", "version", "state", "industry", "maturity", "count",
        "slug", "unknown-field"])
def test_bad_documents_are_rejected(validator: Any, bad: dict[str, Any]) -> None:
    assert list(validator.iter_errors(bad))


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=model_data(OperatingModel))
def test_what_validation_accepts_the_schema_accepts(data: dict[str, Any]) -> None:
    # The schema cannot check references; some ranges it checks are left to rules (which
    # name the entity), so compare with pydantic plus every rule but the reference check.
    try:
        model = OperatingModel.model_validate(data)
    except ValidationError:
        assume(False)
        raise
    assume(not [p for rule in RULES if rule is not check_references for p in rule(model)])
    schema = document_schema()
    jsonschema.Draft202012Validator(schema).validate(json.loads(dumps(model, "json")))
