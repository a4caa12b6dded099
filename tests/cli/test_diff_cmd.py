"""`opmodel diff A B`: a semantic diff as a tree or JSON, in ja or en."""

from __future__ import annotations

import json
from pathlib import Path

from support.cli import run

BEFORE = """\
apiVersion: opmodel/v1
kind: OperatingModel
metadata: {name: Before, language: ja}
profile: {industry: banking, employees: 100}
roadmap:
  initiatives:
    - {id: a, name: Alpha, effort: 3}
    - {id: b, depends_on: [a]}
"""
AFTER = """\
apiVersion: opmodel/v1
kind: OperatingModel
metadata: {name: After, language: ja}
profile: {industry: banking, employees: 120}
roadmap:
  initiatives:
    - {id: a, name: Alpha, effort: 5}
    - {id: c, name: "[red]Gamma[/red]"}
"""


def files(tmp_path: Path) -> tuple[str, str]:
    a, b = tmp_path / "before.yaml", tmp_path / "after.yaml"
    a.write_text(BEFORE, encoding="utf-8")
    b.write_text(AFTER, encoding="utf-8")
    return str(a), str(b)


def test_text_diff_in_the_documents_language(tmp_path: Path) -> None:
    code, out, _ = run("diff", *files(tmp_path))
    assert code == 0
    for line in ("追加 (1)", "+ roadmap.initiatives: c ([red]Gamma[/red])", "削除 (1)",
                 "- roadmap.initiatives: b", "変更 (1)", "~ roadmap.initiatives: a (Alpha)",
                 "~ effort: 3.0 → 5.0", "その他の項目 (2)", "~ metadata.name: Before → After",
                 "~ profile.employees: 100 → 120"):
        assert line in out, line


def test_text_diff_in_english(tmp_path: Path) -> None:
    code, out, _ = run("diff", *files(tmp_path), "--lang", "en")
    assert code == 0 and "Added (1)" in out and "Changed (1)" in out


def test_json_diff(tmp_path: Path) -> None:
    code, out, _ = run("diff", *files(tmp_path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [(r["collection"], r["id"]) for r in data["added"]] == [("roadmap.initiatives", "c")]
    assert [r["id"] for r in data["removed"]] == ["b"]
    assert data["changed"][0]["changes"] == [
        {"path": "roadmap.initiatives[a].effort", "before": 3.0, "after": 5.0}]


def test_no_differences(tmp_path: Path) -> None:
    a, _ = files(tmp_path)
    code, out, _ = run("diff", a, a, "--lang", "en")
    assert code == 0 and "no differences" in out


def test_an_invalid_side_exits_1_with_located_errors(tmp_path: Path) -> None:
    a, _ = files(tmp_path)
    bad = tmp_path / "bad.yaml"
    bad.write_text(BEFORE.replace("depends_on: [a]", "depends_on: [zz]"), encoding="utf-8")
    code, _, err = run("diff", a, str(bad))
    assert code == 1 and f"{bad}:8:" in err


def test_help_has_an_example() -> None:
    code, out, _ = run("diff", "--help")
    assert code == 0 and "Example: opmodel diff" in out


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    a, _ = files(tmp_path)
    assert run("diff", a)[0] == 2
    assert run("diff", a, a, "--format", "xml")[0] == 2


def test_japanese_text_labels_values_and_lists_ids_by_key(tmp_path: Path) -> None:
    before = BEFORE + "design:\n  technology:\n    applications:\n" \
        "      - {id: crm, time: tolerate, lifecycle: active}\n"
    after = AFTER + "design:\n  technology:\n    applications:\n" \
        "      - {id: crm, time: invest, lifecycle: active}\n"
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(before, encoding="utf-8")
    b.write_text(after.replace("- {id: a, name: Alpha, effort: 5}",
                               "- {id: a, name: Alpha, effort: 5, excludes: [c]}"),
                 encoding="utf-8")
    code, out, _ = run("diff", str(a), str(b))
    assert code == 0
    assert "~ time: 許容 → 投資" in out and "tolerate" not in out and "invest" not in out
    assert "+ excludes[c]\n" in out
    code, out, _ = run("diff", str(a), str(b), "--lang", "en")
    assert "~ time: tolerate → invest" in out
