"""Sourcing per capability from weighted criteria, and the portfolio's vendor risks."""

from __future__ import annotations

from pydantic import BaseModel

from opmodel.document.design import SourcingDecision
from opmodel.document.model import OperatingModel
from opmodel.document.strategy import Capability
from opmodel.knowledge.rules import SourcingCriteria, design_rules, sourcing_criteria
from opmodel.knowledge.texts import Message

OPTIONS = ("in_house", "co_source", "outsource")  # from least to most outside
MID, HALF = 2.5, 2.5  # a 0–5 score mapped to −1 … +1
CORE_SCORE = 4  # strategic differentiation (or knowledge-loss risk) this high is core


class Reason(BaseModel):
    """What one criterion adds to the index, and why (``sourcing.criterion.<id>.<level>``)."""

    criterion: str
    score: int
    derived: bool
    points: float
    reason: Message


class CapabilitySourcing(BaseModel):
    """One capability: planned option, recommended option, index, reasons and the caps
    that held the option back (``sourcing.cap.<id>``)."""

    capability: str
    name: str | None
    planned: str | None
    recommended: str | None
    index: float | None
    confidence: float
    agrees: bool | None
    vendors: list[str]
    reasons: list[Reason]
    caps: list[Message]


class VendorShare(BaseModel):
    """A vendor's annual contract value, share of spend and of capabilities, lock-in signals."""

    vendor: str
    spend: float
    spend_share: float | None
    capabilities: list[str]
    capability_share: float | None
    lock_in: list[str]
    lock_in_high: bool


class KnowledgeLoss(BaseModel):
    """A core capability sourced outside: why it is core and how it is sourced."""

    capability: str
    option: str
    why: list[str]


class SourcingResult(BaseModel):
    """Recommendations and portfolio risks: part of ``opmodel design --format json``."""

    capabilities: list[CapabilitySourcing]
    vendors: list[VendorShare]
    spend_hhi: float | None
    capability_hhi: float | None
    concentration: str | None  # low | moderate | high, from the spend (else capability) HHI
    knowledge_loss: list[KnowledgeLoss]


def scores_of(capability: Capability, decision: SourcingDecision | None,
              criteria: SourcingCriteria) -> dict[str, tuple[int, bool]]:
    """Criterion → (score, derived): scored in the document, else derived from the capability."""
    given = decision.criteria if decision else {}
    out: dict[str, tuple[int, bool]] = {}
    for c in criteria.criteria:
        if c.id in given:
            out[c.id] = (given[c.id], False)
        elif c.default_from == "differentiating" and capability.differentiating:
            out[c.id] = (5, True)
        elif c.default_from == "current_level" and capability.current_level is not None:
            out[c.id] = (capability.current_level, True)
    return out


def recommend_option(scores: dict[str, tuple[int, bool]], criteria: SourcingCriteria
                     ) -> tuple[str | None, float | None, list[Reason], list[Message]]:
    """(option, index, reasons, caps applied) from criterion scores.

    The option is None when the scored criteria weigh less than ``min_confidence`` of all.
    """
    known = [c for c in criteria.criteria if c.id in scores]
    total = sum(c.weight for c in known)
    if not known:
        return None, None, [], []
    reasons, index = [], 0.0
    for c in known:
        score, derived = scores[c.id]
        sign = 1.0 if c.favours == "outsource" else -1.0
        points = c.weight * sign * (score - MID) / HALF / total
        index += points
        side = criteria.level(score)
        reasons.append(Reason(criterion=c.id, score=score, derived=derived,
                              points=round(points, 3),
                              reason=Message(code=f"sourcing.criterion.{c.id}.{side}")))
    reasons.sort(key=lambda r: -abs(r.points))
    if total < criteria.min_confidence * sum(c.weight for c in criteria.criteria):
        return None, round(index, 3), reasons, []  # too little known to recommend
    option = next((b.id for b in criteria.options if b.below is None or index < b.below),
                  criteria.options[-1].id)
    applied = []
    for cap in criteria.caps:
        if cap.criterion in scores and scores[cap.criterion][0] >= cap.at_least and \
                OPTIONS.index(option) > OPTIONS.index(cap.at_most):
            option = cap.at_most
            applied.append(Message(code=f"sourcing.cap.{cap.id}"))
    return option, round(index, 3), reasons, applied


