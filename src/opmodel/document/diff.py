"""Semantic diff of two documents: entities added, removed and changed, and field changes.

A view of the same comparison as change sets (``comparison.py``): entities are matched by id
within each collection, wherever a list of entities appears in the schema, so a new section
needs no code here. Order within a collection is not a change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field

from opmodel.document.base import Entity
from opmodel.document.comparison import Difference, differences, plain
from opmodel.document.model import OperatingModel
from opmodel.document.paths import Key, Path, format_path


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


def diff_models(a: OperatingModel, b: OperatingModel) -> ModelDiff:
    """What changed from ``a`` to ``b``, matched by id within each collection."""
    sink = _Sink()
    sink.collect(differences(a, b))
    result = ModelDiff(added=sink.added, removed=sink.removed)
    changed: dict[Path, EntityChange] = {}
    for owner, change in sink.changes:
        if owner is None:
            result.fields.append(change)
            continue
        path, entity = owner
        entry = changed.get(path)
        if entry is None:
            entry = changed[path] = EntityChange(collection=format_path(path[:-1]),
                                                 id=entity.id, name=entity.name)
            result.changed.append(entry)
        entry.changes.append(change)
    return result


@dataclass
class _Sink:
    """Differences sorted: entities added and removed, and field changes with the entity
    they belong to (its path, and the entity on the side that has it, or None)."""

    added: list[EntityRef] = field(default_factory=list)
    removed: list[EntityRef] = field(default_factory=list)
    changes: list[tuple[tuple[Path, Entity] | None, FieldChange]] = field(default_factory=list)

    def collect(self, found: list[Difference]) -> None:
        """Sort ``found`` into this sink."""
        for d in found:
            whole = d.after if d.after is not None else d.before
            if isinstance(d.path[-1], Key) and isinstance(whole, Entity):
                ref = EntityRef(collection=format_path(d.path[:-1]), id=whole.id,
                                name=whole.name)
                (self.added if d.op == "add" else self.removed).append(ref)
            elif d.op == "replace" or not isinstance(whole, BaseModel) or not self.appeared(d):
                change = FieldChange(path=format_path(d.path), before=plain(d.before),
                                     after=plain(d.after))
                self.changes.append((_owner(d), change))

    def appeared(self, d: Difference) -> bool:
        """A sub-model present on one side only: when it holds entities, they are listed as
        added or removed, with its other fields; else (False) it is one field change."""
        present = d.after if d.after is not None else d.before
        empty = type(present).model_construct()
        before, after = (empty, present) if d.after is not None else (present, empty)
        inner = _Sink()
        inner.collect(differences(before, after, d.path, (*d.trail, (before, after))))
        if not (inner.added or inner.removed):
            return False
        self.added += inner.added
        self.removed += inner.removed
        self.changes += inner.changes
        return True


def _owner(d: Difference) -> tuple[Path, Entity] | None:
    """The innermost entity the difference is inside, by its path."""
    for i in range(len(d.trail) - 1, -1, -1):
        before, after = d.trail[i]
        entity = after if isinstance(after, Entity) else before
        if isinstance(d.path[i], Key) and isinstance(entity, Entity):
            if isinstance(after, Entity) and not after.name and isinstance(before, Entity):
                entity = before  # the name it had, when the change took it away
            return d.path[:i + 1], entity
    return None
