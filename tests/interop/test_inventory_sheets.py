"""The blank inventory: headers in the language asked, a drop-down for each column of
choices, and a filled template that reads back through the import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from opmodel.interop.model_files import load
from opmodel.knowledge.texts import label
from support.cli import run

EXAMPLE = Path(__file__).parents[2] / "examples" / "regional-bank" / "current.yaml"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_template_has_a_drop_down_per_column_of_choices(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "apps.xlsx"
    result = run("inventory", "template", "--kind", "applications", "--lang", lang,
                 "--out", str(out))
    assert result.code == 0, result.output
    entries, choices = load_workbook(out).worksheets
    heads = [c.value for c in entries[1]]
    assert heads[0] == "ID" and label("inventory_field", "lifecycle", lang) in heads
    checks = entries.data_validations.dataValidation
    assert len(checks) == 2 and all(c.type == "list" for c in checks)
    listed = {col[0].value: [c.value for c in col[1:]] for col in choices.iter_cols()}
    assert listed[label("inventory_field", "time", lang)] == [
        label("time_disposition", v, lang) for v in ("tolerate", "invest", "migrate",
                                                     "eliminate")]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_filled_template_reads_back_into_the_model(tmp_path: Path, lang: str) -> None:
    template, model = tmp_path / "contracts.xlsx", tmp_path / "current.yaml"
    model.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert run("inventory", "template", "--kind", "contracts", "--lang", lang,
               "--out", str(template)).code == 0
    book = load_workbook(template)
    entries = book.worksheets[0]
    heads = [c.value for c in entries[1]]
    row = {label("inventory_field", "id", lang): "ctr-cloud",
           label("inventory_field", "vendor", lang): "vendor-sier",
           label("inventory_field", "start", lang): "2027/04/01",
           label("inventory_field", "end", lang): dt.datetime(2028, 3, 31),
           label("inventory_field", "annual_value", lang): 3_600_000}
    entries.append([row.get(h) for h in heads])
    book.save(template)
    result = run("inventory", "import", str(template), "--into", str(model), "--kind",
                 "contracts")
    assert result.code == 0, result.output
    added = next(c for c in load(model).design.sourcing.contracts if c.id == "ctr-cloud")
    assert (added.vendor, str(added.start), str(added.end), added.annual_value) == (
        "vendor-sier", "2027-04-01", "2028-03-31", 3_600_000)


def test_an_application_picked_from_the_drop_downs_reads_back(tmp_path: Path) -> None:
    template, model = tmp_path / "apps.xlsx", tmp_path / "current.yaml"
    model.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert run("inventory", "template", "--kind", "applications", "--lang", "ja",
               "--out", str(template)).code == 0
    book = load_workbook(template)
    entries, choices = book.worksheets
    heads = [c.value for c in entries[1]]
    offered = {col[0].value: [c.value for c in col[1:]] for col in choices.iter_cols()}
    picked = {"ID": "app-fx", "名称": "外為システム", "ライフサイクル": offered["ライフサイクル"][2],
              "TIME 区分": offered["TIME 区分"][3]}
    entries.append([picked.get(h) for h in heads])
    book.save(template)
    assert run("inventory", "import", str(template), "--into", str(model), "--kind",
               "applications").code == 0
    fx = next(a for a in load(model).design.technology.applications if a.id == "app-fx")
    assert (fx.lifecycle, fx.time, fx.name) == ("phase_out", "eliminate", "外為システム")
    assert (fx.annual_cost, fx.vendor) == (None, None)  # the row's empty cells clear them


def test_service_levels_template_offers_the_models_contracts_and_kpis(tmp_path: Path) -> None:
    template, model = tmp_path / "sla.xlsx", tmp_path / "current.yaml"
    model.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("inventory", "template", "--kind", "service-levels", str(model), "--lang",
                 "en", "--out", str(template))
    assert result.code == 0, result.output
    book = load_workbook(template)
    entries, choices = book.worksheets
    heads = [c.value for c in entries[1]]
    assert heads == ["contract", "metric", "target", "unit", "KPI"]
    offered = {col[0].value: [c.value for c in col[1:] if c.value] for col in choices.iter_cols()}
    current = load(model)
    assert offered["contract"] == [c.id for c in current.design.sourcing.contracts]
    assert offered["KPI"] == [k.id for k in current.kpis.definitions]
    assert len(entries.data_validations.dataValidation) == 2
    contract = offered["contract"][0]
    entries.append([contract, "restore within", 4, "hours", offered["KPI"][1]])
    book.save(template)
    imported = run("inventory", "import", str(template), "--into", str(model), "--kind",
                   "service-levels")
    assert imported.code == 0, imported.output
    levels = next(c for c in load(model).design.sourcing.contracts
                  if c.id == contract).service_levels
    assert (levels[-1].metric, levels[-1].target, levels[-1].kpi) == (
        "restore within", 4, offered["KPI"][1])
