"""Reading CSV and XLSX tables as text columns: encodings (UTF-8, BOM, CP932) and gzip."""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opmodel.knowledge.texts import Message

if TYPE_CHECKING:
    import polars as pl

GZIP_MAGIC = b"\x1f\x8b"


class TableError(Exception):
    """A table (or a file beside it: a mapping, a store) cannot be used; says why as a
    :class:`Message`, rendered in the user's language by whoever shows it."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.code)
        self.message = message

    def __str__(self) -> str:
        return self.message.text("en")


def table_error(code: str, **params: Any) -> TableError:
    """A :class:`TableError` of message ``code`` with ``params``."""
    return TableError(Message(code=code, params=params))


def decode_text(raw: bytes, source: str) -> str:
    """Text of ``raw``: UTF-8 (a BOM is dropped), else CP932 as Excel in Japan writes it."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise table_error("table.not_text", file=source)


def _folder_error(path: Path) -> TableError:
    return table_error("table.folder", file=str(path))


def read_bytes(path: Path) -> bytes:
    """The file's bytes as stored (gzip stays compressed); a clear error when it is missing."""
    if path.is_dir():  # Windows says "permission denied" for a folder
        raise _folder_error(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise table_error("table.not_found", file=str(path)) from None
    except IsADirectoryError:
        raise _folder_error(path) from None
    except OSError as exc:
        raise table_error("table.unreadable", file=str(path),
                          reason=exc.strerror or str(exc)) from None


def _unzip(raw: bytes, path: Path, limit: int = -1) -> bytes:
    """``raw`` itself, or decompressed when it is gzip (only ``limit`` bytes when given)."""
    if not raw.startswith(GZIP_MAGIC):
        return raw if limit < 0 else raw[:limit]
    try:
        return zlib.decompressobj(wbits=31).decompress(raw, max(limit, 0))
    except zlib.error as exc:
        raise table_error("table.bad_gzip", file=str(path), reason=str(exc)) from None


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _looks_utf8(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # a character cut at the end of the sample
    return True


def read_csv_text(path: Path,
                  select: Callable[[list[str]], list[str]] | None = None) -> pl.DataFrame:
    """A CSV file (optionally gzip) as a frame of text columns; empty cells are null.

    UTF-8 (with or without BOM, gzip or not) goes to Polars as it is; Polars reads UTF-8
    only, so other encodings (CP932) are decoded here and handed over as UTF-8.
    ``select`` receives the header and returns the columns to read (it may raise).
    """
    import polars as pl

    raw = read_bytes(path)
    head = _unzip(raw, path, 65536)
    if not head.strip():
        raise table_error("table.empty", file=str(path))
    separator = _delimiter(head.split(b"\n", 1)[0].decode("utf-8", errors="replace"))

    def read(data: bytes) -> pl.DataFrame:
        columns = None
        if select is not None:
            header = pl.read_csv(data, separator=separator, infer_schema=False, n_rows=0).columns
            columns = select(header)
        return pl.read_csv(data, separator=separator, infer_schema=False,
                           truncate_ragged_lines=False, columns=columns)

    try:
        if _looks_utf8(head):
            try:
                return read(raw)
            except pl.exceptions.ComputeError as exc:  # a bad byte further down
                if "utf-8" not in str(exc).lower():
                    raise
        return read(decode_text(_unzip(raw, path), str(path)).encode("utf-8"))
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as exc:
        first = str(exc).splitlines()[0]
        raise table_error("table.bad_csv", file=str(path), reason=first) from None


def _cell(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() or None


def _percent_cell(cell: Any) -> str | None:
    """A cell's text; a number Excel shows as a percentage (0.95 as 95%) reads "95%", as
    the person who typed it sees it."""
    value = getattr(cell, "value", None)
    if isinstance(value, int | float) and not isinstance(value, bool) \
            and "%" in str(getattr(cell, "number_format", "") or ""):
        return f"{round(value * 100, 10):g}%"
    return _cell(value)


def read_xlsx_text(path: Path, sheet: str | None = None) -> pl.DataFrame:
    """The first (or named) sheet of a workbook as a frame of text columns."""
    import polars as pl
    from openpyxl import load_workbook

    if path.is_dir():
        raise _folder_error(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise table_error("table.not_found", file=str(path)) from None
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise table_error("table.bad_xlsx", file=str(path), reason=str(exc)) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise table_error("table.no_sheet", file=str(path), sheet=sheet,
                              sheets=", ".join(book.sheetnames))
        rows = [[_percent_cell(c) for c in row] for row in
                (book[sheet] if sheet else book.worksheets[0]).iter_rows()]
    finally:
        book.close()
    if not rows or not any(rows[0]):
        raise table_error("table.no_header", file=str(path))
    header = [h if h else f"column_{i + 1}" for i, h in enumerate(rows[0])]
    width = len(header)
    body = [(r + [None] * width)[:width] for r in rows[1:]]
    columns = {name: [r[i] for r in body] for i, name in enumerate(header)}
    return pl.DataFrame(columns, schema=dict.fromkeys(header, pl.Utf8))


def read_table(path: Path, sheet: str | None = None) -> pl.DataFrame:
    """A CSV or XLSX file as text columns, chosen by the file's extension."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx_text(path, sheet)
    return read_csv_text(path)
