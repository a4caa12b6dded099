"""Inventories in spreadsheets (applications, vendors, contracts): reading a CSV or XLSX with
a row per entry and a column per field into plain rows, and writing the blank sheet as an
XLSX with a drop-down of the choices of each enumerated column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from opmodel.interop.tables import read_table


@dataclass
class InventoryRow:
    """One entry's row as written in the sheet: its number and its non-empty cells by
    header."""

    row: int
    cells: dict[str, str]


@dataclass
class InventorySheet:
    """The rows of an inventory sheet and its headers, in the sheet's order."""

    source: str
    headers: list[str]
    rows: list[InventoryRow]


def read_inventory(path: Path, sheet: str | None = None) -> InventorySheet:
    """The rows of a CSV or XLSX inventory, numbered as a spreadsheet shows them (the header
    is row 1); empty rows are left out. Raises :class:`opmodel.interop.tables.TableError`
    when the file cannot be read."""
    frame = read_table(path, sheet)
    headers = list(frame.columns)
    rows = []
    for n, values in enumerate(frame.rows(), start=2):
        cells = {h: str(v).strip() for h, v in zip(headers, values, strict=True)
                 if v is not None and str(v).strip()}
        if cells:
            rows.append(InventoryRow(n, cells))
    return InventorySheet(str(path), headers, rows)


@dataclass(frozen=True)
class TemplateColumn:
    """A column of the blank inventory: its header and, for an enumerated field, the
    choices its drop-down offers."""

    header: str
    choices: tuple[str, ...] = ()


def write_inventory_template(titles: tuple[str, str], columns: list[TemplateColumn],
                             path: Path, rows: int = 500) -> None:
    """An XLSX inventory: a row per entry, a column per field, each enumerated column a
    drop-down of its choices (listed on a second sheet). ``titles`` name the two sheets."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    from opmodel.interop.files import replace_atomically

    book = Workbook()
    entries = book.active
    assert entries is not None
    entries.title = titles[0]
    lists = book.create_sheet(titles[1])
    entries.append([c.header for c in columns])
    listed = 0
    for n, column in enumerate(columns, start=1):
        letter = get_column_letter(n)
        entries.column_dimensions[letter].width = max(14, len(column.header) * 2)
        if not column.choices:
            continue
        listed += 1
        at = get_column_letter(listed)
        lists.cell(row=1, column=listed, value=column.header)
        for i, choice in enumerate(column.choices, start=2):
            lists.cell(row=i, column=listed, value=choice)
        choices = f"{quote_sheetname(lists.title)}!${at}$2:${at}${len(column.choices) + 1}"
        check = DataValidation(type="list", formula1=choices, allow_blank=True,
                               showErrorMessage=True)
        check.add(f"{letter}2:{letter}{rows + 1}")
        entries.add_data_validation(check)
    for cell in entries[1]:
        cell.font = Font(bold=True)
    entries.freeze_panes = "B2"
    replace_atomically(path, lambda tmp: book.save(tmp))
