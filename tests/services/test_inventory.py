"""Inventories from spreadsheets: headers and choices read in ja or en, entries added or
updated field by field, all or nothing with each problem at its row and column, and the
command prints exactly the use case's result."""

from __future__ import annotations

from pathlib import Path

import pytest

from opmodel.document import DocumentError
from opmodel.interop.inventory_sheets import read_inventory
from opmodel.interop.model_files import load
from opmodel.knowledge.texts import render
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
    [read] = result.sheets
    assert result.issues == [] and read.added == ["app-erp"] and read.updated == ["app-crm"]
    assert read.ignored_columns == ["memo"] and result.model is not None
    assert read.columns["ライフサイクル"] == "lifecycle" and read.columns["ID"] == "id"
    apps = {a.id: a for a in result.model.design.technology.applications}
    crm, erp = apps["app-crm"], apps["app-erp"]
    # the sheet has no users column: left as it was; its empty name and cost cells clear them
    assert (crm.name, crm.lifecycle, crm.annual_cost, crm.users) == (None, "phase_out", None, 50)
    assert (erp.lifecycle, erp.time, erp.annual_cost, erp.vendor) == (
        "active", "invest", 1_200_000, "v-sier")
    assert erp.capabilities == ["cap-a", "cap-b"]


def test_contract_dates_as_the_document_accepts_them(tmp_path: Path) -> None:
    sheet_text = ("id,vendor,開始日,end,年間契約額\n"
                  "c-new,v-sier,2027/04/01,2028-03-31 00:00:00,５００\n"
                  "c-old,,,２０２９／０３／３１,\n")
    result = import_inventory(_model(), _sheet(tmp_path, sheet_text), "contracts")
    assert [(i.row, i.column, i.code) for i in result.issues] == [
        (3, "vendor", "inventory_sheet.required_empty")]  # every contract needs its vendor
    result = import_inventory(_model(), _sheet(tmp_path, sheet_text.replace(
        "c-old,,", "c-old,v-sier,")), "contracts")
    assert result.issues == [] and result.model is not None
    found = {c.id: c for c in result.model.design.sourcing.contracts}
    assert (str(found["c-new"].start), str(found["c-new"].end)) == ("2027-04-01", "2028-03-31")
    assert found["c-new"].annual_value == 500
    assert (found["c-old"].start, str(found["c-old"].end)) == (None, "2029-03-31")


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
    refused = result.issues[0]  # the choices as the reader's language names them
    assert render(refused.code, refused.params, "ja").endswith(": 計画中、稼働中、段階的廃止、廃止済み")
    assert render(refused.code, refused.params, "en").endswith(
        ": planned, active, phasing out, retired")


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
    levels = {c.field: c for c in inventory_columns("service_levels", _model())}
    assert list(levels) == ["contract", "metric", "target", "unit", "kpi"]
    assert levels["contract"].required and levels["contract"].choices == ["c-old"]
    assert levels["target"].type == "number" and not levels["unit"].required


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


def test_an_empty_cell_clears_an_optional_field_of_a_known_entry_only(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, "id,name,capabilities,users,annual cost\n"
                             "app-crm,,,0,\n"
                             "app-new,,,,\n")
    result = import_inventory(_model(), sheet, "applications")
    assert result.issues == [] and result.model is not None
    apps = {a.id: a for a in result.model.design.technology.applications}
    assert (apps["app-crm"].name, apps["app-crm"].users, apps["app-crm"].annual_cost) == (
        None, 0, None)
    assert apps["app-crm"].lifecycle == "active"  # no lifecycle column: kept
    assert apps["app-new"].capabilities == [] and apps["app-new"].name is None


def test_service_levels_are_keyed_by_contract_and_metric(tmp_path: Path) -> None:
    m = model(design={**DESIGN, "sourcing": {**DESIGN["sourcing"], "contracts": [
        {"id": "c-old", "vendor": "v-sier",
         "service_levels": [{"metric": "availability", "target": 99.5, "unit": "%"}]}]}},
        kpis={"definitions": [{"id": "kpi-uptime", "kpi": "service-availability"}]})
    sheet = _sheet(tmp_path, "契約,指標,目標値,単位,KPI\n"
                             "c-old,availability,99.9,,kpi-uptime\n"
                             "c-old,response,4,hours,\n"
                             "c-none,response,4,hours,\n"
                             "c-old,response,,,\n"
                             "c-old,restore,soon,,\n")
    result = import_inventory(m, sheet, "service_levels")
    assert [(i.row, i.column, i.code) for i in result.issues] == [
        (4, "契約", "inventory_sheet.unknown_parent"),
        (5, "指標", "inventory_sheet.duplicate_id"),
        (5, "目標値", "inventory_sheet.required_empty"),
        (6, "目標値", "validation.float_parsing")]
    assert result.model is None and result.issues[-1].value == "soon"
    result = import_inventory(m, _sheet(tmp_path, "contract,metric,target,unit,kpi\n"
                                                  "c-old,availability,99.9,,kpi-uptime\n"
                                                  "c-old,response,4,hours,\n"), "service_levels")
    assert result.issues == [] and result.model is not None
    assert (result.sheets[0].updated, result.sheets[0].added) == (
        ["c-old/availability"], ["c-old/response"])
    [contract] = result.model.design.sourcing.contracts
    assert [(s.metric, s.target, s.unit, s.kpi) for s in contract.service_levels] == [
        ("availability", 99.9, None, "kpi-uptime"), ("response", 4, "hours", None)]
