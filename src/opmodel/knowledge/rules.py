"""Typed access to the design-check data: consistency rules, sourcing criteria, thresholds."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Any, Literal

from pydantic import Field, model_validator

from opmodel.knowledge.base import (
    KnowledgeId,
    KnowledgeModel,
    Text,
    load_resource,
    require_unique_ids,
)

Option = Literal["in_house", "co_source", "outsource"]
Side = Literal["executive", "business_unit", "it"]


class Severity(StrEnum):
    """How serious a finding is; errors make ``opmodel check`` exit 1."""

    error = "error"
    warning = "warning"
    info = "info"


class Op(StrEnum):
    """Comparison operators of a rule condition."""

    eq = "eq"
    ne = "ne"
    lt = "lt"
    le = "le"
    gt = "gt"
    ge = "ge"
    in_ = "in"
    not_in = "not_in"
    present = "present"
    missing = "missing"


class Condition(KnowledgeModel):
    """``left op right``, or a group: all of / any of its conditions."""

    left: str | dict[str, Any] | None = None
    op: Op | None = None
    right: Any = None
    scale: tuple[str, ...] = ()
    all: tuple[Condition, ...] = ()
    any: tuple[Condition, ...] = ()

    @model_validator(mode="after")
    def _shape(self) -> Condition:
        groups = bool(self.all) + bool(self.any)
        if groups > 1 or (groups and self.left is not None) or (
                not groups and (self.left is None or self.op is None)):
            raise ValueError("a condition is {left, op, right}, {all: [...]} or {any: [...]}")
        return self


class Join(KnowledgeModel):
    """Follow a reference field of each entity to the entity it names."""

    field: str
    to: str
    as_: KnowledgeId = Field(alias="as")

    model_config = KnowledgeModel.model_config | {"populate_by_name": True}


class Rule(KnowledgeModel):
    """One consistency rule: what it checks, how serious it is and what it says."""

    id: KnowledgeId
    severity: Severity
    section: KnowledgeId
    kind: Literal["condition", "named"]
    each: str | None = None
    join: Join | None = None
    when: tuple[Condition, ...] = ()
    at: str | None = None
    check: KnowledgeId | None = None
    params: dict[KnowledgeId, str] = Field(default_factory=dict)
    message: Text
    hint: Text

    @model_validator(mode="after")
    def _complete(self) -> Rule:
        if self.kind == "named" and not self.check:
            raise ValueError(f"rule {self.id}: a named rule needs `check`")
        if self.kind == "condition" and not self.each:
            raise ValueError(f"rule {self.id}: a condition rule needs `each`")
        return self


class RuleBook(KnowledgeModel):
    """Every consistency rule, in the order they run."""

    title: Text
    rules: tuple[Rule, ...]

    @model_validator(mode="after")
    def _unique(self) -> RuleBook:
        require_unique_ids((r.id for r in self.rules), "rule id")
        return self


class Criterion(KnowledgeModel):
    """A sourcing criterion scored 0–5, its weight and the side a high score favours."""

    id: KnowledgeId
    name: Text
    weight: float = Field(gt=0)
    favours: Literal["in_house", "outsource"]
    default_from: Literal["differentiating", "current_level"] | None = None
    high: Text
    medium: Text
    low: Text


class OptionBand(KnowledgeModel):
    """An option chosen when the index is below ``below`` (the last band has none)."""

    id: Option
    below: float | None = None


class Cap(KnowledgeModel):
    """A veto: at this criterion score or above, recommend at most ``at_most``."""

    id: KnowledgeId
    criterion: KnowledgeId
    at_least: int = Field(ge=0, le=5)
    at_most: Option
    reason: Text


class SourcingCriteria(KnowledgeModel):
    """Criteria, option bands and caps of the sourcing recommendation."""

    title: Text
    source: Text
    low_to: int = Field(ge=0, le=5)  # a score up to this reads "low"
    high_from: int = Field(ge=0, le=5)  # from this, "high"; between them, "medium"
    criteria: tuple[Criterion, ...]
    core_flag: Text
    min_confidence: float = Field(ge=0, le=1)
    options: tuple[OptionBand, ...]
    caps: tuple[Cap, ...] = ()

    @model_validator(mode="after")
    def _caps_name_criteria(self) -> SourcingCriteria:
        known = {c.id for c in self.criteria}
        unknown = [c.criterion for c in self.caps if c.criterion not in known]
        if unknown:
            raise ValueError(f"caps name unknown criteria: {unknown}")
        return self

    def level(self, score: int) -> str:
        """How a criterion's score reads: low, medium or high."""
        return "low" if score <= self.low_to else "high" if score >= self.high_from else "medium"

    def get(self, criterion: str) -> Criterion | None:
        """The criterion of this id, if any."""
        return next((c for c in self.criteria if c.id == criterion), None)


