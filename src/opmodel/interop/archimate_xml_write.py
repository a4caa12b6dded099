"""ArchiMate concepts written as an Open Group Model Exchange File (archimate3_Diagram.xsd), as
Archi's exchange plugin reads it: Dublin Core metadata, elements, relationships, Archi's
folders, property definitions and a view per layer; the same concepts always give the same
bytes."""

from __future__ import annotations

import re
from typing import Any

from opmodel.interop.archimate_concepts import Concept, ConceptModel
from opmodel.interop.archimate_views import FILL, HEIGHT, WIDTH, layout_views
from opmodel.knowledge.texts import label

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
DC = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# where Archi's exporter says the schemas are (the Dublin Core one as the Open Group ships it)
SCHEMA_LOCATION = f"{NS} {NS}archimate3_Diagram.xsd"
DC_SCHEMA_LOCATION = f"{DC} http://www.opengroup.org/xsd/archimate/3.1/dc.xsd"
DC_TERMS = ("title", "creator", "subject", "description", "publisher", "contributor", "date",
            "type", "format", "identifier", "source", "language", "relation", "coverage",
            "rights")
# Archi's top-level folders (their names as Archi gives them, which its importer matches) and
# the element types each holds; any other type goes to "Other"
FOLDERS = {"Strategy": {"Capability", "Resource", "CourseOfAction", "ValueStream"},
           "Business": {"BusinessActor", "BusinessRole", "BusinessCollaboration",
                        "BusinessInterface", "BusinessProcess", "BusinessFunction",
                        "BusinessInteraction", "BusinessEvent", "BusinessService",
                        "BusinessObject", "Contract", "Representation", "Product"},
           "Application": {"ApplicationComponent", "ApplicationCollaboration",
                           "ApplicationInterface", "ApplicationFunction",
                           "ApplicationInteraction", "ApplicationProcess", "ApplicationEvent",
                           "ApplicationService", "DataObject"},
           "Motivation": {"Stakeholder", "Driver", "Assessment", "Goal", "Outcome",
                          "Principle", "Requirement", "Constraint", "Meaning", "Value"},
           "Implementation & Migration": {"WorkPackage", "Deliverable", "ImplementationEvent",
                                          "Plateau", "Gap"}}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")
# characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE and U+FFFF)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters an XML file cannot hold."""
    return _NOT_XML.sub("", text)


def _tag(name: str) -> str:
    return f"{{{NS}}}{name}"


_XSI_TYPE = f"{{{XSI}}}type"


def _sub(parent: Any, name: str, text: str | None = None, lang: str | None = None,
         **attributes: str) -> Any:
    attrib = {(_XSI_TYPE if key == "xsi_type" else key): value
              for key, value in attributes.items()}
    if lang:
        attrib[XML_LANG] = lang
    node = parent.makeelement(_tag(name), attrib)  # the parent's own factory: no import
    parent.append(node)
    if text is not None:
        node.text = xml_text(text)
    return node


def _data_type(values: list[str]) -> str:
    if all(v in ("true", "false") for v in values):
        return "boolean"
    if all(_NUMBER.match(v) for v in values):
        return "number"
    if all(_DATE.match(v) for v in values):
        return "date"
    return "string"


def _named(parent: Any, concept: Concept | ConceptModel, lang: str | None,
           others: dict[str, str]) -> None:
    _sub(parent, "name", concept.name, lang)
    for other, text in others.items():
        _sub(parent, "name", text, other)
    if concept.documentation:
        _sub(parent, "documentation", concept.documentation, lang)


def _properties(parent: Any, properties: dict[str, str], definitions: dict[str, str],
                lang: str | None) -> None:
    if not properties:
        return
    holder = _sub(parent, "properties")
    for key, value in properties.items():
        prop = _sub(holder, "property", propertyDefinitionRef=definitions[key])
        _sub(prop, "value", value, lang)


def _definitions(model: ConceptModel) -> dict[str, tuple[str, str]]:
    """Property key → (identifier named after the key, data type), in order of first use."""
    values: dict[str, list[str]] = {}
    for concept in [*model.elements, *model.relationships]:
        for key, value in concept.properties.items():
            values.setdefault(key, []).append(value)
    return {key: ("propid-" + re.sub(r"[^A-Za-z0-9_.-]", "_", key), _data_type(found))
            for key, found in values.items()}


