"""`opmodel check` end to end: exit codes, json, located text, ja/en, the list of rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from opmodel.knowledge.rules import rule_book
from support.builders import document, write_document
from support.cli import run
from support.japanese import raw_values

CLEAN = document(name="Sample", language="en",
                 strategy={"capabilities": [{"id": "crm", "current_level": 2,
                                             "target_level": 3}]})
BROKEN: dict[str, Any] = {
    **CLEAN,
    "design": {"organization": {"roles": [{"id": "cio", "side": "it"}, {"id": "cfo"}]},
               "governance": {"decisions": [{"id": "invest", "rights": {"cio": "A",
                                                                         "cfo": "A"}}]}},
    "risks": {"items": [{"id": "r1", "likelihood": 5, "impact": 4}]},
}


def test_clean_document_exits_0(tmp_path: Path) -> None:
    code, out, _ = run("check", write_document(tmp_path, CLEAN), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["passed"] and data["counts"]["error"] == 0
    assert data["rules"] == len(rule_book().rules)


def test_error_findings_exit_1_with_located_paths(tmp_path: Path) -> None:
    code, out, _ = run("check", write_document(tmp_path, BROKEN), "--format", "json")
    assert code == 1
    data = json.loads(out)
    first = data["findings"][0]
    assert first["severity"] == "error" and first["rule"] == "decision-one-accountable"
    assert first["path"] == "design.governance.decisions[invest].rights"
    assert isinstance(first["line"], int) and isinstance(first["column"], int)
    assert first["message"] == {"code": "rule.decision-one-accountable",
                                "params": {"id": "invest", "left": 2}}
    assert set(first) == {"rule", "severity", "section", "path", "line", "column", "message"}
    assert any(f["rule"] == "high-risk-without-owner" for f in data["findings"])


def test_text_groups_by_severity_in_japanese(tmp_path: Path) -> None:
    path = write_document(tmp_path, BROKEN)
    code, out, _ = run("check", path, "--lang", "ja")
    assert code == 1
    assert out.index("エラー") < out.index("警告")
    assert "説明責任者（A）が 2 名" in out and "design.governance.decisions[invest].rights" in out
    assert "A を 1 つだけにしてください" in out  # the hint
    line = json.loads(run("check", path, "--format", "json")[1])["findings"][0]["line"]
    assert f"{line}:" in out


def test_json_input_is_checked_too(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    path.write_text(json.dumps(BROKEN), encoding="utf-8")
    code, out, _ = run("check", str(path), "--format", "json")
    assert code == 1 and json.loads(out)["findings"][0]["line"] is not None


def test_list_rules_text_and_json() -> None:
    code, out, _ = run("check", "--list-rules", "--lang", "en")
    assert code == 0 and "contract-ends-before-initiative" in out
    code, out, _ = run("check", "--list-rules", "--format", "json")
    rules = json.loads(out)
    assert code == 0 and len(rules) == len(rule_book().rules)
    assert {"id", "severity", "section", "kind", "message", "hint"} <= set(rules[0])
    assert set(rules[0]["message"]) == {"ja", "en"}


def test_no_file_is_a_usage_error() -> None:
    code, _, err = run("check", "--lang", "en")
    assert code == 2 and "--list-rules" in err


def test_invalid_document_exits_1_with_the_problem(tmp_path: Path) -> None:
    bad = {**BROKEN, "design": {"governance": {"decisions": [{"id": "d",
                                                               "rights": {"ghost": "A"}}]}}}
    code, _, err = run("check", write_document(tmp_path, bad), "--lang", "en")
    assert code == 1 and "ghost" in err and "neither a role nor a governance body" in err


ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*/*.yaml")),
                         ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_japanese_text_shows_names_not_codes(path: Path) -> None:
    code, out, err = run("check", str(path), "--lang", "ja")
    assert code in (0, 1), err
    assert raw_values(out) == []


def test_japanese_check_shows_names_not_codes() -> None:
    path = str(ROOT / "examples" / "regional-bank" / "target.yaml")
    code, out, _ = run("check", path, "--lang", "ja")
    assert code == 0 and raw_values(out) == []
    assert "警告 (5)" in out and "コソーシングです" in out
    assert "design.sourcing.decisions[cap-api].option" in out
    code, out, _ = run("check", path, "--lang", "en")
    assert "Warnings (5)" in out and "planned as in-house; the criteria recommend co-source" in out


def test_list_rules_text_shows_placeholders_without_their_kinds() -> None:
    code, out, _ = run("check", "--list-rules", "--lang", "en")
    assert code == 0 and "planned as {planned}; the criteria recommend {recommended}" in out
    assert ":sourcing_option}" not in out
