"""ArchiMate concepts read back into the document's plain data: the elements and relationships
the mapping table knows become entities and references, the others are counted by type;
identifiers written by the export give back their ids, others an id made from the name."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from opmodel.interop.archimate_concepts import Concept, ConceptModel
from opmodel.interop.archimate_kinds import (
    DERIVED_PROPERTIES,
    KIND,
    KINDS,
    RELATIONS,
    SOURCING,
    RelationKind,
    parse_identifier,
    property_fields,
)
from opmodel.knowledge.texts import Message

_BY_TYPE = {k.archimate: k.key for k in KINDS if k.key != "vendor"}
_PLATEAU_LINKS = ("Aggregation", "Composition", "Triggering", "Realization")


@dataclass
class ImportedConcepts:
    """What the concepts give the document: its sections as plain data, the entities per
    collection, the foreign types left out (type → count) and notes (messages)."""

    data: dict[str, Any]
    counts: dict[str, int]
    skipped: dict[str, int]
    notes: list[Message] = field(default_factory=list)


def slug_of(text: str) -> str:
    """A slug made of ``text``'s letters and digits (accents dropped), empty when none."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:100].strip("-")


class _Reader:
    def __init__(self, concepts: ConceptModel, source: str) -> None:
        self.concepts = concepts
        self.source = source
        self.skipped: Counter[str] = Counter()
        self.notes: list[Message] = []
        self.ends: dict[str, tuple[str, str]] = {}  # identifier → (kind, id)
        self.rows: dict[str, dict[str, dict[str, Any]]] = {k.key: {} for k in KINDS}
        self.decisions: dict[str, list[str]] = {}
        self.state: str | None = None  # the plateau of opmodel's export that holds the elements

    def note(self, code: str, **params: Any) -> None:
        self.notes.append(Message(code=code, params={"file": self.source, **params}))

    def _kind(self, element: Concept, contracted: set[str]) -> str | None:
        parsed = parse_identifier(element.identifier)
        if parsed and ((parsed[0] == "plateau" and element.type == "Plateau")
                       or (parsed[0] in KIND and KIND[parsed[0]].archimate == element.type)):
            return parsed[0]
        if element.type == "Plateau":
            return "plateau"
        if element.type == "BusinessActor" and element.identifier in contracted:
            return "vendor"
        return _BY_TYPE.get(element.type)

    def _id(self, kind: str, element: Concept) -> str:
        parsed = parse_identifier(element.identifier)
        base = (parsed[1] if parsed and parsed[0] == kind else
                slug_of(element.name) or slug_of(element.identifier.removeprefix("id-"))
                or kind)
        taken = self.rows.get(kind, {})
        found, n = base, 1
        while found in taken:
            n += 1
            found = f"{base}-{n}"
        return found

    def read_elements(self) -> None:
        by_id = {e.identifier: e for e in self.concepts.elements}
        contracted = {end for r in self.concepts.relationships
                      if {by_id.get(r.source, Concept("", "")).type,
                          by_id.get(r.target, Concept("", "")).type} == {"BusinessActor",
                                                                         "Contract"}
                      for end in (r.source, r.target)}
        for element in self.concepts.elements:
            kind = self._kind(element, contracted)
            if kind is None:
                self.skipped[element.type] += 1
                continue
            if kind == "plateau":
                self.ends[element.identifier] = ("plateau", element.identifier)
                continue
            eid = self._id(kind, element)
            self.ends[element.identifier] = (kind, eid)
            self.rows[kind][eid] = self._entity(kind, eid, element)

    def _entity(self, kind: str, eid: str, element: Concept) -> dict[str, Any]:
        row: dict[str, Any] = {"id": eid}
        # the export names an entity without a name by its id: no name to read back then
        if element.name and element.name != eid:
            row["name"] = element.name
        if element.documentation:
            row["description"] = element.documentation
        fields = property_fields(KIND[kind])
        unread = []
        for key, value in element.properties.items():
            if key in fields and value != "":
                row[key] = value
            elif key not in DERIVED_PROPERTIES.get(kind, ()):
                unread.append(key)
        if unread:
            self.note("exchange.properties_unread", element=element.name or eid,
                      keys=", ".join(unread))
        try:
            KIND[kind].model.model_validate(row)
        except ValidationError as exc:
            for error in exc.errors():
                key = str(error["loc"][0]) if error["loc"] else ""
                if key in fields and key in row:
                    self.note("exchange.bad_property", element=element.name or eid, key=key,
                              value=str(row.pop(key)))
        return row

    def _relation(self, relation: Concept) -> RelationKind | None:
        source, target = self.ends[relation.source][0], self.ends[relation.target][0]
        for kind in (*RELATIONS, SOURCING):
            if (kind.source, kind.type, kind.target) == (source, relation.type, target):
                return kind
        return None

    def read_relationships(self) -> None:
        for relation in self.concepts.relationships:
            if relation.source not in self.ends or relation.target not in self.ends:
                self.skipped[relation.type] += 1
                continue
            (source_kind, source), (target_kind, target) = (self.ends[relation.source],
                                                            self.ends[relation.target])
            if "plateau" in (source_kind, target_kind) and relation.type in _PLATEAU_LINKS:
                if relation.type == "Aggregation" and source in ("id-plateau-current",
                                                                 "id-plateau-target"):
                    self.state = source.removeprefix("id-plateau-")
                continue
            kind = self._relation(relation)
            if kind is None:
                self.skipped[relation.type] += 1
            elif kind is SOURCING:
                vendors = self.decisions.setdefault(target, [])
                vendors += [source] if source not in vendors else []
            else:
                self._link(kind, source, target)

    def _link(self, kind: RelationKind, source: str, target: str) -> None:
        holder, value = (self.rows[kind.target][target], source) if kind.on_target else (
            self.rows[kind.source][source], target)
        if kind.many:
            values = holder.setdefault(kind.field, [])
            values += [value] if value not in values else []
        elif holder.get(kind.field, value) != value:
            self.note("exchange.second_reference", element=holder.get("name", holder["id"]),
                      field=kind.field, kept=holder[kind.field], value=value)
        else:
            holder[kind.field] = value

    def contracts_with_vendor(self) -> None:
        for eid, row in list(self.rows["contract"].items()):
            if "vendor" not in row:
                self.note("exchange.contract_without_vendor", element=row.get("name", eid))
                del self.rows["contract"][eid]

    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for kind in KINDS:
            rows = list(self.rows[kind.key].values())
            if rows:
                put(data, kind.where, rows)
        if self.decisions:
            put(data, ("design", "sourcing", "decisions"),
                [{"capability": c, "vendors": v} for c, v in self.decisions.items()])
        return data


def put(data: dict[str, Any], where: tuple[str, ...], value: Any) -> None:
    """Set ``value`` at the path ``where`` of nested mappings, making the mappings missing."""
    node = data
    for part in where[:-1]:
        node = node.setdefault(part, {})
    node[where[-1]] = value


def import_concepts(concepts: ConceptModel, source: str) -> ImportedConcepts:
    """The document's sections from ``concepts`` (metadata apart), with what was left out."""
    reader = _Reader(concepts, source)
    reader.read_elements()
    reader.read_relationships()
    reader.contracts_with_vendor()
    data = reader.data()
    counts = {".".join(k.where): len(reader.rows[k.key]) for k in KINDS if reader.rows[k.key]}
    if reader.decisions:
        counts["design.sourcing.decisions"] = len(reader.decisions)
    metadata: dict[str, Any] = {"name": concepts.name or source}
    if concepts.language in ("ja", "en"):
        metadata["language"] = concepts.language
    if reader.state:
        metadata["state"] = reader.state
    if concepts.documentation:
        metadata["description"] = concepts.documentation
    return ImportedConcepts({"metadata": metadata, **data}, counts,
                            dict(sorted(reader.skipped.items())), reader.notes)
