"""Step 2: trace business objectives to IT outcomes, capabilities and initiatives, and score it."""

from __future__ import annotations

from pydantic import BaseModel

from opmodel.document.model import OperatingModel

COVERAGE_SHARE = 0.7  # of the score: weighted objective coverage
FOCUS_SHARE = 0.3  # of the score: share of initiatives that serve some objective
IMPACT_ONLY_CREDIT = 0.5  # an initiative's claimed impact without an outcome link is weaker
VIA_ORDER = ("outcome", "capability", "impact")  # strongest link first


class ObjectiveTrace(BaseModel):
    """One objective: the outcomes, capabilities and initiatives that serve it."""

    objective: str
    name: str | None
    weight: float
    outcomes: list[str]
    capabilities: list[str]
    initiatives: list[str]
    outcomes_covered: int
    coverage: float


class CapabilityGap(BaseModel):
    """A capability no initiative targets, with the outcomes that need it."""

    capability: str
    outcomes: list[str]
    gap: int | None


class AlignmentResult(BaseModel):
    """Coverage of the objectives by the roadmap: the json of ``opmodel align``."""

    score: float | None
    objective_coverage: float | None
    initiative_focus: float | None
    objectives: list[ObjectiveTrace]
    matrix: dict[str, dict[str, str]]
    unserved_objectives: list[str]
    orphan_initiatives: list[str]
    untargeted_capabilities: list[CapabilityGap]
    outcomes_without_objective: list[str]
    outcomes_without_initiative: list[str]


def align(model: OperatingModel) -> AlignmentResult:
    """Trace objectives → outcomes → capabilities → initiatives; report gaps and a score 0–100."""
    strategy = model.strategy
    objectives = strategy.objectives if strategy else []
    outcomes = strategy.outcomes if strategy else []
    capabilities = strategy.capabilities if strategy else []
    initiatives = model.roadmap.initiatives if model.roadmap else []

    # which initiatives serve each outcome, and how
    serving: dict[str, dict[str, str]] = {o.id: {} for o in outcomes}
    needs = [(o.id, frozenset(o.capabilities)) for o in outcomes]  # built once, not per pair
    for init in initiatives:
        named, builds = set(init.outcomes), frozenset(init.capabilities)
        for outcome, needed in needs:
            if outcome in named:
                serving[outcome][init.id] = "outcome"
            elif not builds.isdisjoint(needed):
                serving[outcome].setdefault(init.id, "capability")

    matrix: dict[str, dict[str, str]] = {}
    traces = []
    for obj in objectives:
        mine = [o for o in outcomes if obj.id in o.objectives]
        cells: dict[str, str] = {}
        for o in mine:
            for init_id, via in serving[o.id].items():
                if init_id not in cells or VIA_ORDER.index(via) < VIA_ORDER.index(cells[init_id]):
                    cells[init_id] = via
        for init in initiatives:
            if init.impact.get(obj.id, 0) > 0:
                cells.setdefault(init.id, "impact")
        covered = sum(1 for o in mine if serving[o.id])
        share = covered / len(mine) if mine else 0.0
        if mine:
            has_impact = any(v == "impact" for v in cells.values())
            coverage = max(share, IMPACT_ONLY_CREDIT if has_impact else 0.0)
        else:  # no outcome defined: only a claimed impact can cover it
            coverage = 1.0 if cells else 0.0
        matrix[obj.id] = {i.id: cells[i.id] for i in initiatives if i.id in cells}
        traces.append(ObjectiveTrace(
            objective=obj.id, name=obj.name, weight=obj.weight, outcomes=[o.id for o in mine],
            capabilities=list(dict.fromkeys(c for o in mine for c in o.capabilities)),
            initiatives=list(matrix[obj.id]), outcomes_covered=covered,
            coverage=round(coverage, 3)))

    served = {i for cells in matrix.values() for i in cells}
    targeted = {c for init in initiatives for c in init.capabilities}
    total_weight = sum(t.weight for t in traces)
    objective_coverage: float | None = None
    focus: float | None = None
    score: float | None = None  # stays None when there are no objectives to align with
    if traces:
        weights = [t.weight if total_weight else 1.0 for t in traces]
        objective_coverage = sum(w * t.coverage for w, t in zip(weights, traces, strict=True)
                                 ) / sum(weights)
        focus = len(served) / len(initiatives) if initiatives else 1.0
        score = 100 * (COVERAGE_SHARE * objective_coverage + FOCUS_SHARE * focus)
    needed_by = {c.id: [o.id for o in outcomes if c.id in o.capabilities] for c in capabilities}
    return AlignmentResult(
        score=None if score is None else round(score, 1),
        objective_coverage=None if objective_coverage is None else round(objective_coverage, 3),
        initiative_focus=None if focus is None else round(focus, 3),
        objectives=traces, matrix=matrix,
        unserved_objectives=[t.objective for t in traces if not t.initiatives],
        orphan_initiatives=[i.id for i in initiatives if i.id not in served],
        untargeted_capabilities=[
            CapabilityGap(capability=c.id, outcomes=needed_by[c.id],
                          gap=None if c.current_level is None or c.target_level is None
                          else c.target_level - c.current_level)
            # a capability already at (or above) its target level needs no initiative
            for c in capabilities if c.id not in targeted
            and not (c.current_level is not None and c.target_level is not None
                     and c.target_level <= c.current_level)],
        outcomes_without_objective=[o.id for o in outcomes if not o.objectives],
        outcomes_without_initiative=[o.id for o in outcomes if not serving[o.id]],
    )