class ArchetypeRule(KnowledgeModel):
    """The archetype given by an exact set of decision makers' sides."""

    id: KnowledgeId
    archetype: KnowledgeId
    sides: tuple[Side, ...]


class TimeCell(KnowledgeModel):
    """A TIME disposition: the quadrant of functional and technical fit it stands for."""

    id: Literal["tolerate", "invest", "migrate", "eliminate"]
    functional: Literal["high", "low"]
    technical: Literal["high", "low"]


class TimeRules(KnowledgeModel):
    """A fit at or above ``threshold`` (0–5) is high."""

    threshold: float = Field(ge=0, le=5)
    dispositions: tuple[TimeCell, ...]


class Concentration(KnowledgeModel):
    """HHI bands and the share of one vendor that is worth a warning."""

    moderate_hhi: float
    high_hhi: float
    top_share: float = Field(gt=0, le=1)


class Label(KnowledgeModel):
    """A code and how it is shown to users."""

    id: KnowledgeId
    name: Text


class LockIn(KnowledgeModel):
    """Lock-in signals: contract term in years, how many signals make it high, their names."""

    contract_years: float = Field(gt=0)
    signals_for_high: int = Field(ge=1)
    signals: tuple[Label, ...]


class ExecutiveCommittee(KnowledgeModel):
    """When a body chaired by an executive counts as executive, its IT members included."""

    it_share_below: float = Field(gt=0, le=1)


class DesignRules(KnowledgeModel):
    """Governance archetype table, TIME thresholds and portfolio thresholds."""

    title: Text
    source: Text
    unit_sides: dict[KnowledgeId, Side]
    archetype_rules: tuple[ArchetypeRule, ...]
    no_decision_maker: KnowledgeId
    executive_committee: ExecutiveCommittee
    time: TimeRules
    concentration: Concentration
    lock_in: LockIn
    bands: tuple[Label, ...]


class HiddenCost(KnowledgeModel):
    """A hidden transition cost: which initiatives expect it, and its plausible floor."""

    id: Literal["productivity", "parallel_running"]
    impact_level: int = Field(ge=1, le=5)
    impact_areas: tuple[KnowledgeId, ...] = ()
    min_share: float = Field(gt=0, le=1)


class HiddenCosts(KnowledgeModel):
    """The hidden costs the consistency rules expect of initiatives."""

    title: Text
    source: Text
    costs: tuple[HiddenCost, ...]

    def get(self, category: str) -> HiddenCost:
        """The entry of a cost category."""
        return next(c for c in self.costs if c.id == category)


@cache
def rule_book() -> RuleBook:
    """The consistency rules of ``consistency_rules.yaml``."""
    return RuleBook.model_validate(load_resource("consistency_rules"))


@cache
def sourcing_criteria() -> SourcingCriteria:
    """The sourcing criteria of ``sourcing_criteria.yaml``."""
    return SourcingCriteria.model_validate(load_resource("sourcing_criteria"))


@cache
def design_rules() -> DesignRules:
    """The thresholds of ``design_rules.yaml``."""
    return DesignRules.model_validate(load_resource("design_rules"))


@cache
def hidden_costs() -> HiddenCosts:
    """The floors of ``hidden_costs.yaml``."""
    return HiddenCosts.model_validate(load_resource("hidden_costs"))


def catalog_ids(name: str) -> frozenset[str]:
    """Ids of the entries of a knowledge file's list (the list named like the file)."""
    entries = catalog_entries(name)
    return frozenset(str(e["id"]) for e in entries if "id" in e)


def catalog_entries(name: str) -> list[dict[str, Any]]:
    """The entries of a knowledge file's list, as plain data."""
    data = load_resource(name)
    if not isinstance(data, dict):
        raise KeyError(f"knowledge file {name} holds no entries")
    entries = data.get(name)
    if entries is None:  # e.g. itil_practices.yaml keeps its entries under `practices`
        lists = [v for v in data.values() if isinstance(v, list)]
        entries = lists[0] if len(lists) == 1 else None
    if not isinstance(entries, list):
        raise KeyError(f"knowledge file {name} has no list '{name}'")
    return [e for e in entries if isinstance(e, dict)]
