"""Writing a workbook of inventories: a sheet per list with a frozen, bold header row,
numbers as numbers, dates as dates, a drop-down for each column of choices (listed on a
hidden sheet), and text that Excel would take for a formula escaped."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any, Literal

# a cell starting with one of these is a formula (or DDE) to Excel; a quote before it keeps
# it text (OWASP: CSV injection). The quote itself is escaped too, so reading back is exact.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
JPY_FORMAT = "#,##0"
SPARE_ROWS = 500  # rows below the last entry that still offer the drop-downs


def escape_formula(text: str) -> str:
    """``text`` as a cell holds it without Excel reading a formula: ``=1+1`` → ``'=1+1``."""
    return ESCAPE + text if text.startswith((*FORMULA_STARTS, ESCAPE)) else text


def unescape_formula(text: str) -> str:
    """The text :func:`escape_formula` escaped, as it was."""
    if text.startswith(ESCAPE) and text[1:].startswith((*FORMULA_STARTS, ESCAPE)):
        return text[1:]
    return text


CellValue = str | int | float | dt.date | None


@dataclass(frozen=True)
class BookColumn:
    """A column of a sheet: its header, how its cells are written, and the choices of its
    drop-down (none for free text), or the column of another sheet (its title and header)
    whose cells are the choices, so that a row added there is offered too."""

    header: str
    type: Literal["text", "number", "money", "date"] = "text"
    choices: tuple[str, ...] = ()
    source: tuple[str, str] | None = None


@dataclass
class BookSheet:
    """A sheet: its title, its columns and a row of values per entry."""

    title: str
    columns: list[BookColumn]
    rows: list[list[CellValue]] = field(default_factory=list)


def _value(value: CellValue) -> CellValue:
    if isinstance(value, str):
        return escape_formula(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _drop_down(page: Any, choices: str, cells: str) -> None:
    """A drop-down on ``cells`` offering the cells of the range ``choices``; other text is
    refused as Excel types it."""
    from openpyxl.worksheet.datavalidation import DataValidation

    check = DataValidation(type="list", formula1=choices, allow_blank=True,
                           showErrorMessage=True)
    check.add(cells)
    page.add_data_validation(check)


def write_book(sheets: list[BookSheet], choices_title: str) -> bytes:
    """The workbook's bytes: each sheet in order, then the hidden sheet of choices."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    lists = None
    listed = 0
    # a drop-down's rows of another sheet: the sheet's title and header → its cells' range
    ranges = {(sheet.title, c.header): (get_column_letter(n), len(sheet.rows) + 1 + SPARE_ROWS)
              for sheet in sheets for n, c in enumerate(sheet.columns, start=1)}
    for sheet in sheets:
        page = book.create_sheet(sheet.title)
        page.append([c.header for c in sheet.columns])
        for row in sheet.rows:
            page.append([_value(v) for v in row])
        last = len(sheet.rows) + 1 + SPARE_ROWS
        for n, column in enumerate(sheet.columns, start=1):
            letter = get_column_letter(n)
            page.column_dimensions[letter].width = max(12, min(40, len(column.header) * 2))
            if column.type in ("money", "date"):
                shown = JPY_FORMAT if column.type == "money" else "yyyy-mm-dd"
                for (cell,) in page.iter_rows(min_row=2, min_col=n, max_col=n):
                    cell.number_format = shown
            if column.source is not None and column.source in ranges:
                at, end = ranges[column.source]
                where = f"{quote_sheetname(column.source[0])}!${at}$2:${at}${end}"
                _drop_down(page, where, f"{letter}2:{letter}{last}")
                continue
            if not column.choices:
                continue
            if lists is None:
                lists = book.create_sheet(choices_title)
                lists.sheet_state = "hidden"
            listed += 1
            at = get_column_letter(listed)
            lists.cell(row=1, column=listed, value=f"{sheet.title}: {column.header}")
            for i, choice in enumerate(column.choices, start=2):
                lists.cell(row=i, column=listed, value=choice)
            where = f"{quote_sheetname(lists.title)}!${at}$2:${at}${len(column.choices) + 1}"
            _drop_down(page, where, f"{letter}2:{letter}{last}")
        for cell in page[1]:
            cell.font = Font(bold=True)
        page.freeze_panes = "B2"
    if lists is not None:  # last, after the sheets people edit
        book.move_sheet(lists, len(book.sheetnames) - 1 - book.index(lists))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


__all__ = ["BookColumn", "BookSheet", "CellValue", "escape_formula", "unescape_formula",
           "write_book"]
