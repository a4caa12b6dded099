"""Steps 1–3 as use cases: the command line prints exactly what they return."""

from __future__ import annotations

from pathlib import Path

import pytest

from opmodel.document import DocumentError
from opmodel.interop.model_files import load
from opmodel.services import assessment
from support.builders import unchecked
from support.cli import run
from support.results import assert_json_is_the_result

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*/*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
@pytest.mark.parametrize("name", ["assess", "recommend", "align"])
def test_the_command_prints_the_use_case_result(path: Path, name: str) -> None:
    model = load(path)
    try:
        result = getattr(assessment, name)(model)
    except DocumentError as exc:  # a target model without respondents: the same problem
        printed = run(name, str(path), "--format", "json")
        assert printed.code == 1
        assert [p["code"] for p in printed.json()["problems"]] == [p.code for p in exc.problems]
        return
    assert_json_is_the_result([name, str(path)], result)


def test_nothing_to_score_is_a_problem_at_the_respondents() -> None:
    with pytest.raises(DocumentError) as caught:
        assessment.assess(unchecked(name="x"))
    (found,) = caught.value.problems
    assert found.path == ("assessment", "respondents") and found.code == "assess.no_respondents"
    assert "回答者" in found.message("ja") and "respondents" in found.hint("en")


def test_recommend_against_the_current_model_prints_the_use_case_result() -> None:
    folder = EXAMPLES[0].parent
    current, target = load(folder / "current.yaml"), load(folder / "target.yaml")
    changed = target.model_copy(update={"profile": target.profile.model_copy(
        update={"geography": "single_country"})}) if target.profile else target
    result = assessment.recommend(changed, current)
    assert [c.factor for c in result.context_changes] == ["geography"]
    assert assessment.recommend(target, current).context_changes == []
    data = assert_json_is_the_result(
        ["recommend", str(folder / "target.yaml"), "--current", str(folder / "current.yaml")],
        assessment.recommend(target, current))
    assert data["context_changes"] == []


@pytest.mark.parametrize("by", ["business_unit", "role", "employment", "it_or_business"])
def test_the_comparison_by_group_is_the_use_case_result(by: str) -> None:
    path = EXAMPLES[0].parent.parent / "regional-bank" / "current.yaml"
    result = assessment.assess(load(path), by)  # type: ignore[arg-type]
    assert result.comparison is not None and result.comparison.by == by
    assert_json_is_the_result(["assess", str(path), "--by", by], result)
