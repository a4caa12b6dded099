"""Step 3 as use cases: ``opmodel design`` and ``opmodel check`` print exactly what they
return, findings placed in the file as the command places them."""

from __future__ import annotations

from pathlib import Path

import pytest

from opmodel.interop.model_files import load
from opmodel.knowledge.rules import rule_book
from opmodel.services import design
from support.results import assert_json_is_the_result

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*/*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_design_prints_the_review(path: Path) -> None:
    assert_json_is_the_result(["design", str(path)], design.review(load(path)))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_check_prints_the_located_findings(path: Path) -> None:
    result = design.check(load(path), path.read_text(encoding="utf-8"))
    data = assert_json_is_the_result(["check", str(path)], result)
    assert all(f["line"] is not None for f in data["findings"])


def test_list_rules_prints_the_rules() -> None:
    data = assert_json_is_the_result(["check", "--list-rules"], design.list_rules())
    assert len(data) == len(rule_book().rules) and set(data[0]["message"]) == {"ja", "en"}


def test_without_the_text_the_findings_are_not_placed() -> None:
    path = EXAMPLES[0]
    placed = design.check(load(path), path.read_text(encoding="utf-8"))
    bare = design.check(load(path))
    assert bare.findings and all(f.line is None and f.column is None for f in bare.findings)
    assert [f.model_copy(update={"line": None, "column": None}) for f in placed.findings] == \
        bare.findings


def test_results_carry_codes_not_sentences() -> None:
    model = load(Path(__file__).parents[2] / "examples" / "global-manufacturer" / "target.yaml")
    review = design.review(model)
    reason = review.sourcing.capabilities[2].reasons[0].reason
    assert reason.code.startswith("sourcing.criterion.") and reason.code.endswith((".high", ".medium", ".low"))
    assert review.governance.domains[0].domain == "it-principles"
    finding = design.check(model).findings[0]
    assert finding.message.code == f"rule.{finding.rule}"
