"""The limits on table files: their size, what gzip and zip unpack to (refused before
unpacking, within bounded memory), and binary bytes where text belongs."""

from __future__ import annotations

import gzip
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from opmodel.interop.guards import (
    MAX_ZIP_RATIO,
    check_zip,
    gunzip,
    read_bounded,
    refuse_binary,
)
from opmodel.interop.tables import TableError
from support.bombs import MB, binary_bytes, gzip_bomb, xlsx_bomb

LIMIT = 8 * MB


def peak(call: Callable[[], Any]) -> tuple[int, str | None]:
    """The most memory Python held while ``call`` ran, and the code of its TableError."""
    tracemalloc.start()
    try:
        call()
        code = None
    except TableError as exc:
        code = exc.message.code
    finally:
        top = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return top, code


def test_a_gzip_bomb_is_refused_once_it_passes_the_limit(tmp_path: Path) -> None:
    raw = gzip_bomb(tmp_path / "bomb.csv.gz", 256 * MB).read_bytes()
    top, code = peak(lambda: gunzip(raw, "bomb.csv.gz", LIMIT))
    assert code == "table.unpacked_too_large"
    assert top < LIMIT + 4 * MB  # never the 256 MB it holds


def test_gzip_within_the_limit_unpacks_every_member() -> None:
    raw = gzip.compress(b"kpi,value\n") + gzip.compress(b"csat,4\n")
    assert gunzip(raw, "two.csv.gz", LIMIT) == b"kpi,value\ncsat,4\n"
    assert gunzip(b"kpi\n", "plain.csv", LIMIT) == b"kpi\n"
    with pytest.raises(TableError) as cut:
        gunzip(gzip.compress(b"kpi,value\n" * 1000)[:-30], "cut.csv.gz", LIMIT)
    assert cut.value.message.code == "table.bad_gzip"


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path: Path) -> None:
    bomb = xlsx_bomb(tmp_path / "bomb.xlsx", 256 * MB)
    top, code = peak(lambda: check_zip(bomb, "bomb.xlsx", 1024 * MB))
    assert code == "table.zip_ratio"  # within the size limit, but packed like a bomb
    assert top < 2 * MB
    top, code = peak(lambda: check_zip(bomb, "bomb.xlsx", LIMIT))
    assert code == "table.unpacked_too_large" and top < 2 * MB


def test_an_ordinary_workbook_passes(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for i in range(2000):
        book.active.append(["availability", f"2026-{i % 12 + 1:02d}", 99.0 + i / 1000])
    book.save(tmp_path / "ok.xlsx")
    check_zip(tmp_path / "ok.xlsx", "ok.xlsx", LIMIT)
    with zipfile.ZipFile(tmp_path / "ok.xlsx") as archive:
        assert max(m.file_size / m.compress_size for m in archive.infolist()) < MAX_ZIP_RATIO


def test_a_file_over_the_limit_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as out:
        out.truncate(LIMIT + 1)
    top, code = peak(lambda: read_bounded(big, LIMIT))
    assert code == "table.too_large" and top < MB
    small = tmp_path / "small.csv"
    small.write_bytes(b"kpi\n")
    top, _ = peak(lambda: read_bounded(small, LIMIT))
    assert top < MB  # the buffer is the file's size, not the limit's


@pytest.mark.parametrize(("head", "code"), [
    (binary_bytes(), "table.binary"),
    (b"PK\x03\x04" + bytes(100), "table.zip_as_text"),
])
def test_binary_bytes_are_not_text(head: bytes, code: str) -> None:
    with pytest.raises(TableError) as refused:
        refuse_binary(head, "data.csv")
    assert refused.value.message.code == code
    assert "data.csv" in refused.value.message.text("ja")


def test_text_in_any_encoding_is_not_binary() -> None:
    for text in ("指標,値\n可用性,99.9\n", "kpi\tvalue\r\ncsat\t4\r\n"):
        for encoding in ("utf-8", "cp932", "utf-16"):
            refuse_binary(text.encode(encoding), "data.csv")
