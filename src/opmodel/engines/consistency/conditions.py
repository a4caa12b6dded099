"""The interpreter of declarative rule conditions: paths, joins, terms and comparisons.

A path is dotted field names; lists met on the way are walked, so one path may give many
values. ``doc:`` starts from the document root, a join's alias from the joined entity.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from typing import Any

from pydantic import BaseModel

from opmodel.document.problems import Path
from opmodel.knowledge.rules import Condition, Op, Rule, catalog_entries, catalog_ids

ROOT = "doc"
ROOT_PREFIX = "doc:"
CATALOG_PREFIX = "catalog:"
Located = tuple[Any, Path]
Screen = Callable[[Any], bool]  # a test of one entity alone, before its bindings are built

_COMPARE: dict[Op, Callable[[Any, Any], bool]] = {
    Op.eq: operator.eq, Op.ne: operator.ne, Op.lt: operator.lt, Op.le: operator.le,
    Op.gt: operator.gt, Op.ge: operator.ge,
}


def plain(value: Any) -> Any:
    """Enum members as their values; everything else unchanged."""
    return value.value if isinstance(value, Enum) else value


def _empty(value: Any) -> bool:
    return value is None or (not value and isinstance(value, str | list | dict | tuple))


def _child(node: Any, name: str) -> Any:
    if isinstance(node, BaseModel):
        return node.__dict__.get(name)  # field values only, never methods (and fast)
    if isinstance(node, dict):
        return node.get(name)
    return None


def walk(start: Any, base: Path, parts: tuple[str, ...]) -> list[Located]:
    """Every value (with its path) reached from ``start`` by the field names in ``parts``."""
    if len(parts) == 1:  # the common case: one field of the entity
        value = _child(start, parts[0])
        if isinstance(value, list):
            return [(v, (*base, parts[0], i)) for i, v in enumerate(value) if not _empty(v)]
        return [] if _empty(value) else [(value, (*base, parts[0]))]
    found: list[Located] = [(start, base)]
    for name in parts:
        step: list[Located] = []
        for node, path in found:
            value = _child(node, name)
            if isinstance(value, list):
                step.extend((v, (*path, name, i)) for i, v in enumerate(value))
            elif value is not None:
                step.append((value, (*path, name)))
        found = step
    return [(v, p) for v, p in found if not _empty(v)]


def reach(start: Any, parts: tuple[str, ...]) -> list[Any]:
    """The values of :func:`walk`, without their paths (cheaper over long lists)."""
    found: list[Any] = [start]
    for name in parts:
        step: list[Any] = []
        for node in found:
            value = _child(node, name)
            if isinstance(value, list):
                step.extend(value)
            elif value is not None:
                step.append(value)
        found = step
    return [v for v in found if not _empty(v)]


@cache
def split(path: str) -> tuple[str, ...]:
    """``a.b.c`` → ``('a', 'b', 'c')``."""
    return tuple(part for part in path.split(".") if part)


@dataclass
class RunCache:
    """What is the same for every entity of one rule run: ``doc:`` paths and their sets."""

    paths: dict[str, list[Located]] = field(default_factory=dict)
    values: dict[str, list[Any]] = field(default_factory=dict)
    sets: dict[str, set[Any]] = field(default_factory=dict)


@dataclass
class Binding:
    """One entity under test, where it is, and the entities its join reached."""

    root: Any
    item: Any
    path: Path
    aliases: dict[str, Located] = field(default_factory=dict)
    cache: RunCache = field(default_factory=RunCache)

    def resolve(self, path: str) -> list[Located]:
        """The values a path names from this binding (``doc:``, an alias, or the entity)."""
        if path == ROOT:
            return [(self.root, ())]
        if path.startswith(ROOT_PREFIX):
            paths = self.cache.paths
            if path not in paths:  # the same for every entity: walk it once
                paths[path] = walk(self.root, (), split(path[len(ROOT_PREFIX):]))
            return paths[path]
        parts = split(path)
        if parts and parts[0] in self.aliases:
            obj, where = self.aliases[parts[0]]
            return walk(obj, where, parts[1:])
        return walk(self.item, self.path, parts)

    def values(self, path: str) -> list[Any]:
        """The plain values a path names (dicts give their values when counted)."""
        if path.startswith(ROOT_PREFIX):  # the same for every entity: reached once
            known = self.cache.values
            if path not in known:
                known[path] = [plain(v) for v in reach(self.root,
                                                       split(path[len(ROOT_PREFIX):]))]
            return known[path]
        if path == ROOT:
            return [plain(self.root)]
        parts = split(path)  # the values of resolve(path), without their paths
        if parts and parts[0] in self.aliases:
            return [plain(v) for v in reach(self.aliases[parts[0]][0], parts[1:])]
        return [plain(v) for v in reach(self.item, parts)]


def items_of(rule: Rule, root: Any, keep: Screen | None = None) -> list[Located]:
    """The entities a rule tests, with their paths; with ``keep``, only those it keeps."""
    each = rule.each or ROOT
    if each == ROOT:
        found: list[Located] = [(root, ())]
    elif each.startswith(CATALOG_PREFIX):
        found = [(entry, ()) for entry in catalog_entries(each[len(CATALOG_PREFIX):])]
    elif keep is None or not split(each):
        return walk(root, (), split(each))
    else:
        return _kept(root, split(each), keep)
    return found if keep is None else [(item, path) for item, path in found if keep(item)]


def _kept(root: Any, parts: tuple[str, ...], keep: Screen) -> list[Located]:
    """``walk(root, (), parts)`` but only what ``keep`` keeps, the paths of the last step
    built for those alone (a rule may test 10,000 applications and keep none)."""
    *above, name = parts
    found: list[Located] = []
    for node, path in walk(root, (), tuple(above)) if above else [(root, ())]:
        value = _child(node, name)
        if isinstance(value, list):
            found.extend((v, (*path, name, i)) for i, v in enumerate(value)
                         if not _empty(v) and keep(v))
        elif not _empty(value) and keep(value):
            found.append((value, (*path, name)))
    return found


def bindings(rule: Rule, root: Any, keep: Screen | None = None) -> Iterator[Binding]:
    """Each entity of the rule (only those ``keep`` keeps, when given), once per joined
    target when the rule joins."""
    cache = RunCache()
    targets = {} if rule.join is None else {
        plain(_child(t, "id")): (t, p) for t, p in walk(root, (), split(rule.join.to))}
    for item, path in items_of(rule, root, keep):
        base = Binding(root, item, path, cache=cache)
        if rule.join is None:
            yield base
            continue
        for ref in base.values(rule.join.field):
            if ref in targets:
                yield Binding(root, item, path, {rule.join.as_: targets[ref]}, cache)


def term(spec: str | dict[str, Any] | None, b: Binding) -> list[Any]:
    """The values of the left side: a path, or {count}, {product} or {value}."""
    if spec is None:
        return []
    if isinstance(spec, str):
        return b.values(spec)
    if "count" in spec:
        found = b.values(spec["count"])
        pool = [v for x in found for v in (x.values() if isinstance(x, dict) else [x])]
        if "op" in spec:
            test = _COMPARE[Op(spec["op"])]
            pool = [v for v in pool if _safe(test, plain(v), spec.get("value"))]
        return [len(pool)]
    if "product" in spec:
        result = 1.0
        for part in spec["product"]:
            got = b.values(part)
            if not got or not isinstance(got[0], int | float):
                return []
            result *= got[0]
        return [result]
    if "value" in spec:
        return [spec["value"]]
    raise ValueError(f"unknown term {spec}")


def right_values(spec: Any, b: Binding) -> list[Any]:
    """The values of the right side: a constant (or list), {field: path} or {catalog: NAME}."""
    if isinstance(spec, dict) and "field" in spec:
        return b.values(spec["field"])
    if isinstance(spec, dict) and "catalog" in spec:
        return sorted(catalog_ids(spec["catalog"]))
    if isinstance(spec, list | tuple):
        return list(spec)
    return [] if spec is None else [spec]


def _safe(test: Callable[[Any, Any], bool], a: Any, b: Any) -> bool:
    try:
        return bool(test(a, b))
    except TypeError:  # values of different kinds never compare
        return False


def _pool(spec: Any, b: Binding) -> set[Any]:
    """The right side as a set; one from ``doc:`` is built once per rule run."""
    path = spec.get("field") if isinstance(spec, dict) else None
    if not (isinstance(path, str) and path.startswith(ROOT_PREFIX)):
        return set(right_values(spec, b))
    sets = b.cache.sets
    if path not in sets:
        sets[path] = set(right_values(spec, b))
    return sets[path]


def _ranked(values: list[Any], scale: tuple[str, ...]) -> list[Any]:
    return [scale.index(v) if v in scale else None for v in values] if scale else values


def _compares(found: list[Any], other: list[Any], scale: tuple[str, ...],
              test: Callable[[Any, Any], bool]) -> bool:
    """Whether a value of the left side compares true with the first of the right side."""
    if not found or not other:
        return False
    lhs, rhs = _ranked(found, scale), _ranked(other[:1], scale)[0]
    return rhs is not None and any(v is not None and _safe(test, v, rhs) for v in lhs)


def holds(cond: Condition, b: Binding, seen: dict[str, Any]) -> bool:
    """Whether the condition holds for the binding; the first leaf's sides go into ``seen``."""
    return _compiled(cond)(b, seen)


