"""Test documents: built from the sections a test names, and minimal data and reference sites
derived from the schema (read from the pydantic models, so a new section or reference field is
covered by the generic tests without writing test data by hand).
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import annotated_types as at
import yaml
from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo

from opmodel.document import validate_data
from opmodel.document.base import Entity, RefTo
from opmodel.document.model import OperatingModel

# --- documents by hand ----------------------------------------------------------------------

MONDAY = "2026-04-06"  # the first Monday of fiscal year 2026: a plan's week 0


def document(name: str = "t", language: str | None = None, **sections: Any) -> dict[str, Any]:
    """Plain data of a document named ``name`` (written in ``language``) with ``sections``; a
    ``metadata`` section adds its fields to the name and language."""
    metadata = {"name": name, **({"language": language} if language else {}),
                **sections.pop("metadata", {})}
    return {"apiVersion": "opmodel/v1", "kind": "OperatingModel", "metadata": metadata,
            **sections}


def model(name: str = "t", language: str | None = None, **sections: Any) -> OperatingModel:
    """The :func:`document` validated as a file is: a broken rule raises a DocumentError."""
    return validate_data(document(name, language, **sections))


def unchecked(name: str = "t", language: str | None = None, **sections: Any) -> OperatingModel:
    """The :func:`document` checked by the schema only, not by the document's rules, as a
    program may build one."""
    return OperatingModel.model_validate(document(name, language, **sections))


def estimate(optimistic: float, most_likely: float | None = None,
             pessimistic: float | None = None) -> dict[str, float]:
    """A three-point duration in weeks; one figure alone is a duration known for sure."""
    likely = optimistic if most_likely is None else most_likely
    return {"optimistic": optimistic, "most_likely": likely,
            "pessimistic": likely if pessimistic is None else pessimistic}


def initiative(id: str, weeks: float | dict[str, float] | None = None, **fields: Any
               ) -> dict[str, Any]:
    """An initiative's data: its id, a duration (weeks for sure, or an :func:`estimate`) and
    ``fields`` such as ``demand``."""
    duration = {} if weeks is None else {
        "duration": weeks if isinstance(weeks, dict) else estimate(weeks)}
    return {"id": id, **duration, **fields}


def roadmap(initiatives: list[dict[str, Any]], start: str | None = MONDAY, **fields: Any
            ) -> dict[str, Any]:
    """A roadmap section: ``initiatives``, a calendar that starts on ``start`` (none when
    None) and other ``fields`` (``resources``, ``calendar`` …)."""
    calendar = {"calendar": {"start": start}} if start else {}
    return {**calendar, "initiatives": initiatives, **fields}


def write_document(folder: Path, data: dict[str, Any], name: str = "model.yaml") -> str:
    """``data`` written as YAML to ``folder/name``, keys in the order given; the file's path."""
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(path)


# --- data derived from the schema -----------------------------------------------------------

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


def bounds(t: TypeInfo, lo: float, hi: float) -> tuple[float, float]:
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
        lo, hi = bounds(t, 1, 10**6)
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
