"""Rules on the roadmap: dependencies without cycles, ordered estimates and windows, signs,
cost ranges and team capacity."""

from __future__ import annotations

from collections.abc import Iterator

from opmodel.document.messages import problem
from opmodel.document.model import OperatingModel
from opmodel.document.problems import Problem


def find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """One cycle of ``graph`` (node → successors) as a closed list of nodes, or None."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(graph, white)
    for root in graph:
        if colour[root] != white:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(graph[root]))]
        colour[root] = grey
        while stack:
            node, successors = stack[-1]
            nxt = next(successors, None)
            if nxt is None:
                colour[node] = black
                stack.pop()
            elif colour.get(nxt, black) == grey:
                trail = [n for n, _ in stack]
                return [*trail[trail.index(nxt):], nxt]
            elif colour.get(nxt) == white:
                colour[nxt] = grey
                stack.append((nxt, iter(graph[nxt])))
    return None


def roadmap_dependencies(model: OperatingModel) -> Iterator[Problem]:
    """Roadmap dependencies must not loop (the error names the cycle)."""
    if model.roadmap is None:
        return
    ids = {i.id for i in model.roadmap.initiatives}
    graph: dict[str, list[str]] = {}
    for n, initiative in enumerate(model.roadmap.initiatives):
        preds = []
        for k, dep in enumerate(initiative.depends_on):
            if dep.initiative == initiative.id:
                yield problem("document.self_dependency", ("roadmap", "initiatives", n, "depends_on", k),
                              id=initiative.id)
            elif dep.initiative in ids:
                preds.append(dep.initiative)
        graph.setdefault(initiative.id, []).extend(preds)
    cycle = find_cycle(graph)
    if cycle:
        # graph edges point from an initiative to its prerequisites; show them in work order
        order = list(reversed(cycle))
        first = next(i for i, x in enumerate(model.roadmap.initiatives) if x.id == order[0])
        yield problem("document.dependency_cycle", ("roadmap", "initiatives", first, "depends_on"),
                      cycle=" → ".join(order))


def roadmap_estimates(model: OperatingModel) -> Iterator[Problem]:
    """Three-point estimates are ordered optimistic <= most likely <= pessimistic."""
    if model.roadmap is None:
        return
    for n, initiative in enumerate(model.roadmap.initiatives):
        d = initiative.duration
        if d is not None and not d.optimistic <= d.most_likely <= d.pessimistic:
            yield problem("document.estimate_order", ("roadmap", "initiatives", n, "duration"),
                          id=initiative.id, o=d.optimistic, m=d.most_likely, p=d.pessimistic)


def roadmap_windows(model: OperatingModel) -> Iterator[Problem]:
    """Phases end on or after they start; initiatives' deadlines follow their earliest start."""
    if model.roadmap is None:
        return
    for n, phase in enumerate(model.roadmap.phases):
        if phase.start and phase.end and phase.end < phase.start:
            yield problem("document.window_order", ("roadmap", "phases", n, "end"), id=phase.id,
                          start=phase.start, end=phase.end)
    for n, initiative in enumerate(model.roadmap.initiatives):
        start, end = initiative.earliest_start, initiative.deadline
        if start and end and end < start:
            yield problem("document.window_order", ("roadmap", "initiatives", n, "deadline"),
                          id=initiative.id, start=start, end=end)


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
                yield problem("document.negative_duration", ("roadmap", "initiatives", n, "duration", field),
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
                yield problem("document.cost_range_order", ("roadmap", "initiatives", n, "costs", k),
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
                yield problem("document.demand_exceeds_capacity",
                              ("roadmap", "initiatives", n, "demand", team),
                              id=initiative.id, team=team, demand=units, capacity=peak)
    for team, users in needed.items():
        k, peak = peaks[team]
        if peak <= 0:
            yield problem("document.zero_capacity", ("roadmap", "resources", k, "capacity"),
                          team=team, initiatives=", ".join(users))


RULES = [roadmap_dependencies, roadmap_estimates, roadmap_windows, negative_durations,
         cost_ranges, team_capacity]
