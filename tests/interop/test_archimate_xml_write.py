"""Exports of every example are valid exchange files (the Open Group's schemas, offline), the
same bytes every time, with every mapped entity, relationship and a view per layer."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from opmodel.interop.archimate_export import concepts_of
from opmodel.interop.archimate_kinds import KINDS, parse_identifier
from opmodel.interop.archimate_xml_write import NS, write_exchange_xml
from opmodel.interop.model_files import load
from support.archimate_schema import schema_errors

EXAMPLES = sorted((Path(__file__).parents[2] / "src" / "opmodel" / "examples").glob("*/*.yaml"))
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
ALLOWED = {  # Archi's relationship table for the pairs the export writes
    ("BusinessActor", "Composition", "BusinessActor"), ("ApplicationComponent", "Realization",
                                                        "Capability"),
    ("ApplicationComponent", "Serving", "BusinessActor"),
    ("BusinessActor", "Association", "ApplicationComponent"),
    ("BusinessActor", "Association", "Contract"), ("Contract", "Association", "WorkPackage"),
    ("WorkPackage", "Realization", "Capability"),
    ("WorkPackage", "Realization", "ApplicationComponent"),
    ("WorkPackage", "Triggering", "WorkPackage"), ("BusinessActor", "Realization", "Capability"),
    ("Plateau", "Triggering", "Plateau"), ("WorkPackage", "Realization", "Plateau"),
    *{("Plateau", "Aggregation", t) for t in ("BusinessActor", "Capability", "BusinessProcess",
                                              "Contract", "ApplicationComponent")},
}


def _export(path: Path, lang: str = "en") -> bytes:
    return write_exchange_xml(concepts_of(load(path), lang))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_exports_a_valid_exchange_file(path: Path) -> None:
    xml = _export(path)
    assert schema_errors(xml) == []
    assert xml == _export(path), "a second export differs"


@pytest.mark.parametrize("path", EXAMPLES[:2], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_export_holds_each_mapped_entity_and_only_allowed_relationships(path: Path) -> None:
    model = load(path)
    root = etree.fromstring(_export(path))
    elements = {e.get("identifier"): e.get(XSI_TYPE)
                for e in root.iter(f"{{{NS}}}element")}
    data = model.dump_data()
    for kind in KINDS:
        node: object = data
        for part in kind.where:
            node = node.get(part, {}) if isinstance(node, dict) else {}
        ids = {row["id"] for row in node or []}  # type: ignore[union-attr]
        exported = {parse_identifier(i)[1] for i, t in elements.items()
                    if parse_identifier(i) and parse_identifier(i)[0] == kind.key}  # type: ignore[index]
        assert exported == ids, kind.key
        assert all(elements[f"id-{kind.key}-{i}"] == kind.archimate for i in ids)
    pairs = {(elements[r.get("source")], r.get(XSI_TYPE), elements[r.get("target")])
             for r in root.iter(f"{{{NS}}}relationship")}
    assert pairs <= ALLOWED
    assert ("ApplicationComponent", "Realization", "Capability") in pairs


def test_views_per_layer_connect_only_their_own_nodes() -> None:
    root = etree.fromstring(_export(EXAMPLES[0], "ja"))
    views = root.findall(f".//{{{NS}}}view")
    names = [[(n.get("{http://www.w3.org/XML/1998/namespace}lang"), n.text)
              for n in v.findall(f"{{{NS}}}name")] for v in views]
    assert names[0] == [("ja", "ビジネス"), ("en", "Business")]
    assert [v.get("identifier") for v in views] == ["id-view-business", "id-view-application",
                                                    "id-view-implementation"]
    for view in views:
        nodes = {n.get("identifier") for n in view.findall(f"{{{NS}}}node")}
        places = {(n.get("x"), n.get("y")) for n in view.findall(f"{{{NS}}}node")}
        assert len(places) == len(nodes), "two nodes on one place of the grid"
        connections = view.findall(f"{{{NS}}}connection")
        assert connections
        assert all({c.get("source"), c.get("target")} <= nodes for c in connections)


def test_properties_are_typed_and_named_after_the_fields() -> None:
    root = etree.fromstring(_export(next(p for p in EXAMPLES if p.name == "target.yaml")))
    types = {d.find(f"{{{NS}}}name").text: d.get("type")
             for d in root.iter(f"{{{NS}}}propertyDefinition")}
    assert types["annual_cost"] == "number" and types["lifecycle"] == "string"
    assert types["differentiating"] == "boolean"
