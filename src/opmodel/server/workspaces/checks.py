"""What a save checks: every rule of the document, except that the walk over the whole
document for ids and references is skipped when the edit cannot have broken one."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from opmodel.document.base import Entity
from opmodel.document.changes import ChangeSet
from opmodel.document.model import OperatingModel
from opmodel.document.paths import Key, PathError, parse_path
from opmodel.document.problems import DocumentError
from opmodel.document.references import check_references
from opmodel.document.rules import RULES
from opmodel.document.shapes import FieldShape, by_alias, key_fields, shapes

_OTHER_RULES = [rule for rule in RULES if rule is not check_references]


def check_saved(document: OperatingModel, edit: ChangeSet | None = None) -> None:
    """Refuse ``document`` (a DocumentError) when a rule finds a problem.

    Given the ``edit`` that made it from a stored, so checked, revision, the ids and
    references are checked again only when the edit could have broken them: it adds or
    removes something that has an id, or puts in a reference to an id the document lacks.
    On a large model that walk is most of the check (66 of 70 ms with 10,000 applications).
    """
    keep = edit is not None and references_kept(document, edit)
    found = [p for rule in (_OTHER_RULES if keep else RULES) for p in rule(document)]
    if found:
        raise DocumentError([p.keyed(document) for p in found])


def references_kept(document: OperatingModel, edit: ChangeSet) -> bool:
    """True when no operation of ``edit`` can leave an id duplicated or a reference
    unresolved in ``document`` (the edited document)."""
    for op in edit.operations:
        target = _target(op.path)
        if target is None:
            return False
        kind, field, key = target
        if field.ref is None or op.op == "remove" or (kind == "entry" and op.op == "replace"):
            continue  # no id referred to appears (an entry replaced keeps its key)
        new = key if kind == "entry" else getattr(op, "value", None)
        if new is None:
            continue
        known = _ids(document, field.ref)
        if known is None or not isinstance(new, str) or new not in known:
            return False
    return True


def _target(text: str) -> tuple[str, FieldShape, str] | None:
    """What a path ends on: ``("value", field, "")`` a field holding a plain value or a
    single reference; ``("entry", field, key)`` an entry of a mapping, or an id in a list of
    references, of ``field``; None anything else (a whole item, a model, a key field)."""
    try:
        path = parse_path(text)
    except PathError:
        return None
    cls: type[BaseModel] | None = OperatingModel
    holder: FieldShape | None = None  # the list or mapping whose item or entry comes next
    for depth, part in enumerate(path):
        last = depth == len(path) - 1
        if holder is not None:
            if not isinstance(part, Key):
                return None
            if last:
                return ("entry", holder, part.value) if holder.model is None else None
            cls, holder = holder.model, None
            if cls is None:
                return None
            continue
        if not isinstance(part, str) or cls is None:
            return None
        field = by_alias(cls).get(part) or shapes(cls).get(part)
        if field is None:
            return None
        if last:
            plain = field.container == "value" and field.name not in key_fields(cls) \
                and not (issubclass(cls, Entity) and field.name == "id")
            return ("value", field, "") if plain else None
        if field.container == "model":
            cls = field.model
        elif field.container in ("list", "dict"):
            holder = field
        else:
            return None
    return None


def _ids(document: OperatingModel, collection: str) -> set[str] | None:
    """The ids of a collection named by its dotted path from the root (None when it is not a
    plain list of entities found that way)."""
    node: Any = document
    for name in collection.split("."):
        if node is None:
            return set()
        if not isinstance(node, BaseModel) or name not in type(node).model_fields:
            return None
        node = getattr(node, name)
    if node is None:
        return set()
    if not isinstance(node, list) or not all(isinstance(item, Entity) for item in node):
        return None
    return {item.id for item in node}
