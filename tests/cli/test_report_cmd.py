"""`opmodel report` on the command line: the file written whole, a format without a renderer
or unknown refused in the user's language with nothing written, an --out folder refused."""

from __future__ import annotations

import json
import re
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


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_pptx_report_has_native_charts_in_the_users_language(lang: str,
                                                               tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from opmodel.reports.report_texts import section_title

    out = tmp_path / "board.pptx"
    r = run("report", str(BANK / "target.yaml"), "--format", "pptx", "--out", str(out), *QUICK,
            "--lang", lang)
    assert r.code == 0, r.output
    deck = Presentation(str(out))
    shapes = [s for slide in deck.slides for s in slide.shapes]
    charts = [s.chart for s in shapes if s.has_chart]
    assert len(charts) >= 3 and not [s for s in shapes
                                     if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    texts = "\n".join(s.text_frame.text for s in shapes if s.has_text_frame)
    assert section_title("roadmap", lang) in texts and section_title("budget", lang) in texts
    assert ("経営報告書" in texts) == (lang == "ja")
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_xlsx_report_has_a_sheet_per_section_and_lists_of_choices(lang: str,
                                                                    tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from opmodel.reports.report_texts import section_title
    from opmodel.reports.xlsx_report import sheet_title

    out = tmp_path / "board.xlsx"
    r = run("report", str(BANK / "target.yaml"), "--out", str(out), *QUICK, "--lang", lang)
    assert r.code == 0, r.output
    book = load_workbook(out)
    keys = ("summary", "recommendation", "assessment", "design", "roadmap", "risk", "budget",
            "change", "kpis")
    titles = {sheet_title(section_title(k, lang), set()): k for k in keys}
    found = [titles.get(name) for name in book.sheetnames]
    assert found == [k for k in keys if k in found] and len(found) >= 7  # a sheet per section
    said = "".join(r.out.split())  # the sections the command said it wrote, in that order
    assert all("".join(section_title(k, lang).split()) in said for k in found if k)
    checks = [v for sheet in book.worksheets for v in sheet.data_validations.dataValidation]
    assert checks and {v.type for v in checks} == {"list"}
    # a choice list holds the labels of the reader's language
    choices = " ".join(str(v.formula1) for v in checks)
    assert bool(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", choices)) == (lang == "ja")


def _corporate(path: Path) -> Path:
    """A user's template: 4:3, every layout named "Kestrel …", one sample slide."""
    from pptx import Presentation

    deck = Presentation()
    for layout in deck.slide_layouts:
        layout.name = f"Kestrel {layout.name}"
    deck.slides.add_slide(deck.slide_layouts[1]).shapes.title.text = "SAMPLE ONLY"
    deck.save(str(path))
    return path


def test_a_template_gives_the_deck_its_layouts_and_size(tmp_path: Path) -> None:
    from pptx import Presentation

    template = _corporate(tmp_path / "kestrel.pptx")
    out = tmp_path / "board.pptx"
    r = run("report", str(BANK / "current.yaml"), "--out", str(out), "--template", str(template),
            *QUICK, "--lang", "en")
    assert r.code == 0, r.output
    deck = Presentation(str(out))
    assert (deck.slide_width, deck.slide_height) == (9144000, 6858000)
    assert deck.slides and all(s.slide_layout.name.startswith("Kestrel ") for s in deck.slides)
    assert all("SAMPLE ONLY" not in s.text_frame.text
               for slide in deck.slides for s in slide.shapes if s.has_text_frame)


@pytest.mark.parametrize(("content", "code"), [(None, "report.template_missing"),
                                               (b"PK\x03\x04 not a deck", "report.bad_template"),
                                               (b"", "report.bad_template")])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_missing_or_corrupt_template_is_refused_and_nothing_written(
        content: bytes | None, code: str, lang: str, tmp_path: Path) -> None:
    from opmodel.knowledge.texts import render

    template = tmp_path / "corporate.pptx"
    if content is not None:
        template.write_bytes(content)
    out = tmp_path / "board.pptx"
    r = run("report", str(BANK / "current.yaml"), "--out", str(out), "--template", str(template),
            *QUICK, "--lang", lang)
    assert r.code == 1 and "Traceback" not in r.output
    said = "".join(r.err.split())  # wrapped lines (Japanese breaks without a space) joined
    expected = render(code, {"file": str(template), "reason": "@"}, lang).split("@")[0]
    assert "".join(expected.split()) in said
    assert not out.exists() and sorted(tmp_path.iterdir()) == (
        [template] if content is not None else [])
