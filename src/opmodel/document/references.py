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
from opmodel.document.messages import problem
from opmodel.document.problems import Path, Problem


@dataclass(frozen=True, slots=True)
class _FieldPlan:
    name: str
    ref: str | None  # referenced collection
    ref_shape: str  # "scalar" | "list" | "keys"
    child: str | None  # None | "model" | "list" | "values"
    entity_list: bool


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
            plans.append(_FieldPlan(name, ref, shape, child, entity_list))
    return tuple(plans)


@dataclass
class _Index:
    ids: dict[str, dict[str, Path]]
    refs: list[tuple[Path, str, str]]
    problems: list[Problem]


def _walk(obj: BaseModel, path: Path, coll: str, index: _Index) -> None:
    for plan in _plan(type(obj)):
        value = getattr(obj, plan.name)
        if value is None:
            continue
        here = (*path, plan.name)
        sub = f"{coll}.{plan.name}" if coll else plan.name
        if plan.ref:
            if plan.ref_shape == "scalar":
                # a model written as a bare id (e.g. a dependency) is reported where the id stands
                shorthand = getattr(type(obj), "shorthand_field", None) == plan.name
                index.refs.append((path if shorthand else here, plan.ref, value))
            else:
                for i, item in enumerate(value):
                    index.refs.append(((*here, i) if plan.ref_shape == "list" else (*here, item),
                                       plan.ref, item))
        if plan.child == "model":
            _walk(value, here, sub, index)
        elif plan.child == "list":
            seen = index.ids.setdefault(sub, {}) if plan.entity_list else None
            for i, item in enumerate(value):
                if seen is not None:
                    if item.id in seen:
                        index.problems.append(problem("duplicate_id", (*here, i, "id"),
                                                      id=item.id, collection=sub))
                    else:
                        seen[item.id] = (*here, i)
                _walk(item, (*here, i), sub, index)
        elif plan.child == "values":
            for key, item in value.items():
                _walk(item, (*here, key), sub, index)


def collect_ids(model: BaseModel) -> dict[str, dict[str, Path]]:
    """Every collection of entities in the document: dotted path → id → where it is."""
    index = _Index({}, [], [])
    _walk(model, (), "", index)
    return index.ids


def check_references(model: BaseModel) -> Iterator[Problem]:
    """Duplicate ids within a collection, and references to ids that do not exist."""
    index = _Index({}, [], [])
    _walk(model, (), "", index)
    yield from index.problems
    for path, collection, value in index.refs:
        if value not in index.ids.get(collection, {}):
            known = list(index.ids.get(collection, {}))
            yield problem("dangling_reference", path, id=value, collection=collection,
                          known=", ".join(known[:5]) + (" …" if len(known) > 5 else ""))