Test = Callable[[Binding, dict[str, Any]], bool]
Values = Callable[[Binding], list[Any]]
_COMPILED: dict[int, tuple[Condition, Test]] = {}  # by id: the rule book's conditions live on


def _compiled(cond: Condition) -> Test:
    """``cond`` as a function of a binding, its paths and constants looked at once: a rule
    tests every entity of a collection (10,000 applications in a large model)."""
    found = _COMPILED.get(id(cond))
    if found is None or found[0] is not cond:
        found = _COMPILED[id(cond)] = (cond, _compile(cond))
    return found[1]


def _compile(cond: Condition) -> Test:
    if cond.all:
        parts = [_compiled(c) for c in cond.all]
        return lambda b, seen: all(test(b, seen) for test in parts)
    if cond.any:
        parts = [_compiled(c) for c in cond.any]
        return lambda b, seen: any(test(b, seen) for test in parts)
    left, op = _left(cond.left), cond.op
    if op is Op.present or op is Op.missing:
        present = op is Op.present

        def exists(b: Binding, seen: dict[str, Any]) -> bool:
            found = left(b)
            seen.setdefault("left", found[0] if found else None)
            return bool(found) is present
        return exists
    if op in (Op.in_, Op.not_in):
        inside, spec = op is Op.in_, cond.right

        def member(b: Binding, seen: dict[str, Any]) -> bool:
            found = left(b)
            seen.setdefault("left", found[0] if found else None)
            pool = _pool(spec, b)
            return any((v in pool) == inside for v in found)
        return member
    right, scale = _right(cond.right), cond.scale
    test = _COMPARE[op]  # type: ignore[index]

    def compare(b: Binding, seen: dict[str, Any]) -> bool:
        found = left(b)
        seen.setdefault("left", found[0] if found else None)
        other = right(b)
        seen.setdefault("right", other[0] if other else None)
        return _compares(found, other, scale, test)
    return compare


