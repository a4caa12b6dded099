"""The roadmap's child sheets of the workbook: each initiative's dependencies, demand and
impact as rows keyed by the initiative and the predecessor, resource or objective, with
drop-downs of the ids; an edit in each sheet as exactly that change; every bad cell, a
predecessor that does not exist and a cycle named at their sheet, row and column."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from opmodel.document import DocumentError
from opmodel.document.changes import apply
from opmodel.interop.model_files import load
from opmodel.services.workbook import import_workbook
from opmodel.services.workbook_export import export_workbook
from opmodel.services.workbook_sheets import LISTS, ChildList, find_list
from support.builders import initiative, model, roadmap

TARGETS = sorted((Path(__file__).parents[2] / "examples").glob("*/target.yaml"))
CHILDREN = [b for b in LISTS if isinstance(b, ChildList)]
DEPENDENCIES, DEMAND, IMPACT = "initiative dependencies", "initiative demand", \
    "initiative impact"


def _plan() -> Any:
    return model(
        strategy={"objectives": [{"id": "obj-cost", "name": "Cost"},
                                 {"id": "obj-speed", "name": "Speed"}]},
        roadmap=roadmap([
            initiative("plan", 2, demand={"team-a": 1}, impact={"obj-cost": 6}),
            initiative("build", 4, depends_on=["plan"], demand={"team-a": 2, "team-b": 1},
                       impact={"obj-speed": 8}),
            initiative("run", 3, depends_on=[{"initiative": "build", "type": "ss", "lag": 2}]),
        ], resources=[{"id": "team-a", "capacity": 3}, {"id": "team-b", "capacity": 1}]))


def _book(lang: str = "en") -> Any:
    return load_workbook(io.BytesIO(export_workbook(_plan(), lang)))


def _save(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rows(sheet: Any) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(values_only=True))


@pytest.mark.parametrize("path", TARGETS, ids=lambda p: p.parent.name)
def test_every_target_roadmap_is_in_the_book_and_comes_back_unchanged(path: Path) -> None:
    original = load(path)
    data = export_workbook(original, "ja")
    book = load_workbook(io.BytesIO(data))
    document = original.dump_data()
    for child in CHILDREN:
        title = next(t for t in book.sheetnames if find_list(t) == child)
        assert len(_rows(book[title])) - 1 == child.count(document)
    assert all(child.count(document) for child in CHILDREN[1:])  # targets have a roadmap
    result = import_workbook(data, "book.xlsx", original)
    assert result.ok and result.changes is not None and result.changes.empty


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_sheets_hold_each_initiatives_dependencies_demand_and_impact(lang: str) -> None:
    book = _book(lang)
    ja = lang == "ja"
    dependencies = book["施策の依存関係" if ja else DEPENDENCIES]
    assert _rows(dependencies) == [
        ("施策", "先行施策", "依存の種類", "ラグ（週）") if ja
        else ("initiative", "predecessor", "dependency type", "lag (weeks)"),
        ("build", "plan", "終了→開始" if ja else "finish-to-start", 0),
        ("run", "build", "開始→開始" if ja else "start-to-start", 2)]
    assert _rows(book["施策の要員" if ja else DEMAND])[1:] == [
        ("plan", "team-a", 1), ("build", "team-a", 2), ("build", "team-b", 1)]
    assert _rows(book["施策の目標寄与" if ja else IMPACT]) == [
        ("施策", "目標", "寄与度（0〜10）") if ja else ("initiative", "objective", "score (0-10)"),
        ("plan", "obj-cost", 6), ("build", "obj-speed", 8)]
    # the initiative and the predecessor offer the ids of the initiatives sheet, rows added
    # there included; a resource or an objective, the model's ids; a type, its labels
    initiatives = "施策" if ja else "initiatives"
    checks = {str(c.sqref).split(":")[0]: c.formula1
              for c in dependencies.data_validations.dataValidation}
    assert checks["A2"] == checks["B2"] == f"'{initiatives}'!$A$2:$A$504"
    choices = book["選択肢" if ja else "choices"]
    lists = {choices.cell(row=1, column=n).value: [
        c.value for c in choices[choices.cell(row=1, column=n).column_letter][1:] if c.value]
        for n in range(1, choices.max_column + 1)}
    head = "{}: {}".format
    assert lists[head(dependencies.title, dependencies["C1"].value)] == (
        ["終了→開始", "開始→開始"] if ja else ["finish-to-start", "start-to-start"])
    demand = book["施策の要員" if ja else DEMAND]
    assert lists[head(demand.title, demand["B1"].value)] == ["team-a", "team-b"]
    impact = book["施策の目標寄与" if ja else IMPACT]
    assert lists[head(impact.title, impact["B1"].value)] == ["obj-cost", "obj-speed"]


def _lag(book: Any) -> None:
    book[DEPENDENCIES]["D3"] = 3


def _new_dependency(book: Any) -> None:
    book[DEPENDENCIES].append(["run", "plan", "start-to-start"])


def _no_dependency(book: Any) -> None:
    book[DEPENDENCIES].delete_rows(2)


def _units(book: Any) -> None:
    book[DEMAND]["C4"] = 0.5


def _new_impact(book: Any) -> None:
    book[IMPACT].append(["run", "obj-cost", 3])


def _no_impact(book: Any) -> None:
    book[IMPACT].delete_rows(2)


EDITS = {
    "lag": (_lag, "dependencies", ([], ["run/build"], []),
            [("replace", "roadmap.initiatives[run].depends_on[build].lag", 3.0)]),
    "new dependency": (_new_dependency, "dependencies", (["run/plan"], [], []),
                       [("add", "roadmap.initiatives[run].depends_on[plan]",
                         {"initiative": "plan", "type": "ss"})]),
    "removed dependency": (_no_dependency, "dependencies", ([], [], ["build/plan"]),
                           [("remove", "roadmap.initiatives[build].depends_on[plan]", None)]),
    "units": (_units, "demand", ([], ["build/team-b"], []),
              [("replace", "roadmap.initiatives[build].demand[team-b]", 0.5)]),
    "new impact": (_new_impact, "impact", (["run/obj-cost"], [], []),
                   [("add", "roadmap.initiatives[run].impact[obj-cost]", 3.0)]),
    "removed impact": (_no_impact, "impact", ([], [], ["plan/obj-cost"]),
                       [("remove", "roadmap.initiatives[plan].impact[obj-cost]", None)]),
}


@pytest.mark.parametrize("case", EDITS)
def test_an_edit_in_a_sheet_is_exactly_that_change(case: str) -> None:
    edit, kind, counted, operations = EDITS[case]
    book = _book()
    edit(book)
    original = _plan()
    result = import_workbook(_save(book), "book.xlsx", original)
    assert result.ok, result.issues
    assert {s.kind: (s.added, s.updated, s.removed) for s in result.sheets
            if s.added or s.updated or s.removed} == {kind: counted}
    assert result.changes is not None and result.model is not None
    assert [(op.op, op.path, getattr(op, "value", None))
            for op in result.changes.operations] == operations
    assert apply(result.changes, original).dump_data() == result.model.dump_data()


BAD = {  # a row added to a sheet → where the problem is: the row, its column, its code
    "type": (DEPENDENCIES, ["run", "plan", "sometimes"],
             (4, "dependency type", "inventory_sheet.bad_choice")),
    "lag": (DEPENDENCIES, ["run", "plan", None, "soon"],
            (4, "lag (weeks)", "validation.float_parsing")),
    "no predecessor": (DEPENDENCIES, ["run", None, "start-to-start"],
                       (4, "predecessor", "inventory_sheet.required_empty")),
    "twice": (DEPENDENCIES, ["run", "build"], (4, "predecessor", "inventory_sheet.duplicate_id")),
    "unknown initiative": (DEPENDENCIES, ["nobody", "plan"],
                           (4, "initiative", "workbook.unknown_initiative")),
    "unknown predecessor": (DEPENDENCIES, ["run", "ghost"],
                            (4, "predecessor", "document.dangling_reference_in")),
    "itself": (DEPENDENCIES, ["build", "build"], (4, "predecessor", "document.self_dependency")),
    "cycle": (DEPENDENCIES, ["plan", "run"], (4, "predecessor", "document.dependency_cycle")),
    "unknown resource": (DEMAND, ["plan", "team-x", 1],
                         (5, "resource", "document.dangling_reference_in")),
    "units": (DEMAND, ["run", "team-a", "many"], (5, "units per week",
                                                  "validation.float_parsing")),
    "over capacity": (DEMAND, ["run", "team-b", 5],
                      (5, "units per week", "document.demand_exceeds_capacity")),
    "score": (IMPACT, ["build", "obj-cost", 11], (4, "score (0-10)",
                                                  "validation.less_than_equal")),
    "unknown objective": (IMPACT, ["run", "obj-none", 1],
                          (4, "objective", "document.dangling_reference_in")),
    "bad objective id": (IMPACT, ["run", "Obj Cost", 1],
                         (4, "objective", "validation.string_pattern_mismatch")),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_cell_is_named_by_sheet_row_and_column_and_nothing_is_imported(
        case: str) -> None:
    title, row, (at, column, code) = BAD[case]
    book = _book()
    book[title].append(row)
    result = import_workbook(_save(book), "book.xlsx", _plan())
    assert not result.ok and result.model is None and result.changes is None
    assert [(s.sheet, i.row, i.column, i.code) for s in result.sheets for i in s.issues] == [
        (title, at, column, code)]
    assert result.problems == []


def test_english_headers_and_titles_read_into_a_japanese_book() -> None:
    book = _book("ja")
    english = _book("en")
    for title in ("施策の依存関係", "施策の要員", "施策の目標寄与"):
        sheet = book[title]
        counterpart = english.worksheets[book.sheetnames.index(title)]
        for cell, other in zip(sheet[1], counterpart[1], strict=True):
            cell.value = other.value
        sheet.title = counterpart.title
    result = import_workbook(_save(book), "book.xlsx", _plan())
    assert result.ok and result.changes is not None and result.changes.empty


def test_a_sheet_left_out_of_the_book_leaves_its_field_as_it_is() -> None:
    book = _book()
    book.remove(book[DEMAND])
    book[DEPENDENCIES].delete_rows(2, 2)
    result = import_workbook(_save(book), "book.xlsx", _plan())
    assert result.ok and result.model is not None
    build = result.model.roadmap.initiatives[1]
    assert build.demand == {"team-a": 2, "team-b": 1} and build.depends_on == []


@pytest.mark.parametrize(("cell", "code"), [("A1", "workbook.no_initiative_column"),
                                            ("B1", "workbook.no_key_column")])
def test_a_sheet_without_its_initiative_or_key_column_is_refused(cell: str, code: str) -> None:
    book = _book()
    book[DEPENDENCIES][cell] = "notes"
    with pytest.raises(DocumentError) as caught:
        import_workbook(_save(book), "book.xlsx", _plan())
    assert [p.code for p in caught.value.problems] == [code]
