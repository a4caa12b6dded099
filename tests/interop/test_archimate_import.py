"""Concepts back into the document: an export reads back into the same entities (ids, names,
fields, references); a file of another tool gives ids from names, vendors from contracts, and
reports what it leaves out by type and count."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opmodel.document.io import validate_data
from opmodel.interop.archimate_concepts import Concept, ConceptModel
from opmodel.interop.archimate_export import concepts_of, entities
from opmodel.interop.archimate_import import import_concepts, slug_of
from opmodel.interop.archimate_kinds import KINDS
from opmodel.interop.archimate_xml_read import read_exchange_xml
from opmodel.interop.archimate_xml_write import write_exchange_xml
from opmodel.interop.model_files import load

EXAMPLES = sorted((Path(__file__).parents[2] / "src" / "opmodel" / "examples").glob("*/*.yaml"))
DATA = Path(__file__).parents[1] / "data" / "archimate"


def _document(found: dict[str, object]) -> dict[str, object]:
    return {"apiVersion": "opmodel/v1", "kind": "OperatingModel", **found}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_an_export_reads_back_into_the_entities_it_maps(path: Path) -> None:
    model = load(path)
    xml = write_exchange_xml(concepts_of(model, "en"))
    found = import_concepts(read_exchange_xml(xml, "x.xml"), "x.xml")
    assert found.skipped == {} and found.notes == []
    back = validate_data(_document(found.data)).dump_data()
    original = model.dump_data()
    for kind in KINDS:
        before = entities(original, kind.where)
        after = entities(back, kind.where)
        assert [e["id"] for e in after] == [e["id"] for e in before], kind.key
        assert [e.get("name") for e in after] == [e.get("name") for e in before]
        assert found.counts.get(".".join(kind.where), 0) == len(before)
    apps = {a["id"]: a for a in entities(back, ("design", "technology", "applications"))}
    for app in entities(original, ("design", "technology", "applications")):
        for field in ("owner", "vendor", "capabilities", "lifecycle", "time", "annual_cost"):
            assert apps[app["id"]].get(field) == app.get(field), (app["id"], field)
    initiatives = {i["id"]: i for i in entities(back, ("roadmap", "initiatives"))}
    for initiative in entities(original, ("roadmap", "initiatives")):
        prerequisites = [d if isinstance(d, str) else d["initiative"]
                         for d in initiative.get("depends_on", [])]
        assert initiatives[initiative["id"]].get("depends_on", []) == prerequisites
    assert back["metadata"].get("state", "current") == original["metadata"].get("state", "current")


def test_a_file_of_another_tool_reports_what_it_leaves_out() -> None:
    concepts = read_exchange_xml((DATA / "foreign-sample.xml").read_bytes(), "sample.xml")
    found = import_concepts(concepts, "sample.xml")
    assert found.skipped == {"Access": 1, "ApplicationService": 1, "DataObject": 2, "Flow": 1,
                             "Node": 1, "Realization": 1, "Serving": 2}
    assert found.counts == {"design.organization.units": 2, "design.sourcing.vendors": 1,
                            "strategy.capabilities": 1, "design.processes": 1,
                            "design.sourcing.contracts": 1,
                            "design.technology.applications": 2, "roadmap.initiatives": 2}
    codes = [n.code for n in found.notes]
    assert codes == ["exchange.properties_unread", "exchange.bad_property",
                     "exchange.contract_without_vendor"]
    model = validate_data(_document(found.data))
    apps = {a.id: a for a in model.design.technology.applications}  # type: ignore[union-attr]
    assert apps["claims-system"].owner == "claims-department"
    assert apps["claims-system"].functional_fit is None  # "very high" is no level 0-5
    assert apps["claims-system"].lifecycle is not None
    assert apps["ap2"].name == "保険金支払システム" and apps["ap2"].vendor == "acme-hosting"
    contracts = model.design.sourcing.contracts  # type: ignore[union-attr]
    assert [(c.id, c.vendor, str(c.start)) for c in contracts] == [
        ("hosting-agreement", "acme-hosting", "2026-04-01")]
    units = {u.id: u for u in model.design.organization.units}  # type: ignore[union-attr]
    assert units["claims-department"].parent == "head-office"


def test_names_that_repeat_get_distinct_ids() -> None:
    concepts = ConceptModel("id-m", "m", elements=[
        Concept("id-1", "Capability", "Sales"), Concept("id-2", "Capability", "Sales"),
        Concept("id-3", "Capability", "販売")])
    found = import_concepts(concepts, "m.xml")
    ids = [c["id"] for c in found.data["strategy"]["capabilities"]]
    assert ids == ["sales", "sales-2", "3"]


@pytest.mark.parametrize(("text", "slug"), [("Claims Handling", "claims-handling"),
                                            ("Café – Über", "cafe-uber"), ("販売", ""),
                                            ("  --x__y  ", "x-y")])
def test_slugs_keep_letters_and_digits(text: str, slug: str) -> None:
    assert slug_of(text) == slug


NAMES = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES, documentation=st.text(max_size=60), value=NAMES)
def test_any_text_survives_the_exchange_file(name: str, documentation: str, value: str) -> None:
    from opmodel.interop.archimate_xml_write import xml_text

    sent = ConceptModel("id-m", "m", "en", elements=[
        Concept("id-capability-x", "Capability", name, documentation, {"owner": value})])
    back = read_exchange_xml(write_exchange_xml(sent), "x.xml").elements[0]
    assert (back.name, back.documentation) == (xml_text(name), xml_text(documentation))
    assert back.properties == {"owner": xml_text(value)}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES, documentation=st.text(max_size=60))
def test_any_text_survives_archis_csv(tmp_path_factory: pytest.TempPathFactory, name: str,
                                      documentation: str) -> None:
    from opmodel.interop.archi_csv import read_archi_csv, write_archi_csv

    folder = tmp_path_factory.mktemp("csv")
    sent = ConceptModel("id-m", "m", elements=[Concept("id-a", "Capability", name,
                                                       documentation)])
    for file, data in write_archi_csv(sent).items():
        (folder / file).write_bytes(data)
    back = read_archi_csv(folder, "t").elements[0]
    assert (back.name, back.documentation) == (name.replace("\t", " "),
                                               documentation.replace("\t", " "))
