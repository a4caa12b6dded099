"""The report as an Excel workbook, read back with openpyxl: a sheet per section in both
languages, the values of every table and chart equal to the contents (numbers as numbers,
amounts in yen without decimals, dates as dates), a frozen top row, drop-downs of the
choices in columns of labels, and text never taken for a formula."""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from pathlib import Path

import pytest
from openpyxl import load_workbook

from opmodel.reports.contents import (
    BarChart,
    RadarChart,
    Report,
    ReportLabel,
    ReportSection,
)
from opmodel.reports.renderers import RenderOptions, renderer_for
from opmodel.reports.report_texts import column_title, section_title, show, title
from opmodel.reports.xlsx_report import render_xlsx, sheet_title
from support.reports import EXAMPLES, example_id, example_report


@cache
def _book(path: Path, lang: str) -> bytes:
    return render_xlsx(example_report(path), lang, RenderOptions())


def _rows(sheet) -> list[list]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def _find(rows: list[list], first: list, last: bool = False) -> int:
    """The index of the (first or last) row that starts with ``first``."""
    found = [i for i, r in enumerate(rows) if r[:len(first)] == first]
    return found[-1] if last else found[0]


def _expected(cell, fmt: str, lang: str, currency: str):
    if isinstance(cell, bool) or cell is None:
        return None if cell is None else show(cell, fmt, lang, currency)
    if isinstance(cell, int | float) and fmt != "fiscal_year":
        return cell
    if isinstance(cell, dt.date):
        return dt.datetime.combine(cell, dt.time())
    return show(cell, fmt, lang, currency)


def _same(found: list, expected: list) -> bool:
    """Equal lists, numbers to 12 digits (a workbook keeps 15 significant digits)."""
    return len(found) == len(expected) and all(
        f == pytest.approx(e, rel=1e-12) if isinstance(e, float) else f == e
        for f, e in zip(found, expected, strict=True))


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("path", EXAMPLES, ids=example_id)
def test_a_sheet_per_section_whose_values_are_the_contents(path: Path, lang: str) -> None:
    report: Report = example_report(path)
    book = load_workbook(io.BytesIO(_book(path, lang)))
    taken: set[str] = set()
    assert book.sheetnames == [sheet_title(section_title(s.key, lang), taken)
                               for s in report.sections]
    for section, sheet in zip(report.sections, book.worksheets, strict=True):
        assert sheet.freeze_panes == "A2"
        rows = _rows(sheet)
        for table in section.tables:
            heads = [column_title(c, lang, report.currency) for c in table.columns]
            # the table's title, then its header (a key figure may have the same name)
            at = next(i + 1 for i, r in enumerate(rows[:-1])
                      if r[0] == title("report_table", table.key, lang)
                      and rows[i + 1][:len(heads)] == heads)
            for offset, row in enumerate(table.rows, start=1):
                assert _same(rows[at + offset][:len(row)], [
                    _expected(cell, c.format, lang, report.currency)
                    for cell, c in zip(row, table.columns, strict=False)])
        for chart in section.charts:
            at = _find(rows, [title("report_chart", chart.key, lang)], last=True)  # after tables
            if isinstance(chart, RadarChart | BarChart):
                for offset, series in enumerate(chart.series, start=1):
                    values = [rows[at + 2 + i][offset] for i in range(len(series.values))]
                    assert _same(values, list(series.values))


def test_amounts_are_numbers_shown_in_yen_without_decimals() -> None:
    path = next(p for p in EXAMPLES if example_report(p).currency == "JPY")
    report = example_report(path)
    book = load_workbook(io.BytesIO(_book(path, "ja")))
    budget = book[sheet_title(section_title("budget", "ja"), set())]
    money = [c for row in budget.iter_rows() for c in row
             if isinstance(c.value, int | float) and c.number_format == "#,##0"]
    assert money and report.currency == "JPY"
    summary = book.worksheets[0]
    figures = {r[0].value: r[1] for r in summary.iter_rows(min_row=2) if r[0].value}
    cost = figures[title("report_figure", "cost_p50", "ja")]
    assert isinstance(cost.value, float | int) and cost.number_format == "#,##0"


def test_columns_of_labels_offer_their_choices() -> None:
    report = example_report(EXAMPLES[0])
    labelled = [(s, t, j) for s in report.sections for t in s.tables
                for j in range(len(t.columns))
                if t.rows and {type(r[j]) for r in t.rows} == {ReportLabel}]
    assert labelled
    book = load_workbook(io.BytesIO(_book(EXAMPLES[0], "en")))
    checks = [v for sheet in book.worksheets for v in sheet.data_validations.dataValidation]
    assert checks and all(v.type == "list" for v in checks)


def test_text_is_never_a_formula() -> None:
    report = Report(title="=HYPERLINK(\"http://x\")", organisation="@corp",
                    state=ReportLabel(kind="model_state", value="target"),
                    as_of=dt.date(2027, 4, 1), currency="JPY", language="en",
                    sections=[ReportSection(key="summary", notes=["=1+1", "+cmd"])])
    data = renderer_for("xlsx")(report, "en", RenderOptions())
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    assert {"=1+1", "+cmd", "@corp"} <= {c.value for c in cells}
