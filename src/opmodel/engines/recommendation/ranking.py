"""Step 3: which structure fits the profile and which sourcing stance, with reasons, the
confidence of each and what-ifs."""

from __future__ import annotations

import math

from pydantic import BaseModel

from opmodel.document.profile import Profile
from opmodel.engines.recommendation.context import ContextChange, context_changes
from opmodel.engines.recommendation.scoring import Scorer, certainty, profile_facts
from opmodel.engines.recommendation.sensitivity import (
    Flip,
    MissingFact,
    missing_facts,
    nearest_flips,
)
from opmodel.engines.recommendation.stance import (
    FactorContribution,
    SourcingAdvice,
    advise,
    contributions,
)
from opmodel.knowledge.fit import FitRules, fit_rules


class TypeScore(BaseModel):
    """One structure's score 0–100: the facts for it (``why``) and against it."""

    type: str
    score: float
    why: list[FactorContribution]
    against: list[FactorContribution]


class Recommendation(BaseModel):
    """The structures ranked, the recommended structure and how sure we can be, the sourcing
    stance on its own, the unknown facts that matter and the nearest changes that flip it."""

    structures: list[TypeScore]
    structure: str
    confidence: float
    margin: float
    safe_margin: float
    coverage: float
    sourcing: SourcingAdvice
    missing: list[MissingFact]
    sensitivity: list[Flip]
    context_changes: list[ContextChange]


def recommend(profile: Profile | None, rules: FitRules | None = None,
              current: Profile | None = None) -> Recommendation:
    """Score the structures from the profile, recommend one, and advise a sourcing stance.

    A pure, deterministic function of the profile and the fit rules; unknown facts add nothing
    and are listed in ``missing``. ``current``: the current model's profile when ``profile``
    is a target's, to report context facts that differ.
    """
    rules = rules or fit_rules()
    scorer = Scorer(rules)
    facts = profile_facts(profile, rules)
    scored = scorer.score(facts)
    structures = []
    for type_id in rules.type_ids("structure"):
        moves = contributions(scorer, facts, scored, type_id)
        structures.append(TypeScore(type=type_id, score=round(scored.scores[type_id], 2),
                                    why=[c for c in moves if c.points > 0],
                                    against=[c for c in moves if c.points < 0]))
    structures.sort(key=lambda s: -scored.scores[s.type])  # stable: ties keep the data's order
    coverage = scorer.coverage(facts)
    safe = scorer.safe_lead(facts, scored)
    return Recommendation(
        structures=structures,
        structure=scored.best(rules),
        confidence=round(certainty(safe, coverage, rules.half_confidence_lead), 2),
        margin=round(scored.margin(rules), 2),
        safe_margin=round(safe, 2),
        coverage=math.floor(coverage * 100) / 100,  # never 100% while a fact is unknown
        sourcing=advise(scorer, facts, scored),
        missing=missing_facts(scorer, facts),
        sensitivity=nearest_flips(scorer, facts),
        context_changes=context_changes(current, profile, rules) if current else [],
    )
