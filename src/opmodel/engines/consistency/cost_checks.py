"""The hidden transition costs in the consistency check: an initiative that changes people's
work strongly should budget a productivity dip, one that changes their tools or providers
parallel running, and not implausibly little of either (knowledge/data/hidden_costs.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from opmodel.document.model import OperatingModel
from opmodel.document.problems import Path
from opmodel.document.roadmap import CostCategory
from opmodel.knowledge.rules import hidden_costs

DIRECT = (CostCategory.capex, CostCategory.opex)

Hit = tuple[Path, dict[str, Any]]


@dataclass(frozen=True)
class Expected:
    """An initiative that should budget a hidden cost, and what it budgets."""

    initiative: str
    index: int
    level: int
    areas: list[str]
    direct: float
    budgeted: float


def expected(model: OperatingModel, category: CostCategory) -> list[Expected]:
    """The initiatives whose impacts call for ``category``, with their direct cost and the
    amount of ``category`` they budget (their own, items tied to them, and their share of
    the items tied to no initiative, spread in proportion to direct cost)."""
    rule = hidden_costs().get(category.value)
    roadmap, change = model.roadmap, model.change
    if roadmap is None or change is None:
        return []
    strongest: dict[str, tuple[int, set[str]]] = {}
    for impact in change.impacts:
        areas = {a.value for a in impact.areas}
        named = areas & set(rule.impact_areas) if rule.impact_areas else areas
        if impact.level >= rule.impact_level and (named or not rule.impact_areas):
            level, seen = strongest.get(impact.initiative, (0, set()))
            strongest[impact.initiative] = (max(level, impact.level), seen | named)
    items = model.budget.items if model.budget else []
    rows = []
    for n, ini in enumerate(roadmap.initiatives):
        if ini.id not in strongest:
            continue
        costs = [(c.category, c.amount) for c in ini.costs] + [
            (b.category, b.amount) for b in items if b.initiative == ini.id]
        level, areas = strongest[ini.id]
        rows.append(Expected(
            initiative=ini.id, index=n, level=level,
            areas=[a for a in rule.impact_areas if a in areas],
            direct=sum(a for c, a in costs if c in DIRECT),
            budgeted=sum(a for c, a in costs if c is category)))
    shared = sum(b.amount for b in items if b.initiative is None and b.category is category)
    total = sum(r.direct for r in rows)
    if shared and rows:
        rows = [replace(r, budgeted=r.budgeted + shared * (
            r.direct / total if total else 1 / len(rows))) for r in rows]
    return rows


def _missing(model: OperatingModel, category: CostCategory, areas: bool) -> Iterator[Hit]:
    floor = hidden_costs().get(category.value).min_share
    for row in expected(model, category):
        if row.budgeted <= 0:
            params: dict[str, Any] = {"id": row.initiative, "level": row.level, "floor": floor}
            if areas:
                params["areas"] = row.areas
            yield ("roadmap", "initiatives", row.index, "costs"), params


def _too_small(model: OperatingModel, category: CostCategory) -> Iterator[Hit]:
    floor = hidden_costs().get(category.value).min_share
    for row in expected(model, category):
        if 0 < row.budgeted < floor * row.direct:
            yield (("roadmap", "initiatives", row.index, "costs"),
                   {"id": row.initiative, "share": row.budgeted / row.direct, "floor": floor,
                    "level": row.level})


def productivity_missing(model: OperatingModel) -> Iterator[Hit]:
    """An initiative that changes people's work strongly and budgets no productivity dip."""
    return _missing(model, CostCategory.productivity, areas=False)


def productivity_too_small(model: OperatingModel) -> Iterator[Hit]:
    """An initiative whose productivity dip is below the plausible share of its direct cost."""
    return _too_small(model, CostCategory.productivity)


def parallel_running_missing(model: OperatingModel) -> Iterator[Hit]:
    """An initiative that changes tools or providers strongly and budgets no parallel running."""
    return _missing(model, CostCategory.parallel_running, areas=True)


def parallel_running_too_small(model: OperatingModel) -> Iterator[Hit]:
    """An initiative whose parallel running is below the plausible share of its direct cost."""
    return _too_small(model, CostCategory.parallel_running)
