"""The dependency network of the selected initiatives: rows in topological order with
three-point durations, edges and cost ranges, ready to be sampled and propagated."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from opmodel.document.model import OperatingModel
from opmodel.engines.planning.costs import plan_start
from opmodel.engines.planning.prioritisation import expected_weeks
from opmodel.engines.planning.work_calendar import WorkCalendar


@dataclass
class Network:
    """Initiatives in topological order with three-point durations, edges and cost ranges."""

    ids: list[str]
    low: list[float]
    mode: list[float]
    high: list[float]
    earliest: list[float]  # working weeks after the plan start
    # preds[i] = (predecessor row, start-to-start?, lag in weeks)
    preds: list[list[tuple[int, bool, float]]] = field(default_factory=list)
    cost_low: list[float] = field(default_factory=list)  # one entry per uncertain cost item
    cost_mode: list[float] = field(default_factory=list)
    cost_high: list[float] = field(default_factory=list)
    fixed_cost: float = 0.0

    @property
    def size(self) -> int:
        """Number of initiatives."""
        return len(self.ids)
    level_cache: list[Any] | None = field(default=None, repr=False, compare=False)


def topological(ids: list[str], preds: dict[str, list[str]]) -> list[str]:
    """``ids`` ordered so every initiative comes after its predecessors (stable, Kahn)."""
    indeg = {i: 0 for i in ids}
    succs: dict[str, list[str]] = {i: [] for i in ids}
    for i in ids:
        for p in preds.get(i, []):
            if p in indeg:
                indeg[i] += 1
                succs[p].append(i)
    ready = deque(i for i in ids if indeg[i] == 0)
    out = []
    while ready:
        node = ready.popleft()
        out.append(node)
        for s in succs[node]:
            indeg[s] -= 1
            if indeg[s] == 0:
                ready.append(s)
    if len(out) != len(ids):
        raise ValueError("the dependencies form a cycle")  # the document check reports it first
    return out


def network_of(model: OperatingModel, selected: Collection[str] | None = None,
               start: dt.date | None = None,
               planned: Mapping[str, float] | None = None) -> Network:
    """The network of the selected initiatives (all when None); others' edges are dropped.

    ``planned`` gives start weeks from a resource-levelled schedule: an initiative starts
    no earlier than planned (the teams are busy until then), or later when its
    predecessors run late.
    """
    all_ini = model.roadmap.initiatives if model.roadmap else []
    wanted = None if selected is None else set(selected)
    chosen = {i.id: i for i in all_ini if wanted is None or i.id in wanted}
    order = topological(list(chosen), {k: [d.initiative for d in v.depends_on]
                                       for k, v in chosen.items()})
    row = {k: n for n, k in enumerate(order)}
    start = start or plan_start(model)
    calendar = working_calendar(model, start) if start else None
    net = Network(ids=order, low=[], mode=[], high=[], earliest=[])
    for k in order:
        ini = chosen[k]
        if ini.duration is not None:
            d = ini.duration
            net.low.append(d.optimistic)
            net.mode.append(d.most_likely)
            net.high.append(d.pessimistic)
        else:
            w = expected_weeks(ini)
            net.low.append(w)
            net.mode.append(w)
            net.high.append(w)
        early = 0.0
        if calendar is not None and ini.earliest_start is not None:
            early = calendar.days_before(ini.earliest_start) / calendar.per_week
        if planned is not None and k in planned:
            early = max(early, planned[k])
        net.earliest.append(early)
        net.preds.append([(row[d.initiative], d.type.value == "ss", d.lag)
                          for d in ini.depends_on if d.initiative in row])
        for c in ini.costs:
            lo = c.amount if c.low is None else c.low
            hi = c.amount if c.high is None else c.high
            if hi > lo:
                net.cost_low.append(lo)
                net.cost_mode.append(c.amount)
                net.cost_high.append(hi)
            else:
                net.fixed_cost += c.amount
    return net


def working_calendar(model: OperatingModel, start: dt.date) -> WorkCalendar:
    """The roadmap's working weeks from ``start`` (the scheduler counts weeks the same way)."""
    cal = model.roadmap.calendar if model.roadmap else None
    return WorkCalendar(start, cal.working_days if cal else range(5), cal.holidays if cal else ())
