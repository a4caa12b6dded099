"""Writing a workbook: text Excel would run as a formula escaped (and read back as it was),
numbers and dates as such, a frozen bold header, a drop-down per column of choices."""

from __future__ import annotations

import datetime as dt
import io

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from opmodel.interop.workbook_read import read_book
from opmodel.interop.workbook_write import (
    BookColumn,
    BookSheet,
    escape_formula,
    unescape_formula,
    write_book,
)

HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "'=quoted",
           "'plain", "\t=tab", "ok", "=", "'"]


@given(st.text())
def test_escaping_reads_back_exactly(text: str) -> None:
    assert unescape_formula(escape_formula(text)) == text
    assert not escape_formula(text).startswith(("=", "+", "-", "@"))


def _book() -> bytes:
    columns = [BookColumn("id"), BookColumn("cost", "money"), BookColumn("day", "date"),
               BookColumn("kind", choices=("a", "b"))]
    rows = [[text, 1200.0, dt.date(2027, 4, 1), "a"] for text in HOSTILE]
    return write_book([BookSheet("items", columns, rows)], "choices")


def test_formulas_are_written_as_text_and_read_back_as_written() -> None:
    data = _book()
    sheet = load_workbook(io.BytesIO(data))["items"]
    cells = [sheet.cell(row=r, column=1) for r in range(2, 2 + len(HOSTILE))]
    assert all(c.data_type == "s" for c in cells)
    assert [c.value for c in cells][:4] == ["'=HYPERLINK(\"http://x\",\"y\")", "'+1+1",
                                             "'-2+3", "'@SUM(A1)"]
    back = read_book(data, "book.xlsx")["items"]
    assert [r.cells["id"] for r in back.rows] == HOSTILE


def test_numbers_dates_header_and_drop_downs() -> None:
    book = load_workbook(io.BytesIO(_book()))
    sheet = book["items"]
    assert sheet["B2"].value == 1200 and isinstance(sheet["B2"].value, int)
    assert sheet["B2"].number_format == "#,##0"
    assert sheet["C2"].value.date() == dt.date(2027, 4, 1)
    assert sheet.freeze_panes == "B2" and sheet["A1"].font.bold
    (check,) = sheet.data_validations.dataValidation
    assert check.type == "list" and "D2" in check.sqref
    assert check.formula1 == "'choices'!$A$2:$A$3"
    assert book["choices"].sheet_state == "hidden"
    assert [book["choices"].cell(row=r, column=1).value for r in (2, 3)] == ["a", "b"]


def test_a_formula_in_a_cell_is_never_read_as_its_text() -> None:
    """A formula typed in Excel is read as the value Excel saved with it (a workbook that
    no spreadsheet computed has none); its text never reaches the model."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["id", "name"])
    book.active.append(["=1+1", "@x"])
    out = io.BytesIO()
    book.save(out)
    (sheet,) = read_book(out.getvalue(), "book.xlsx").values()
    assert [r.cells for r in sheet.rows] == [{"name": "@x"}]


def test_a_drop_down_may_offer_the_cells_of_another_sheets_column() -> None:
    """Rows added below the entries are offered too; a source the book lacks gives none."""
    from opmodel.interop.workbook_write import SPARE_ROWS

    teams = BookSheet("teams", [BookColumn("id")], [["ops"], ["dev"]])
    work = BookSheet("work", [BookColumn("team", source=("teams", "id")),
                              BookColumn("lead", source=("people", "id"))], [["ops", "x"]])
    book = load_workbook(io.BytesIO(write_book([teams, work], "choices")))
    (check,) = book["work"].data_validations.dataValidation
    assert str(check.sqref) == f"A2:A{2 + SPARE_ROWS}"
    assert check.formula1 == f"'teams'!$A$2:$A${3 + SPARE_ROWS}"
    assert "choices" not in book.sheetnames
