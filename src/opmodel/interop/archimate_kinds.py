"""Which entities of the document are which ArchiMate elements, and which of their references
are which relationships: one table read both ways, by the export and by the import."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from opmodel.document.base import Entity
from opmodel.document.design import Application, Contract, OrgUnit, Practice, Vendor
from opmodel.document.roadmap import Initiative
from opmodel.document.shapes import shapes
from opmodel.document.strategy import Capability

Layer = Literal["business", "application", "implementation"]


@dataclass(frozen=True)
class ElementKind:
    """An entity collection of the document and the ArchiMate element type it becomes."""

    key: str  # also the prefix of its identifiers: id-<key>-<entity id>
    archimate: str
    where: tuple[str, ...]
    model: type[Entity]
    layer: Layer


KINDS: tuple[ElementKind, ...] = (
    ElementKind("unit", "BusinessActor", ("design", "organization", "units"), OrgUnit,
                "business"),
    ElementKind("vendor", "BusinessActor", ("design", "sourcing", "vendors"), Vendor,
                "business"),
    ElementKind("capability", "Capability", ("strategy", "capabilities"), Capability,
                "business"),
    ElementKind("practice", "BusinessProcess", ("design", "processes"), Practice, "business"),
    ElementKind("contract", "Contract", ("design", "sourcing", "contracts"), Contract,
                "business"),
    ElementKind("application", "ApplicationComponent", ("design", "technology", "applications"),
                Application, "application"),
    ElementKind("initiative", "WorkPackage", ("roadmap", "initiatives"), Initiative,
                "implementation"),
)
KIND = {k.key: k for k in KINDS}


@dataclass(frozen=True)
class RelationKind:
    """A reference of the document as an ArchiMate relationship: ``source`` --type--> ``target``;
    the reference is the field ``field`` of the source entity or, when ``on_target``, of the
    target entity; ``many`` when the field is a list."""

    source: str
    type: str
    target: str
    field: str
    on_target: bool = False
    many: bool = True


# each is a relationship ArchiMate allows between the two element types (Archi checks them)
RELATIONS: tuple[RelationKind, ...] = (
    RelationKind("unit", "Composition", "unit", "parent", on_target=True, many=False),
    RelationKind("application", "Realization", "capability", "capabilities"),
    RelationKind("application", "Serving", "unit", "owner", many=False),
    RelationKind("vendor", "Association", "application", "vendor", on_target=True, many=False),
    RelationKind("vendor", "Association", "contract", "vendor", on_target=True, many=False),
    RelationKind("contract", "Association", "initiative", "initiatives"),
    RelationKind("initiative", "Realization", "capability", "capabilities"),
    RelationKind("initiative", "Realization", "application", "applications"),
    RelationKind("initiative", "Triggering", "initiative", "depends_on", on_target=True),
)
# a sourcing decision: the vendors that deliver a capability realise it
SOURCING = RelationKind("vendor", "Realization", "capability", "vendors")
PLATEAUS = ("current", "target")
DERIVED_PROPERTIES = {"initiative": ("cost",)}  # written for the reader, never read back
_PREFIX = re.compile(r"^id-(" + "|".join(sorted({k.key for k in KINDS} | {"plateau"}))
                     + r")-([a-z0-9]+(?:[-_.][a-z0-9]+)*)$")


def identifier(kind: str, entity_id: str) -> str:
    """The stable identifier (an xs:ID) of an entity: ``id-<kind>-<id>``."""
    return f"id-{kind}-{entity_id}"


def relationship_identifier(source: str, kind: str, target: str) -> str:
    """The stable identifier of a relationship between two identifiers ("--" is in no slug)."""
    return f"{source}--{kind.lower()}--{target.removeprefix('id-')}"


def parse_identifier(text: str) -> tuple[str, str] | None:
    """The kind and entity id an identifier written by the export names, else None."""
    found = _PREFIX.match(text)
    return (found.group(1), found.group(2)) if found else None


def property_fields(kind: ElementKind) -> tuple[str, ...]:
    """The fields of an entity written as properties: its plain values (text, numbers, dates,
    choices), neither references nor lists, nor its id, name and description."""
    relation_fields = {r.field for r in RELATIONS if (r.target if r.on_target else r.source)
                       == kind.key}
    return tuple(shape.alias for shape in shapes(kind.model).values()
                 if shape.container == "value" and shape.ref is None and shape.model is None
                 and shape.alias not in ("id", "name", "description")
                 and shape.alias not in relation_fields)
