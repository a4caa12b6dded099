"""The shape of the schema, read once from the pydantic models: for every field, what it holds
(a value, a model, a list or a mapping), what it refers to, and how the items of a list are
told apart (their key).

References, paths, change sets and merges all walk documents through these shapes, so a
new section or field needs no code in any of them.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any, Literal, Union

from pydantic import BaseModel

from opmodel.document.base import Entity, RefTo

Container = Literal["value", "model", "list", "dict"]


@dataclass(frozen=True, slots=True)
class FieldShape:
    """What one field of a model holds."""

    name: str  # the attribute
    alias: str  # the key in YAML and JSON
    container: Container
    model: type[BaseModel] | None  # the model of the value, of list items or of dict values
    ref: str | None  # the collection its values (list items, dict keys) refer to
    entity_list: bool  # a list of entities: ids unique within the collection
    shorthand: bool  # the model may be written as the bare value of this field
    enum: type[Enum] | None = None  # the enumeration of the value (of list items, of
    # mapping values)

    @property
    def keyed_list(self) -> bool:
        """A list whose items are told apart by a key (entities, declared keys, references)."""
        if self.container != "list":
            return False
        return self.ref is not None or (self.model is not None and bool(key_fields(self.model)))


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


def _enum_of(tp: Any) -> type[Enum] | None:
    tp = _strip_optional(tp)
    if typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp if isinstance(tp, type) and issubclass(tp, Enum) else None


# label kinds whose values are named by a catalogue of the knowledge base, not by the enum
_KINDS = {"Component": "component", "ComponentId": "component", "Stance": "stance",
          "StepId": "step"}


def label_kind(enum: type[Enum]) -> str:
    """The label kind that names the values of ``enum`` (``SourcingOption`` → ``sourcing_option``)."""
    name = enum.__name__
    return _KINDS.get(name) or "".join(f"_{c.lower()}" if c.isupper() and i else c.lower()
                                       for i, c in enumerate(name))


def _model_of(tp: Any) -> type[BaseModel] | None:
    tp = _strip_optional(tp)
    if typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


@cache
def shapes(cls: type[BaseModel]) -> dict[str, FieldShape]:
    """Every field of ``cls`` by attribute name, in schema order."""
    shorthand_field = getattr(cls, "shorthand_field", None)
    found = {}
    for name, info in cls.model_fields.items():
        tp = _strip_optional(info.annotation)
        ref = next((m.collection for m in info.metadata if isinstance(m, RefTo)), None)
        ref = ref or _ref_of(tp)
        container: Container = "value"
        model = None
        origin = typing.get_origin(tp)
        enum = _enum_of(tp)
        if origin is list:
            (item,) = typing.get_args(tp)
            container, model = "list", _model_of(item)
            ref = ref or _ref_of(item)
            enum = _enum_of(item)
        elif origin is dict:
            key, value = typing.get_args(tp)
            container, model = "dict", _model_of(value)
            ref = ref or _ref_of(key)
            enum = _enum_of(value)
        elif (model := _model_of(tp)) is not None:
            container = "model"
        entity_list = container == "list" and model is not None and issubclass(model, Entity)
        found[name] = FieldShape(name, info.alias or name, container, model, ref, entity_list,
                                 shorthand_field == name, enum)
    return found


@cache
def by_alias(cls: type[BaseModel]) -> dict[str, FieldShape]:
    """Every field of ``cls`` by its key in YAML and JSON."""
    return {shape.alias: shape for shape in shapes(cls).values()}


def key_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields whose values tell the items of a list of ``cls`` apart."""
    declared: tuple[str, ...] = getattr(cls, "key_fields", ())
    return declared


def key_text(value: Any) -> str:
    """A key as written in a path: an enum by its value, a date in ISO form, 2.0 as 2."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def item_key(item: Any, model: type[BaseModel] | None) -> str:
    """The key of one list item: an entity's id, the declared key fields joined by '/', or
    the value itself for a list of references or values.

    ``item`` may be a model, its plain data (a mapping), or a bare value written for a
    model with a shorthand field.
    """
    if model is None:
        return key_text(item)
    names = key_fields(model)
    if isinstance(item, BaseModel):
        values = [getattr(item, name, None) for name in names]
    elif isinstance(item, dict):
        aliases = shapes(model)
        values = [item.get(aliases[name].alias) if name in aliases else None for name in names]
    else:  # a bare value standing for the model's shorthand field
        shorthand = getattr(model, "shorthand_field", None)
        values = [item if name == shorthand else None for name in names]
    return "/".join(key_text(v) for v in values if v is not None and v != "")
