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


# --- what Archi's importer requires ----------------------------------------------------------
# org.opengroup.archimate.xmlexchange/XMLModelImporter.java (archimatetool/archi): each test
# names the rule of the importer it checks; a file breaking one is refused by Archi or loses
# part of the model there.

ARCHI_TABLE = Path(__file__).parents[1] / "data" / "archimate" / "archi-relationships.xml"
KEYS = {"a": "Access", "c": "Composition", "f": "Flow", "g": "Aggregation", "i": "Assignment",
        "n": "Influence", "o": "Association", "r": "Realization", "s": "Specialization",
        "t": "Triggering", "v": "Serving"}
ARCHI_FOLDERS = {"Strategy", "Business", "Application", "Technology & Physical", "Motivation",
                 "Implementation & Migration", "Other", "Relations", "Views"}


def _archi_table() -> dict[tuple[str, str], set[str]]:
    """(source type, target type) → the relationship types Archi allows between them."""
    root = etree.parse(str(ARCHI_TABLE)).getroot()
    return {(s.get("concept"), t.get("concept")): {KEYS[c] for c in t.get("relations")}
            for s in root.iter("source") for t in s.iter("target")}


def _root(path: Path = EXAMPLES[0], lang: str = "en") -> etree._Element:
    return etree.fromstring(_export(path, lang))


def _concepts(root: etree._Element) -> tuple[dict[str, str], dict[str, etree._Element]]:
    elements = {e.get("identifier"): e.get(XSI_TYPE) for e in root.iter(f"{{{NS}}}element")}
    relationships = {r.get("identifier"): r for r in root.iter(f"{{{NS}}}relationship")}
    return elements, relationships


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_archi_knows_every_type_and_allows_every_relationship(path: Path) -> None:
    # createArchimateConcept(type) is null for a type XMLTypeMapper lacks: the file is refused;
    # a relationship its table does not allow is flagged invalid in the model
    table = _archi_table()
    known = {source for source, _ in table}
    elements, relationships = _concepts(_root(path))
    assert set(elements.values()) <= known
    for ident, found in relationships.items():
        pair = (elements[found.get("source")], elements[found.get("target")])
        assert found.get(XSI_TYPE) in table.get(pair, set()), (ident, pair)


def test_elements_are_always_there_and_identifiers_unique() -> None:
    # parseArchiMateElements throws when <elements> is missing; ids are looked up by value
    from support.builders import model

    bare = etree.fromstring(write_exchange_xml(concepts_of(model("Empty", "en"), "en")))
    assert bare.find(f"{{{NS}}}elements") is not None
    assert schema_errors(etree.tostring(bare)) == []
    root = _root()
    identifiers = [n.get("identifier") for n in root.iter() if n.get("identifier")]
    assert len(identifiers) == len(set(identifiers))


def test_every_property_refers_to_a_named_definition() -> None:
    # addProperties drops a property whose propertyDefinitionRef has no definition with a name
    root = _root()
    named = {d.get("identifier") for d in root.iter(f"{{{NS}}}propertyDefinition")
             if (d.findtext(f"{{{NS}}}name") or "").strip()}
    refs = {p.get("propertyDefinitionRef") for p in root.iter(f"{{{NS}}}property")}
    assert refs and refs <= named


def test_every_relationship_joins_concepts_of_the_file() -> None:
    # parseArchiMateRelations throws when a source or target is no concept of the file
    elements, relationships = _concepts(_root())
    concepts = set(elements) | set(relationships)
    for found in relationships.values():
        assert {found.get("source"), found.get("target")} <= concepts


def test_view_nodes_name_elements_and_have_whole_number_bounds() -> None:
    # addNodes throws when elementRef is no element; getNodeBounds when x, y, w or h is
    # missing, and Integer.valueOf when one is not a whole number
    elements, _ = _concepts(_root())
    nodes = list(_root().iter(f"{{{NS}}}node"))
    assert nodes
    for node in nodes:
        assert node.get("elementRef") in elements
        assert all(node.get(a, "").lstrip("-").isdigit() for a in ("x", "y", "w", "h"))
        for color in node.iter(f"{{{NS}}}fillColor", f"{{{NS}}}lineColor"):
            assert all(0 <= int(color.get(c)) <= 255 for c in "rgb")
            assert 0 <= int(color.get("a")) <= 100  # getRGBAlphaValue: a percentage


def test_connections_join_the_nodes_of_their_relationships_ends() -> None:
    # addConnections throws when relationshipRef is no relationship or a source or target is
    # no node; the nodes must show the relationship's own source and target elements
    root = _root()
    _, relationships = _concepts(root)
    for view in root.iter(f"{{{NS}}}view"):
        shows = {n.get("identifier"): n.get("elementRef") for n in view.iter(f"{{{NS}}}node")}
        for connection in view.iter(f"{{{NS}}}connection"):
            relation = relationships[connection.get("relationshipRef")]
            assert shows[connection.get("source")] == relation.get("source")
            assert shows[connection.get("target")] == relation.get("target")


def test_organizations_put_each_concept_in_archis_folder_for_it() -> None:
    # parseOrganizations: a top-level item whose label is one of Archi's folders fills that
    # folder; an item with an identifierRef and no children is the concept or view it names
    root = _root()
    elements, relationships = _concepts(root)
    views = {v.get("identifier") for v in root.iter(f"{{{NS}}}view")}
    (organizations,) = root.findall(f"{{{NS}}}organizations")
    placed: dict[str, str] = {}
    for folder in organizations.findall(f"{{{NS}}}item"):
        label = folder.findtext(f"{{{NS}}}label")
        assert label in ARCHI_FOLDERS and folder.get("identifierRef") is None
        for item in folder.findall(f"{{{NS}}}item"):
            assert len(item) == 0 and item.get("identifierRef") not in placed
            placed[item.get("identifierRef")] = label
    assert set(placed) == set(elements) | set(relationships) | views
    assert {placed[i] for i, t in elements.items() if t == "WorkPackage"} == {
        "Implementation & Migration"}
    assert {placed[i] for i, t in elements.items() if t == "ApplicationComponent"} == {
        "Application"}
    assert {placed[i] for i in relationships} == {"Relations"}
    assert {placed[i] for i in views} == {"Views"}


def test_dublin_core_metadata_describes_the_model() -> None:
    # Archi's exporter writes it so (schema "Dublin Core", version 1.1, then dc: terms) and
    # its validator checks it against dc.xsd, as schema_errors does here
    path = next(p for p in EXAMPLES if p.name == "target.yaml")
    document = load(path)
    root = _root(path)
    metadata = root.find(f"{{{NS}}}metadata")
    assert metadata.findtext(f"{{{NS}}}schema") == "Dublin Core"
    assert metadata.findtext(f"{{{NS}}}schemaversion") == "1.1"
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert metadata.findtext(f"{dc}title") == document.metadata.name
    assert metadata.findtext(f"{dc}publisher") == document.metadata.organisation
    assert metadata.findtext(f"{dc}language") == document.metadata.language.value
    assert "http://purl.org/dc/elements/1.1/" in root.get(
        "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")
    assert schema_errors(etree.tostring(root)) == []
