"""The screens of condition rules: a test of one entity alone, made of a rule's conditions on
the entity's own fields, run before the rule builds the entity's bindings and joins."""

from __future__ import annotations

from functools import reduce

from opmodel.engines.consistency.conditions import (
    _COMPARE,
    ROOT,
    ROOT_PREFIX,
    Screen,
    _compares,
    _field_values,
    _has,
    split,
)
from opmodel.knowledge.rules import Condition, Op, Rule

_SCREENS: dict[int, tuple[Rule, Screen | None]] = {}  # by id, as the compiled conditions


def screen(rule: Rule) -> Screen | None:
    """A test of an entity alone that every entity the rule fires on passes, made of the
    rule's conditions on the entity's own fields (None when it has none). Bindings, joins
    and the whole conditions are then built only for the entities it keeps: most entities
    of a large model fail a rule's first condition (10,000 applications, few retired)."""
    found = _SCREENS.get(id(rule))
    if found is None or found[0] is not rule:
        alias = rule.join.as_ if rule.join else None
        found = _SCREENS[id(rule)] = (rule, _screen_all([_screen(c, alias)
                                                         for c in rule.when]))
    return found[1]


def _screen_all(parts: list[Screen | None]) -> Screen | None:
    known = [part for part in parts if part is not None]
    return reduce(_both, known) if known else None


def _both(first: Screen, second: Screen) -> Screen:
    return lambda item: first(item) and second(item)


def _either(first: Screen, second: Screen) -> Screen:
    return lambda item: first(item) or second(item)


def _screen(cond: Condition, alias: str | None) -> Screen | None:
    """What ``cond`` asks of the entity's own field, or None when it reads anything else."""
    if cond.all:
        return _screen_all([_screen(c, alias) for c in cond.all])
    if cond.any:
        screens = [_screen(c, alias) for c in cond.any]
        known = [part for part in screens if part is not None]
        return reduce(_either, known) if len(known) == len(screens) else None
    left, op, right = cond.left, cond.op, cond.right
    parts = split(left) if isinstance(left, str) else ()
    if len(parts) != 1 or left == ROOT or str(left).startswith(ROOT_PREFIX) \
            or parts[0] == alias:
        return None
    name: str = parts[0]
    if op is Op.present or op is Op.missing:
        present = op is Op.present
        return lambda item: _has(item, name) is present
    if isinstance(right, dict):  # a field or a catalog: the entity's own value is needed
        return lambda item: _has(item, name)
    constant = list(right) if isinstance(right, list | tuple) else [] if right is None else [
        right]
    if op is Op.in_ or op is Op.not_in:
        inside, pool = op is Op.in_, set(constant)
        return lambda item: any((v in pool) == inside for v in _field_values(item, name))
    test, scale = _COMPARE[op], cond.scale  # type: ignore[index]
    if op is Op.eq and not scale and constant and constant[0] is not None:
        wanted = constant[0]  # _compares for eq: one of the values equals it
        return lambda item: wanted in _field_values(item, name)
    return lambda item: _compares(_field_values(item, name), constant, scale, test)
