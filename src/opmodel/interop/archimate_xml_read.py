"""An Open Group Model Exchange File read into ArchiMate concepts, safely: the size checked
before parsing, no DTD loaded, no entity expanded, nothing fetched from the network, and a
document that declares a DTD (where entity bombs and external entities live) refused."""

from __future__ import annotations

import codecs
import re
from typing import Any

from opmodel.interop.archimate_concepts import Concept, ConceptModel
from opmodel.interop.exchange_errors import exchange_error
from opmodel.interop.files import DEFAULT_MAX_BYTES
from opmodel.interop.guards import too_large

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, dtd_validation=False, remove_pis=True,
                           remove_comments=True)


_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->)", re.S)


def _doctype_line(raw: bytes) -> int | None:
    """The line of a <!DOCTYPE> before the root element, None when there is none: looked for
    before parsing, so that no parser ever reads an entity declaration."""
    head = raw[:65536]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("latin-1")  # the markup is ASCII in every encoding an XML file uses
    text = text.lstrip("\ufeff\u00ef\u00bb\u00bf")
    at = 0
    while (found := _PROLOG.match(text, at)) is not None and found.end() > at:
        at = found.end()
    rest = text[at:].lstrip()
    if rest.startswith("<!DOCTYPE"):
        return text.count("\n", 0, len(text) - len(rest)) + 1
    return None


def parse_safely(raw: bytes, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    """The root element of ``raw``, or an error naming the file (and the line): larger than
    ``max_bytes``, not well-formed XML, or declaring a DTD."""
    from lxml import etree

    if len(raw) > max_bytes:
        raise too_large(source, len(raw), max_bytes)
    line = _doctype_line(raw)
    if line is not None:
        raise exchange_error("exchange.dtd", file=source, line=line)
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        raise exchange_error("exchange.not_xml", file=source, line=line,
                             reason=str(exc.msg or exc)) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise exchange_error("exchange.dtd", file=source, line=1)
    return root


def _tag(name: str) -> str:
    return f"{{{NS}}}{name}"


def _text(node: Any, name: str, lang: str | None) -> tuple[str, dict[str, str]]:
    """The text of the ``name`` children in ``lang`` (else the first), and the others by
    language."""
    found = {(child.get(XML_LANG) or ""): child.text or ""
             for child in node.findall(_tag(name))}
    if not found:
        return "", {}
    first = lang if lang in found else next(iter(found))
    return found[first], {k: v for k, v in found.items() if k != first and k}


def _properties(node: Any, definitions: dict[str, str], lang: str | None) -> dict[str, str]:
    found = {}
    for prop in node.findall(f"{_tag('properties')}/{_tag('property')}"):
        key = definitions.get(prop.get("propertyDefinitionRef", ""))
        if key is not None:
            found[key] = _text(prop, "value", lang)[0]
    return found


def _concept(node: Any, definitions: dict[str, str], lang: str | None) -> Concept:
    name, names = _text(node, "name", lang)
    return Concept(node.get("identifier", ""), node.get(XSI_TYPE, ""), name,
                   _text(node, "documentation", lang)[0],
                   _properties(node, definitions, lang), names,
                   node.get("source", ""), node.get("target", ""))


def read_exchange_xml(raw: bytes, source: str,
                      max_bytes: int = DEFAULT_MAX_BYTES) -> ConceptModel:
    """The elements and relationships of an exchange file, names in the model's language."""
    root = parse_safely(raw, source, max_bytes)
    if root.tag != _tag("model"):
        raise exchange_error("exchange.not_archimate", file=source, line=root.sourceline or 1,
                             found=str(root.tag))
    first = root.find(_tag("name"))
    lang = first.get(XML_LANG) if first is not None else None
    definitions = {d.get("identifier", ""): _text(d, "name", lang)[0]
                   for d in root.iter(_tag("propertyDefinition"))}
    name, names = _text(root, "name", lang)
    model = ConceptModel(root.get("identifier", ""), name, lang,
                         _text(root, "documentation", lang)[0],
                         properties=_properties(root, definitions, lang), names=names)
    for holder, kept in (("elements", model.elements), ("relationships", model.relationships)):
        for node in root.findall(f"{_tag(holder)}/{_tag(holder[:-1])}"):
            kept.append(_concept(node, definitions, lang))
            model.lines[kept[-1].identifier] = node.sourceline or 0
    return model
