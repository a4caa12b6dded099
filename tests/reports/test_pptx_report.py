"""The report as PowerPoint, read back with python-pptx: every example in both languages, each
chart a native chart of the right type (never a picture), the hidden costs as series of their
own, the Japanese text and fonts found, 16:9; the user's own template used by its layouts,
and a template that is no deck refused by name."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE

from opmodel.reports.contents import BarChart, GanttChart, RadarChart, Report
from opmodel.reports.pptx_report import render_pptx
from opmodel.reports.renderers import RenderError, RenderOptions, renderer_for
from opmodel.reports.report_texts import section_title, show, title
from support.reports import EXAMPLES, bare_report, example_id, example_report

KINDS = {RadarChart: {XL_CHART_TYPE.RADAR_MARKERS},
         BarChart: {XL_CHART_TYPE.COLUMN_CLUSTERED, XL_CHART_TYPE.COLUMN_STACKED,
                    XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.BAR_STACKED},
         GanttChart: {XL_CHART_TYPE.BAR_STACKED}}


@cache
def _deck(path: Path | None, lang: str) -> bytes:
    report = example_report(path) if path else bare_report()
    return render_pptx(report, lang, RenderOptions())


def _texts(deck) -> str:
    found = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                found.append(shape.text_frame.text)
            if shape.has_table:
                found += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(found)


def _charts(deck) -> list:
    return [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("path", EXAMPLES, ids=example_id)
def test_every_chart_is_a_native_chart_and_every_section_is_there(path: Path,
                                                                  lang: str) -> None:
    report: Report = example_report(path)
    deck = Presentation(io.BytesIO(_deck(path, lang)))
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)
    shapes = [s for slide in deck.slides for s in slide.shapes]
    assert not [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    wanted = [c for s in report.sections for c in s.charts]
    charts = _charts(deck)
    assert len(charts) == len(wanted)
    for chart, drawn in zip(wanted, charts, strict=True):
        if type(chart) in KINDS:
            assert drawn.chart_type in KINDS[type(chart)]
        else:  # the S-curve, a line through its points
            assert drawn.chart_type == XL_CHART_TYPE.XY_SCATTER_LINES_NO_MARKERS
            assert len(list(drawn.plots[0].series[0].values)) == len(chart.points)
    text = _texts(deck)
    for section in report.sections:
        assert section_title(section.key, lang) in text
    for figure in report.sections[0].figures:
        assert title("report_figure", figure.key, lang) in text


@pytest.mark.parametrize("path", EXAMPLES, ids=example_id)
def test_the_budget_shows_its_hidden_costs_as_series_of_their_own(path: Path) -> None:
    report = example_report(path)
    budget = report.section("budget")
    stacked = [c for c in (budget.charts if budget else []) if isinstance(c, BarChart)
               and c.stacked]
    assert stacked  # every example has a budget by year
    deck = Presentation(io.BytesIO(_deck(path, "en")))
    (drawn,) = [c for c in _charts(deck) if c.chart_type == XL_CHART_TYPE.COLUMN_STACKED]
    names = [s.name for s in drawn.plots[0].series]
    assert names == [show(s.name, "text", "en", report.currency) for s in stacked[0].series]
    for series, source in zip(drawn.plots[0].series, stacked[0].series, strict=True):
        assert list(series.values) == [v or 0 for v in source.values] or \
            list(series.values) == list(source.values)
        orange = str(series.format.fill.fore_color.rgb).startswith(("E0", "F2", "F7"))
        assert orange == source.hidden_cost


def test_japanese_text_in_a_japanese_font() -> None:
    deck = Presentation(io.BytesIO(_deck(EXAMPLES[0], "ja")))
    cover = deck.slides[0]
    assert "経営報告書" in cover.shapes.title.text
    run = cover.shapes.title.text_frame.paragraphs[0].runs[0]
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    assert run.font._rPr.find(f"{ns}ea").get("typeface") == "Meiryo"
    assert run.font.name == "Segoe UI"


def test_a_report_with_the_summary_alone_is_a_short_deck() -> None:
    deck = Presentation(io.BytesIO(_deck(None, "ja")))
    assert 2 <= len(deck.slides) <= 3 and not _charts(deck)


def _template(tmp_path: Path) -> Path:
    """A template of the user's: 4:3, its layouts renamed, one sample slide."""
    deck = Presentation()
    for layout in deck.slide_layouts:
        layout.name = f"Corporate {layout.name}"
    deck.slides.add_slide(deck.slide_layouts[1]).shapes.title.text = "SAMPLE SLIDE"
    path = tmp_path / "corporate.pptx"
    deck.save(str(path))
    return path


def test_the_users_template_gives_the_layouts_and_its_slides_are_left_out(
        tmp_path: Path) -> None:
    template = _template(tmp_path)
    report = example_report(EXAMPLES[0])
    data = renderer_for("pptx")(report, "en", RenderOptions(template=template))
    deck = Presentation(io.BytesIO(data))
    assert (deck.slide_width, deck.slide_height) == (9144000, 6858000)  # the template's 4:3
    assert all(s.slide_layout.name.startswith("Corporate ") for s in deck.slides)
    assert "SAMPLE SLIDE" not in _texts(deck)
    assert len(_charts(deck)) == sum(len(s.charts) for s in report.sections)


@pytest.mark.parametrize("content", [b"not a deck", b""])
def test_a_template_that_is_no_deck_is_refused_by_name(tmp_path: Path,
                                                       content: bytes) -> None:
    bad = tmp_path / "bad.pptx"
    bad.write_bytes(content)
    with pytest.raises(RenderError) as caught:
        render_pptx(bare_report(), "ja", RenderOptions(template=bad))
    assert caught.value.message.code == "report.bad_template"
    assert "bad.pptx" in caught.value.message.text("ja")
    with pytest.raises(RenderError) as missing:
        render_pptx(bare_report(), "en", RenderOptions(template=tmp_path / "none.pptx"))
    assert missing.value.message.code == "report.template_missing"
