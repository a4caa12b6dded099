"""Comparing two documents by meaning: where they differ, with the objects on both sides.

The one walk behind change sets, the semantic diff and the three-way merge. Items of keyed
lists are matched by key, references are sets, mappings go key by key, sub-models field by
field; plain values and lists of plain values are compared whole. Unchanged sub-objects are
recognised by identity first, so comparing a document with a small edit of it costs little.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Literal

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from opmodel.document.base import Entity
from opmodel.document.paths import Key, Path
from opmodel.document.shapes import FieldShape, item_key, key_fields, key_text, shapes

OpName = Literal["add", "remove", "replace"]
Trail = tuple[tuple[Any, Any], ...]


@dataclass(frozen=True, slots=True)
class Difference:
    """One place where two models differ: ``add`` (absent before), ``remove`` (absent after)
    or ``replace``, with the values on both sides (None: absent)."""

    op: OpName
    path: Path
    before: Any
    after: Any
    # the (before, after) values at path[:1], path[:2] … path[:-1]: the models, lists and
    # items the walk went through, so that a caller needs no second lookup
    trail: Trail = ()


def differences(before: BaseModel, after: BaseModel, path: Path = (),
                trail: Trail = ()) -> list[Difference]:
    """Every place where two models of one type differ, in schema order (``path`` and
    ``trail``: where the two models stand in a larger document)."""
    found: list[Difference] = []
    _models(before, after, path, trail, found)
    return found


def _models(a: BaseModel, b: BaseModel, path: Path, trail: Trail,
            out: list[Difference]) -> None:
    values_a, values_b = a.__dict__, b.__dict__
    for name, shape in shapes(type(a)).items():
        x, y = values_a.get(name), values_b.get(name)
        if x is y:
            continue
        here = (*path, shape.alias)
        if x is None or y is None:
            out.append(Difference("add" if x is None else "remove", here, x, y, trail))
        elif shape.container == "model" and type(x) is type(y):
            _models(x, y, here, (*trail, (x, y)), out)
        elif shape.container == "list":
            _list(shape, x, y, here, (*trail, (x, y)), out)
        elif shape.container == "dict":
            _dict(shape, x, y, here, (*trail, (x, y)), out)
        elif x != y:
            out.append(Difference("replace", here, x, y, trail))


def keyer(model: type[BaseModel]) -> Callable[[Any], str]:
    """The function giving the key of an item of a list of ``model``."""
    if issubclass(model, Entity):
        return attrgetter("id")
    return lambda item: item_key(item, model)


def _list(shape: FieldShape, x: list[Any], y: list[Any], path: Path, trail: Trail,
          out: list[Difference]) -> None:
    if shape.model is None and shape.ref is not None:  # references: a set of ids
        if x != y:
            _references(x, y, path, trail, out)
    elif shape.model is not None and key_fields(shape.model):
        _keyed(keyer(shape.model), x, y, path, trail, out)
    elif x != y:
        out.append(Difference("replace", path, x, y, trail[:-1]))


def _references(x: list[Any], y: list[Any], path: Path, trail: Trail,
                out: list[Difference]) -> None:
    before, after = dict.fromkeys(x), dict.fromkeys(y)
    out.extend(Difference("remove", (*path, Key(key_text(v))), v, None, trail)
               for v in before if v not in after)
    out.extend(Difference("add", (*path, Key(key_text(v))), None, v, trail)
               for v in after if v not in before)


def _keyed(key: Callable[[Any], str], x: list[Any], y: list[Any], path: Path, trail: Trail,
           out: list[Difference]) -> None:
    if len(x) == len(y):
        # the common case: the same items in the same places, a few of them edited
        pairs = []
        for p, q in zip(x, y, strict=True):
            if p is q:
                continue
            k = key(p)
            if k != key(q):
                break
            if p != q:  # equal items of two documents read apart share no objects
                pairs.append((k, p, q))
        else:
            for k, p, q in pairs:
                here = (*path, Key(k))
                _models(p, q, here, (*trail, (p, q)), out)
            return
    before = {key(item): item for item in x}
    after = {key(item): item for item in y}
    out.extend(Difference("remove", (*path, Key(k)), item, None, trail)
               for k, item in before.items() if k not in after)
    for k, item in after.items():
        old = before.get(k)
        if old is None:
            out.append(Difference("add", (*path, Key(k)), None, item, trail))
        elif old is not item and old != item:
            _models(old, item, (*path, Key(k)), (*trail, (old, item)), out)


def _dict(shape: FieldShape, x: dict[Any, Any], y: dict[Any, Any], path: Path, trail: Trail,
          out: list[Difference]) -> None:
    if x == y:
        return
    out.extend(Difference("remove", (*path, Key(key_text(k))), v, None, trail)
               for k, v in x.items() if k not in y)
    for k, v in y.items():
        here = (*path, Key(key_text(k)))
        if k not in x:
            out.append(Difference("add", here, None, v, trail))
            continue
        old = x[k]
        if old is v:
            continue
        if isinstance(old, BaseModel) and type(old) is type(v):
            _models(old, v, here, (*trail, (old, v)), out)
        elif old != v:
            out.append(Difference("replace", here, old, v, trail))


# ---------------------------------------------------------------------------------------
# Values as data, and equality up to order


def plain(value: Any) -> Any:
    """A value of the document as JSON data, written as in a file (defaults left out)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {key_text(k): plain(v) for k, v in value.items()}
    return to_jsonable_python(value)


def equivalent(a: Any, b: Any) -> bool:
    """True when ``a`` and ``b`` are equal up to the order of items in keyed collections
    (entities, items with a declared key, references) and of mapping entries."""
    if a is b:
        return True
    if not isinstance(a, BaseModel):
        return bool(a == b)
    if type(a) is not type(b):
        return False
    values_a, values_b = a.__dict__, b.__dict__
    return all(_same(shape, values_a.get(name), values_b.get(name))
               for name, shape in shapes(type(a)).items())


def _same(shape: FieldShape, x: Any, y: Any) -> bool:
    if x is y:
        return True
    if x is None or y is None:
        return False
    if shape.container == "list" and shape.model is None and shape.ref is not None:
        return set(x) == set(y)
    if shape.container == "list" and shape.model is not None and key_fields(shape.model):
        key = keyer(shape.model)
        mx, my = {key(i): i for i in x}, {key(i): i for i in y}
        if len(mx) != len(x) or len(my) != len(y):  # repeated keys: no order to ignore
            return bool(x == y)
        return mx.keys() == my.keys() and all(equivalent(mx[k], my[k]) for k in mx)
    if shape.container == "dict":
        return x.keys() == y.keys() and all(equivalent(x[k], y[k]) for k in x)
    return equivalent(x, y)
