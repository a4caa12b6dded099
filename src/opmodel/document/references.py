"""Generic checks over the whole document: ids unique per collection, references resolved.

Collections and references are found from the schema itself (``list[Entity]`` fields and
fields marked with :class:`RefTo`), so a new section needs no code here. Items of other
lists of models are told apart by their declared key, unique within their own list.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from opmodel.document.base import Entity
from opmodel.document.messages import nearest_ids, problem
from opmodel.document.problems import Path, Problem
from opmodel.document.shapes import FieldShape, item_key, key_fields, shapes


def _collect(obj: BaseModel, path: Path, coll: str, ids: dict[str, dict[str, Path]],
             problems: list[Problem]) -> None:
    """First pass: every entity list's ids, and duplicates among them and among keys."""
    for plan in shapes(type(obj)).values():
        if plan.model is None:
            continue
        value = getattr(obj, plan.name)
        if not value:
            continue
        here, sub = (*path, plan.name), f"{coll}.{plan.name}" if coll else plan.name
        if plan.container == "model":
            _collect(value, here, sub, ids, problems)
        elif plan.container == "list":
            seen = ids.setdefault(sub, {}) if plan.entity_list else None
            keys: dict[str, int] | None = {} if not plan.entity_list and key_fields(
                plan.model) else None
            for i, item in enumerate(value):
                if seen is not None:
                    if item.id in seen:
                        problems.append(problem("document.duplicate_id", (*here, i, "id"),
                                                id=item.id, collection=sub))
                    else:
                        seen[item.id] = (*here, i)
                elif keys is not None:
                    key = item_key(item, plan.model)
                    if key in keys:
                        problems.append(problem("document.duplicate_item_key", (*here, i),
                                                key=key, fields=list(key_fields(plan.model)),
                                                collection=sub))
                    keys[key] = i
                _collect(item, (*here, i), sub, ids, problems)
        elif plan.container == "dict":
            for key, item in value.items():
                _collect(item, (*here, key), sub, ids, problems)


def _dangling(path: Path, plan: FieldShape, value: str, ids: dict[str, dict[str, Path]],
              owner: str | None) -> Problem:
    # name the entity that holds the reference, so the user knows which one to fix
    code = "document.dangling_reference_in" if owner else "document.dangling_reference"
    return problem(code, path, id=value, collection=plan.ref, owner=owner,
                   known=nearest_ids(value, ids.get(plan.ref or "", {})))


def _resolve(obj: BaseModel, path: Path, ids: dict[str, dict[str, Path]],
             problems: list[Problem], owner: str | None = None) -> None:
    """Second pass: every reference names an id of its collection."""
    if isinstance(obj, Entity):
        owner = obj.id
    for plan in shapes(type(obj)).values():
        if plan.ref is None and plan.model is None:
            continue
        value = getattr(obj, plan.name)
        if value is None:
            continue
        if plan.ref:
            known = ids.get(plan.ref, {})
            if plan.container == "value":
                if value not in known:
                    where = path if plan.shorthand else (*path, plan.name)
                    problems.append(_dangling(where, plan, value, ids, owner))
            else:
                for i, item in enumerate(value):
                    if item not in known:
                        part = i if plan.container == "list" else item
                        problems.append(_dangling((*path, plan.name, part), plan, item, ids,
                                                  owner))
        if plan.model is None:
            continue
        if plan.container == "model":
            _resolve(value, (*path, plan.name), ids, problems, owner)
        elif plan.container == "list":
            for i, item in enumerate(value):
                _resolve(item, (*path, plan.name, i), ids, problems, owner)
        elif plan.container == "dict":
            for key, item in value.items():
                _resolve(item, (*path, plan.name, key), ids, problems, owner)


def collect_ids(model: BaseModel) -> dict[str, dict[str, Path]]:
    """Every collection of entities in the document: dotted path → id → where it is."""
    ids: dict[str, dict[str, Path]] = {}
    _collect(model, (), "", ids, [])
    return ids


def check_references(model: BaseModel) -> Iterator[Problem]:
    """Duplicate ids within a collection, and references to ids that do not exist."""
    ids: dict[str, dict[str, Path]] = {}
    problems: list[Problem] = []
    _collect(model, (), "", ids, problems)
    _resolve(model, (), ids, problems)
    yield from problems
