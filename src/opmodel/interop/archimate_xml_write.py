"""ArchiMate concepts written as an Open Group Model Exchange File (archimate3_Diagram.xsd), as
Archi's exchange plugin reads it: elements, relationships, property definitions and a view per
layer; the same concepts always give the same bytes."""

from __future__ import annotations

import re
from typing import Any

from opmodel.interop.archimate_concepts import Concept, ConceptModel
from opmodel.interop.archimate_views import FILL, HEIGHT, WIDTH, layout_views
from opmodel.knowledge.texts import label

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{NS} {NS}archimate3_Diagram.xsd"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")
# characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE and U+FFFF)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters an XML file cannot hold."""
    return _NOT_XML.sub("", text)


def _tag(name: str) -> str:
    return f"{{{NS}}}{name}"


def _sub(parent: Any, name: str, text: str | None = None, lang: str | None = None,
         **attributes: str) -> Any:
    from lxml import etree

    node = etree.SubElement(parent, _tag(name))
    for key, value in attributes.items():
        node.set(f"{{{XSI}}}type" if key == "xsi_type" else key, value)
    if lang:
        node.set(XML_LANG, lang)
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


def _views(root: Any, model: ConceptModel, lang: str | None) -> None:
    views = layout_views(model)
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


def write_exchange_xml(model: ConceptModel) -> bytes:
    """The exchange file of ``model`` (UTF-8, indented)."""
    from lxml import etree

    lang = model.language
    root = etree.Element(_tag("model"), nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    root.set("identifier", model.identifier)
    _named(root, model, lang, model.names)
    definitions = _definitions(model)
    refs = {key: ident for key, (ident, _) in definitions.items()}
    _properties(root, model.properties, refs, lang)
    if model.elements:
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
    if definitions:
        holder = _sub(root, "propertyDefinitions")
        for key, (ident, data_type) in definitions.items():
            _sub(_sub(holder, "propertyDefinition", identifier=ident, type=data_type),
                 "name", key)
    _views(root, model, model.label_language or lang)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                pretty_print=True))
