"""Reading a workbook from bytes: each sheet's rows numbered as Excel shows them, and each bad
input refused with its own error, within bounded memory: a damaged file, a zip bomb, a file
over the size limit, text in another encoding, a sheet whose XML is not in its encoding."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from opmodel.interop.tables import TableError
from opmodel.interop.workbook_read import read_book, read_book_file
from support.bombs import MB, xlsx_bomb

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


def _workbook() -> bytes:
    book = Workbook()
    book.active.title = "vendors"
    book.active.append(["id", "name"])
    book.active.append(["v-a", "A"])
    book.active.append([None, None])
    book.active.append(["v-b", 12.0])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_rows_are_numbered_as_excel_shows_them() -> None:
    (sheet,) = read_book(_workbook(), "book.xlsx").values()
    assert sheet.headers == ["id", "name"]
    assert [(r.row, r.cells) for r in sheet.rows] == [(2, {"id": "v-a", "name": "A"}),
                                                      (4, {"id": "v-b", "name": "12"})]


def test_a_damaged_workbook_is_refused() -> None:
    data = _workbook()
    _, code = peak(lambda: read_book(data[: len(data) // 2], "cut.xlsx"))
    assert code == "table.bad_xlsx"
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(broken, "w") as out:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == "xl/workbook.xml":
                body = body[:40]
            out.writestr(item, body)
    _, code = peak(lambda: read_book(broken.getvalue(), "broken.xlsx"))
    assert code == "table.bad_xlsx"


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    data = xlsx_bomb(tmp_path / "bomb.xlsx", 256 * MB).read_bytes()
    top, code = peak(lambda: read_book(data, "bomb.xlsx", max_bytes=1024 * MB))
    assert code == "table.zip_ratio" and top < 2 * MB
    top, code = peak(lambda: read_book(data, "bomb.xlsx", max_bytes=LIMIT))
    assert code == "table.unpacked_too_large" and top < 2 * MB


def test_a_200_mb_file_is_refused_without_being_read(tmp_path: Path) -> None:
    big = tmp_path / "big.xlsx"
    with open(big, "wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(200 * MB)
    top, code = peak(lambda: read_book_file(big, max_bytes=50 * MB))
    assert code == "table.too_large" and top < 2 * MB


def test_text_in_another_encoding_is_no_workbook() -> None:
    csv = "ID,名称\napp-crm,顧客管理\n".encode("cp932")
    _, code = peak(lambda: read_book(csv, "apps.xlsx"))
    assert code == "workbook.not_xlsx"
    _, code = peak(lambda: read_book("ID\n".encode("utf-16"), "apps.xlsx"))
    assert code == "workbook.not_xlsx"


def test_a_sheet_whose_xml_is_not_in_its_declared_encoding_is_refused() -> None:
    data = _workbook()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"v-a", "ｖ－ａ".encode("cp932"))
            target.writestr(item, body)
    _, code = peak(lambda: read_book(out.getvalue(), "bad.xlsx"))
    assert code == "table.bad_xlsx"
