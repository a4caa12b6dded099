"""The exchange use cases: the registry of formats, an import as a new model or as a change set
on an existing one (ids kept, a dependency's type and lag kept), and the command printing
exactly the outcome."""

from __future__ import annotations

from pathlib import Path

import pytest

from opmodel.document.changes import apply
from opmodel.interop.model_files import load
from opmodel.services.exchange import FORMATS, export_model, format_for, import_file
from opmodel.services.results import to_data
from support.builders import model
from support.cli import run

EXAMPLES = Path(__file__).parents[2] / "src" / "opmodel" / "examples"
BANK = EXAMPLES / "regional-bank"


def test_the_registry_knows_formats_by_extension() -> None:
    assert {"archimate", "archi-csv"} <= set(FORMATS)
    assert format_for("m.XML") == "archimate"
    assert format_for("m.zip") == format_for("elements.csv") == "archi-csv"
    assert format_for("archi", is_folder=True) == "archi-csv"
    assert format_for("m.docx") is None


@pytest.mark.parametrize("fmt", ["archimate", "archi-csv"])
def test_an_import_into_the_model_it_came_from_changes_nothing(fmt: str, tmp_path: Path) -> None:
    target = load(BANK / "target.yaml")
    exported = export_model(target, fmt, "ja")
    if isinstance(exported, bytes):
        data: bytes | Path = exported
    else:
        for name, content in exported.items():
            (tmp_path / name).write_bytes(content)
        data = tmp_path
    outcome = import_file(data, "bank", fmt, into=target)
    assert outcome.changes is not None and outcome.changes.empty
    assert outcome.imported["design.technology.applications"] == len(
        target.design.technology.applications)  # type: ignore[union-attr]


def test_an_import_into_another_model_is_a_change_set_that_applies() -> None:
    current, target = load(BANK / "current.yaml"), load(BANK / "target.yaml")
    outcome = import_file(export_model(target, "archimate", "en"), "t.xml", "archimate",
                          into=current)
    assert outcome.changes is not None and not outcome.changes.empty
    assert apply(outcome.changes, current).dump_data() == outcome.model.dump_data()
    # the model keeps what ArchiMate does not carry (its profile, its KPIs, its metadata)
    assert outcome.model.metadata == current.metadata
    assert outcome.model.kpis == current.kpis
    apps = {a.id for a in outcome.model.design.technology.applications}  # type: ignore[union-attr]
    assert apps == {a.id for a in current.design.technology.applications} | {  # type: ignore[union-attr]
        a.id for a in target.design.technology.applications}  # type: ignore[union-attr]


def test_a_dependency_keeps_its_type_and_lag_when_merged() -> None:
    plan = model(roadmap={"initiatives": [
        {"id": "a"}, {"id": "b", "depends_on": [{"initiative": "a", "type": "ss", "lag": 2}]}]})
    outcome = import_file(export_model(plan, "archimate", "en"), "p.xml", "archimate",
                          into=plan)
    assert outcome.changes is not None and outcome.changes.empty
    dependency = outcome.model.roadmap.initiatives[1].depends_on[0]  # type: ignore[union-attr]
    assert (dependency.type.value, dependency.lag) == ("ss", 2)


def test_the_command_prints_exactly_the_outcome(tmp_path: Path) -> None:
    xml = tmp_path / "t.xml"
    xml.write_bytes(export_model(load(BANK / "target.yaml"), "archimate", "en"))
    printed = run("import", str(xml), "--into", str(BANK / "current.yaml"), "--dry-run",
                  "--json")
    assert printed.code == 0, printed.err
    outcome = import_file(xml.read_bytes(), str(xml), "archimate", load(BANK / "current.yaml"))
    assert printed.json() == to_data(outcome)
    assert "model" not in printed.json()
