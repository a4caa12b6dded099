"""Test data derived from the document schema: minimal valid data, reference sites, strategies.

Everything here reads the pydantic models, so a new section or reference field is covered by
the generic tests without writing test data by hand.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import annotated_types as at
from hypothesis import strategies as st
from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo

from opmodel.document.base import SLUG_PATTERN, Entity, RefTo
from opmodel.document.model import OperatingModel
from opmodel.document.shapes import item_key, key_fields


@dataclass(frozen=True)
class TypeInfo:
    """A field type with Optional and Annotated taken apart."""

    tp: Any
    optional: bool
    meta: tuple[Any, ...]

    def find(self, kind: type) -> Any:
        """The first metadata item of ``kind``."""
        return next((m for m in self.meta if isinstance(m, kind)), None)


def unwrap(tp: Any, meta: tuple[Any, ...] = ()) -> TypeInfo:
    """Strip ``X | None`` and ``Annotated[X, ...]``, collecting the metadata."""
    optional = False
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            meta = (*meta, *tp.__metadata__)
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != len(typing.get_args(tp)):
                optional = True
            if len(args) != 1:
                break
            tp = args[0]
        else:
            break
    flat: list[Any] = []
    for m in meta:
        flat.extend(m.metadata if isinstance(m, FieldInfo) else [m])
    return TypeInfo(tp, optional, tuple(flat))


def field_info(info: FieldInfo) -> TypeInfo:
    """The TypeInfo of a model field, its own metadata included."""
    return unwrap(info.annotation, tuple(info.metadata))


def is_model(tp: Any) -> bool:
    """True for pydantic model classes."""
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _bounds(t: TypeInfo, lo: float, hi: float) -> tuple[float, float]:
    for m in t.meta:
        if isinstance(m, at.Ge):
            lo = max(lo, m.ge)  # type: ignore[call-overload]
        elif isinstance(m, at.Gt):
            lo = max(lo, m.gt + 1)  # type: ignore[operator]
        elif isinstance(m, at.Le):
            hi = min(hi, m.le)  # type: ignore[call-overload]
        elif isinstance(m, at.Lt):
            hi = min(hi, m.lt - 1)  # type: ignore[operator]
    return lo, hi


def minimal_value(t: TypeInfo) -> Any:
    """The simplest valid value of a type."""
    tp = t.tp
    if is_model(tp):
        return minimal(tp)
    origin = typing.get_origin(tp)
    if origin is typing.Literal:
        return typing.get_args(tp)[0]
    if origin is list:
        return []
    if origin is dict:
        return {}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return next(iter(tp)).value
    if tp is bool:
        return False
    if tp in (int, float):
        lo, hi = _bounds(t, 1, 10**6)
        return tp(min(lo, hi))
    if tp in (dt.date, dt.datetime):
        return "2026-04-01"
    constraint = t.find(StringConstraints)
    if constraint is not None and constraint.pattern == r"^[A-Z]{3}$":
        return "JPY"
    return "sample"


def minimal(cls: type[BaseModel]) -> dict[str, Any]:
    """Data with only the required fields of ``cls``, each at its simplest valid value."""
    return {info.alias or name: minimal_value(field_info(info))
            for name, info in cls.model_fields.items() if info.is_required()}


@dataclass(frozen=True)
class Step:
    """One step from the root down to a model: a field, and how it holds the model."""

    field: str
    how: str  # "model" | "list" | "values"
    cls: type[BaseModel]
    key: Any = None  # the key used when ``how`` is "values"


@dataclass(frozen=True)
class RefSite:
    """A field that refers to a collection, and the way from the root to its model."""

    steps: tuple[Step, ...]
    owner: type[BaseModel]
    field: str
    collection: str
    shape: str  # "scalar" | "list" | "keys"
    value_type: TypeInfo | None = None  # the dict's value type, for "keys"

    def __str__(self) -> str:
        return ".".join(s.field for s in self.steps) + f".{self.field}"


def _children(cls: type[BaseModel]) -> Iterator[Step]:
    for name, info in cls.model_fields.items():
        t = field_info(info)
        origin = typing.get_origin(t.tp)
        if is_model(t.tp):
            yield Step(info.alias or name, "model", t.tp)
        elif origin is list:
            item = unwrap(typing.get_args(t.tp)[0])
            if is_model(item.tp):
                yield Step(name, "list", item.tp)
        elif origin is dict:
            key, value = (unwrap(a) for a in typing.get_args(t.tp))
            if is_model(value.tp):
                yield Step(name, "values", value.tp, minimal_value(key))


def ref_sites(cls: type[BaseModel] = OperatingModel, steps: tuple[Step, ...] = ()
              ) -> Iterator[RefSite]:
    """Every reference field reachable from ``cls``."""
    for name, info in cls.model_fields.items():
        t = field_info(info)
        origin = typing.get_origin(t.tp)
        ref = t.find(RefTo)
        if ref is not None:
            yield RefSite(steps, cls, name, ref.collection, "scalar")
        elif origin is list:
            item = unwrap(typing.get_args(t.tp)[0])
            if item.find(RefTo) is not None:
                yield RefSite(steps, cls, name, item.find(RefTo).collection, "list")
        elif origin is dict:
            key, value = (unwrap(a) for a in typing.get_args(t.tp))
            if key.find(RefTo) is not None:
                yield RefSite(steps, cls, name, key.find(RefTo).collection, "keys", value)
    for step in _children(cls):
        if len(steps) < 8:
            yield from ref_sites(step.cls, (*steps, step))


def descend(data: dict[str, Any], steps: tuple[Step, ...]) -> tuple[dict[str, Any], tuple[Any, ...]]:
    """The dict at the end of ``steps`` in ``data`` (created minimal when missing), and its path."""
    here, path = data, ()
    for step in steps:
        if step.how == "model":
            here = here.setdefault(step.field, minimal(step.cls))
            path = (*path, step.field)
        elif step.how == "list":
            items = here.setdefault(step.field, [])
            if not items:
                items.append(minimal(step.cls))
            here, path = items[0], (*path, step.field, 0)
        else:
            values = here.setdefault(step.field, {})
            here = values.setdefault(step.key, minimal(step.cls))
            path = (*path, step.field, step.key)
    return here, path


def collection_steps(collection: str) -> tuple[Step, ...] | None:
    """The steps to an entity list named by its dotted path, or None if there is none."""
    cls: type[BaseModel] = OperatingModel
    steps: list[Step] = []
    for part in collection.split("."):
        step = next((s for s in _children(cls) if s.field == part), None)
        if step is None:
            return None
        steps.append(step)
        cls = step.cls
    return tuple(steps) if steps and steps[-1].how == "list" and issubclass(cls, Entity) else None


# --- hypothesis strategies ----------------------------------------------------------------

_WORD = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
SLUGS = st.lists(_WORD, min_size=1, max_size=3).map("-".join)
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)


def strategy(t: TypeInfo) -> st.SearchStrategy[Any]:
    """Plain data valid for the type, by its constraints."""
    inner = _strategy(t)
    return st.none() | inner if t.optional else inner


def _strategy(t: TypeInfo) -> st.SearchStrategy[Any]:
    tp = t.tp
    origin = typing.get_origin(tp)
    if is_model(tp):
        return model_data(tp)
    if origin is typing.Literal:
        return st.sampled_from(typing.get_args(tp))
    if origin is list:
        item = unwrap(typing.get_args(tp)[0])
        if is_model(item.tp) and key_fields(item.tp):  # keys unique within their list
            model = item.tp
            return st.lists(strategy(item), max_size=3,
                            unique_by=lambda d: item_key(d, model))
        if item.find(RefTo) is not None:  # a list of references is a set
            return st.lists(strategy(item), max_size=3, unique=True)
        return st.lists(strategy(item), max_size=3)
    if origin is dict:
        key, value = (unwrap(a) for a in typing.get_args(tp))
        return st.dictionaries(strategy(key), strategy(value), max_size=3)
    if origin in (typing.Union, types.UnionType):
        return st.one_of([strategy(unwrap(a)) for a in typing.get_args(tp)])
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from([m.value for m in tp])
    if tp is bool:
        return st.booleans()
    if tp is int:
        lo, hi = _bounds(t, -10**6, 10**6)
        return st.integers(int(lo), int(hi))
    if tp is float:
        lo, hi = _bounds(t, -1e9, 1e9)
        return st.floats(lo, hi, allow_nan=False, allow_infinity=False)
    if tp is dt.date:
        return st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))
    constraint = t.find(StringConstraints)
    if constraint is not None and constraint.pattern == SLUG_PATTERN:
        return SLUGS
    if constraint is not None and constraint.pattern:
        return st.from_regex(constraint.pattern, fullmatch=True)
    return TEXT


@cache
def model_data(cls: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    """Plain data for ``cls``: required fields always, optional ones sometimes."""
    required, optional = {}, {}
    for name, info in cls.model_fields.items():
        target = required if info.is_required() else optional
        target[info.alias or name] = strategy(field_info(info))
    return st.fixed_dictionaries(required, optional=optional)


# --- edits of documents ---------------------------------------------------------------------

# how often a field, list item or mapping entry is kept as it is, edited inside, drawn anew
# or dropped: values mostly kept, so that two edits of one base overlap only in places;
# sections, entities and lists mostly edited inside, so that edits reach deep paths
_FATES = st.sampled_from(["keep"] * 5 + ["redraw", "redraw", "drop"])
_CONTAINER_FATES = st.sampled_from(["keep"] * 3 + ["edit"] * 4 + ["redraw", "drop"])


def _fate(draw: st.DrawFn, value: Any) -> str:
    return draw(_CONTAINER_FATES if isinstance(value, dict | list) else _FATES)


def edits(cls: type[BaseModel], data: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Plain data of ``cls`` made from ``data`` (plain data of ``cls``) by a few edits:
    fields kept, edited inside, drawn anew or dropped; list items and mapping entries kept,
    edited, removed or added. Keys of list items are kept, so edits meet inside entities."""

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, info in cls.model_fields.items():
            alias, t = info.alias or name, field_info(info)
            fate = _fate(draw, data.get(alias))
            if alias not in data:
                if fate == "redraw":
                    out[alias] = draw(strategy(t))
                continue
            value = data[alias]
            if fate == "keep" or (fate == "drop" and info.is_required()) or \
                    name in key_fields(cls):
                out[alias] = value
            elif fate == "redraw":
                out[alias] = draw(strategy(t))
            elif fate == "edit":
                out[alias] = draw(_edit_value(t, value))
        return out

    return build()


