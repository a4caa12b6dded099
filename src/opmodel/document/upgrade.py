"""Documents written for an earlier shape of the schema: what changed, told as problems, and
the same document rewritten in today's shape.

Changes so far (the first release that keeps revisions of models):
- every cost line of an initiative has an ``id``, unique among the initiative's costs;
- stakeholder groups are declared in ``change.groups`` and referred to by id;
- ``kpis.measurements`` (a file path) left the document: the command line keeps
  measurements beside the model file, the server in its database.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

from opmodel.document.messages import problem
from opmodel.document.problems import Problem

# where stakeholder groups are named in the change section: (list, field, many?)
GROUP_FIELDS = (("stakeholders", "group", False), ("impacts", "group", False),
                ("communications", "groups", True), ("courses", "groups", True),
                ("completions", "group", False), ("surveys", "group", False))

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _mapping(data: Any, *keys: str) -> dict[str, Any] | None:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data if isinstance(data, dict) else None


def _costs_without_id(data: Any) -> Iterator[tuple[int, int, dict[str, Any]]]:
    roadmap = _mapping(data, "roadmap")
    initiatives = roadmap.get("initiatives") if roadmap else None
    for n, initiative in enumerate(initiatives if isinstance(initiatives, list) else []):
        costs = initiative.get("costs") if isinstance(initiative, dict) else None
        for k, cost in enumerate(costs if isinstance(costs, list) else []):
            if isinstance(cost, dict) and "id" not in cost:
                yield n, k, cost


def _groups_used(change: dict[str, Any]) -> list[str]:
    used: dict[str, None] = {}
    for section, field, many in GROUP_FIELDS:
        entries = change.get(section)
        for entry in entries if isinstance(entries, list) else []:
            value = entry.get(field) if isinstance(entry, dict) else None
            for group in (value if many and isinstance(value, list) else [value]):
                if isinstance(group, str) and group:
                    used[group] = None
    return list(used)


def _undeclared_groups(data: Any) -> list[str]:
    change = _mapping(data, "change")
    if change is None:
        return []
    declared = change.get("groups")
    known = {g.get("id") for g in declared if isinstance(g, dict)} \
        if isinstance(declared, list) else set()
    return [g for g in _groups_used(change) if g not in known]


def old_shape_problems(data: Any) -> list[Problem]:
    """What in ``data`` follows an earlier shape of the schema, each with how to write it now."""
    found = []
    kpis = _mapping(data, "kpis")
    if kpis is not None and "measurements" in kpis:
        found.append(problem("document.old_shape_measurements", ("kpis", "measurements"),
                             file=str(kpis["measurements"])))
    costs = list(_costs_without_id(data))
    if costs:
        n, k, _ = costs[0]
        found.append(problem("document.old_shape_cost_ids",
                             ("roadmap", "initiatives", n, "costs", k), count=len(costs)))
    groups = _undeclared_groups(data)
    if groups and not isinstance((_mapping(data, "change") or {}).get("groups"), list):
        found.append(problem("document.old_shape_groups", ("change",), groups=groups))
    return found


def _cost_id(cost: dict[str, Any], taken: set[str]) -> str:
    base = _NOT_SLUG.sub("-", str(cost.get("category") or "cost").lower()).strip("-") or "cost"
    if cost.get("fiscal_year") is not None:
        base += f"-{cost['fiscal_year']}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def upgrade_data(data: Any) -> tuple[Any, list[Problem]]:
    """``data`` rewritten in today's shape, and the old-shape problems it had (what was done).

    Only what the old shape implies is changed; anything else wrong stays for validation to
    report.
    """
    found = old_shape_problems(data)
    if not found:
        return data, []
    new = copy.deepcopy(data)
    kpis = _mapping(new, "kpis")
    if kpis is not None:
        kpis.pop("measurements", None)
    for initiative in (_mapping(new, "roadmap") or {}).get("initiatives") or []:
        costs = initiative.get("costs") if isinstance(initiative, dict) else None
        if not isinstance(costs, list):
            continue
        taken = {str(c["id"]) for c in costs if isinstance(c, dict) and "id" in c}
        for k, cost in enumerate(costs):
            if isinstance(cost, dict) and "id" not in cost:
                costs[k] = {"id": _cost_id(cost, taken), **cost}
    change = _mapping(new, "change")
    groups = _undeclared_groups(new)
    if change is not None and groups:
        existing = change.get("groups")
        declared: list[Any] = existing if isinstance(existing, list) else []
        rebuilt: dict[str, Any] = {"groups": [*declared, *({"id": g} for g in groups)]}
        rebuilt.update((k, v) for k, v in change.items() if k != "groups")
        change.clear()
        change.update(rebuilt)
    return new, found
