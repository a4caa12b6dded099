"""Reading CSV, XLSX and JSON-rows tables as text columns: encodings (UTF-8, BOM, CP932),
gzip, and the limits of ``guards``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opmodel.interop.guards import (
    DEFAULT_MAX_BYTES,
    check_zip,
    gunzip,
    read_bounded,
    refuse_binary,
    too_large,
)
from opmodel.interop.table_errors import TableError, table_error

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "TableError",
    "cell_text",
    "decode_text",
    "read_csv_text",
    "read_named_table",
    "read_table",
    "read_xlsx_text",
    "table_error",
    "xlsx_sheet_names",
]


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


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _looks_utf8(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # a character cut at the end of the sample
    return True


def read_csv_text(path: Path, select: Callable[[list[str]], list[str]] | None = None, *,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> pl.DataFrame:
    """A CSV file (optionally gzip) as a frame of text columns; empty cells are null.

    The file, and what its gzip unpacks to, may hold at most ``max_bytes``; binary files
    are refused.

    UTF-8 (with or without BOM, gzip or not) goes to Polars as it is; Polars reads UTF-8
    only, so other encodings (CP932) are decoded here and handed over as UTF-8.
    ``select`` receives the header and returns the columns to read (it may raise).
    """
    import polars as pl

    raw = gunzip(read_bounded(path, max_bytes), str(path), max_bytes)
    head = raw[:65536]
    if not head.strip():
        raise table_error("table.empty", file=str(path))
    refuse_binary(head, str(path))
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
        return read(decode_text(raw, str(path)).encode("utf-8"))
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


def cell_text(cell: Any) -> str | None:
    """A cell's text; a number Excel shows as a percentage (0.95 as 95%) reads "95%", as
    the person who typed it sees it."""
    value = getattr(cell, "value", None)
    if isinstance(value, int | float) and not isinstance(value, bool) \
            and "%" in str(getattr(cell, "number_format", "") or ""):
        return f"{round(value * 100, 10):g}%"
    return _cell(value)


def _open_workbook(path: Path, max_bytes: int) -> Any:
    """The workbook at ``path``, opened read-only once its size and its zip directory are
    within ``max_bytes`` (checked before anything is unpacked)."""
    from openpyxl import load_workbook

    if path.is_dir():
        raise _folder_error(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise table_error("table.not_found", file=str(path)) from None
    except OSError as exc:
        raise table_error("table.unreadable", file=str(path),
                          reason=exc.strerror or str(exc)) from None
    if size > max_bytes:
        raise too_large(str(path), size, max_bytes)
    check_zip(path, str(path), max_bytes)
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise table_error("table.not_found", file=str(path)) from None
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise table_error("table.bad_xlsx", file=str(path), reason=str(exc)) from None


def xlsx_sheet_names(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    """The names of the sheets of a workbook, in its order (within the limits of
    :func:`read_xlsx_text`)."""
    book = _open_workbook(path, max_bytes)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def read_xlsx_text(path: Path, sheet: str | None = None, *,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> pl.DataFrame:
    """The first (or named) sheet of a workbook as a frame of text columns; the workbook,
    and what its parts unpack to, may hold at most ``max_bytes`` (checked before
    unpacking)."""
    import polars as pl

    book = _open_workbook(path, max_bytes)
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise table_error("table.no_sheet", file=str(path), sheet=sheet,
                              sheets=", ".join(book.sheetnames))
        rows = [[cell_text(c) for c in row] for row in
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


def _json_problem(raw: bytes, source: str) -> TableError:
    """Why Polars could not read ``raw`` as rows, found again with the json module (only
    on failure: it holds the whole file as Python objects)."""
    import json

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return table_error("table.json_encoding", file=source,
                           line=raw.count(b"\n", 0, exc.start) + 1)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return table_error("table.bad_json", file=source, line=exc.lineno, column=exc.colno,
                           reason=exc.msg)
    if not isinstance(data, list):
        return table_error("table.json_shape", file=source)
    for number, row in enumerate(data, start=1):
        if not isinstance(row, dict):
            return table_error("table.json_row", file=source, row=number,
                               found=type(row).__name__)
        for column, value in row.items():
            if isinstance(value, (list, dict)):
                return table_error("table.json_cell", file=source, row=number, column=column)
    return table_error("table.json_shape", file=source)


def read_json_text(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> pl.DataFrame:
    """A JSON file of rows (a list of objects whose names are the columns; optionally
    gzip) as a frame of text columns; at most ``max_bytes`` in the file and unpacked."""
    import io

    import polars as pl

    source = str(path)
    raw = gunzip(read_bounded(path, max_bytes), source, max_bytes)
    if not raw.strip():
        raise table_error("table.empty", file=source)
    refuse_binary(raw[:65536], source)
    if not raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        raise _json_problem(raw, source)
    try:
        table = pl.read_json(io.BytesIO(raw.removeprefix(b"\xef\xbb\xbf")),
                             infer_schema_length=None)
    except Exception:  # Polars says little about where: the json module says more
        raise _json_problem(raw, source) from None
    if not table.width:
        raise table_error("table.empty", file=source)
    if any(dtype.is_nested() for dtype in table.dtypes):
        raise _json_problem(raw, source)
    return table.select(pl.all().cast(pl.Utf8).str.strip_chars()
                        .replace("", None))


def read_table(path: Path, sheet: str | None = None, *,
               max_bytes: int = DEFAULT_MAX_BYTES) -> pl.DataFrame:
    """A CSV, XLSX or JSON-rows file as text columns, chosen by the file's extension (.csv,
    .csv.gz, .xlsx, .json, .json.gz); at most ``max_bytes`` in the file and unpacked."""
    name = path.name.lower()
    if name.endswith((".xlsx", ".xlsm")):
        return read_xlsx_text(path, sheet, max_bytes=max_bytes)
    if name.endswith((".json", ".json.gz")):
        return read_json_text(path, max_bytes=max_bytes)
    return read_csv_text(path, max_bytes=max_bytes)


def read_named_table(path: Path, sheet: str | None = None, *, source: str | None = None,
                     max_bytes: int = DEFAULT_MAX_BYTES) -> pl.DataFrame:
    """:func:`read_table`, a refusal naming the file ``source`` (an upload's name) rather
    than the path it was saved at."""
    try:
        return read_table(path, sheet, max_bytes=max_bytes)
    except TableError as exc:
        if source is None:
            raise
        raise TableError(exc.message.model_copy(
            update={"params": {**exc.message.params, "file": source}})) from None
