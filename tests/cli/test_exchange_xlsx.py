"""`opmodel export --format xlsx` and `opmodel import BOOK.xlsx` as a user runs them: the book
read back into the model it came from with no change, a preview of the change set in counts
and ids (ja and en) that writes nothing, each cell's problem named by sheet, row and column
with nothing written, and each bad file refused in bounded memory with nothing written."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from openpyxl import load_workbook

from opmodel.interop.model_files import load
from opmodel.services.workbook import import_workbook
from support.bombs import MB, xlsx_bomb
from support.cli import JA, run

EXAMPLES = Path(__file__).parents[2] / "src" / "opmodel" / "examples"
CURRENT = EXAMPLES / "regional-bank" / "current.yaml"


def _export(tmp_path: Path, lang: str = "en") -> Path:
    book = tmp_path / "book.xlsx"
    printed = run("export", str(CURRENT), "--out", str(book), "--lang", lang)
    assert printed.code == 0, printed.err
    return book


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_export_then_import_into_the_model_changes_nothing(tmp_path: Path, lang: str) -> None:
    book = _export(tmp_path, lang)
    assert load_workbook(book).sheetnames[1] == {"en": "applications",
                                                 "ja": "アプリケーション"}[lang]
    out = tmp_path / "back.yaml"
    printed = run("import", str(book), "--into", str(CURRENT), "--out", str(out),
                  "--lang", lang)
    assert printed.code == 0, printed.err
    assert load(out).dump_data() == load(CURRENT).dump_data()
    assert {"en": "0 change(s)", "ja": "0 件"}[lang] in printed.out


def test_a_preview_shows_the_change_set_by_sheet_and_writes_nothing(tmp_path: Path) -> None:
    book_path = _export(tmp_path, "ja")
    book = load_workbook(book_path)
    apps = book["アプリケーション"]
    first = apps.cell(row=2, column=1).value
    apps.delete_rows(2)
    apps.append(["app-new", "新システム"])
    book.save(book_path)
    out = tmp_path / "new.yaml"
    printed = run("import", str(book_path), "--into", str(CURRENT), "--out", str(out),
                  "--dry-run", env=JA)
    assert printed.code == 0, printed.err
    assert "アプリケーション: 追加 1 件、更新 0 件、削除 1 件" in printed.out
    assert "追加: app-new" in printed.out and f"削除: {first}" in printed.out
    assert "削除 (1)" in printed.out  # entity by entity, as `opmodel diff` shows it
    assert f"- design.technology.applications: {first} (" in printed.out
    assert not out.exists()
    as_json = run("import", str(book_path), "--into", str(CURRENT), "--dry-run", "--json")
    expected = import_workbook(book_path.read_bytes(), str(book_path), load(CURRENT))
    assert [op["path"] for op in as_json.json()["changes"]["operations"]] == [
        op.path for op in expected.changes.operations]


def test_problems_are_named_by_sheet_row_and_column_and_nothing_is_written(
        tmp_path: Path) -> None:
    book_path = _export(tmp_path, "en")
    book = load_workbook(book_path)
    apps = book["applications"]
    heads = [c.value for c in apps[1]]
    apps.cell(row=3, column=heads.index("lifecycle") + 1, value="someday")
    book.save(book_path)
    out = tmp_path / "m.yaml"
    printed = run("import", str(book_path), "--into", str(CURRENT), "--out", str(out),
                  "--lang", "en")
    assert printed.code == 1 and not out.exists()
    assert "sheet 'applications': row 3, column 'lifecycle'" in printed.out
    assert "nothing was imported" in printed.out
    japanese = run("import", str(book_path), "--into", str(CURRENT), "--out", str(out))
    assert "シート「applications」: 3 行目、列 'lifecycle'" in japanese.out
    as_json = run("import", str(book_path), "--into", str(CURRENT), "--out", str(out),
                  "--json")
    assert as_json.code == 1
    (issue,) = [i for s in as_json.json()["sheets"] for i in s["issues"]]
    assert (issue["row"], issue["column"], issue["value"]) == (3, "lifecycle", "someday")


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    good = _export(tmp_path).read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good[: len(good) // 2])
    big = tmp_path / "big.xlsx"
    with open(big, "wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(200 * MB)
    cp932 = tmp_path / "cp932.xlsx"
    cp932.write_bytes("ID,名称\napp-crm,顧客管理\n".encode("cp932"))
    return {"corrupt": (cut, "XLSX"), "bomb": (xlsx_bomb(tmp_path / "bomb.xlsx", 256 * MB),
                                               "unpack"),
            "200 MB": (big, "MB"), "wrong encoding": (cp932, "not an Excel workbook")}


@pytest.mark.parametrize("case", ["corrupt", "bomb", "200 MB", "wrong encoding"])
def test_a_bad_book_is_refused_in_bounded_memory_and_nothing_is_written(
        tmp_path: Path, case: str) -> None:
    path, said = _bad_files(tmp_path)[case]
    out = tmp_path / "m.yaml"
    run("--help")  # the command's modules loaded before measuring
    tracemalloc.start()
    try:
        printed = run("import", str(path), "--into", str(CURRENT), "--out", str(out),
                      "--lang", "en")
        top = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert printed.code == 1 and not out.exists()
    assert said in printed.err and "Traceback" not in printed.output
    assert top < 40 * MB  # never the 200 MB or the 256 MB the bomb unpacks to


def test_the_json_of_an_import_is_the_outcome(tmp_path: Path) -> None:
    book = _export(tmp_path)
    printed = run("import", str(book), "--into", str(CURRENT), "--dry-run", "--json")
    data = printed.json()
    assert data["format"] == "xlsx" and data["changes"] == {"operations": []}
    assert data["imported"]["design.technology.applications"] == len(
        load(CURRENT).design.technology.applications)
