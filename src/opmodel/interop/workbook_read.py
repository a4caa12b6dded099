"""Reading every sheet of a workbook given as bytes into rows of text, within the limits of
``guards`` (its size, and what its zip unpacks to, checked before anything is inflated);
text escaped against formulas on export is read back as it was."""

from __future__ import annotations

import io
from pathlib import Path

from opmodel.interop.guards import (
    DEFAULT_MAX_BYTES,
    ZIP_MAGIC,
    check_zip,
    read_bounded,
    too_large,
)
from opmodel.interop.inventory_sheets import InventoryRow, InventorySheet
from opmodel.interop.table_errors import table_error
from opmodel.interop.tables import cell_text
from opmodel.interop.workbook_write import unescape_formula


def _text(cell: object) -> str | None:
    value = getattr(cell, "value", None)
    found = cell_text(cell)
    return unescape_formula(found) if isinstance(value, str) and found else found


def read_book(data: bytes, source: str, *, max_bytes: int = DEFAULT_MAX_BYTES
              ) -> dict[str, InventorySheet]:
    """Each sheet of the workbook by title: its headers (row 1) and its non-empty rows,
    numbered as a spreadsheet shows them. Raises :class:`opmodel.interop.tables.TableError`
    for a workbook too large, packed like a bomb, damaged, or not a workbook at all."""
    from openpyxl import load_workbook

    if len(data) > max_bytes:
        raise too_large(source, len(data), max_bytes)
    if not data.startswith(ZIP_MAGIC):
        raise table_error("workbook.not_xlsx", file=source)
    check_zip(io.BytesIO(data), source, max_bytes)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise table_error("table.bad_xlsx", file=source, reason=str(exc)) from None
    sheets: dict[str, InventorySheet] = {}
    try:
        for page in book.worksheets:
            rows = page.iter_rows()
            first = next(rows, None)
            headers = [_text(c) or f"column_{i + 1}" for i, c in enumerate(first or ())]
            found = []
            for n, row in enumerate(rows, start=2):
                cells = {h: t for h, c in zip(headers, row, strict=False)
                         if (t := _text(c))}
                if cells:
                    found.append(InventoryRow(n, cells))
            sheets[page.title] = InventorySheet(source, headers, found)
    except Exception as exc:  # a sheet's XML that does not parse
        raise table_error("table.bad_xlsx", file=source, reason=str(exc)) from None
    finally:
        book.close()
    return sheets




def read_book_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a workbook file, refused unread when it holds more than ``max_bytes``."""
    return read_bounded(path, max_bytes)


__all__ = ["read_book", "read_book_file"]
