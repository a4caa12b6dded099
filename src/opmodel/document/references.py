"""Generic checks over the whole document: ids unique per collection, references resolved.

Collections and references are found from the schema itself (``list[Entity]`` fields and
fields marked with :class:`RefTo`), so a new section needs no code here.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, Union

from pydantic import BaseModel

from opmodel.document.base import Entity, RefTo
from opmodel.document.messages import nearest_ids, problem
from opmodel.document.problems import Path, Problem


@dataclass(frozen=True, slots=True)
class _FieldPlan:
    name: str
    ref: str | None  # referenced collection
    ref_shape: str  # "scalar" | "list" | "keys"
    child: str | None  # None | "model" | "list" | "values"
    entity_list: bool
    shorthand: bool  # a model written as a bare id: report the reference where the id stands


def _strip_optional(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _ref_of(tp: Any) -> str | None:
    if typing.get_origin(tp) is typing.Annotated:
        for meta in tp.__metadata__:
            if isinstance(meta, RefTo):
                return meta.collection
    return None


def _is_model(tp: Any) -> bool:
    tp = _strip_optional(tp)
    if typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _is_entity(tp: Any) -> bool:
    return _is_model(tp) and issubclass(_strip_optional(tp), Entity)


@cache
def _plan(cls: type[BaseModel]) -> tuple[_FieldPlan, ...]:
    plans = []
    shorthand_field = getattr(cls, "shorthand_field", None)
    for name, info in cls.model_fields.items():
        tp = _strip_optional(info.annotation)
        ref = next((m.collection for m in info.metadata if isinstance(m, RefTo)), None)
        ref = ref or _ref_of(tp)
        shape, child, entity_list = "scalar", None, False
        origin = typing.get_origin(tp)
        if origin is list:
            (item,) = typing.get_args(tp)
            item_ref = _ref_of(item)
            if item_ref:
                ref, shape = item_ref, "list"
            elif _is_model(item):
                child, entity_list = "list", _is_entity(item)
        elif origin is dict:
            key, value = typing.get_args(tp)
            key_ref = _ref_of(key)
            if key_ref:
                ref, shape = key_ref, "keys"
            if _is_model(value):
                child = "values"
        elif _is_model(tp):
            child = "model"
        if ref or child:
            plans.append(_FieldPlan(name, ref, shape, child, entity_list,
                                    shorthand_field == name))
    return tuple(plans)


def _collect(obj: BaseModel, path: Path, coll: str, ids: dict[str, dict[str, Path]],
             problems: list[Problem]) -> None:
    """First pass: every entity list's ids, and duplicates among them."""
    for plan in _plan(type(obj)):
        if plan.child is None:
            continue
        value = getattr(obj, plan.name)
        if not value:
            continue
        here, sub = (*path, plan.name), f"{coll}.{plan.name}" if coll else plan.name
        if plan.child == "model":
            _collect(value, here, sub, ids, problems)
        elif plan.child == "list":
            seen = ids.setdefault(sub, {}) if plan.entity_list else None
            for i, item in enumerate(value):
                if seen is not None:
                    if item.id in seen:
                        problems.append(problem("document.duplicate_id", (*here, i, "id"),
                                                id=item.id, collection=sub))
                    else:
                        seen[item.id] = (*here, i)
                _collect(item, (*here, i), sub, ids, problems)
        else:
            for key, item in value.items():
                _collect(item, (*here, key), sub, ids, problems)


def _dangling(path: Path, plan: _FieldPlan, value: str, ids: dict[str, dict[str, Path]],
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
    for plan in _plan(type(obj)):
        value = getattr(obj, plan.name)
        if value is None:
            continue
        if plan.ref:
            known = ids.get(plan.ref, {})
            if plan.ref_shape == "scalar":
                if value not in known:
                    where = path if plan.shorthand else (*path, plan.name)
                    problems.append(_dangling(where, plan, value, ids, owner))
            else:
                for i, item in enumerate(value):
                    if item not in known:
                        part = i if plan.ref_shape == "list" else item
                        problems.append(_dangling((*path, plan.name, part), plan, item, ids,
                                                  owner))
        if plan.child == "model":
            _resolve(value, (*path, plan.name), ids, problems, owner)
        elif plan.child == "list":
            for i, item in enumerate(value):
                _resolve(item, (*path, plan.name, i), ids, problems, owner)
        elif plan.child == "values":
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
