"""TIME dispositions of applications from functional × technical fit, and contradictions."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from pydantic import BaseModel

from opmodel.document.design import Application
from opmodel.document.model import OperatingModel
from opmodel.knowledge.rules import TimeRules, design_rules


class ApplicationDisposition(BaseModel):
    """One application: its fit, the derived and the planned TIME disposition."""

    application: str
    name: str | None
    functional_fit: int | None
    technical_fit: int | None
    derived: str | None
    planned: str | None
    agrees: bool | None
    initiatives: list[str]
    annual_cost: float | None


class Contradiction(BaseModel):
    """A plan that goes against an application's disposition."""

    kind: str  # "planned" (planned ≠ derived) or "investment" (invests in an eliminate)
    application: str
    initiative: str | None
    planned: str | None
    derived: str | None
    basis: str  # which rating says eliminate: "derived", "planned" or "derived+planned"


class ApplicationsResult(BaseModel):
    """The TIME table and its contradictions: part of ``opmodel design --format json``."""

    threshold: float
    applications: list[ApplicationDisposition]
    contradictions: list[Contradiction]
    counts: dict[str, int]


def derive_time(functional: int | None, technical: int | None, rules: TimeRules) -> str | None:
    """The TIME disposition of a fit pair (landscape: TIME), None when either fit is unknown."""
    if functional is None or technical is None:
        return None
    f = "high" if functional >= rules.threshold else "low"
    t = "high" if technical >= rules.threshold else "low"
    return next(c.id for c in rules.dispositions if c.functional == f and c.technical == t)


class Disposition(NamedTuple):
    """One application's dispositions as plain values (what :func:`dispose` and the
    consistency rules read; no result model built per application)."""

    application: Application
    derived: str | None
    planned: str | None
    agrees: bool | None
    basis: str  # which rating says eliminate: "derived", "planned", "derived+planned" or ""


def dispositions(model: OperatingModel) -> list[Disposition]:
    """Every application's derived and planned TIME disposition, in the document's order."""
    rules = design_rules().time
    tech = model.design.technology if model.design else None
    found = []
    # a large portfolio has few distinct (fit, fit, planned) triples: each judged once
    judged: dict[tuple[int | None, int | None, str | None], tuple[str | None, bool | None,
                                                                  str]] = {}
    for app in tech.applications if tech else []:
        planned = app.time.value if app.time else None
        key = (app.functional_fit, app.technical_fit, planned)
        judgement = judged.get(key)
        if judgement is None:
            judgement = judged[key] = _judge(app.functional_fit, app.technical_fit, planned,
                                             rules)
        derived, agrees, basis = judgement
        found.append(Disposition(app, derived, planned, agrees, basis))
    return found


def _judge(functional: int | None, technical: int | None, planned: str | None,
           rules: TimeRules) -> tuple[str | None, bool | None, str]:
    """The derived disposition, whether the planned one agrees, and which says eliminate."""
    derived = derive_time(functional, technical, rules)
    agrees = None if derived is None or planned is None else derived == planned
    basis = "+".join(b for b, v in (("derived", derived), ("planned", planned))
                     if v == "eliminate")
    return derived, agrees, basis


def investing(model: OperatingModel) -> dict[str, list[str]]:
    """The initiatives that invest in each application, by application id."""
    found: dict[str, list[str]] = {}
    for ini in model.roadmap.initiatives if model.roadmap else []:
        for app_id in ini.applications:
            found.setdefault(app_id, []).append(ini.id)
    return found


def dispose(model: OperatingModel) -> ApplicationsResult:
    """Derive every application's TIME disposition and flag plans that contradict it."""
    rules = design_rules().time
    invested = investing(model)
    rows: list[ApplicationDisposition] = []
    contradictions: list[Contradiction] = []
    for app, derived, planned, agrees, basis in dispositions(model):
        rows.append(ApplicationDisposition(
            application=app.id, name=app.name, functional_fit=app.functional_fit,
            technical_fit=app.technical_fit, derived=derived, planned=planned, agrees=agrees,
            initiatives=invested.get(app.id, []), annual_cost=app.annual_cost))
        if agrees is False:
            contradictions.append(Contradiction(kind="planned", application=app.id,
                                                initiative=None, planned=planned,
                                                derived=derived, basis="derived"))
        for ini_id in invested.get(app.id, []) if basis else []:
            contradictions.append(Contradiction(kind="investment", application=app.id,
                                                initiative=ini_id, planned=planned,
                                                derived=derived, basis=basis))
    tally = Counter(r.derived for r in rows)
    counts = {c.id: tally[c.id] for c in rules.dispositions}
    return ApplicationsResult(threshold=rules.threshold, applications=rows,
                              contradictions=contradictions, counts=counts)
