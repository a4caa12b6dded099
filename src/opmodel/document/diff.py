"""Semantic diff of two documents: entities added, removed and changed, and field changes.

Entities are matched by id within each collection, wherever a list of entities appears in
the schema, so a new section needs no code here. Order within a collection is not a change.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

from pydantic import BaseModel, Field
from pydantic_core import to_jsonable_python

from opmodel.document.base import Entity
from opmodel.document.model import OperatingModel


class FieldChange(BaseModel):
    """One value that differs: where, what it was and what it became (null: absent)."""

    path: str
    before: Any = None
    after: Any = None


class EntityRef(BaseModel):
    """An entity that exists on one side only."""

    collection: str
    id: str
    name: str | None = None


class EntityChange(BaseModel):
    """An entity on both sides whose fields differ."""

    collection: str
    id: str
    name: str | None = None
    changes: list[FieldChange] = Field(default_factory=list)


class ModelDiff(BaseModel):
    """Everything that differs between two documents; the ``--format json`` of ``diff``."""

    added: list[EntityRef] = Field(default_factory=list)
    removed: list[EntityRef] = Field(default_factory=list)
    changed: list[EntityChange] = Field(default_factory=list)
    fields: list[FieldChange] = Field(
        default_factory=list, description="Changes outside any entity (metadata, profile ...)."
    )

    @property
    def empty(self) -> bool:
        """True when the documents are the same."""
        return not (self.added or self.removed or self.changed or self.fields)


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return to_jsonable_python(value, by_alias=True)


def _is_entity_list(a: Any, b: Any) -> bool:
    if not isinstance(a or [], list) or not isinstance(b or [], list):
        return False
    items = list(chain(a or [], b or []))
    return bool(items) and all(isinstance(item, Entity) for item in items)


class _Differ:
    def __init__(self) -> None:
        self.result = ModelDiff()

    def entities(self, a: list[Entity], b: list[Entity], path: str) -> None:
        before = {e.id: e for e in a}
        after = {e.id: e for e in b}
        for entity in a:
            if entity.id not in after:
                self.result.removed.append(EntityRef(collection=path, id=entity.id,
                                                     name=entity.name))
        for entity in b:
            old = before.get(entity.id)
            if old is None:
                self.result.added.append(EntityRef(collection=path, id=entity.id,
                                                   name=entity.name))
            elif old != entity:
                sink: list[FieldChange] = []
                self.model(old, entity, f"{path}[{entity.id}]", sink)
                if sink:
                    self.result.changed.append(EntityChange(
                        collection=path, id=entity.id, name=entity.name or old.name,
                        changes=sink))

    def value(self, a: Any, b: Any, path: str, sink: list[FieldChange]) -> None:
        if a == b:
            return
        if _is_entity_list(a, b):
            self.entities(a or [], b or [], path)
        elif isinstance(a, BaseModel) and type(a) is type(b):
            self.model(a, b, path, sink)
        elif (a is None) != (b is None) and isinstance(a if a is not None else b, BaseModel):
            self.appeared(a, b, path, sink)
        elif isinstance(a, dict) and isinstance(b, dict):
            for key in chain(a, (k for k in b if k not in a)):
                self.value(a.get(key), b.get(key), f"{path}[{_plain(key)}]", sink)
        else:
            sink.append(FieldChange(path=path, before=_plain(a), after=_plain(b)))

    def appeared(self, a: Any, b: Any, path: str, sink: list[FieldChange]) -> None:
        """A section or sub-model present on one side only: its entities are added/removed."""
        present = a if a is not None else b
        empty = type(present).model_construct()
        mark, entities = len(sink), self._entity_count()
        self.model(a if a is not None else empty, b if b is not None else empty, path, sink)
        if self._entity_count() == entities:  # no entities inside: one change says it all
            del sink[mark:]
            sink.append(FieldChange(path=path, before=_plain(a), after=_plain(b)))

    def _entity_count(self) -> int:
        r = self.result
        return len(r.added) + len(r.removed) + len(r.changed)

    def model(self, a: BaseModel, b: BaseModel, path: str, sink: list[FieldChange]) -> None:
        for name, info in type(a).model_fields.items():
            key = info.alias or name
            self.value(getattr(a, name, None), getattr(b, name, None),
                       f"{path}.{key}" if path else key, sink)


def diff_models(a: OperatingModel, b: OperatingModel) -> ModelDiff:
    """What changed from ``a`` to ``b``, matched by id within each collection."""
    differ = _Differ()
    differ.model(a, b, "", differ.result.fields)
    return differ.result
