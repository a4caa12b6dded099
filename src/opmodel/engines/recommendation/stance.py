"""The sourcing stance, apart from the structures: in-house, hybrid, outsourced or undetermined."""

from __future__ import annotations

import math

from pydantic import BaseModel

from opmodel.engines.recommendation.scoring import Facts, Scored, Scorer, certainty
from opmodel.knowledge.catalog_texts import fit_reason_code
from opmodel.knowledge.fit import FitCase, Scalar
from opmodel.knowledge.texts import Message

UNDETERMINED = "undetermined"


class FactorContribution(BaseModel):
    """What one profile fact adds to (or takes from) one type's score, and why."""

    factor: str
    value: Scalar
    points: float
    reason: Message


class SourcingAdvice(BaseModel):
    """The sourcing stance with its own reasons, confidence and missing evidence.

    ``toward_partners`` are the facts for sourcing from partners, ``toward_in_house`` those
    for keeping work in-house; ``to_fill_in`` the unknown sourcing facts, weightiest first;
    ``stays_in_house`` what remains in-house when partners take a share (article: core
    work stays inside).
    """

    stance: str
    score: float
    confidence: float
    coverage: float
    toward_partners: list[FactorContribution]
    toward_in_house: list[FactorContribution]
    to_fill_in: list[str]
    stays_in_house: list[str]


def contributions(scorer: Scorer, facts: Facts, scored: Scored, type_id: str
                  ) -> list[FactorContribution]:
    """The known facts that move one type's score, largest first, each with its reason."""
    rules = scorer.rules
    sourcing = type_id == rules.sourcing.type
    found = []
    for factor_id, case in scored.cases.items():
        points = scorer.points(case, type_id)
        if points == 0:
            continue
        index = rules.factor(factor_id).cases.index(case)
        found.append(FactorContribution(
            factor=factor_id, value=facts[factor_id], points=round(points, 2),
            reason=Message(code=fit_reason_code(factor_id, index,
                                                sourcing and _own_reason(case)))))
    found.sort(key=lambda c: -abs(c.points))
    return found


def _own_reason(case: FitCase) -> bool:
    return case.sourcing_reason is not None


def _band(score: float, coverage: float, scorer: Scorer) -> tuple[str, float, float]:
    """(stance, lower edge, upper edge) of the band the score falls in; a band that needs
    more evidence than is known gives way to the band before it, then open upwards."""
    rule = scorer.rules.sourcing
    low = -math.inf
    chosen: tuple[str, float, float] | None = None
    for band in rule.stances:
        high = band.below if band.below is not None else math.inf
        if score < high or band is rule.stances[-1]:
            if band.min_coverage > coverage and chosen is not None:
                return chosen[0], chosen[1], math.inf
            return band.id, low, high
        chosen = (band.id, low, high)
        low = high
    raise AssertionError("the last band takes every score")


def advise(scorer: Scorer, facts: Facts, scored: Scored) -> SourcingAdvice:
    """The sourcing stance from the sourcing type's score; undetermined without evidence."""
    rule = scorer.rules.sourcing
    type_id = rule.type
    score = scored.scores[type_id]
    coverage = scorer.coverage(facts, "sourcing")
    factors = [f for f in scorer.rules.factors if scorer.weight(f, "sourcing") > 0]
    unknown = sorted((f for f in factors if facts.get(f.id) is None),
                     key=lambda f: -scorer.weight(f, "sourcing"))
    moves = contributions(scorer, facts, scored, type_id)
    advice = SourcingAdvice(
        stance=UNDETERMINED, score=round(score, 2), confidence=0.0,
        coverage=math.floor(coverage * 100) / 100,
        toward_partners=[c for c in moves if c.points > 0],
        toward_in_house=[c for c in moves if c.points < 0],
        to_fill_in=[f.id for f in unknown], stays_in_house=[])
    if coverage < rule.min_coverage:
        return advice  # no evidence, no stance
    stance, low, high = _band(score, coverage, scorer)
    safe = min(score - low - scorer.fall(facts, type_id),
               high - score - scorer.rise(facts, type_id))
    advice.stance = stance
    advice.confidence = round(certainty(safe, coverage, scorer.rules.half_confidence_lead), 2)
    if stance != "in_house":
        advice.stays_in_house = [c.id for c in rule.stays_in_house]
    return advice
