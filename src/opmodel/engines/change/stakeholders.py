"""Stakeholder analysis: power/interest grid, engagement gaps and the change-impact heatmap."""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel

from opmodel.document.change import Change, ImpactArea, Stakeholder, Stance
from opmodel.document.model import OperatingModel
from opmodel.knowledge.change_catalog import engagement_catalog

UNGROUPED = "ungrouped"

STANCE_ORDER: dict[Stance, int] = {s: n for n, s in enumerate(Stance)}
"""resistant = 0 … champion = 4."""


def group_of(stakeholder: Stakeholder) -> str:
    """The stakeholder's group, or ``ungrouped``."""
    return stakeholder.group or UNGROUPED


def group_sizes(change: Change | None) -> dict[str, int]:
    """People per group (each stakeholder entry counts its headcount)."""
    sizes: dict[str, int] = defaultdict(int)
    for s in change.stakeholders if change else []:
        sizes[group_of(s)] += s.headcount
    return dict(sizes)


class GridPosition(BaseModel):
    """One stakeholder on the power/interest grid, with the engagement gap."""

    stakeholder: str
    name: str | None
    group: str
    outsourced: bool
    influence: int
    interest: int
    quadrant: str
    stance: Stance
    desired_stance: Stance
    gap: int
    """Steps from the current to the desired stance (negative: further than needed)."""


class ImpactCell(BaseModel):
    """How hard one initiative hits one group: the highest impact level and who is hit."""

    group: str
    initiative: str
    level: int
    people: int
    areas: list[ImpactArea]
    changes: list[str]
    """What changes in their work, as the impacts describe it."""


class StakeholderAnalysis(BaseModel):
    """The grid, the gaps and the heatmap of one document."""

    positions: list[GridPosition]
    quadrant_counts: dict[str, int]
    gaps: list[GridPosition]
    groups: list[str]
    """The groups of the grid and the heatmap, in the document's order (``ungrouped`` last)."""
    initiatives: list[str]
    """The initiatives that impact someone, in the roadmap's order."""
    heatmap: list[ImpactCell]


def quadrant(influence: int, interest: int) -> str:
    """The id of the grid quadrant for an influence and interest (1–5)."""
    catalog = engagement_catalog()
    high_power = influence >= catalog.high_from
    high_interest = interest >= catalog.high_from
    return next(q.id for q in catalog.quadrants
                if q.high_influence == high_power and q.high_interest == high_interest)


def _heatmap(model: OperatingModel) -> list[ImpactCell]:
    change = model.change
    if change is None:
        return []
    by_id = {s.id: s for s in change.stakeholders}
    sizes = group_sizes(change)
    cells: dict[tuple[str, str], ImpactCell] = {}
    counted: dict[tuple[str, str], set[str]] = defaultdict(set)
    for impact in change.impacts:
        person = by_id.get(impact.stakeholder) if impact.stakeholder else None
        group = group_of(person) if person else (impact.group or UNGROUPED)
        key = (group, impact.initiative)
        cell = cells.setdefault(key, ImpactCell(group=group, initiative=impact.initiative,
                                                level=0, people=0, areas=[], changes=[]))
        cell.level = max(cell.level, impact.level)
        if impact.description and impact.description not in cell.changes:
            cell.changes.append(impact.description)
        cell.areas = sorted({*cell.areas, *impact.areas})
        # a group-wide impact covers everyone in the group; otherwise count each person once
        who = "*" if person is None else person.id
        if who not in counted[key] and "*" not in counted[key]:
            counted[key].add(who)
            cell.people = sizes.get(group, 0) if person is None else cell.people + person.headcount
    return sorted(cells.values(), key=lambda c: (c.group, c.initiative))


def analyse_stakeholders(model: OperatingModel) -> StakeholderAnalysis:
    """Quadrant and engagement gap per stakeholder, and the groups × initiatives heatmap."""
    change = model.change
    positions = []
    for s in change.stakeholders if change else []:
        positions.append(GridPosition(
            stakeholder=s.id, name=s.name, group=group_of(s), outsourced=s.outsourced,
            influence=s.influence, interest=s.interest, quadrant=quadrant(s.influence, s.interest),
            stance=s.stance, desired_stance=s.desired_stance,
            gap=STANCE_ORDER[s.desired_stance] - STANCE_ORDER[s.stance]))
    counts = {q.id: 0 for q in engagement_catalog().quadrants}
    for p in positions:
        counts[p.quadrant] += 1
    # biggest gap first; among equals, the more influential first (they sway others)
    gaps = sorted((p for p in positions if p.gap > 0), key=lambda p: (-p.gap, -p.influence,
                                                                       p.stakeholder))
    heat = _heatmap(model)
    initiatives = [i.id for i in model.roadmap.initiatives] if model.roadmap else []
    extra = sorted({c.initiative for c in heat} - set(initiatives))
    present = {p.group for p in positions} | {c.group for c in heat}
    declared = [g.id for g in change.groups] if change else []
    return StakeholderAnalysis(
        positions=positions, quadrant_counts=counts, gaps=gaps,
        groups=[g for g in declared if g in present] + sorted(present - set(declared)),
        initiatives=[i for i in initiatives if any(c.initiative == i for c in heat)] + extra,
        heatmap=heat)
