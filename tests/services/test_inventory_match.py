"""Tools' exports read as column dialects of the one inventory import: a LeanIX workbook (a
sheet per fact-sheet type) and a ServiceNow export of business applications, their columns
matched automatically (English or Japanese headers), a mapping overriding the match, ids made
from names, references found by name, and the match shown before anything is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from opmodel.document import DocumentError
from opmodel.document.io import dumps
from opmodel.interop.inventory_sheets import read_inventory, read_inventory_book
from opmodel.interop.model_files import load
from opmodel.services.inventory import import_inventory
from opmodel.services.inventory_match import compact, made_id, slug
from support.builders import model
from support.cli import run
from support.results import assert_json_is_the_result

DATA = Path(__file__).parents[1] / "data" / "inventory"
CLOUDIA = {"id": "cloudia", "name": "Cloudia"}


def _insurer(*vendors: dict[str, str]):
    return model(design={"sourcing": {"vendors": [{"id": "mirai", "name": "Mirai Systems"},
                                                  *vendors]},
                         "technology": {"applications": [
                             {"id": "policy-admin", "name": "Policy Admin", "users": 1000,
                              "annual_cost": 5_000_000}]}})


def test_headers_and_slugs_are_compared_loosely() -> None:
    assert compact(" Install_Status ") == compact("install status") == "installstatus"
    assert slug("Claims Portal (v2)") == "claims-portal-v2" and slug("代理店ポータル") is None
    assert made_id("applications", "代理店ポータル", "5b1e2c8a-0d1f", {}) == "app-5b1e2c8a-0d1f"
    assert made_id("applications", "policy admin", None, {"policyadmin": "pa"}) == "pa"


def test_a_leanix_workbook_fills_vendors_capabilities_and_applications() -> None:
    result = import_inventory(_insurer(), read_inventory_book(DATA / "leanix-export.xlsx"),
                              dialect="leanix")
    assert result.issues == [] and result.model is not None
    assert [(s.sheet, s.kind) for s in result.sheets] == [
        ("Provider", "vendors"), ("BusinessCapability", "capabilities"),
        ("Application", "applications")]
    assert result.skipped_sheets == {"ITComponent": 1}
    apps_sheet = result.sheets[2]
    assert apps_sheet.columns == {
        "name": "name", "description": "description", "lifecycle": "lifecycle",
        "functionalSuitability": "functional_fit", "technicalSuitability": "technical_fit",
        "relApplicationToBusinessCapability": "capabilities",
        "relApplicationToProvider": "vendor"}
    assert apps_sheet.source_id == "id" and apps_sheet.ignored_columns == ["type", "tags"]
    assert result.sheets[0].updated == ["mirai"] and result.sheets[0].added == ["cloudia"]
    assert apps_sheet.updated == ["policy-admin"]
    apps = {a.id: a for a in result.model.design.technology.applications}
    assert set(apps) == {"policy-admin", "claims-portal", "app-5b1e2c8a-0d1f-4a3b-9e6f-1a2b3c4d5e03"}
    policy, portal = apps["policy-admin"], apps["claims-portal"]
    assert (policy.vendor, policy.capabilities, policy.functional_fit, policy.technical_fit) == (
        "mirai", ["underwriting", "claims-handling"], 3, 2)
    assert policy.users == 1000  # no column for it: kept
    assert (portal.lifecycle, portal.vendor, portal.technical_fit) == ("plan", "cloudia", 4)
    assert apps["app-5b1e2c8a-0d1f-4a3b-9e6f-1a2b3c4d5e03"].lifecycle == "phase_out"
    caps = {c.id: c.name for c in result.model.strategy.capabilities}
    assert caps == {"underwriting": "Underwriting", "claims-handling": "Claims Handling"}


@pytest.mark.parametrize(("name", "lifecycles"), [
    ("servicenow-business-apps.csv", {"policy-admin": "active", "claims-portal": "plan",
                                      "broker-gateway": "retired"}),
    ("servicenow-business-apps-ja.csv", {"apm0002001": "active", "apm0002002": "retired"}),
])
def test_a_servicenow_export_is_matched_in_english_or_japanese(
        name: str, lifecycles: dict[str, str]) -> None:
    base = _insurer(CLOUDIA)
    result = import_inventory(base, read_inventory(DATA / name), dialect="servicenow")
    assert result.issues == [] and result.model is not None
    [sheet] = result.sheets
    assert sheet.kind == "applications" and sheet.source_id in ("number", "番号")
    assert set(sheet.columns.values()) >= {"name", "description", "lifecycle", "vendor"}
    assert len(sheet.ignored_columns) >= 2  # owned_by, business_criticality
    apps = {a.id: a for a in result.model.design.technology.applications}
    assert {k: apps[k].lifecycle for k in lifecycles} == lifecycles
    first = apps[next(iter(lifecycles))]
    assert first.vendor == "mirai"  # found by the vendor's name


def test_a_mapping_overrides_the_match() -> None:
    from opmodel.interop.inventory_sheets import load_column_mapping

    sheet = read_inventory(DATA / "servicenow-renamed.csv")
    unmapped = import_inventory(_insurer(CLOUDIA), sheet, dialect="servicenow")
    assert "display_name" in unmapped.sheets[0].ignored_columns  # no name: ids from numbers
    mapping = load_column_mapping(DATA / "servicenow-mapping.yaml")
    result = import_inventory(_insurer(), sheet, dialect="servicenow", mapping=mapping)
    assert result.issues == [] and result.model is not None
    read = result.sheets[0]
    assert read.columns["display_name"] == "name"
    assert read.columns["operational_status"] == "lifecycle"
    assert "vendor" in read.ignored_columns and "install_status" not in read.columns
    apps = {a.id: a for a in result.model.design.technology.applications}
    assert apps["broker-gateway"].lifecycle == "phase_out"  # Non-Operational, not Retired
    assert apps["claims-portal"].vendor is None


def test_a_mapping_naming_what_is_not_there_is_refused() -> None:
    sheet = read_inventory(DATA / "servicenow-business-apps.csv")
    for mapping, code in (({"*": {"colour": "name"}}, "inventory_sheet.mapping_field"),
                          ({"*": {"name": "title"}}, "inventory_sheet.mapping_column")):
        with pytest.raises(DocumentError) as caught:
            import_inventory(_insurer(), sheet, dialect="servicenow", mapping=mapping)
        assert caught.value.problems[0].code == code


def test_row_problems_name_sheet_row_and_column(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(DATA / "leanix-export.xlsx")
    book["Application"]["E3"] = "someday"  # lifecycle of the second application
    book["Application"]["I4"] = "Nobody Ltd"  # a provider the workbook does not have
    path = tmp_path / "leanix.xlsx"
    book.save(path)
    result = import_inventory(_insurer(), read_inventory_book(path), dialect="leanix")
    assert result.model is None
    assert [(i.sheet, i.row, i.column, i.code) for i in result.issues] == [
        ("Application", 3, "lifecycle", "inventory_sheet.bad_choice"),
        ("Application", 4, "relApplicationToProvider", "document.dangling_reference_in")]
    assert result.issues[1].value == "Nobody Ltd"


def test_the_command_shows_the_match_and_writes_nothing_on_a_dry_run(tmp_path: Path) -> None:
    target = tmp_path / "current.yaml"
    target.write_text(dumps(_insurer(CLOUDIA)), encoding="utf-8")
    before = target.read_bytes()
    shown = run("inventory", "import", str(DATA / "leanix-export.xlsx"), "--from", "leanix",
                "--into", str(target), "--dry-run", "--lang", "ja")
    assert shown.code == 0, shown.output
    assert "relApplicationToProvider" in shown.out and "ベンダー (vendor)" in shown.out
    assert "ITComponent" in shown.out and "--dry-run" in shown.out
    assert target.read_bytes() == before
    source = tmp_path / "apps.csv"
    shutil.copy(DATA / "servicenow-business-apps.csv", source)
    expected = import_inventory(load(target), read_inventory(source), dialect="servicenow")
    assert_json_is_the_result(["inventory", "import", str(source), "--from", "servicenow",
                               "--into", str(target)], expected)
    assert {"policy-admin", "claims-portal"} <= {
        a.id for a in load(target).design.technology.applications}
