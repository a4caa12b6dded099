"""`opmodel export --format xlsx` and `opmodel import BOOK.xlsx` as a user runs them: the book
read back into the model it came from with no change, a preview of the change set in counts
and ids (ja and en) that writes nothing, each cell's problem named by sheet, row and column
with nothing written, and each bad file refused in bounded memory with nothing written."""

from __future__ import annotations

import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from opmodel.interop.model_files import load
from opmodel.services.workbook import import_workbook
from support.bombs import MB, xlsx_bomb
from support.cli import JA, run

EXAMPLES = Path(__file__).parents[2] / "src" / "opmodel" / "examples"
CURRENT = EXAMPLES / "regional-bank" / "current.yaml"
TARGET = EXAMPLES / "regional-bank" / "target.yaml"


def _export(tmp_path: Path, lang: str = "en", path: Path = CURRENT) -> Path:
    book = tmp_path / "book.xlsx"
    printed = run("export", str(path), "--out", str(book), "--lang", lang)
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


def _preview(book: Path, into: Path, out: Path) -> Any:
    """``opmodel import BOOK --into MODEL --dry-run`` in Japanese, which succeeds."""
    printed = run("import", str(book), "--into", str(into), "--out", str(out), "--dry-run",
                  env=JA)
    assert printed.code == 0, printed.err
    return printed


def test_a_preview_shows_the_change_set_by_sheet_and_writes_nothing(tmp_path: Path) -> None:
    book_path = _export(tmp_path, "ja")
    book = load_workbook(book_path)
    apps = book["アプリケーション"]
    first = apps.cell(row=2, column=1).value
    apps.delete_rows(2)
    apps.append(["app-new", "新システム"])
    book.save(book_path)
    out = tmp_path / "new.yaml"
    printed = _preview(book_path, CURRENT, out)
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


def test_a_roadmap_edit_is_previewed_and_a_cycle_refused_at_its_cell(tmp_path: Path) -> None:
    book_path = _export(tmp_path, "ja", TARGET)
    book = load_workbook(book_path)
    dependencies = book["施策の依存関係"]
    successor, predecessor = (c.value for c in dependencies[3][:2])
    dependencies.cell(row=3, column=4, value=6)  # its lag
    book.save(book_path)
    out = tmp_path / "new.yaml"
    preview = _preview(book_path, TARGET, out)
    assert "施策の依存関係: 追加 0 件、更新 1 件、削除 0 件" in preview.out
    assert f"更新: {successor}/{predecessor}" in preview.out
    assert "変更 (1)" in preview.out  # one change, as `opmodel diff` shows it
    assert f"~ depends_on[{predecessor}].lag: 4.0 → 6.0" in preview.out
    assert not out.exists()
    dependencies.append([predecessor, successor])  # the predecessor after its successor
    book.save(book_path)
    row = dependencies.max_row
    english = run("import", str(book_path), "--into", str(TARGET), "--out", str(out),
                  "--lang", "en")
    assert english.code == 1 and not out.exists()
    said = "".join(english.out.split())  # the terminal's lines joined, spaces left out
    assert f"sheet'施策の依存関係':row{row},column'先行施策'" in said
    assert f"roadmapdependenciesformacycle:{predecessor}→{successor}→{predecessor}" in said
    japanese = run("import", str(book_path), "--into", str(TARGET), "--out", str(out),
                   env=JA)
    assert japanese.code == 1 and not out.exists()
    said = "".join(japanese.out.split())
    assert f"シート「施策の依存関係」:{row}行目、列'先行施策'" in said
    assert "ロードマップの依存関係が循環しています" in said


def _schedule(path: Path) -> tuple[int, dict[str, str], list[str]]:
    printed = run("plan", str(path), "--seed", "7", "--iterations", "300", "--time-limit", "5",
                  "--format", "json")
    assert printed.code == 0, printed.err
    found = printed.json()
    schedule = found["schedule"]
    return (schedule["makespan_weeks"], {i["id"]: i["start"] for i in schedule["items"]},
            found["portfolio"]["selected"])


def test_a_roadmap_built_from_the_book_plans_as_the_original(tmp_path: Path) -> None:
    """The initiatives without their dependencies, demand and impact, the book read into
    them: the plan (makespan, starts, portfolio) is the original's, with the same seed."""
    import yaml

    bare = load(TARGET).dump_data()
    for initiative in bare["roadmap"]["initiatives"]:
        for field in ("depends_on", "demand", "impact"):
            initiative.pop(field, None)
    bare_path = tmp_path / "bare.yaml"
    bare_path.write_text(yaml.safe_dump(bare, allow_unicode=True, sort_keys=False),
                         encoding="utf-8")
    book = _export(tmp_path, "ja", TARGET)
    built = tmp_path / "built.yaml"
    printed = run("import", str(book), "--into", str(bare_path), "--out", str(built))
    assert printed.code == 0, printed.err
    assert load(built).dump_data() == load(TARGET).dump_data()
    original = _schedule(TARGET)
    assert _schedule(built) == original
    assert _schedule(bare_path)[:2] != original[:2]  # the structure is what the plan follows
