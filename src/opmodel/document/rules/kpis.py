"""Rules on the KPI definitions: library ids exist, custom KPIs are complete, thresholds are
ordered by the KPI's direction."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from opmodel.document.kpis import Direction
from opmodel.document.messages import nearest_ids, problem
from opmodel.document.model import OperatingModel
from opmodel.document.problems import Problem
from opmodel.knowledge.kpis import kpi_library


def _worse(direction: Direction, a: float, b: float) -> bool:
    """True when ``a`` is strictly worse than ``b`` for a KPI of ``direction``."""
    return a < b if direction is Direction.higher_is_better else a > b


def kpi_definitions(model: OperatingModel) -> Iterator[Problem]:
    """Library ids exist, custom KPIs say how they roll up, thresholds follow the direction."""
    if model.kpis is None:
        return
    library = kpi_library()
    for n, kpi in enumerate(model.kpis.definitions):
        path = ("kpis", "definitions", n)
        entry = library.get(kpi.kpi) if kpi.kpi else None
        if kpi.kpi and entry is None:
            known = nearest_ids(kpi.kpi, (k.id for k in library.kpis), 6)
            yield problem("document.kpi_unknown_library", (*path, "kpi"), id=kpi.kpi, known=known)
            continue
        if entry is None and (kpi.direction is None or kpi.aggregation is None):
            yield problem("document.kpi_custom_incomplete", path, id=kpi.id)
            continue
        direction = kpi.direction or Direction(entry.direction if entry else "higher")
        levels = [(name, value) for name, value in
                  (("target", kpi.target), ("warning", kpi.warning), ("critical", kpi.critical))
                  if value is not None]
        for (better, b), (worse, w) in pairwise(levels):
            if _worse(direction, b, w):
                yield problem("document.kpi_threshold_order", (*path, worse), id=kpi.id, better=better,
                              worse=worse, direction=direction.value)


RULES = [kpi_definitions]
