"""Rules on a structurally valid document that the schema alone cannot express."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from opmodel.document.assessment_rules import RULES as ASSESSMENT_RULES
from opmodel.document.change_checks import change_rules, risk_rules
from opmodel.document.design import decision_rights_holders
from opmodel.document.kpis import kpi_definitions
from opmodel.document.messages import problem
from opmodel.document.model import OperatingModel
from opmodel.document.plan_rules import RULES as PLAN_RULES
from opmodel.document.problems import Problem
from opmodel.document.references import check_references

Rule = Callable[[OperatingModel], Iterator[Problem]]


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
                yield problem("self_dependency", ("roadmap", "initiatives", n, "depends_on", k),
                              id=initiative.id)
            elif dep.initiative in ids:
                preds.append(dep.initiative)
        graph.setdefault(initiative.id, []).extend(preds)
    cycle = find_cycle(graph)
    if cycle:
        # graph edges point from an initiative to its prerequisites; show them in work order
        order = list(reversed(cycle))
        first = next(i for i, x in enumerate(model.roadmap.initiatives) if x.id == order[0])
        yield problem("dependency_cycle", ("roadmap", "initiatives", first, "depends_on"),
                      cycle=" → ".join(order))


def roadmap_estimates(model: OperatingModel) -> Iterator[Problem]:
    """Three-point estimates are ordered optimistic <= most likely <= pessimistic."""
    if model.roadmap is None:
        return
    for n, initiative in enumerate(model.roadmap.initiatives):
        d = initiative.duration
        if d is not None and not d.optimistic <= d.most_likely <= d.pessimistic:
            yield problem("estimate_order", ("roadmap", "initiatives", n, "duration"),
                          id=initiative.id, o=d.optimistic, m=d.most_likely, p=d.pessimistic)


def roadmap_windows(model: OperatingModel) -> Iterator[Problem]:
    """Phases end on or after they start; initiatives' deadlines follow their earliest start."""
    if model.roadmap is None:
        return
    for n, phase in enumerate(model.roadmap.phases):
        if phase.start and phase.end and phase.end < phase.start:
            yield problem("window_order", ("roadmap", "phases", n, "end"), id=phase.id,
                          start=phase.start, end=phase.end)
    for n, initiative in enumerate(model.roadmap.initiatives):
        start, end = initiative.earliest_start, initiative.deadline
        if start and end and end < start:
            yield problem("window_order", ("roadmap", "initiatives", n, "deadline"),
                          id=initiative.id, start=start, end=end)


RULES: list[Rule] = [
    check_references,
    roadmap_dependencies,
    roadmap_estimates,
    roadmap_windows,
    *PLAN_RULES,
    *ASSESSMENT_RULES,
    kpi_definitions,
    decision_rights_holders,
    change_rules,
    risk_rules,
]


def check_document(model: OperatingModel) -> list[Problem]:
    """Every problem the rules find in a structurally valid document."""
    return [p for rule in RULES for p in rule(model)]
