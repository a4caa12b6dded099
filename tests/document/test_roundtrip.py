"""Lossless round trips: load → dump → load gives an equal model, in YAML and JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import ValidationError

from opmodel.document import OperatingModel, dumps, loads
from opmodel.document.parsing import parse_text, parse_yaml
from opmodel.interop.model_files import dump, load
from support.strategies import SETTINGS, model_data

EXAMPLES = sorted(Path(__file__).parents[2].glob("examples/*/*.yaml"))

ORDERED = """\
apiVersion: opmodel/v1
kind: OperatingModel
metadata:
  name: Order test
  language: en
  currency: JPY
roadmap:
  resources:
    - {id: zeta, capacity: 3}
    - {id: alpha, capacity: 2}
  initiatives:
    - id: second
      name: Second
      mandatory: false
      demand: {zeta: 1, alpha: 2}
    - id: first
      depends_on: [second, {initiative: third, type: ss, lag: 2}]
    - id: third
design:
  components: {sourcing: outsourced, governance: central board}
"""


def structural(data: dict[str, Any]) -> OperatingModel:
    """The model, or reject data that the schema's own validators refuse."""
    try:
        return OperatingModel.model_validate(data)
    except ValidationError:
        assume(False)
        raise


@SETTINGS
@given(data=model_data(OperatingModel), fmt=st.sampled_from(["yaml", "json"]))
def test_random_documents_round_trip(data: dict[str, Any], fmt: str) -> None:
    model = structural(data)
    text = dumps(model, fmt)
    again = OperatingModel.model_validate(parse_text(text, fmt=fmt))
    assert again == model
    assert dumps(again, fmt) == text  # same fields set, same order


@SETTINGS
@given(data=model_data(OperatingModel))
def test_yaml_and_json_dumps_hold_the_same_data(data: dict[str, Any]) -> None:
    model = structural(data)
    assert parse_yaml(dumps(model, "yaml")) == json.loads(dumps(model, "json"))


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_file_round_trip_keeps_key_order(tmp_path: Path, fmt: str) -> None:
    model = loads(ORDERED)
    path = tmp_path / f"m.{fmt}"
    dump(model, path)
    again = load(path)
    assert again == model
    assert list(again.roadmap.initiatives[0].demand) == ["zeta", "alpha"]  # type: ignore[union-attr]
    assert list(again.design.components) == ["sourcing", "governance"]  # type: ignore[union-attr]
    assert [r.id for r in again.roadmap.resources] == ["zeta", "alpha"]  # type: ignore[union-attr]
    assert path.read_text(encoding="utf-8") == dumps(again, fmt)


def test_dump_writes_only_fields_that_were_set_in_schema_order() -> None:
    data = yaml.safe_load(dumps(loads(ORDERED)))
    assert list(data) == ["apiVersion", "kind", "metadata", "design", "roadmap"]
    assert list(data["metadata"]) == ["name", "language", "currency"]  # state was not set
    second = data["roadmap"]["initiatives"][0]
    assert second == {"id": "second", "name": "Second", "demand": {"zeta": 1.0, "alpha": 2.0},
                      "mandatory": False}  # an explicit default is kept, unset ones are not
    assert data["roadmap"]["initiatives"][1]["depends_on"] == [
        "second", {"initiative": "third", "type": "ss", "lag": 2.0}]


def test_dumped_yaml_keeps_japanese_readable() -> None:
    text = dumps(loads(ORDERED.replace("Order test", "順序テスト")))
    assert "順序テスト" in text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_examples_round_trip(tmp_path: Path, path: Path) -> None:
    model = load(path)
    for fmt in ("yaml", "json"):
        out = tmp_path / f"again.{fmt}"
        dump(model, out)
        assert load(out) == model


def test_dump_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "m.yaml"
    out.write_text("old", encoding="utf-8")
    dump(loads(ORDERED), out)
    assert [p.name for p in tmp_path.iterdir()] == ["m.yaml"]
    assert out.read_text(encoding="utf-8").startswith("apiVersion: opmodel/v1")


def test_values_filled_in_place_after_loading_are_dumped() -> None:
    from opmodel.document.risks import Risk, Risks
    from opmodel.document.roadmap import CostItem

    model = loads(ORDERED)
    model.risks = Risks()
    model.risks.items.append(Risk(id="vendor-lock-in", likelihood=3, impact=4))
    assert model.roadmap is not None
    model.roadmap.initiatives[0].costs.append(CostItem(id="support", category="opex", amount=10))
    again = loads(dumps(model))
    assert again == model
    assert again.risks is not None and again.risks.items[0].id == "vendor-lock-in"
    assert again.roadmap is not None and again.roadmap.initiatives[0].costs[0].amount == 10
