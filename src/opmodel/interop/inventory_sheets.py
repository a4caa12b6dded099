"""Inventories in spreadsheets (applications, vendors, contracts, service levels, capabilities):
reading a CSV or XLSX (one sheet, or every sheet of a workbook) with a row per entry and a
column per field into plain rows, and writing the blank sheet as an XLSX with a drop-down of
the choices of each enumerated column."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from opmodel.interop.guards import DEFAULT_MAX_BYTES
from opmodel.interop.tables import read_named_table, xlsx_sheet_names


@dataclass
class InventoryRow:
    """One entry's row as written in the sheet: its number, its non-empty cells by header
    and the headers of its empty cells."""

    row: int
    cells: dict[str, str]
    blanks: list[str] = field(default_factory=list)


@dataclass
class InventorySheet:
    """The rows of an inventory sheet and its headers, in the sheet's order; ``sheet`` is
    the workbook's sheet it came from (None for a CSV file)."""

    source: str
    headers: list[str]
    rows: list[InventoryRow]
    sheet: str | None = None


def read_inventory(path: Path, sheet: str | None = None, *, source: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> InventorySheet:
    """The rows of a CSV or XLSX inventory, numbered as a spreadsheet shows them (the header
    is row 1); empty rows are left out. ``source`` names the file (default: its path).
    Raises :class:`opmodel.interop.tables.TableError` when the file cannot be read."""
    frame = read_named_table(path, sheet, source=source, max_bytes=max_bytes)
    headers = list(frame.columns)
    rows = []
    for n, values in enumerate(frame.rows(), start=2):
        texts = {h: "" if v is None else str(v).strip()
                 for h, v in zip(headers, values, strict=True)}
        cells = {h: t for h, t in texts.items() if t}
        if cells:
            rows.append(InventoryRow(n, cells, [h for h, t in texts.items() if not t]))
    return InventorySheet(source or str(path), headers, rows, sheet)


def read_inventory_book(path: Path, *, source: str | None = None,
                        max_bytes: int = DEFAULT_MAX_BYTES) -> list[InventorySheet]:
    """Every sheet of an XLSX workbook (a CSV file is one sheet), as :func:`read_inventory`
    reads one; a sheet without a header row is left out."""
    from opmodel.interop.tables import TableError

    if not path.name.lower().endswith((".xlsx", ".xlsm")):
        return [read_inventory(path, source=source, max_bytes=max_bytes)]
    found = []
    try:
        names = xlsx_sheet_names(path, max_bytes=max_bytes)
    except TableError as exc:
        raise TableError(exc.message.model_copy(update={"params": {
            **exc.message.params, "file": source or str(path)}})) from None
    for name in names:
        try:
            found.append(read_inventory(path, name, source=source, max_bytes=max_bytes))
        except TableError as exc:
            if exc.message.code != "table.no_header":
                raise
    return found


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


def load_column_mapping(path: Path) -> dict[str, dict[str, str | None]]:
    """A mapping file (YAML): our field → their column (null: leave the field unread), either
    for the one inventory of the import (``"*"``) or in a section per inventory
    (``applications:``, ``vendors:`` …). Raises a TableError naming the file."""
    from opmodel.interop.itsm_log import read_mapping_file
    from opmodel.interop.tables import table_error

    data = read_mapping_file(path)
    if not isinstance(data, dict) or not data:
        raise table_error("inventory_mapping.shape", file=str(path), key="(top)")
    sections = {k: v for k, v in data.items() if isinstance(v, dict)}
    flat = {k: v for k, v in data.items() if not isinstance(v, dict)}
    found: dict[str, dict[str, str | None]] = {}
    for section, pairs in ((*sections.items(), ("*", flat)) if flat else sections.items()):
        for key, column in pairs.items():
            if column is not None and not isinstance(column, str | int):
                raise table_error("inventory_mapping.shape", file=str(path), key=str(key))
        found[str(section)] = {str(k): None if v is None else str(v) for k, v in pairs.items()}
    return found
