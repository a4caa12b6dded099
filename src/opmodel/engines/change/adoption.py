"""Adoption: ADKAR per group from pulse surveys, the weakest element, and resistance risk."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from pydantic import BaseModel

from opmodel.document.change import Change, PulseSurvey, Stance
from opmodel.document.model import OperatingModel
from opmodel.engines.change.stakeholders import STANCE_ORDER, UNGROUPED, group_of
from opmodel.knowledge.change_catalog import adkar_catalog

ELEMENTS = ("awareness", "desire", "knowledge", "ability", "reinforcement")
TOP_STANCE = max(STANCE_ORDER.values())


class GroupAdoption(BaseModel):
    """One group's ADKAR (latest survey and change since the previous), barrier and resistance."""

    group: str
    people: int
    surveys: int
    latest_date: dt.date | None
    latest: dict[str, float] | None
    trend: dict[str, float] | None
    """Latest minus previous survey, per element (None with fewer than two surveys)."""
    adoption: float | None
    """(mean ADKAR − 1) / 4: 0 nobody on board … 1 fully adopted."""
    on_target: bool | None
    weakest: str | None
    barrier: bool
    """True when the weakest element is the first one in ADKAR order below the threshold."""
    actions: list[str]
    stance: float
    impact: int
    resistance: float
    resistance_level: str


class AdoptionResult(BaseModel):
    """Adoption and resistance risk of every group, riskiest first."""

    target: float
    groups: list[GroupAdoption]


def _scores(survey: PulseSurvey) -> dict[str, float]:
    return {e: float(getattr(survey, e)) for e in ELEMENTS}


def weakest_element(scores: dict[str, float], barrier_at_most: float) -> tuple[str, bool]:
    """The barrier point (first element in order at or under the threshold), else the lowest."""
    for element in ELEMENTS:  # Prosci: ADKAR elements build on each other, fix the first gap first
        if scores[element] <= barrier_at_most:
            return element, True
    return min(ELEMENTS, key=lambda e: scores[e]), False


def _group_facts(change: Change) -> tuple[dict[str, int], dict[str, float], dict[str, int]]:
    people: dict[str, int] = defaultdict(int)
    stance_sum: dict[str, float] = defaultdict(float)
    for s in change.stakeholders:
        people[group_of(s)] += s.headcount
        stance_sum[group_of(s)] += STANCE_ORDER[s.stance] * s.headcount
    stance = {g: stance_sum[g] / people[g] for g in people}
    by_id = {s.id: s for s in change.stakeholders}
    impact: dict[str, int] = defaultdict(int)
    for item in change.impacts:
        person = by_id.get(item.stakeholder) if item.stakeholder else None
        group = group_of(person) if person else (item.group or UNGROUPED)
        impact[group] = max(impact[group], item.level)
    return dict(people), stance, dict(impact)


def assess_adoption(model: OperatingModel) -> AdoptionResult:
    """ADKAR, weakest element with suggested actions, and resistance risk per group."""
    change = model.change
    if change is None:
        return AdoptionResult(target=0.8, groups=[])
    catalog = adkar_catalog()
    rules = catalog.scoring
    people, stance, impact = _group_facts(change)
    surveys: dict[str, list[PulseSurvey]] = defaultdict(list)
    for survey in sorted(change.surveys, key=lambda s: s.date):
        surveys[survey.group].append(survey)
    groups = []
    for group in sorted(set(people) | set(surveys) | set(impact)):
        history = surveys.get(group, [])
        latest = _scores(history[-1]) if history else None
        trend = None
        if len(history) > 1:
            before = _scores(history[-2])
            trend = {e: round(latest[e] - before[e], 2) for e in ELEMENTS} if latest else None
        mean = sum(latest.values()) / len(ELEMENTS) if latest else None
        weakest, barrier = weakest_element(latest, rules.barrier_at_most) if latest else (None, False)
        adoption = (mean - 1) / 4 if mean is not None else None
        known = mean if mean is not None else rules.unknown_adoption
        group_stance = stance.get(group, STANCE_ORDER[Stance.neutral])
        level = impact.get(group, 1)
        w = rules.weights
        risk = (w["stance"] * (1 - group_stance / TOP_STANCE) + w["impact"] * (level - 1) / 4
                + w["adoption"] * (1 - (known - 1) / 4))
        band = next((lv.id for lv in catalog.levels if risk < lv.below), catalog.levels[-1].id)
        groups.append(GroupAdoption(
            group=group, people=people.get(group, 0), surveys=len(history),
            latest_date=history[-1].date if history else None, latest=latest, trend=trend,
            adoption=round(adoption, 3) if adoption is not None else None,
            on_target=adoption >= change.adoption_target if adoption is not None else None,
            weakest=weakest, barrier=barrier,
            actions=[a.id for a in catalog.element(weakest).actions] if weakest else [],
            stance=round(group_stance, 2), impact=level, resistance=round(risk, 3),
            resistance_level=band))
    groups.sort(key=lambda g: (-g.resistance, g.group))
    return AdoptionResult(target=change.adoption_target, groups=groups)
