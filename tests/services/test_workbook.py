"""The Excel round trip: every example exported and read back unchanged in both languages,
edits in Excel as a change set (added, updated, removed), a new model from a book, headers in
ja or en, and every problem at its sheet, row and column with nothing imported."""

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
from support.builders import model

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*/*.yaml"))
EXAMPLES = [p for p in EXAMPLES if p.name in ("current.yaml", "target.yaml")]


def _small():
    return model(
        design={"technology": {"applications": [
                    {"id": "app-crm", "name": "CRM", "vendor": "v-sier", "lifecycle": "active",
                     "annual_cost": 1_200_000, "users": 50}]},
                "sourcing": {"vendors": [{"id": "v-sier", "name": "SIer", "services": ["ops"]}],
                             "contracts": [{"id": "c-1", "vendor": "v-sier",
                                            "start": "2025-04-01", "annual_value": 900_000}]},
                "organization": {"roles": [{"id": "cio"}, {"id": "bu-head"}]},
                "governance": {"decisions": [{"id": "invest", "name": "Investment",
                                              "domain": "it_investment",
                                              "rights": {"cio": "A", "bu-head": "C"}}]}},
        roadmap={"initiatives": [
            {"id": "cloud", "name": "Cloud move", "components": ["technology"],
             "duration": {"optimistic": 4, "most_likely": 6, "pessimistic": 10},
             "mandatory": True, "deadline": "2027-03-31", "depends_on": ["itsm"],
             "costs": [{"id": "licences", "category": "opex", "amount": 5_000_000},
                       {"id": "training", "category": "training", "amount": 800_000}]},
            {"id": "itsm", "name": "ITSM"}]},
        kpis={"definitions": [{"id": "uptime", "unit": "%", "direction": "higher",
                               "aggregation": "mean",
                               "target": 99.9, "scope": {"kind": "service", "id": "crm"}}]},
        change={"stakeholders": [{"id": "ops-team", "name": "Ops", "outsourced": True,
                                  "vendor": "v-sier", "influence": 4,
                                  "stance": "skeptical"}]})


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


def _save(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_comes_back_unchanged(path: Path, lang: str) -> None:
    original = load(path)
    result = import_workbook(export_workbook(original, lang), "book.xlsx", original)
    assert result.ok, (result.issues, result.problems)
    assert result.changes is not None and result.changes.empty
    assert result.model is not None and result.model.dump_data() == original.dump_data()
    assert all(not (s.added or s.updated or s.removed) for s in result.sheets)
    assert {s.kind for s in result.sheets} == {"applications", "vendors", "contracts",
                                               "initiatives", "costs", "dependencies",
                                               "demand", "impact", "kpis",
                                               "stakeholders", "decision_rights"}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_book_makes_a_new_model_with_the_same_lists(lang: str) -> None:
    original = _small()
    book = _book(export_workbook(original, lang))
    rights = book.worksheets[-2]  # before the hidden choices
    assert rights.title == {"en": "decision rights", "ja": "意思決定権限"}[lang]
    # a new model has no roles: the rights name holders it does not know, at their cells
    result = import_workbook(_save(book), "book.xlsx", None)
    assert not result.ok and {(i.row, i.column, i.code) for i in result.issues} == {
        (2, "cio", "document.rights_holder_unknown"),
        (2, "bu-head", "document.rights_holder_unknown")}
    book.remove(rights)
    result = import_workbook(_save(book), "book.xlsx", None)
    assert result.ok and result.changes is None and result.model is not None
    new, old = result.model.dump_data(), original.dump_data()
    assert new["metadata"]["name"] == "t"
    for section in ("kpis", "change"):
        assert new[section] == old[section]
    assert new["design"]["technology"] == old["design"]["technology"]
    assert new["design"]["sourcing"] == old["design"]["sourcing"]
    cloud = result.model.roadmap.initiatives[0]
    assert cloud.duration.most_likely == 6 and cloud.mandatory
    assert [d.initiative for d in cloud.depends_on] == ["itsm"]
    assert [(c.id, c.amount) for c in cloud.costs] == [("licences", 5e6), ("training", 8e5)]


def test_edits_in_excel_are_a_change_set_by_entry() -> None:
    original = _small()
    book = _book(export_workbook(original, "ja"))
    apps = book["アプリケーション"]
    heads = [c.value for c in apps[1]]
    apps.cell(row=2, column=heads.index("利用者数") + 1, value=75)
    apps.append({heads.index("ID") + 1: "app-erp", heads.index("名称") + 1: "ERP",
                 heads.index("ライフサイクル") + 1: "計画中"})
    costs = book["施策コスト"]
    costs.delete_rows(3)  # the training cost
    rights = book["意思決定権限"]
    holders = [c.value for c in rights[1]]
    rights.cell(row=2, column=holders.index("bu-head") + 1, value="R")
    result = import_workbook(_save(book), "book.xlsx", original)
    assert result.ok, result.issues
    by = {s.kind: s for s in result.sheets}
    assert (by["applications"].added, by["applications"].updated) == (["app-erp"], ["app-crm"])
    assert by["costs"].removed == ["cloud/training"] and by["costs"].added == []
    assert by["decision_rights"].updated == ["invest"] and by["vendors"].updated == []
    assert result.changes is not None
    paths = {op.path for op in result.changes.operations}
    assert "design.technology.applications[app-crm].users" in paths
    assert "roadmap.initiatives[cloud].costs[training]" in paths
    # the change set is what the import made: applied to the model, it gives the new one
    again = apply(result.changes, original)
    assert again.dump_data() == result.model.dump_data()
    invest = result.model.design.governance.decisions[0]
    assert invest.domain == "it_investment" and invest.rights == {"cio": "A", "bu-head": "R"}
    assert result.model.roadmap.initiatives[0].depends_on[0].initiative == "itsm"


def test_english_headers_read_into_a_japanese_book() -> None:
    book = _book(export_workbook(_small(), "ja"))
    apps = book["アプリケーション"]
    for cell in apps[1]:
        if cell.value == "ライフサイクル":
            cell.value = "lifecycle"
    book["アプリケーション"].title = "applications"
    result = import_workbook(_save(book), "book.xlsx", _small())
    assert result.ok and result.changes is not None and result.changes.empty


def test_each_problem_names_its_sheet_row_and_column_and_nothing_is_imported() -> None:
    book = _book(export_workbook(_small(), "en"))
    apps = book["applications"]
    heads = [c.value for c in apps[1]]
    apps.cell(row=2, column=heads.index("lifecycle") + 1, value="sometimes")
    apps.cell(row=2, column=heads.index("users") + 1, value="many")
    costs = book["initiative costs"]
    costs.append(["no-such-initiative", "x", "opex", 1])
    book["KPIs"].append(["uptime"])  # the same id twice
    result = import_workbook(_save(book), "book.xlsx", _small())
    assert not result.ok and result.model is None and result.changes is None
    found = {(s.sheet, i.row, i.column, i.code) for s in result.sheets for i in s.issues}
    assert found == {
        ("applications", 2, "lifecycle", "inventory_sheet.bad_choice"),
        ("applications", 2, "users", "validation.int_parsing"),
        ("initiative costs", 4, "initiative", "workbook.unknown_initiative"),
        ("KPIs", 3, "ID", "inventory_sheet.duplicate_id")}


def test_a_refused_required_cell_is_said_once() -> None:
    book = _book(export_workbook(_small(), "ja"))
    costs = book["施策コスト"]
    heads = [c.value for c in costs[1]]
    costs.cell(row=2, column=heads.index("区分") + 1, value="人件費")  # no such category
    result = import_workbook(_save(book), "book.xlsx", _small())
    found = [(i.row, i.column, i.code) for s in result.sheets for i in s.issues]
    assert found == [(2, "区分", "inventory_sheet.bad_choice")]  # not also "missing"


def test_a_component_by_its_short_name() -> None:
    book = _book(export_workbook(_small(), "ja"))
    sheet = book["施策"]
    heads = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=heads.index("構成要素") + 1, value="技術, ガバナンス")
    result = import_workbook(_save(book), "book.xlsx", _small())
    assert result.ok and result.model is not None, result.issues
    assert [str(c) for c in result.model.roadmap.initiatives[0].components] == [
        "technology", "governance"]


def test_a_removed_entry_still_referred_to_is_a_problem_of_the_model() -> None:
    book = _book(export_workbook(_small(), "en"))
    book["vendors"].delete_rows(2)
    result = import_workbook(_save(book), "book.xlsx", _small())
    assert not result.ok
    found = {(s.kind, i.row, i.column, i.code) for s in result.sheets for i in s.issues}
    assert found == {(kind, 2, "vendor", "document.dangling_reference_in")
                     for kind in ("applications", "contracts", "stakeholders")}


def test_a_sheet_without_an_id_column_is_refused() -> None:
    book = _book(export_workbook(_small(), "en"))
    book["vendors"]["A1"].value = "code"
    with pytest.raises(DocumentError) as caught:
        import_workbook(_save(book), "book.xlsx", _small())
    assert caught.value.problems[0].code == "inventory_sheet.no_id"


def test_sheets_that_hold_no_list_are_skipped_and_named() -> None:
    book = _book(export_workbook(_small(), "en"))
    book.create_sheet("notes").append(["anything"])
    result = import_workbook(_save(book), "book.xlsx", _small())
    assert result.ok and result.skipped == {"notes": 0}
