"""Rank initiatives by weighted scoring against strategy objectives and by WSJF, explained."""

from __future__ import annotations

from pydantic import BaseModel, Field

from opmodel.document.model import OperatingModel
from opmodel.document.roadmap import Initiative
from opmodel.knowledge.texts import Message, message

DEFAULT_WEEKS = 1.0  # an initiative with neither duration nor effort counts as one week


def expected_weeks(initiative: Initiative) -> float:
    """PERT mean duration (o + 4m + p) / 6; else effort over weekly demand; else one week."""
    d = initiative.duration
    if d is not None:
        return (d.optimistic + 4 * d.most_likely + d.pessimistic) / 6
    people = sum(initiative.demand.values())
    if initiative.effort and people > 0:
        return initiative.effort / people
    return DEFAULT_WEEKS


class ObjectiveContribution(BaseModel):
    """One objective's share of an initiative's score: weight × impact."""

    objective: str
    weight: float
    impact: float
    points: float


class PriorityEntry(BaseModel):
    """An initiative's place in both rankings and why."""

    id: str
    name: str | None = None
    score: float = Field(description="Weighted impact 0–10: Σ weight × impact / Σ weight.")
    score_rank: int
    contributions: list[ObjectiveContribution]
    business_value: float
    time_criticality: float
    risk_reduction: float
    cost_of_delay: float
    duration_weeks: float
    wsjf: float
    wsjf_rank: int
    mandatory: bool
    explanation: list[Message] = Field(
        description="Why it ranks where it does, one sentence per message.")


class Prioritisation(BaseModel):
    """Both rankings of the roadmap's initiatives; ``entries`` in score order."""

    entries: list[PriorityEntry]
    by_score: list[str]
    by_wsjf: list[str]

    def entry(self, initiative_id: str) -> PriorityEntry:
        """The entry of one initiative."""
        return next(e for e in self.entries if e.id == initiative_id)


def _explain(e: PriorityEntry) -> list[Message]:
    # the formula is ids and numbers only: the same in every language
    formula = " + ".join(f"{c.objective} {c.weight:g}×{c.impact:g}" for c in e.contributions)
    top = max(e.contributions, key=lambda c: c.points, default=None)
    out = [message("priority.by_score", rank=e.score_rank, score=e.score, formula=formula)
           if formula else message("priority.by_score_unscored", rank=e.score_rank,
                                   score=e.score)]
    if top is not None:
        out.append(message("priority.main_objective", objective=top.objective))
    out.append(message("priority.by_wsjf", rank=e.wsjf_rank, wsjf=e.wsjf,
                       cost_of_delay=e.cost_of_delay, value=e.business_value,
                       time=e.time_criticality, risk=e.risk_reduction,
                       weeks=e.duration_weeks))
    if e.mandatory:
        out.append(message("priority.mandatory"))
    return out


def prioritise(model: OperatingModel) -> Prioritisation:
    """Rank every initiative by weighted score and by WSJF (SAFe), with explanations."""
    initiatives = model.roadmap.initiatives if model.roadmap else []
    weights = {o.id: o.weight for o in model.strategy.objectives} if model.strategy else {}
    total_weight = sum(weights.values())
    rows = []
    for ini in initiatives:
        contributions = [ObjectiveContribution(objective=o, weight=weights.get(o, 0.0), impact=v,
                                      points=weights.get(o, 0.0) * v)
                         for o, v in ini.impact.items()]
        score = sum(c.points for c in contributions) / total_weight if total_weight else 0.0
        value = ini.business_value if ini.business_value is not None else score
        time_crit = ini.time_criticality or 0.0
        risk = ini.risk_reduction or 0.0
        weeks = expected_weeks(ini)
        cod = value + time_crit + risk
        # SAFe WSJF: cost of delay over job size; a zero-length job counts as a tenth of a week
        wsjf = cod / max(weeks, 0.1)
        rows.append(PriorityEntry(
            id=ini.id, name=ini.name, score=score, score_rank=0, contributions=contributions,
            business_value=value, time_criticality=time_crit, risk_reduction=risk,
            cost_of_delay=cod, duration_weeks=weeks, wsjf=wsjf, wsjf_rank=0,
            mandatory=ini.mandatory, explanation=[]))
    by_score = [e.id for e in sorted(rows, key=lambda e: (-e.score, e.id))]
    by_wsjf = [e.id for e in sorted(rows, key=lambda e: (-e.wsjf, e.id))]
    score_rank = {k: n + 1 for n, k in enumerate(by_score)}
    wsjf_rank = {k: n + 1 for n, k in enumerate(by_wsjf)}
    for e in rows:
        e.score_rank, e.wsjf_rank = score_rank[e.id], wsjf_rank[e.id]
        e.explanation = _explain(e)
    rows.sort(key=lambda e: e.score_rank)
    return Prioritisation(entries=rows, by_score=by_score, by_wsjf=by_wsjf)
