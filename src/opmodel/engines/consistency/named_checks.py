"""Consistency checks too involved for a declarative condition, named by rules in the data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Any

from opmodel.document.model import OperatingModel
from opmodel.document.paths import Key
from opmodel.document.problems import Path
from opmodel.engines.consistency import cost_checks
from opmodel.engines.design.applications import Disposition, dispositions, investing
from opmodel.engines.design.governance import GovernanceResult, govern
from opmodel.engines.design.sourcing import SourcingResult, source
from opmodel.engines.planning.costs import estimated_windows
from opmodel.knowledge.kpis import kpi_library
from opmodel.knowledge.rules import design_rules

Hit = tuple[Path, dict[str, Any]]


@dataclass
class Facts:
    """The document and the engine results the named checks share (each computed once)."""

    model: OperatingModel

    @cached_property
    def governance(self) -> GovernanceResult:
        """The governance engine's result."""
        return govern(self.model)

    @cached_property
    def sourcing(self) -> SourcingResult:
        """The sourcing engine's result."""
        return source(self.model)

    @cached_property
    def dispositions(self) -> list[Disposition]:
        """Each application's TIME dispositions (the applications engine's, as plain rows)."""
        return dispositions(self.model)

    @cached_property
    def windows(self) -> dict[str, tuple[dt.date, dt.date]]:
        """Each initiative's earliest start and finish on the roadmap (no team limits)."""
        return estimated_windows(self.model)


NamedCheck = Callable[[Facts], Iterator[Hit]]


def _index(items: list[Any], wanted: str) -> int:
    return next(n for n, x in enumerate(items) if getattr(x, "id", None) == wanted)


def archetype_mismatch(facts: Facts) -> Iterator[Hit]:
    """A decision whose declared archetype differs from the one its A/R holders give."""
    result = facts.governance
    for n, row in enumerate(result.decisions):
        if row.declared and row.derived and row.declared != row.derived:
            yield (("design", "governance", "decisions", n, "archetype"),
                   {"id": row.decision, "declared": row.declared, "derived": row.derived,
                    "sides": row.sides or None})


def time_mismatch(facts: Facts) -> Iterator[Hit]:
    """An application whose planned TIME disposition differs from the derived one."""
    for row in facts.dispositions:
        if row.agrees is False:  # the path keyed already: 7,000 such in a large model
            app = row.application
            yield (("design", "technology", "applications", Key(app.id), "time"),
                   {"id": app.id, "planned": row.planned, "derived": row.derived,
                    "functional": app.functional_fit, "technical": app.technical_fit})


def invest_in_eliminate(facts: Facts) -> Iterator[Hit]:
    """An initiative that invests in an application rated eliminate (planned or derived)."""
    model = facts.model
    initiatives = model.roadmap.initiatives if model.roadmap else []
    where = {ini.id: n for n, ini in enumerate(initiatives)}
    invested = investing(model)
    for row in facts.dispositions:
        for initiative in invested.get(row.application.id, []) if row.basis else []:
            n = where[initiative]
            k = initiatives[n].applications.index(row.application.id)
            yield (("roadmap", "initiatives", n, "applications", k),
                   {"id": initiative, "application": row.application.id,
                    "basis": row.basis.split("+")})


def _decision_paths(model: OperatingModel) -> dict[str, Path]:
    """Capability → path of its sourcing decision's option (else of the capability)."""
    caps = model.strategy.capabilities if model.strategy else []
    paths: dict[str, Path] = {c.id: ("strategy", "capabilities", n) for n, c in enumerate(caps)}
    sourcing = model.design.sourcing if model.design else None
    for n, d in enumerate(sourcing.decisions if sourcing else []):
        paths[d.capability] = ("design", "sourcing", "decisions", n, "option")
    return paths


def sourcing_differs(facts: Facts) -> Iterator[Hit]:
    """A capability whose planned option differs from the criteria's recommendation."""
    model = facts.model
    paths = _decision_paths(model)
    for row in facts.sourcing.capabilities:
        if row.agrees is False:
            yield (paths[row.capability],
                   {"capability": row.capability, "planned": row.planned,
                    "recommended": row.recommended})


def knowledge_loss(facts: Facts) -> Iterator[Hit]:
    """A core capability (differentiating, or scored core) that is sourced outside."""
    model = facts.model
    paths = _decision_paths(model)
    for loss in facts.sourcing.knowledge_loss:
        yield (paths[loss.capability],
               {"capability": loss.capability, "planned": loss.option, "why": loss.why})


def vendor_concentration(facts: Facts) -> Iterator[Hit]:
    """Vendor spend (else capabilities) highly concentrated by HHI, or one vendor too large."""
    model = facts.model
    result = facts.sourcing
    limits = design_rules().concentration
    if not result.vendors:
        return
    by_spend = result.spend_hhi is not None
    top = max(result.vendors, key=lambda v: (v.spend_share if by_spend else v.capability_share)
              or 0.0)
    share = (top.spend_share if by_spend else top.capability_share) or 0.0
    hhi = result.spend_hhi if by_spend else result.capability_hhi
    if (hhi is not None and hhi > limits.high_hhi) or share > limits.top_share:
        sourcing = model.design.sourcing if model.design else None
        n = _index(sourcing.vendors if sourcing else [], top.vendor)
        yield (("design", "sourcing", "vendors", n),
               {"hhi": round(hhi or 0), "vendor": top.vendor, "share": share})


