"""Scores of the model types from profile facts, by interpreting the fit rules (no type branches)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from opmodel.document.profile import Profile
from opmodel.knowledge.fit import FitCase, FitFactor, FitRules, Scalar

Facts = dict[str, Scalar | None]
"""Profile facts keyed by factor id (the field's dotted path); None when unknown."""


def profile_facts(profile: Profile | None, rules: FitRules) -> Facts:
    """The value of every factor's field in the profile, None where it is not known."""
    facts: Facts = {}
    for factor in rules.factors:
        value: object = profile
        for part in factor.id.split("."):
            value = getattr(value, part, None) if value is not None else None
        if isinstance(value, Enum):
            value = value.value
        facts[factor.id] = value if isinstance(value, str | int | float) else None
    return facts


def type_scales(rules: FitRules) -> dict[str, float]:
    """Per type, the factor that maps raw points to score points so scores stay in 0–100.

    Types of one role share the scale of the type with the largest possible swing, so
    their scores stay comparable.
    """
    reach: dict[str, tuple[float, float]] = {}
    for t in rules.type_ids():
        up = down = 0.0
        for factor in rules.factors:
            pts = [c.points.get(t, 0.0) for c in factor.cases] + [0.0]  # unknown gives 0
            up += max(pts)
            down += -min(pts)
        reach[t] = (up, down)
    scales: dict[str, float] = {}
    for role in ("structure", "sourcing"):
        members = rules.type_ids(role)
        up = max((reach[t][0] for t in members), default=0.0)
        down = max((reach[t][1] for t in members), default=0.0)
        scale = min((100 - rules.neutral) / up if up else 1.0,
                    rules.neutral / down if down else 1.0)
        scales.update(dict.fromkeys(members, scale))
    return scales


@dataclass(frozen=True, slots=True)
class Scored:
    """The outcome of scoring one set of facts."""

    scores: dict[str, float]
    cases: dict[str, FitCase]  # factor id -> matched case, for known facts only

    def best(self, rules: FitRules, role: str = "structure") -> str:
        """The highest-scoring type of ``role`` (ties go to the type listed first)."""
        members = rules.type_ids(role)
        return max(members, key=lambda t: (self.scores[t], -members.index(t)))

    def margin(self, rules: FitRules) -> float:
        """The lead of the best structure over the runner-up, in score points."""
        ordered = sorted((self.scores[t] for t in rules.type_ids("structure")), reverse=True)
        return ordered[0] - ordered[1] if len(ordered) > 1 else 100.0


class Scorer:
    """Scores facts against one set of fit rules (the scales are computed once)."""

    def __init__(self, rules: FitRules) -> None:
        self.rules = rules
        self.scales = type_scales(rules)

    def points(self, case: FitCase, type_id: str) -> float:
        """A case's points for one type, on the score scale."""
        return case.points.get(type_id, 0.0) * self.scales[type_id]

    def score(self, facts: Facts) -> Scored:
        """Every type's score: neutral plus the scaled points of each matched case."""
        scores = dict.fromkeys(self.rules.type_ids(), float(self.rules.neutral))
        cases: dict[str, FitCase] = {}
        for factor in self.rules.factors:
            fact = facts.get(factor.id)
            case = factor.case_for(fact) if fact is not None else None
            if case is None:
                continue
            cases[factor.id] = case
            for t in scores:
                scores[t] += self.points(case, t)
        return Scored(scores, cases)

    def weight(self, factor: FitFactor, role: str = "structure") -> float:
        """The largest score change this factor can make to any type of ``role``."""
        return max((abs(self.points(c, t)) for c in factor.cases
                    for t in self.rules.type_ids(role)), default=0.0)

    def coverage(self, facts: Facts, role: str = "structure") -> float:
        """The share of the evidence for ``role`` that is known, by the factors' weights."""
        total = sum(self.weight(f, role) for f in self.rules.factors)
        known = sum(self.weight(f, role) for f in self.rules.factors
                    if facts.get(f.id) is not None)
        return known / total if total else 0.0

    def rise(self, facts: Facts, up: str, down: str | None = None) -> float:
        """How far the unknown facts could at most raise ``up`` (against ``down``, if given)."""
        return sum(max(0.0, *(self.points(c, up) - (self.points(c, down) if down else 0.0)
                              for c in f.cases))
                   for f in self.rules.factors if facts.get(f.id) is None)

    def fall(self, facts: Facts, type_id: str) -> float:
        """How far the unknown facts could at most lower ``type_id``."""
        return sum(max(0.0, *(-self.points(c, type_id) for c in f.cases))
                   for f in self.rules.factors if facts.get(f.id) is None)

    def safe_lead(self, facts: Facts, scored: Scored) -> float:
        """The best structure's lead over its closest rival if every unknown fact turned out
        as badly for it as it could (negative: the unknown facts could overturn it)."""
        members = self.rules.type_ids("structure")
        best = scored.best(self.rules)
        return min((scored.scores[best] - scored.scores[t] - self.rise(facts, t, best)
                    for t in members if t != best), default=100.0)


def certainty(safe_lead: float, coverage: float, half_lead: float) -> float:
    """Confidence 0–1: the share of evidence known times how safe the lead is; a safe lead of
    ``half_lead`` points gives half, and no lead gives nothing."""
    safe = max(0.0, safe_lead)
    return coverage * safe / (safe + half_lead)


def options(factor: FitFactor) -> list[tuple[int, FitCase]]:
    """The cases a fact could be moved to, with their position on the factor's scale."""
    return [(i, c) for i, c in enumerate(factor.cases) if c.representative() is not None]
