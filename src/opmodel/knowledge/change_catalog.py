"""Typed loaders of the change-management catalogues: engagement grid, ADKAR, risk templates."""

from __future__ import annotations

from functools import cache

from opmodel.knowledge.base import KnowledgeId, KnowledgeModel, Text, load_resource


class Quadrant(KnowledgeModel):
    """A quadrant of the power/interest grid and how to engage the people in it."""

    id: KnowledgeId
    high_influence: bool
    high_interest: bool
    name: Text
    approach: Text


class StanceLabel(KnowledgeModel):
    """A stance on the change, resistant to champion."""

    id: KnowledgeId
    name: Text


class EngagementCatalog(KnowledgeModel):
    """The grid's quadrants and threshold, and the stance labels."""

    high_from: int
    quadrants: tuple[Quadrant, ...]
    stances: tuple[StanceLabel, ...]


class AdkarAction(KnowledgeModel):
    """A suggested action that strengthens one ADKAR element."""

    id: KnowledgeId
    text: Text


class AdkarElement(KnowledgeModel):
    """One of awareness, desire, knowledge, ability, reinforcement."""

    id: KnowledgeId
    order: int
    name: Text
    measures: Text
    actions: tuple[AdkarAction, ...]


class Level(KnowledgeModel):
    """A named band of a 0–1 score (values below ``below``)."""

    id: KnowledgeId
    below: float
    name: Text


class AdkarScoring(KnowledgeModel):
    """Barrier threshold and the weights of the resistance-risk formula."""

    id: KnowledgeId
    barrier_at_most: float  # Prosci: the first element scoring 3 or less
    unknown_adoption: float
    weights: dict[str, float]


class AdkarCatalog(KnowledgeModel):
    """ADKAR elements in order, their actions, the scoring and the risk levels."""

    elements: tuple[AdkarElement, ...]
    scoring: AdkarScoring
    levels: tuple[Level, ...]

    def element(self, element_id: str) -> AdkarElement:
        """The element with this id."""
        return next(e for e in self.elements if e.id == element_id)


class RiskLevel(KnowledgeModel):
    """A band of the risk score (likelihood × impact) up to ``max_score``."""

    id: KnowledgeId
    max_score: int
    name: Text


class RiskCondition(KnowledgeModel):
    """When a template applies; every condition given must hold (none: always)."""

    structures: tuple[str, ...] = ()
    sourcing: tuple[str, ...] = ()
    components: tuple[str, ...] = ()
    legacy: bool = False
    missing_costs: tuple[str, ...] = ()
    resistance: bool = False
    outsourced_staff: bool = False


class ConditionText(KnowledgeModel):
    """How a condition that holds is explained (message ``risk.condition.<id>``); ``{value}``
    is the list of what matched."""

    id: KnowledgeId
    reason: Text


class RiskTemplate(KnowledgeModel):
    """A ready-made risk for an article challenge or a model type's drawback."""

    id: KnowledgeId
    challenge: KnowledgeId | None = None
    model_type: KnowledgeId | None = None
    drawback: KnowledgeId | None = None
    category: KnowledgeId
    likelihood: int
    impact: int
    when: RiskCondition
    title: Text
    description: Text
    mitigation: Text


class RiskCatalog(KnowledgeModel):
    """Risk templates, score levels and condition texts."""

    templates: tuple[RiskTemplate, ...]
    levels: tuple[RiskLevel, ...]
    conditions: tuple[ConditionText, ...]

    def template(self, template_id: str) -> RiskTemplate | None:
        """The template with this id, if any."""
        return next((t for t in self.templates if t.id == template_id), None)

    def level(self, score: int) -> RiskLevel:
        """The level a score falls in."""
        return next((lv for lv in self.levels if score <= lv.max_score), self.levels[-1])


@cache
def engagement_catalog() -> EngagementCatalog:
    """The power/interest grid and stance labels (knowledge/data/engagement.yaml)."""
    data = load_resource("engagement")
    return EngagementCatalog(high_from=data["grid"][0]["high_from"],
                             quadrants=data["quadrants"], stances=data["stances"])


@cache
def adkar_catalog() -> AdkarCatalog:
    """ADKAR elements, actions and scoring (knowledge/data/adkar.yaml)."""
    data = load_resource("adkar")
    elements = sorted(data["elements"], key=lambda e: e["order"])
    return AdkarCatalog(elements=elements, scoring=data["scoring"][0], levels=data["levels"])


@cache
def risk_catalog() -> RiskCatalog:
    """Risk templates and levels (knowledge/data/risk_templates.yaml)."""
    data = load_resource("risk_templates")
    return RiskCatalog(templates=data["templates"], levels=data["levels"],
                       conditions=data["conditions"])
