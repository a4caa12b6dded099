"""`opmodel design` end to end: the review of governance, sourcing and applications in json
and in ja/en text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.builders import document, write_document
from support.cli import run
from support.japanese import raw_values

ROOT = Path(__file__).parents[2]
# a decision with two accountable roles, beside a capability and a risk
REVIEWED = document(
    name="Sample", language="en",
    strategy={"capabilities": [{"id": "crm", "current_level": 2, "target_level": 3}]},
    design={"organization": {"roles": [{"id": "cio", "side": "it"}, {"id": "cfo"}]},
            "governance": {"decisions": [{"id": "invest", "rights": {"cio": "A", "cfo": "A"}}]}},
    risks={"items": [{"id": "r1", "likelihood": 5, "impact": 4}]})


def test_design_review_json_and_text(tmp_path: Path) -> None:
    data = {**REVIEWED, "design": {
        **REVIEWED["design"],
        "technology": {"applications": [{"id": "erp", "functional_fit": 4,
                                         "technical_fit": 1, "time": "invest"}]}}}
    path = write_document(tmp_path, data)
    code, out, _ = run("design", path, "--format", "json")
    assert code == 0
    review = json.loads(out)
    assert set(review) == {"governance", "sourcing", "applications", "names"}
    assert review["applications"]["applications"][0]["derived"] == "migrate"
    assert review["governance"]["decisions"][0]["accountable"] == ["cio", "cfo"]
    code, out, _ = run("design", path, "--lang", "ja")
    assert code == 0 and "意思決定の権限" in out and "TIME 分類" in out and "移行" in out
    assert "invest: 説明責任者（A）が 2 名（ちょうど 1 名必要）" in out  # a matrix issue
    code, out, _ = run("design", path, "--lang", "en")
    assert "invest: Accountable holders: 2 (needs exactly one)" in out


def test_design_shows_names_where_the_json_keeps_ids(tmp_path: Path) -> None:
    named = {**REVIEWED, "design": {
        "organization": {"roles": [{"id": "cio", "name": "常務執行役員（CIO）", "side": "it"},
                                   {"id": "cfo", "name": "財務担当役員"}]},
        "governance": {"decisions": [{"id": "invest", "name": "IT 投資の優先順位",
                                      "rights": {"cio": "A", "cfo": "R"}}]}}}
    path = write_document(tmp_path, named)
    review = run("design", path, "--format", "json").json()
    assert review["governance"]["decisions"][0]["accountable"] == ["cio"]
    assert review["names"]["roles"] == {"cio": "常務執行役員（CIO）", "cfo": "財務担当役員"}
    assert review["names"]["decisions"] == {"invest": "IT 投資の優先順位"}
    text = run("design", path, "--lang", "ja").out
    assert "IT 投資の優先順位" in text and "財務担当役員" in text and "常務執行役員（CIO）" in text
    assert "invest" not in text and "cfo" not in text


def test_design_without_applications_says_so(tmp_path: Path) -> None:
    code, out, _ = run("design", write_document(tmp_path, REVIEWED), "--lang", "en")
    assert code == 0 and "TIME dispositions: no applications in technology.applications." in out
    assert "Application" not in out  # no empty table


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*/*.yaml")),
                         ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_japanese_text_shows_names_not_codes(path: Path) -> None:
    code, out, err = run("design", str(path), "--lang", "ja")
    assert code in (0, 1), err
    assert raw_values(out) == []


def test_japanese_design_review_shows_names_not_codes() -> None:
    path = str(ROOT / "examples" / "global-manufacturer" / "target.yaml")
    code, out, _ = run("design", path, "--lang", "ja")
    assert code == 0 and raw_values(out) == []
    assert "コソーシング" in out and "説明責任" in out and "IT原則" in out
    assert "戦略的差別化=5" in out and "外部委託したケイパビリティの唯一の委託先" in out
    code, out, _ = run("design", path, "--lang", "en")
    assert "co-source" in out and "Accountable (A)" in out and "IT principles" in out
