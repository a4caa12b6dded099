"""Comparing documents as a use case: the command line prints exactly what it returns."""

from __future__ import annotations

from pathlib import Path

import pytest

from opmodel.document.paths import format_path, parse_path
from opmodel.interop.model_files import load
from opmodel.services import documents
from support.results import assert_json_is_the_result

EXAMPLES = sorted(p.parent for p in (Path(__file__).parents[2] / "examples").glob(
    "*/current.yaml") if (p.parent / "target.yaml").exists())


def test_every_example_has_a_current_and_a_target() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("direction", ["forward", "back"])
def test_diff_prints_the_use_case_result(folder: Path, direction: str) -> None:
    a, b = folder / "current.yaml", folder / "target.yaml"
    if direction == "back":
        a, b = b, a
    result = documents.diff(load(a), load(b))
    assert not result.empty
    data = assert_json_is_the_result(["diff", str(a), str(b)], result)
    for change in [c for e in data["changed"] for c in e["changes"]] + data["fields"]:
        assert format_path(parse_path(change["path"])) == change["path"]


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda p: p.name)
def test_a_model_compared_with_itself_has_no_differences(folder: Path) -> None:
    model = load(folder / "target.yaml")
    assert documents.diff(model, load(folder / "target.yaml")).empty
