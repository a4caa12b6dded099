"""ArchiMate concepts as plain data, between the document and the files that carry them (the
Open Group exchange XML, Archi's CSV trio): elements, relationships, their properties."""

from __future__ import annotations

from dataclasses import dataclass, field

# The ArchiMate exchange format's relationship types, and Archi's class name for each
RELATIONSHIP_TYPES = ("Composition", "Aggregation", "Assignment", "Realization", "Serving",
                      "Access", "Influence", "Triggering", "Flow", "Specialization",
                      "Association")


@dataclass
class Concept:
    """An element or a relationship: identifier, ArchiMate type, name, documentation and
    properties (key → text, in file order)."""

    identifier: str
    type: str
    name: str = ""
    documentation: str = ""
    properties: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # the name in other languages
    source: str = ""  # a relationship's source and target identifiers; empty for an element
    target: str = ""


@dataclass
class ConceptModel:
    """A whole ArchiMate model: its identifier, name, language, elements and relationships.

    ``names`` holds the model's name in other languages (language → text); ``lines`` the
    line of each concept in the file it was read from, when known."""

    identifier: str
    name: str
    language: str | None = None
    documentation: str = ""
    elements: list[Concept] = field(default_factory=list)
    relationships: list[Concept] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    label_language: str | None = None  # the language of the names opmodel gives (views)
    # Dublin Core 1.1 terms describing the model (title, publisher, language, date …)
    dublin_core: dict[str, str] = field(default_factory=dict)


def archi_relationship_class(kind: str) -> str:
    """Archi's class name of a relationship type (``Realization`` → ``RealizationRelationship``)."""
    return f"{kind}Relationship"


def relationship_kind(archi_class: str) -> str:
    """The exchange format's relationship type of one of Archi's class names, or the name as it
    is when it is no relationship class."""
    return archi_class.removesuffix("Relationship") if archi_class.endswith(
        "Relationship") else archi_class