def _views(root: Any, views: list[Any], lang: str | None) -> None:
    if not views:
        return
    diagrams = _sub(_sub(root, "views"), "diagrams")
    for view in views:
        node = _sub(diagrams, "view", identifier=view.identifier, xsi_type="Diagram")
        names = {code: label("archimate_view", view.key, code) for code in ("ja", "en")}
        first = lang if lang in names else "en"
        _sub(node, "name", names[first], first)
        for other in (code for code in names if code != first):
            _sub(node, "name", names[other], other)
        red, green, blue = FILL[view.key]
        for placed in view.nodes:
            shape = _sub(node, "node", identifier=placed.identifier, elementRef=placed.element,
                         xsi_type="Element", x=str(placed.x), y=str(placed.y), w=str(WIDTH),
                         h=str(HEIGHT))
            style = _sub(shape, "style")
            _sub(style, "fillColor", r=str(red), g=str(green), b=str(blue), a="100")
            _sub(style, "lineColor", r="92", g="92", b="92", a="100")
        for relationship, source, target in view.connections:
            _sub(node, "connection", identifier=f"{view.identifier}--{relationship[3:]}",
                 relationshipRef=relationship, xsi_type="Relationship", source=source,
                 target=target)


def _metadata(root: Any, terms: dict[str, str]) -> None:
    """The model's Dublin Core description, as Archi's exporter writes it."""
    holder = _sub(root, "metadata")
    _sub(holder, "schema", "Dublin Core")
    _sub(holder, "schemaversion", "1.1")
    for term in DC_TERMS:
        if terms.get(term):
            node = holder.makeelement(f"{{{DC}}}{term}", {})
            node.text = xml_text(terms[term])
            holder.append(node)


def _organizations(root: Any, model: ConceptModel, views: list[str]) -> None:
    """Archi's folders: each element in the top-level folder of its layer, the relationships
    in "Relations", the views in "Views"; a folder without content is left out."""
    folders: dict[str, list[str]] = {name: [] for name in (*FOLDERS, "Other")}
    for element in model.elements:
        place = next((n for n, types in FOLDERS.items() if element.type in types), "Other")
        folders[place].append(element.identifier)
    folders["Relations"] = [r.identifier for r in model.relationships]
    folders["Views"] = views
    holder = _sub(root, "organizations")
    for name, members in folders.items():
        if not members:
            continue
        item = _sub(holder, "item")
        _sub(item, "label", name, "en")
        for member in members:
            _sub(item, "item", identifierRef=member)


def write_exchange_xml(model: ConceptModel) -> bytes:
    """The exchange file of ``model`` (UTF-8, indented)."""
    from lxml import etree

    lang = model.language
    described = bool(model.dublin_core)
    namespaces: dict[str | None, str] = {None: NS, "xsi": XSI}
    if described:
        namespaces["dc"] = DC
    root = etree.Element(_tag("model"), nsmap=namespaces)
    root.set(f"{{{XSI}}}schemaLocation",
             SCHEMA_LOCATION + (f" {DC_SCHEMA_LOCATION}" if described else ""))
    root.set("identifier", model.identifier)
    _named(root, model, lang, model.names)
    definitions = _definitions(model)
    refs = {key: ident for key, (ident, _) in definitions.items()}
    _properties(root, model.properties, refs, lang)
    if described:
        _metadata(root, model.dublin_core)
    if model.elements:  # Archi refuses a file without elements: an export always has some
        holder = _sub(root, "elements")
        for element in model.elements:
            node = _sub(holder, "element", identifier=element.identifier, xsi_type=element.type)
            _named(node, element, lang, element.names)
            _properties(node, element.properties, refs, lang)
    if model.relationships:
        holder = _sub(root, "relationships")
        for relation in model.relationships:
            node = _sub(holder, "relationship", identifier=relation.identifier,
                        source=relation.source, target=relation.target,
                        xsi_type=relation.type)
            if relation.name:
                _sub(node, "name", relation.name, lang)
            _properties(node, relation.properties, refs, lang)
    views = layout_views(model)
    if model.elements:
        _organizations(root, model, [v.identifier for v in views])
    if definitions:
        holder = _sub(root, "propertyDefinitions")
        for key, (ident, data_type) in definitions.items():
            _sub(_sub(holder, "propertyDefinition", identifier=ident, type=data_type),
                 "name", key)
    _views(root, views, model.label_language or lang)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                pretty_print=True))