def lock_in(facts: Facts) -> Iterator[Hit]:
    """A vendor with as many lock-in signals as the data calls high."""
    model = facts.model
    sourcing = model.design.sourcing if model.design else None
    for v in facts.sourcing.vendors:
        if v.lock_in_high and sourcing:
            yield (("design", "sourcing", "vendors", _index(sourcing.vendors, v.vendor)),
                   {"vendor": v.vendor, "count": len(v.lock_in), "signals": v.lock_in})


def sla_without_kpi(facts: Facts) -> Iterator[Hit]:
    """A contract's service level that no KPI measures (its own kpi, or a vendor-scoped KPI)."""
    model = facts.model
    sourcing = model.design.sourcing if model.design else None
    if sourcing is None:
        return
    kpis = model.kpis.definitions if model.kpis else []
    scoped = {k.scope.id for k in kpis if k.scope.kind.value == "vendor" and k.scope.id}
    for n, contract in enumerate(sourcing.contracts):
        for k, level in enumerate(contract.service_levels):
            if level.kpi is None and contract.vendor not in scoped:
                yield (("design", "sourcing", "contracts", n, "service_levels", k),
                       {"id": contract.id, "metric": level.metric})


def kpi_looser_than_sla(facts: Facts) -> Iterator[Hit]:
    """A service level whose KPI targets less than the contract asks for.

    The direction is the KPI definition's own, else its library entry's (so library KPIs
    that inherit their direction are compared too).
    """
    model = facts.model
    sourcing = model.design.sourcing if model.design else None
    if sourcing is None or model.kpis is None:
        return
    kpis = {k.id: k for k in model.kpis.definitions}
    library = kpi_library()
    for n, contract in enumerate(sourcing.contracts):
        for k, level in enumerate(contract.service_levels):
            kpi = kpis.get(level.kpi or "")
            if kpi is None or kpi.target is None:
                continue
            entry = library.get(kpi.kpi) if kpi.kpi else None
            direction = kpi.direction.value if kpi.direction else (
                entry.direction if entry else None)
            looser = (kpi.target < level.target if direction == "higher"
                      else kpi.target > level.target if direction == "lower" else False)
            if looser:
                yield (("design", "sourcing", "contracts", n, "service_levels", k, "kpi"),
                       {"metric": level.metric, "target": level.target, "kpi": kpi.id,
                        "kpi_target": kpi.target})


def _finish(facts: Facts, initiative: str) -> tuple[dt.date, str] | None:
    """When an initiative finishes, and what says so: the later of its deadline and its
    earliest planned finish (prerequisites, earliest start, phase start, most likely
    duration; team limits can only make it later), else its phase's end."""
    roadmap = facts.model.roadmap
    ini = next((i for i in roadmap.initiatives if i.id == initiative), None) if roadmap else None
    if ini is None or roadmap is None:
        return None
    dates: list[tuple[dt.date, str]] = []
    if ini.deadline:
        dates.append((ini.deadline, "deadline"))
    window = facts.windows.get(ini.id)
    if window and ini.duration and ini.duration.most_likely > 0:
        dates.append((window[1] - dt.timedelta(days=1), "planned_finish"))
    if dates:
        return max(dates)
    phase = next((p for p in roadmap.phases if p.id == ini.phase), None)
    return (phase.end, "phase_end") if phase and phase.end else None


def contract_ends_early(facts: Facts) -> Iterator[Hit]:
    """A contract ending before an initiative that relies on it finishes."""
    model = facts.model
    sourcing = model.design.sourcing if model.design else None
    for n, contract in enumerate(sourcing.contracts if sourcing else []):
        for initiative in contract.initiatives:
            finish = _finish(facts, initiative)
            if contract.end and finish and contract.end < finish[0]:
                yield (("design", "sourcing", "contracts", n, "end"),
                       {"id": contract.id, "end": contract.end, "initiative": initiative,
                        "due": finish[0], "basis": finish[1]})


def phases_out_of_order(facts: Facts) -> Iterator[Hit]:
    """A phase that starts before a phase of lower order."""
    model = facts.model
    phases = model.roadmap.phases if model.roadmap else []
    ordered = sorted((p.order, n, p) for n, p in enumerate(phases)
                     if p.order is not None and p.start is not None)
    for (_, _, before), (_, n, phase) in pairwise(ordered):
        if before.start and phase.start and phase.start < before.start:
            yield (("roadmap", "phases", n, "start"),
                   {"id": phase.id, "order": phase.order, "start": phase.start,
                    "previous": before.id, "previous_start": before.start})


NAMED_CHECKS: dict[str, NamedCheck] = {
    "archetype-mismatch": archetype_mismatch,
    "time-mismatch": time_mismatch,
    "invest-in-eliminate": invest_in_eliminate,
    "sourcing-differs": sourcing_differs,
    "knowledge-loss": knowledge_loss,
    "vendor-concentration": vendor_concentration,
    "lock-in": lock_in,
    "sla-without-kpi": sla_without_kpi,
    "phases-out-of-order": phases_out_of_order,
    "kpi-looser-than-sla": kpi_looser_than_sla,
    "contract-ends-early": contract_ends_early,
    "productivity-missing": lambda facts: cost_checks.productivity_missing(facts.model),
    "productivity-too-small": lambda facts: cost_checks.productivity_too_small(facts.model),
    "parallel-running-missing": lambda facts: cost_checks.parallel_running_missing(facts.model),
    "parallel-running-too-small":
        lambda facts: cost_checks.parallel_running_too_small(facts.model),
}
