"""A consultant's first day, in Japanese, with spreadsheets only: a fictional insurer's
current state from a profile template, its survey answered in the questionnaire workbook by
three business units, its vendors and applications from the inventory workbooks, the target's
initiatives and costs from the model workbook, then the plan and the report, whose figures
agree with the plan's. No answer, entry or initiative is typed as YAML."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from openpyxl import load_workbook

from support.cli import JA, run

ORG = "さくら損害保険（架空）"
UNITS = ("営業本部", "損害サービス本部", "IT 本部")
START = ("--start", "2027-04-01", "--time-limit", "1", "--iterations", "500", "--seed", "1")


def _ok(*args: str) -> str:
    result = run(*args, env=JA)
    assert result.code == 0, result.output
    return result.out


def _fill(path: Path, sheet: str | int, rows: list[dict[str, object]], out: Path) -> None:
    """Rows written under the sheet's headings, as a person fills in a template."""
    book = load_workbook(path)
    found = book.worksheets[sheet] if isinstance(sheet, int) else book[sheet]
    heads = [cell.value for cell in found[1]]
    for number, row in enumerate(rows, start=2):
        for head, value in row.items():
            found.cell(row=number, column=heads.index(head) + 1, value=value)
    book.save(out)


def _answers(template: Path, out: Path) -> None:
    """Twelve respondents, four per unit, each picking a level's text from the drop-down."""
    book = load_workbook(template)
    answers, levels = book.worksheets
    texts = {row[0]: row[1:] for row in levels.iter_rows(min_row=2, values_only=True)}
    heads = [cell.value for cell in answers[1]]
    pick = random.Random(7)
    for number in range(12):
        unit = UNITS[number % 3]
        row: list[object] = [f"r{number + 1:02d}", f"回答者{number + 1}", "担当者", unit,
                             "IT" if unit == "IT 本部" else "事業", "社員"]
        for head in heads[6:]:
            level = (2 if unit == "IT 本部" else 1) + pick.choice((-1, 0, 1))
            row.append(texts[str(head).split(":")[0]][level])
        for column, value in enumerate(row, start=1):
            answers.cell(row=number + 2, column=column, value=value)
    book.save(out)


def test_a_first_model_from_spreadsheets_only(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _ok("new", "現状", "--org", ORG, "--from", "insurance", "--lang", "ja",
        "--out", "current.yaml")

    _ok("survey", "template", "current.yaml", "--lang", "ja", "--out", "survey.xlsx")
    _answers(tmp_path / "survey.xlsx", tmp_path / "answers.xlsx")
    assert "回答者 12 名" in _ok("survey", "import", "answers.xlsx", "--into", "current.yaml")
    by_unit = _ok("assess", "current.yaml", "--by", "business_unit", "--format", "json")
    assert {g["group"] for g in json.loads(by_unit)["comparison"]["groups"]} == set(UNITS)

    _ok("inventory", "template", "--kind", "vendors", "--lang", "ja", "--out", "vendors.xlsx")
    _fill(tmp_path / "vendors.xlsx", 0, [
        {"ID": "v-sier", "名称": "さくらシステムズ（架空）", "国": "日本"},
        {"ID": "v-cloud", "名称": "クラウド事業者A"}], tmp_path / "vendors.xlsx")
    _ok("inventory", "import", "vendors.xlsx", "--kind", "vendors", "--into", "current.yaml")
    _ok("inventory", "template", "--kind", "applications", "current.yaml", "--lang", "ja",
        "--out", "apps.xlsx")
    _fill(tmp_path / "apps.xlsx", 0, [
        {"ID": "app-claims", "名称": "損害査定システム", "ベンダー": "v-sier",
         "ライフサイクル": "稼働中", "TIME 区分": "移行", "年間コスト": "１２,０００,０００"},
        {"ID": "app-portal", "名称": "代理店ポータル", "ライフサイクル": "段階的廃止",
         "TIME 区分": "許容"}], tmp_path / "apps.xlsx")
    _ok("inventory", "import", "apps.xlsx", "--kind", "applications", "--into", "current.yaml")
    design = json.loads(_ok("design", "current.yaml", "--format", "json"))
    assert "損害査定システム" in json.dumps(design, ensure_ascii=False)

    _ok("new", "目標", "--org", ORG, "--from", "insurance", "--state", "target", "--lang", "ja",
        "--out", "target.yaml")
    _ok("export", "target.yaml", "--format", "xlsx", "--out", "target.xlsx")
    _fill(tmp_path / "target.xlsx", "施策", [
        {"ID": "ini-gov", "名称": "IT ガバナンス委員会の設置", "構成要素": "ガバナンス",
         "期間・楽観（週）": 8, "期間・最頻（週）": 12, "期間・悲観（週）": 20, "必須": "はい"},
        {"ID": "ini-claims", "名称": "損害査定システムのクラウド移行", "構成要素": "技術",
         "期間・楽観（週）": 26, "期間・最頻（週）": 36, "期間・悲観（週）": 52,
         "年間効果額": "60,000,000"}], tmp_path / "target.xlsx")
    _fill(tmp_path / "target.xlsx", "施策コスト", [
        {"施策": "ini-gov", "ID": "c1", "区分": "運用費", "金額": 5_000_000, "年度": 2027},
        {"施策": "ini-claims", "ID": "c1", "区分": "設備投資", "金額": 150_000_000,
         "年度": 2027},
        {"施策": "ini-claims", "ID": "c2", "区分": "研修", "金額": 8_000_000, "年度": 2028}],
        tmp_path / "target.xlsx")
    _ok("import", "target.xlsx", "--into", "target.yaml")

    plan = json.loads(_ok("plan", "target.yaml", *START, "--format", "json"))
    assert plan["budget"]["total"] == pytest.approx(163_000_000 * 1.1)  # costs + 10 % contingency
    _ok("report", "target.yaml", "--compare", "current.yaml", *START, "--out", "board.xlsx")
    cells = {str(c.value) for sheet in load_workbook(tmp_path / "board.xlsx").worksheets
             for row in sheet.iter_rows() for c in row if c.value is not None}
    p50 = plan["risk"]["completion_dates"]["p50"]
    assert any(p50 in cell for cell in cells)  # the report's date is the plan's
    assert "損害査定システムのクラウド移行" in cells