def _left(spec: str | dict[str, Any] | None) -> Values:
    """The values of a left side, as a function of a binding."""
    if isinstance(spec, str):
        return _path_values(spec)
    return lambda b: term(spec, b)


def _right(spec: Any) -> Values:
    """The values of a right side: a constant's computed once, a field's per binding."""
    if isinstance(spec, dict) and "field" in spec:
        return _path_values(spec["field"])
    if isinstance(spec, dict):
        return lambda b: right_values(spec, b)
    constant = list(spec) if isinstance(spec, list | tuple) else [] if spec is None else [spec]
    return lambda b: constant


def _path_values(path: str) -> Values:
    """``Binding.values(path)``; for one field of the entity itself, read directly."""
    parts = split(path)
    if len(parts) != 1 or path == ROOT or path.startswith(ROOT_PREFIX):
        return lambda b: b.values(path)
    name = parts[0]

    def values(b: Binding) -> list[Any]:
        if b.aliases and name in b.aliases:
            return b.values(path)
        return _field_values(b.item, name)
    return values


def _field_values(item: Any, name: str) -> list[Any]:
    """The plain values of one field of an entity (a list's items that are not empty)."""
    value = _child(item, name)
    if value is None:
        return []
    if isinstance(value, list):
        return [plain(v) for v in value if not _empty(v)]
    return [] if _empty(value) else [plain(value)]


def _has(item: Any, name: str) -> bool:
    """Whether one field of an entity has a value (``_field_values`` is not empty)."""
    value = _child(item, name)
    if isinstance(value, list):
        return any(not _empty(v) for v in value)
    return not _empty(value)


def at_path(rule: Rule, b: Binding) -> Path:
    """The path a finding of the rule points at."""
    if rule.at is None:
        return b.path
    if rule.at.startswith(ROOT_PREFIX):
        return tuple(split(rule.at[len(ROOT_PREFIX):]))
    return (*b.path, *split(rule.at))

