"""The document as ArchiMate concepts: each mapped entity an element with its plain fields as
properties, each mapped reference a relationship, and the plateaus of the current and the
target state (the document's elements in the plateau of its state, the initiatives realising
the target)."""

from __future__ import annotations

from typing import Any

from opmodel.document.metadata import ModelState
from opmodel.document.model import OperatingModel
from opmodel.interop.archimate_concepts import Concept, ConceptModel
from opmodel.interop.archimate_kinds import (
    DERIVED_PROPERTIES,
    KINDS,
    PLATEAUS,
    RELATIONS,
    SOURCING,
    ElementKind,
    identifier,
    property_fields,
    relationship_identifier,
)
from opmodel.knowledge.texts import label

LANGUAGES = ("ja", "en")


def entities(data: dict[str, Any], where: tuple[str, ...]) -> list[dict[str, Any]]:
    """The entities at ``where`` in the document's plain data (none when a section is absent)."""
    node: Any = data
    for part in where:
        node = node.get(part) if isinstance(node, dict) else None
    return list(node or [])


def property_text(value: Any) -> str:
    """A plain value as a property's text: true/false, a whole number without ".0"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _properties(kind: ElementKind, entity: dict[str, Any]) -> dict[str, str]:
    found = {f: property_text(entity[f]) for f in property_fields(kind)
             if entity.get(f) is not None}
    if "cost" in DERIVED_PROPERTIES.get(kind.key, ()) and entity.get("costs"):
        found["cost"] = property_text(sum(c["amount"] for c in entity["costs"]))
    return found


def _refs(value: Any) -> list[str]:
    """The ids a reference field holds: one id, a list of ids, or dependencies."""
    items = value if isinstance(value, list) else [value]
    return [item["initiative"] if isinstance(item, dict) else item for item in items
            if item is not None]


def _labelled(kind: str, value: str, lang: str, ident: str, archimate: str) -> Concept:
    """A concept named by a label in ``lang``, with its name in the other language too."""
    return Concept(ident, archimate, label(kind, value, lang),
                   names={other: label(kind, value, other) for other in LANGUAGES
                          if other != lang})


def _dublin_core(model: OperatingModel, language: str) -> dict[str, str]:
    """The model described in Dublin Core terms: its name and description, the organisation
    it is of, its language and date."""
    meta = model.metadata
    found = {"title": meta.name, "description": meta.description or "",
             "publisher": meta.organisation or "",
             "date": meta.as_of.isoformat() if meta.as_of else "", "language": language}
    return {term: text for term, text in found.items() if text}


def concepts_of(model: OperatingModel, lang: str) -> ConceptModel:
    """The ArchiMate concepts of the document; names stay as written, the plateaus' names
    are in ``lang`` (and the other language)."""
    data = model.dump_data()
    language = model.metadata.language.value if model.metadata.language else lang
    result = ConceptModel(identifier="id-opmodel", name=model.metadata.name, language=language,
                          documentation=model.metadata.description or "",
                          label_language=lang, dublin_core=_dublin_core(model, language))
    known: dict[str, set[str]] = {}
    for kind in KINDS:
        rows = entities(data, kind.where)
        known[kind.key] = {row["id"] for row in rows}
        result.elements += [Concept(identifier(kind.key, row["id"]), kind.archimate,
                                    row.get("name") or row["id"], row.get("description") or "",
                                    _properties(kind, row)) for row in rows]
    relationships: list[Concept] = []

    def relate(relation_type: str, source: str, target: str) -> None:
        ident = relationship_identifier(source, relation_type, target)
        relationships.append(Concept(ident, relation_type, source=source, target=target))

    for relation in RELATIONS:
        holder = relation.target if relation.on_target else relation.source
        other = relation.source if relation.on_target else relation.target
        for row in entities(data, next(k.where for k in KINDS if k.key == holder)):
            for ref in _refs(row.get(relation.field)):
                if ref not in known[other]:
                    continue
                ends = (identifier(other, ref), identifier(holder, row["id"]))
                relate(relation.type, *(ends if relation.on_target else ends[::-1]))
    for decision in entities(data, ("design", "sourcing", "decisions")):
        for vendor in decision.get("vendors", []):
            relate(SOURCING.type, identifier("vendor", vendor),
                   identifier("capability", decision["capability"]))
    state = "current" if model.metadata.state is ModelState.current else "target"
    plateaus = {p: identifier("plateau", p) for p in PLATEAUS}
    result.elements += [_labelled("archimate_plateau", p, lang, plateaus[p], "Plateau")
                        for p in PLATEAUS]
    relate("Triggering", plateaus["current"], plateaus["target"])
    for element in result.elements:
        if element.type == "Plateau":
            continue
        if element.type == "WorkPackage":  # ArchiMate: a plateau does not aggregate work
            relate("Realization", element.identifier, plateaus["target"])
        else:
            relate("Aggregation", plateaus[state], element.identifier)
    result.relationships = relationships
    return result
