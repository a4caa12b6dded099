"""Step 3: which operating-model type fits the profile, with each factor's share and what-ifs."""

from __future__ import annotations

import math

from pydantic import BaseModel

from opmodel.document.profile import Profile
from opmodel.engines.recommendation.scoring import Scorer, profile_facts
from opmodel.engines.recommendation.sensitivity import (
    MissingFact,
    Sensitivity,
    missing_facts,
    smallest_change,
)
from opmodel.knowledge.catalog_texts import fit_reason_code
from opmodel.knowledge.fit import FitRules, Scalar, fit_rules
from opmodel.knowledge.texts import Message


class FactorContribution(BaseModel):
    """What one profile fact adds to (or takes from) one type's score, and why."""

    factor: str
    value: Scalar
    points: float
    reason: Message


class TypeScore(BaseModel):
    """One model type's score 0–100 and the contributions that make it."""

    type: str
    role: str
    score: float
    contributions: list[FactorContribution]


class Recommendation(BaseModel):
    """The ranking of the five types, the recommended pair and how sure we can be."""

    ranking: list[TypeScore]
    structure: str
    sourcing: str
    confidence: float
    margin: float
    coverage: float
    missing: list[MissingFact]
    sensitivity: Sensitivity | None


def _stance(score: float, rules: FitRules) -> str:
    for stance in rules.sourcing.stances:
        if stance.below is None or score < stance.below:
            return stance.id
    return rules.sourcing.stances[-1].id


def recommend(profile: Profile | None, rules: FitRules | None = None) -> Recommendation:
    """Score every model type from the profile and recommend a structure and a sourcing stance.

    A pure, deterministic function of the profile and the fit rules; unknown facts add nothing
    and are listed in ``missing``.
    """
    rules = rules or fit_rules()
    scorer = Scorer(rules)
    facts = profile_facts(profile, rules)
    scored = scorer.score(facts)
    roles = {t.id: t.role for t in rules.types}
    cases = {f.id: list(f.cases) for f in rules.factors}
    ranking = []
    for type_id in rules.type_ids():
        contributions = [
            FactorContribution(factor=factor_id, value=facts[factor_id],
                               points=round(scorer.points(case, type_id), 2),
                               reason=Message(code=fit_reason_code(factor_id,
                                                                   cases[factor_id].index(case))))
            for factor_id, case in scored.cases.items() if scorer.points(case, type_id) != 0
        ]
        contributions.sort(key=lambda c: -abs(c.points))
        ranking.append(TypeScore(type=type_id, role=roles[type_id],
                                 score=round(scored.scores[type_id], 2),
                                 contributions=contributions))
    ranking.sort(key=lambda s: -scored.scores[s.type])  # stable: ties keep the data's order
    total = sum(scorer.weight(f) for f in rules.factors)
    known = sum(scorer.weight(f) for f in rules.factors if facts[f.id] is not None)
    coverage = known / total if total else 0.0
    margin = scored.margin(rules)
    # confidence: a clear lead, discounted by how much of the evidence is unknown
    confidence = min(1.0, margin / rules.full_confidence_margin) * coverage
    return Recommendation(
        ranking=ranking,
        structure=scored.best(rules),
        sourcing=_stance(scored.scores[rules.sourcing.type], rules),
        confidence=round(confidence, 2),
        margin=round(margin, 2),
        coverage=math.floor(coverage * 100) / 100,  # never 100% while a fact is unknown
        missing=missing_facts(scorer, facts),
        sensitivity=smallest_change(scorer, facts),
    )
