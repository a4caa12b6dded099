"""`opmodel report` on the command line: the file written whole, a format without a renderer
or unknown refused in the user's language with nothing written, an --out folder refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opmodel.reports import renderers
from support.cli import JA, run
from support.reports import ROOT

BANK = ROOT / "examples" / "regional-bank"
QUICK = ("--time-limit", "1", "--iterations", "300")


def test_an_html_report_is_written(tmp_path: Path) -> None:
    out = tmp_path / "board.html"
    r = run("report", str(BANK / "current.yaml"), "--out", str(out), *QUICK, "--lang", "ja")
    assert r.code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "経営報告書" in page
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left beside it
    said = "".join(r.out.split())  # what it wrote, in the user's language (wrapped to fit)
    assert said.startswith(f"{out}に書き出しました:サマリー、") and "KPIスコアカード。" in said


def test_compare_adds_the_options_side_by_side(tmp_path: Path) -> None:
    out = tmp_path / "options.html"
    r = run("report", str(BANK / "target.yaml"), "--compare", str(BANK / "current.yaml"),
            "--format", "html", "--out", str(out), *QUICK, "--lang", "en")
    assert r.code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert "Scenario comparison" in page and 'class="num best"' in page


def test_the_report_plans_as_plan_does_from_the_same_start(tmp_path: Path) -> None:
    settings = (*QUICK, "--seed", "3", "--start", "2030-01-07")
    planned = run("plan", str(BANK / "target.yaml"), *settings, "--format", "json")
    p50 = json.loads(planned.out)["risk"]["completion_dates"]["p50"]
    out = tmp_path / "board.html"
    r = run("report", str(BANK / "target.yaml"), "--out", str(out), *settings, "--lang", "ja")
    assert r.code == 0, r.output
    year, month, day = (int(part) for part in p50.split("-"))
    assert f"{year}年{month}月{day}日" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("fmt", "said"), [("doc", "レポートの形式は html, pdf, pptx, xlsx"),
                                           ("pptx", "まだ pptx 形式のレポートを書き出せません")])
def test_a_format_it_cannot_write_is_refused(fmt: str, said: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(renderers.RENDERERS, "pptx", raising=False)
    out = tmp_path / f"board.{fmt}"
    r = run("report", str(BANK / "current.yaml"), "--out", str(out), env=JA)
    assert r.code == 2
    assert said in r.err and "Traceback" not in r.output
    assert not out.exists()


def test_an_out_folder_is_refused(tmp_path: Path) -> None:
    r = run("report", str(BANK / "current.yaml"), "--format", "pdf", "--out", str(tmp_path),
            "--lang", "en")
    assert r.code == 2 and "is a folder; give the .pdf file to write" in r.err
    assert list(tmp_path.iterdir()) == []
