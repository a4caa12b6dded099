"""The report as one HTML page: self-contained (no address outside the file, no script),
every section's title, table and chart there in the reader's language, charts as SVG text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from opmodel.knowledge.texts import label
from opmodel.reports.html_report import column_widths, render_html
from opmodel.reports.renderers import RenderOptions
from opmodel.reports.report_texts import section_title
from support.reports import EXAMPLES, bare_report, example_id, example_report

# any address a browser would fetch: src/href/xlink:href to a scheme or another host, url()
OUTSIDE = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//))"""
                     r"""|url\(\s*["']?\s*(?!#)""", re.IGNORECASE)


def _page(path: Path, lang: str) -> str:
    return render_html(example_report(path), lang, RenderOptions()).decode("utf-8")


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("path", EXAMPLES, ids=example_id)
def test_the_page_stands_alone_with_every_section(path: Path, lang: str) -> None:
    page = _page(path, lang)
    report = example_report(path)
    assert OUTSIDE.findall(page) == []
    assert "<script" not in page and "<link" not in page
    assert f'<html lang="{lang}">' in page
    for section in report.sections:
        assert f"<h2>{section_title(section.key, lang)}</h2>" in page
        for table in section.tables:
            assert label("report_table", table.key, lang) in page
        for chart in section.charts:
            assert label("report_chart", chart.key, lang) in page
    assert page.count("<svg") == sum(len(s.charts) for s in report.sections) > 0


def test_chart_texts_stay_text_in_the_readers_language() -> None:
    page = _page(EXAMPLES[-1], "ja")
    svg_texts = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", page))
    # the radar's axes are the five components, named in Japanese inside the SVG
    assert label("component", "governance", "ja") in svg_texts
    assert "font-family" in page and "Noto Sans CJK JP" in page


def test_a_model_without_data_shows_its_summary_alone() -> None:
    page = render_html(bare_report(), "ja", RenderOptions()).decode("utf-8")
    assert "株式会社テスト" in page and section_title("summary", "ja") in page
    for key in ("roadmap", "budget", "kpis", "assessment"):
        assert section_title(key, "ja") not in page
    assert "<svg" not in page


def test_columns_share_the_whole_width() -> None:
    report = example_report(EXAMPLES[0])
    for section in report.sections:
        for table in section.tables:
            widths = column_widths(table)
            assert sum(widths) == 100 and min(widths) > 0
