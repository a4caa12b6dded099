"""Where a model stands on the six steps: ``opmodel progress`` prints the use case's result."""

from __future__ import annotations

from pathlib import Path

import pytest

from opmodel.interop.model_files import load
from opmodel.services import guide
from support.cli import run
from support.results import assert_json_is_the_result

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*/*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_progress_prints_the_standing(path: Path) -> None:
    result = guide.progress(load(path))
    assert_json_is_the_result(["progress", str(path)], result)
    # the findings of the steps are those of the check, each under one step
    from opmodel.services import design

    checked = design.check(load(path)).findings
    placed = [f for s in result.steps for f in s.open_findings]
    assert sorted(f.path for f in placed) == sorted(f.path for f in checked)


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", ["6つのステップのうち", "次はステップ 1「現状を評価する」", "評価の回答者 3 名以上"]),
    ("en", ["The six steps: 0 of 6 done", "Next: step 1, Assess the current state",
            "At least 3 respondents"])])
def test_a_new_model_is_told_where_to_start(tmp_path: Path, lang: str,
                                            words: list[str]) -> None:
    made = run("new", "Trial", "--org", "Trial Co", "--lang", lang)
    assert made.code == 0
    path = tmp_path / "trial.yaml"
    path.write_text(made.out, encoding="utf-8")
    shown = run("progress", str(path), "--lang", lang)
    assert shown.code == 0
    flat = " ".join(shown.out.split())
    assert all(" ".join(w.split()) in flat for w in words), shown.out
