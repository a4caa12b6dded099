"""Inventories from spreadsheets: headers and choices read in ja or en, entries added or
updated field by field, all or nothing with each problem at its row and column, and the
command prints exactly the use case's result."""

from __future__ import annotations

from pathlib import Path

import pytest

from opmodel.document import DocumentError
from opmodel.interop.inventory_sheets import read_inventory
from opmodel.interop.model_files import load
from opmodel.services.inventory import import_inventory, inventory_columns
from support.builders import model
from support.results import assert_json_is_the_result

DESIGN = {
    "technology": {"applications": [
        {"id": "app-crm", "name": "CRM", "lifecycle": "active", "annual_cost": 100,
         "users": 50}]},
    "sourcing": {"vendors": [{"id": "v-sier", "name": "SIer"}],
                 "contracts": [{"id": "c-old", "vendor": "v-sier", "start": "2025-04-01"}]},
}


def _model():
    return model(design=DESIGN, strategy={"capabilities": [{"id": "cap-a"}, {"id": "cap-b"}]})


def _sheet(tmp_path: Path, text: str):
    path = tmp_path / "inventory.csv"
    path.write_text(text, encoding="utf-8")
    return read_inventory(path)


def test_rows_update_the_fields_given_and_add_new_entries(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, "ID,名称,ライフサイクル,TIME 区分,annual cost,vendor,"
                             "capabilities,memo\n"
                             "app-crm,,段階的廃止,,,,,x\n"
                             "app-erp,ERP,active,Invest,\"1,200,000\",v-sier,\"cap-a、cap-b\",\n")
    result = import_inventory(_model(), sheet, "applications")
    assert result.issues == [] and result.added == ["app-erp"] and result.updated == ["app-crm"]
    assert result.ignored_columns == ["memo"] and result.model is not None
    apps = {a.id: a for a in result.model.design.technology.applications}
    crm, erp = apps["app-crm"], apps["app-erp"]
    assert (crm.name, crm.lifecycle, crm.annual_cost, crm.users) == ("CRM", "phase_out", 100, 50)
    assert (erp.lifecycle, erp.time, erp.annual_cost, erp.vendor) == (
        "active", "invest", 1_200_000, "v-sier")
    assert erp.capabilities == ["cap-a", "cap-b"]


def test_contract_dates_as_the_document_accepts_them(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, "id,vendor,開始日,end,年間契約額\n"
                             "c-new,v-sier,2027/04/01,2028-03-31 00:00:00,５００\n"
                             "c-old,,,２０２９／０３／３１,\n")
    result = import_inventory(_model(), sheet, "contracts")
    assert result.issues == [] and result.model is not None
    found = {c.id: c for c in result.model.design.sourcing.contracts}
    assert (str(found["c-new"].start), str(found["c-new"].end)) == ("2027-04-01", "2028-03-31")
    assert found["c-new"].annual_value == 500
    assert (str(found["c-old"].start), str(found["c-old"].end)) == ("2025-04-01", "2029-03-31")


def test_vendors_with_their_services_as_a_list(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, "id,name,services,country\nv-cloud,Cloud,\"IaaS, PaaS\",JP\n")
    result = import_inventory(_model(), sheet, "vendors")
    assert result.model is not None
    cloud = result.model.design.sourcing.vendors[-1]
    assert (cloud.id, cloud.services, cloud.country) == ("v-cloud", ["IaaS", "PaaS"], "JP")


def test_every_problem_is_named_by_row_and_column_and_nothing_is_kept(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, "id,lifecycle,users,functional fit\n"
                             "app-crm,sometimes,,\n"
                             "app-new,,many,9\n"
                             "app-new,,,\n"
                             ",active,,\n")
    result = import_inventory(_model(), sheet, "applications")
    assert result.model is None
    assert [(i.row, i.column, i.code) for i in result.issues] == [
        (2, "lifecycle", "inventory_sheet.bad_choice"),
        (3, "users", "validation.int_parsing"),
        (3, "functional fit", "validation.less_than_equal"),
        (4, "id", "inventory_sheet.duplicate_id"),
        (5, "id", "inventory_sheet.no_id_cell")]
    assert result.issues[1].value == "many"


def test_a_reference_to_a_missing_vendor_is_placed_at_its_cell(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, "id,vendor\nc-old,v-nobody\n")
    result = import_inventory(_model(), sheet, "contracts")
    assert result.model is None
    assert [(i.row, i.column, i.value) for i in result.issues] == [(2, "vendor", "v-nobody")]


def test_a_sheet_without_an_id_column_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        import_inventory(_model(), _sheet(tmp_path, "name\nCRM\n"), "applications")
    assert caught.value.problems[0].code == "inventory_sheet.no_id"


def test_columns_follow_the_fields_of_the_document() -> None:
    columns = {c.field: c for c in inventory_columns("applications")}
    assert columns["time"].choices == ["tolerate", "invest", "migrate", "eliminate"]
    assert columns["capabilities"].type == "list" and columns["annual_cost"].type == "number"
    contracts = {c.field: c.type for c in inventory_columns("contracts")}
    assert contracts["start"] == "date" and "service_levels" not in contracts


def test_the_command_prints_the_use_case_result(tmp_path: Path) -> None:
    source = Path(__file__).parents[2] / "examples" / "regional-bank" / "current.yaml"
    target = tmp_path / "current.yaml"
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    table = tmp_path / "apps.csv"
    table.write_text("id,name,lifecycle\napp-new,New,計画中\napp-fx,,廃止済み\n",
                     encoding="utf-8")
    m = load(target)
    expected = import_inventory(m, read_inventory(table), "applications")
    out = tmp_path / "out.yaml"
    assert_json_is_the_result(["inventory", "import", str(table), "--into", str(target),
                               "--kind", "applications", "--out", str(out)], expected)
    apps = {a.id: a for a in load(out).design.technology.applications}
    assert apps["app-new"].lifecycle == "plan" and apps["app-fx"].lifecycle == "retired"
    assert load(target) == m  # --out leaves the model itself as it was