def _hhi(shares: list[float]) -> float | None:
    """Herfindahl–Hirschman index of shares (0–1), on the 0–10,000 scale."""
    return round(sum(s * s for s in shares) * 10000, 1) if shares else None


def source(model: OperatingModel) -> SourcingResult:
    """Recommend in_house / co_source / outsource per capability; vendor concentration,
    lock-in and knowledge loss across the portfolio."""
    criteria, rules = sourcing_criteria(), design_rules()
    caps = model.strategy.capabilities if model.strategy else []
    sourcing = model.design.sourcing if model.design else None
    decisions = {d.capability: d for d in sourcing.decisions} if sourcing else {}
    rows, losses = [], []
    for cap in caps:
        decision = decisions.get(cap.id)
        scores = scores_of(cap, decision, criteria)
        option, index, reasons, applied = recommend_option(scores, criteria)
        planned = decision.option.value if decision and decision.option else None
        weight = sum(c.weight for c in criteria.criteria)
        rows.append(CapabilitySourcing(
            capability=cap.id, name=cap.name, planned=planned, recommended=option, index=index,
            confidence=round(sum(c.weight for c in criteria.criteria if c.id in scores) / weight,
                             2),
            agrees=None if option is None or planned is None else option == planned,
            vendors=list(decision.vendors) if decision else [], reasons=reasons, caps=applied))
        why: list[str] = [c for c in ("strategic-differentiation", "knowledge-loss-risk")
               if c in scores and scores[c][0] >= CORE_SCORE]
        if cap.differentiating and "strategic-differentiation" not in why:
            why.insert(0, "differentiating")
        # co-sourcing keeps people in house; it risks know-how only when the criteria do
        # not themselves recommend it (else the two checks would contradict each other)
        loses = planned == "outsource" or (planned == "co_source" and option != "co_source")
        if loses and why:
            losses.append(KnowledgeLoss(capability=cap.id, option=planned, why=why))
    vendors = _vendor_shares(model, rules.lock_in.contract_years, rules.lock_in.signals_for_high)
    spend_hhi = _hhi([v.spend_share for v in vendors if v.spend_share is not None])
    cap_hhi = _hhi([v.capability_share for v in vendors if v.capability_share is not None])
    basis = spend_hhi if spend_hhi is not None else cap_hhi
    band = None if basis is None else ("high" if basis > rules.concentration.high_hhi else
                                       "moderate" if basis > rules.concentration.moderate_hhi
                                       else "low")
    return SourcingResult(capabilities=rows, vendors=vendors, spend_hhi=spend_hhi,
                          capability_hhi=cap_hhi, concentration=band, knowledge_loss=losses)


def _vendor_shares(model: OperatingModel, long_years: float, for_high: int) -> list[VendorShare]:
    sourcing = model.design.sourcing if model.design else None
    if sourcing is None:
        return []
    tech = model.design.technology if model.design else None
    spend = {v.id: 0.0 for v in sourcing.vendors}
    long_term: set[str] = set()
    for c in sourcing.contracts:
        spend[c.vendor] = spend.get(c.vendor, 0.0) + (c.annual_value or 0.0)
        if c.start and c.end and (c.end - c.start).days / 365.25 >= long_years:
            long_term.add(c.vendor)
    held: dict[str, list[str]] = {v: [] for v in spend}
    sole: set[str] = set()
    for d in sourcing.decisions:
        for v in d.vendors:
            held.setdefault(v, []).append(d.capability)
        if d.option is not None and d.option.value == "outsource" and len(d.vendors) == 1:
            sole.add(d.vendors[0])
    software = {a.vendor for a in (tech.applications if tech else []) if a.vendor}
    total_spend = sum(spend.values())
    total_caps = sum(len(c) for c in held.values())
    out = []
    for vendor in spend:
        signals = [name for name, hit in (("sole_outsourcer", vendor in sole),
                                          ("application_vendor", vendor in software),
                                          ("long_contract", vendor in long_term)) if hit]
        out.append(VendorShare(
            vendor=vendor, spend=spend[vendor],
            spend_share=round(spend[vendor] / total_spend, 4) if total_spend else None,
            capabilities=held.get(vendor, []),
            capability_share=round(len(held.get(vendor, [])) / total_caps, 4)
            if total_caps else None,
            lock_in=signals, lock_in_high=len(signals) >= for_high))
    out.sort(key=lambda v: (-v.spend, -len(v.capabilities), v.vendor))
    return out
