"""Decision-rights matrix checks and the Weill & Ross archetype of each decision and domain."""

from __future__ import annotations

from pydantic import BaseModel

from opmodel.document.design import Design, Raci, Role
from opmodel.document.model import OperatingModel
from opmodel.knowledge.rules import DesignRules, catalog_entries, design_rules

MAKERS = (Raci.A, Raci.R)  # who decides; C and I only advise or hear (Weill & Ross)


class DecisionRow(BaseModel):
    """One row of the matrix: a decision, its RACI per holder and who decides."""

    decision: str
    name: str | None
    domain: str | None
    body: str | None
    rights: dict[str, str]
    accountable: list[str]
    responsible: list[str]
    sides: list[str]
    unclassified: list[str]
    in_committee: list[str]
    """IT roles that decide as members of an executive committee (counted as executive)."""
    declared: str | None
    derived: str | None


class DomainRow(BaseModel):
    """A Weill & Ross domain (its id, named at the edge): its decisions and the archetype
    they add up to."""

    domain: str
    decisions: list[str]
    sides: list[str]
    declared: list[str]
    derived: str | None


class MatrixIssue(BaseModel):
    """A breach of the matrix rules on one decision."""

    decision: str
    kind: str  # accountable_count | no_responsible | unknown_holder | unknown_body
    detail: str


class RoleSideInfo(BaseModel):
    """The side a role decides for and where that came from."""

    role: str
    side: str | None
    basis: str  # declared | unit | unknown


class GovernanceResult(BaseModel):
    """Matrix, archetypes, issues and gaps: part of ``opmodel design --format json``."""

    holders: list[str]
    decisions: list[DecisionRow]
    domains: list[DomainRow]
    issues: list[MatrixIssue]
    uncovered_domains: list[str]
    roles: list[RoleSideInfo]


def role_sides(design: Design | None, rules: DesignRules) -> dict[str, RoleSideInfo]:
    """Each role's side: declared, else from its team's unit kind (walking up the parents)."""
    org = design.organization if design else None
    if org is None:
        return {}
    teams = {t.id: t for t in org.teams}
    units = {u.id: u for u in org.units}

    def from_unit(role: Role) -> str | None:
        team = teams.get(role.team) if role.team else None
        unit_id, seen = (team.unit if team else None), set()
        while unit_id and unit_id in units and unit_id not in seen:
            seen.add(unit_id)
            unit = units[unit_id]
            if unit.kind is not None and unit.kind.value in rules.unit_sides:
                return rules.unit_sides[unit.kind.value]
            unit_id = unit.parent
        return None

    out = {}
    for role in org.roles:
        if role.side is not None:
            out[role.id] = RoleSideInfo(role=role.id, side=role.side.value, basis="declared")
        else:
            side = from_unit(role)
            out[role.id] = RoleSideInfo(role=role.id, side=side,
                                        basis="unit" if side else "unknown")
    return out


def archetype_of(sides: set[str], unclassified: bool, rules: DesignRules) -> str | None:
    """The archetype of a set of decision makers' sides; None when a maker is unclassified."""
    if unclassified:
        return None
    if not sides:
        return rules.no_decision_maker
    return next((r.archetype for r in rules.archetype_rules if set(r.sides) == sides), None)


def govern(model: OperatingModel) -> GovernanceResult:
    """Check the decision-rights matrix and classify each decision's and domain's archetype."""
    rules = design_rules()
    design = model.design
    gov = design.governance if design else None
    decisions = gov.decisions if gov else []
    bodies = {b.id: b for b in gov.bodies} if gov else {}
    sides = role_sides(design, rules)
    holders = list(dict.fromkeys(h for d in decisions for h in d.rights))
    rows: list[DecisionRow] = []
    issues: list[MatrixIssue] = []
    for d in decisions:
        accountable = [h for h, r in d.rights.items() if r is Raci.A]
        responsible = [h for h, r in d.rights.items() if r is Raci.R]
        if len(accountable) != 1:
            issues.append(MatrixIssue(decision=d.id, kind="accountable_count",
                                      detail=str(len(accountable))))
        if not responsible:
            issues.append(MatrixIssue(decision=d.id, kind="no_responsible", detail=""))
        if d.body and d.body not in bodies:
            issues.append(MatrixIssue(decision=d.id, kind="unknown_body", detail=d.body))
        makers: list[str] = []
        seated: set[str] = set()  # IT roles deciding inside an executive committee
        for holder, raci in d.rights.items():
            if holder in bodies:  # a body decides through its chair and members
                body = bodies[holder]
                members = list(dict.fromkeys(m for m in [body.chair, *body.members] if m))
                if raci in MAKERS:
                    makers.extend(members or [holder])
                    if _executive_committee(body.chair, members, sides, rules):
                        seated |= {m for m in members if _side(sides, m) == "it"}
            elif holder not in sides:
                issues.append(MatrixIssue(decision=d.id, kind="unknown_holder", detail=holder))
            elif raci in MAKERS:
                makers.append(holder)
        # an IT role that also decides in its own name acts apart from the committee
        seated -= {h for h, r in d.rights.items() if r in MAKERS and h not in bodies}
        found = {"executive" if m in seated else side
                 for m in makers if (side := _side(sides, m))}
        unclassified = sorted({m for m in makers if not _side(sides, m)})
        rows.append(DecisionRow(
            decision=d.id, name=d.name, domain=d.domain, body=d.body,
            rights={h: r.value for h, r in d.rights.items()}, accountable=accountable,
            responsible=responsible, sides=sorted(found, key=_side_order),
            unclassified=unclassified, in_committee=sorted(seated), declared=d.archetype,
            derived=archetype_of(set(found), bool(unclassified), rules)))
    domains = []
    for entry in catalog_entries("decision_domains"):
        mine = [r for r in rows if r.domain == entry["id"]]
        union = {s for r in mine for s in r.sides}
        domains.append(DomainRow(
            domain=entry["id"], decisions=[r.decision for r in mine], sides=sorted(union, key=_side_order),
            declared=sorted({r.declared for r in mine if r.declared}),
            derived=archetype_of(union, any(r.unclassified for r in mine), rules)
            if mine else None))
    return GovernanceResult(
        holders=holders, decisions=rows, domains=domains, issues=issues,
        uncovered_domains=[d.domain for d in domains if not d.decisions] if gov else [],
        roles=list(sides.values()))


def _executive_committee(chair: str | None, members: list[str],
                         sides: dict[str, RoleSideInfo], rules: DesignRules) -> bool:
    """A body chaired by an executive with IT in the minority (Weill & Ross: a business
    monarchy's committee of senior executives may include the CIO)."""
    if chair is None or _side(sides, chair) != "executive" or not members:
        return False
    it = sum(1 for m in members if _side(sides, m) == "it")
    return it / len(members) < rules.executive_committee.it_share_below


def _side(sides: dict[str, RoleSideInfo], role: str) -> str | None:
    info = sides.get(role)
    return info.side if info else None


def _side_order(side: str) -> int:
    return ("executive", "business_unit", "it").index(side)
