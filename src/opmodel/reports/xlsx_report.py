"""The executive report as an Excel workbook: a sheet per section with its key figures, its
sentences, the data of its charts and its tables; numbers as numbers in their formats
(amounts without decimals in yen), dates as dates, a frozen header row per sheet, and a
drop-down of the choices in each column of labels (status, structure, stance …)."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import TYPE_CHECKING, Any

from opmodel.knowledge.texts import label, labels_catalog
from opmodel.reports.report_texts import (
    column_title,
    more_text,
    report_title,
    section_title,
    show,
    title,
)

if TYPE_CHECKING:
    from opmodel.reports.contents import (
        Cell,
        Chart,
        RenderOptions,
        Report,
        ReportSection,
        ValueFormat,
    )

_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def _value(cell: Cell, fmt: ValueFormat, lang: str, currency: str) -> Any:
    """A cell as Excel holds it: a number or a date as itself, anything else as its text."""
    if isinstance(cell, bool) or cell is None:
        return None if cell is None else show(cell, fmt, lang, currency)
    if isinstance(cell, int | float) and fmt != "fiscal_year":
        return cell
    if isinstance(cell, dt.date):
        return cell
    return show(cell, fmt, lang, currency)


class _Sheet:
    """A section's sheet being written row after row."""

    def __init__(self, page: Any, lang: str, currency: str) -> None:
        self.page, self.lang, self.currency = page, lang, currency
        self.row = 1

    def put(self, values: list[Any], formats: list[ValueFormat] | None = None,
            bold: bool = False) -> int:
        from openpyxl.styles import Font

        from opmodel.reports.pptx_charts import number_format

        for j, value in enumerate(values, start=1):
            cell = self.page.cell(row=self.row, column=j, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula (a name such as "=x")
            fmt = formats[j - 1] if formats and j <= len(formats) else "text"
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, int | float):
                cell.number_format = number_format(fmt, self.currency)
            if bold:
                cell.font = Font(bold=True)
        self.row += 1
        return self.row - 1

    def gap(self) -> None:
        self.row += 1

    def choices(self, kind: str, column: int, first: int, last: int) -> None:
        """A drop-down of the labels of ``kind`` over the rows of one column."""
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        names = [label(kind, v, self.lang) for v in labels_catalog().get(kind, {})]
        listed = ",".join(n.replace('"', "'") for n in names)
        if not names or len(listed) > 250 or "," in "".join(names):
            return  # Excel's inline lists hold 255 characters and no commas in a choice
        check = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
        letter = get_column_letter(column)
        check.add(f"{letter}{first}:{letter}{last}")
        self.page.add_data_validation(check)


def _chart_rows(sheet: _Sheet, chart: Chart) -> None:
    """A chart's data as a small table under its title."""
    from opmodel.reports.contents import BarChart, GanttChart, RadarChart

    lang, currency = sheet.lang, sheet.currency
    sheet.put([title("report_chart", chart.key, lang)], bold=True)
    if isinstance(chart, RadarChart | BarChart):
        names = [show(s.name, "text", lang, currency) for s in chart.series]
        fmt: ValueFormat = "score" if isinstance(chart, RadarChart) else chart.format
        sheet.put(["", *names], bold=True)
        axis = chart.axes if isinstance(chart, RadarChart) else chart.categories
        axis_format = "text" if isinstance(chart, RadarChart) else chart.category_format
        for i, category in enumerate(axis):
            sheet.put([show(category, axis_format, lang, currency),
                       *(s.values[i] for s in chart.series)], ["text", *[fmt] * len(names)])
    elif isinstance(chart, GanttChart):
        sheet.put([title("report_column", k, lang) for k in ("name", "start", "finish")],
                  bold=True)
        for bar in chart.bars:
            sheet.put([bar.name, bar.start, bar.finish])
    else:
        sheet.put(["P", title("report_row", "completion_weeks", lang)
                   if chart.format == "weeks" else ""], bold=True)
        for point in chart.points:
            sheet.put([point.probability, point.value], ["percent", chart.format])
    sheet.gap()


def _section(sheet: _Sheet, section: ReportSection) -> None:
    from opmodel.reports.contents import ReportLabel

    lang, currency = sheet.lang, sheet.currency
    for figure in section.figures:
        sheet.put([title("report_figure", figure.key, lang),
                   _value(figure.value, figure.format, lang, currency),
                   _value(figure.target, figure.format, lang, currency)],
                  ["text", figure.format, figure.format])
    for note in section.notes:
        sheet.put([show(note, "text", lang, currency)])
    if section.figures or section.notes:
        sheet.gap()
    for table in section.tables:
        sheet.put([title("report_table", table.key, lang)], bold=True)
        sheet.put([column_title(c, lang, currency) for c in table.columns], bold=True)
        first = sheet.row
        formats = [c.format for c in table.columns]
        for row in table.rows:
            sheet.put([_value(cell, c.format, lang, currency)
                       for cell, c in zip(row, table.columns, strict=False)], formats)
        for j, _ in enumerate(table.columns):
            kinds = {cell.kind for row in table.rows if j < len(row)
                     and isinstance(cell := row[j], ReportLabel)}
            if len(kinds) == 1 and table.rows:
                sheet.choices(kinds.pop(), j + 1, first, sheet.row - 1)
        if table.more:
            sheet.put([more_text(table.more, lang)])
        sheet.gap()
    for chart in section.charts:
        _chart_rows(sheet, chart)


def sheet_title(text: str, taken: set[str]) -> str:
    """A sheet's title from ``text``: Excel's forbidden characters left out, at most 31
    characters, unique in the book."""
    base = _BAD_TITLE.sub(" ", text).strip()[:31] or "sheet"
    found, n = base, 2
    while found.lower() in taken:
        found = f"{base[:28]} {n}"
        n += 1
    taken.add(found.lower())
    return found


def render_xlsx(report: Report, lang: str, options: RenderOptions) -> bytes:
    """The report as an XLSX workbook in ``lang``, a sheet per section."""
    from openpyxl import Workbook

    del options
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    taken: set[str] = set()
    for section in report.sections:
        page = book.create_sheet(sheet_title(section_title(section.key, lang), taken))
        sheet = _Sheet(page, lang, report.currency)
        sheet.put([report_title(report, lang), report.organisation,
                   show(report.as_of, "date", lang, report.currency)], bold=True)
        page.freeze_panes = "A2"
        page.column_dimensions["A"].width = 36
        for letter in "BCDEFGH":
            page.column_dimensions[letter].width = 18
        _section(sheet, section)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


__all__ = ["render_xlsx", "sheet_title"]
