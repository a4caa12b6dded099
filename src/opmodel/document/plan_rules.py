"""Rules on roadmap inputs that planning needs: signs, ranges and team capacity."""

from __future__ import annotations

from collections.abc import Iterator

from opmodel.document.messages import problem
from opmodel.document.model import OperatingModel
from opmodel.document.problems import Problem


def negative_durations(model: OperatingModel) -> Iterator[Problem]:
    """No three-point duration may be negative."""
    if model.roadmap is None:
        return
    for n, initiative in enumerate(model.roadmap.initiatives):
        d = initiative.duration
        if d is None:
            continue
        for field in ("optimistic", "most_likely", "pessimistic"):
            value = getattr(d, field)
            if value < 0:
                yield problem("negative_duration", ("roadmap", "initiatives", n, "duration", field),
                              id=initiative.id, field=field, value=value)


def cost_ranges(model: OperatingModel) -> Iterator[Problem]:
    """A cost item's range is ordered low <= amount <= high."""
    if model.roadmap is None:
        return
    for n, initiative in enumerate(model.roadmap.initiatives):
        for k, cost in enumerate(initiative.costs):
            low = cost.amount if cost.low is None else cost.low
            high = cost.amount if cost.high is None else cost.high
            if not low <= cost.amount <= high:
                yield problem("cost_range_order", ("roadmap", "initiatives", n, "costs", k),
                              id=initiative.id, low=low, amount=cost.amount, high=high)


def _peak_capacity(capacity: float, periods: list[float]) -> float:
    return max([capacity, *periods])


def team_capacity(model: OperatingModel) -> Iterator[Problem]:
    """A team some initiative needs has capacity, and at least as much as one initiative needs."""
    if model.roadmap is None:
        return
    peaks = {r.id: (k, _peak_capacity(r.capacity, [p.capacity for p in r.periods]))
             for k, r in enumerate(model.roadmap.resources)}
    needed: dict[str, list[str]] = {}
    for n, initiative in enumerate(model.roadmap.initiatives):
        for team, units in initiative.demand.items():
            if units <= 0 or team not in peaks:
                continue  # unknown teams are reported by the reference check
            needed.setdefault(team, []).append(initiative.id)
            peak = peaks[team][1]
            if 0 < peak < units:
                yield problem("demand_exceeds_capacity",
                              ("roadmap", "initiatives", n, "demand", team),
                              id=initiative.id, team=team, demand=units, capacity=peak)
    for team, users in needed.items():
        k, peak = peaks[team]
        if peak <= 0:
            yield problem("zero_capacity", ("roadmap", "resources", k, "capacity"),
                          team=team, initiatives=", ".join(users))


RULES = [negative_durations, cost_ranges, team_capacity]
