"""Hypothesis strategies derived from the document schema: plain data of any model, edits of
such data, and documents pydantic accepts."""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from functools import cache
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from pydantic import BaseModel, StringConstraints

from opmodel.document.base import SLUG_PATTERN, RefTo
from opmodel.document.model import OperatingModel
from opmodel.document.shapes import item_key, key_fields
from support.builders import TypeInfo, bounds, field_info, is_model, unwrap

# whole documents are large examples: fewer of them, and no complaint about their size
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])

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
        lo, hi = bounds(t, -10**6, 10**6)
        return st.integers(int(lo), int(hi))
    if tp is float:
        lo, hi = bounds(t, -1e9, 1e9)
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
