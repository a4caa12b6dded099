"""Reading CSV and XLSX tables as text columns: encodings (UTF-8, BOM, CP932) and gzip."""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl


class TableError(Exception):
    """A table cannot be read; carries the message in English and Japanese."""

    def __init__(self, en: str, ja: str) -> None:
        super().__init__(en)
        self.en, self.ja = en, ja


def decode_text(raw: bytes, source: str) -> str:
    """Text of ``raw``: UTF-8 (a BOM is dropped), else CP932 as Excel in Japan writes it."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(f"{source}: the file is neither UTF-8 nor CP932 (Shift_JIS) text",
                     f"{source}: UTF-8 でも CP932（Shift_JIS）でもないファイルです")


def read_bytes(path: Path) -> bytes:
    """The file's bytes, unzipped when it ends in .gz; a clear error when it is missing."""
    try:
        raw = path.read_bytes()
        return gzip.decompress(raw) if path.suffix == ".gz" else raw
    except FileNotFoundError:
        raise TableError(f"{path}: file not found", f"{path}: ファイルが見つかりません") from None
    except (OSError, EOFError) as exc:
        raise TableError(f"{path}: cannot be read ({exc})",
                         f"{path}: 読み込めません（{exc}）") from None


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def read_csv_text(path: Path,
                  select: Callable[[list[str]], list[str]] | None = None) -> pl.DataFrame:
    """A CSV file (optionally .gz) as a frame of text columns; empty cells are null.

    Polars reads UTF-8 only, so other encodings are decoded here and handed over as UTF-8.
    ``select`` receives the header and returns the columns to read (it may raise).
    """
    import polars as pl

    raw = read_bytes(path)
    utf8 = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        text, data = utf8.decode("utf-8"), utf8
    except UnicodeDecodeError:
        text = decode_text(raw, str(path))
        data = text.encode("utf-8")
    if not text.strip():
        raise TableError(f"{path}: the file is empty", f"{path}: ファイルが空です")
    separator = _delimiter(text.split("\n", 1)[0])
    try:
        columns = None
        if select is not None:
            header = pl.read_csv(data, separator=separator, infer_schema=False, n_rows=0).columns
            columns = select(header)
        return pl.read_csv(data, separator=separator, infer_schema=False,
                           truncate_ragged_lines=False, columns=columns)
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as exc:
        first = str(exc).splitlines()[0]
        raise TableError(f"{path}: not a readable CSV table ({first})",
                         f"{path}: CSV として読めません（{first}）") from None


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


def read_xlsx_text(path: Path, sheet: str | None = None) -> pl.DataFrame:
    """The first (or named) sheet of a workbook as a frame of text columns."""
    import polars as pl
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise TableError(f"{path}: file not found", f"{path}: ファイルが見つかりません") from None
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise TableError(f"{path}: not a readable XLSX workbook ({exc})",
                         f"{path}: XLSX ブックとして読めません（{exc}）") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            names = ", ".join(book.sheetnames)
            raise TableError(f"{path}: no sheet '{sheet}' (sheets: {names})",
                             f"{path}: シート '{sheet}' がありません（シート: {names}）")
        rows = [[_cell(v) for v in row] for row in
                (book[sheet] if sheet else book.worksheets[0]).iter_rows(values_only=True)]
    finally:
        book.close()
    if not rows or not any(rows[0]):
        raise TableError(f"{path}: the sheet has no header row",
                         f"{path}: シートに見出し行がありません")
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