def _edit_value(t: TypeInfo, value: Any) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(t.tp)
    if is_model(t.tp) and isinstance(value, dict):
        return edits(t.tp, value)
    if origin is list and isinstance(value, list):
        return _edit_list(unwrap(typing.get_args(t.tp)[0]), value)
    if origin is dict and isinstance(value, dict):
        key, item = (unwrap(a) for a in typing.get_args(t.tp))
        return _edit_entries(key, item, value)
    return strategy(t)


def _edit_list(item: TypeInfo, items: list[Any]) -> st.SearchStrategy[list[Any]]:
    @st.composite
    def build(draw: st.DrawFn) -> list[Any]:
        out = []
        for value in items:
            fate = _fate(draw, value)
            if fate in ("keep", "redraw"):
                out.append(value)
            elif fate == "edit":
                out.append(draw(_edit_value(item, value)))
        out += draw(st.lists(strategy(item), max_size=1))
        if is_model(item.tp) and key_fields(item.tp):
            model = item.tp
            return list({item_key(v, model): v for v in reversed(out)}.values())[::-1]
        if item.find(RefTo) is not None:
            return list(dict.fromkeys(out))
        return out

    return build()


def _edit_entries(key: TypeInfo, item: TypeInfo, entries: dict[Any, Any]
                  ) -> st.SearchStrategy[dict[Any, Any]]:
    @st.composite
    def build(draw: st.DrawFn) -> dict[Any, Any]:
        out = {}
        for k, value in entries.items():
            fate = _fate(draw, value)
            if fate == "keep":
                out[k] = value
            elif fate in ("edit", "redraw"):
                out[k] = draw(_edit_value(item, value))
        out.update(draw(st.dictionaries(strategy(key), strategy(item), max_size=1)))
        return out

    return build()


def documents(data: st.SearchStrategy[dict[str, Any]] | None = None
              ) -> st.SearchStrategy[OperatingModel]:
    """Documents pydantic accepts (references are not checked), from plain data."""
    from pydantic import ValidationError

    def build(plain: dict[str, Any]) -> OperatingModel | None:
        try:
            return OperatingModel.model_validate(plain)
        except ValidationError:
            return None

    source = model_data(OperatingModel) if data is None else data
    return source.map(build).filter(lambda m: m is not None)
