"""The design pages (step 3) that show the document as it holds it: organisation (units,
teams, roles and skills), process practices, technology and applications with the TIME
chart, sourcing with its reasons, vendors, contracts and concentration; each with the
consistency findings next to the entity they concern. Governance is in ``governance``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opmodel.server.analyses import run_once
from opmodel.server.pages.views import FINDINGS_SHOWN, lang_of, line_of, member_of
from opmodel.server.workspaces.access import RANK
from opmodel.server.workspaces.models import MemberRole

# the design pages, in the order of the article's components, and the paths each shows
TABS = {"governance": ("design.governance",), "organisation": ("design.organization",),
        "processes": ("design.processes",), "technology": ("design.technology",),
        "sourcing": ("design.sourcing",)}
APPLICATIONS_PAGE = 100  # rows of the applications table per page (a large model has 10,000)


def may_edit(member: Any) -> bool:
    """Whether the member may save a revision (editors and owners, as the API)."""
    return RANK[MemberRole(member.role)] >= RANK[MemberRole.editor]


def _prefixes(path: str) -> list[str]:
    """``a.b[c].d`` → ``a.b[c].d``, ``a.b[c]``, ``a.b``, ``a`` (longest first).

    Cut at each ``.`` and ``[`` rather than parsed (7,000 findings on a page of a large
    model): a cut inside a key leaves its bracket open, so it equals no formatted path."""
    cuts = [n for n, char in enumerate(path) if char in ".[" and n]
    return [path, *(path[:n] for n in reversed(cuts))] if path else []


def placed(items: Iterable[tuple[str, Any]], places: Iterable[str]) -> dict[str, list[Any]]:
    """Each item (with its path) at the longest of ``places`` its path is at or under; the
    items at none of them under ``""``."""
    known = set(places)
    out: dict[str, list[Any]] = {}
    for path, item in items:
        spot = next((p for p in _prefixes(path) if p in known), "")
        out.setdefault(spot, []).append(item)
    return out


def design_context(request: HttpRequest, member: Any, line: Any, tab: str,
                   document: Any) -> dict[str, Any]:
    """What every design page shows: where it is, who may edit, the consistency findings of
    its part of the document (``place_findings`` puts them next to their entities)."""
    checked = run_once("check", member.workspace, line.head)
    mine = [f for f in checked.findings
            if any(f.path == p or f.path.startswith((p + ".", p + "[")) for p in TABS[tab])]
    context = {"workspace": member.workspace, "role": member.role, "line": line, "tab": tab,
               "tabs": list(TABS), "may_edit": may_edit(member), "findings": mine,
               "findings_at": {}, "lang": lang_of(request),
               "every_finding": request.GET.get("findings") == "all",
               "currency": document.metadata.currency or "JPY"}
    _on_top(context, mine)
    return context


def _on_top(context: dict[str, Any], general: list[Any]) -> None:
    """The findings listed above the page's tables: the first ``FINDINGS_SHOWN`` unless every
    one is asked for (``?findings=all``), and how many there are."""
    context["findings_general"] = general
    context["findings_listed"] = general if context["every_finding"] else \
        general[:FINDINGS_SHOWN]


def place_findings(context: dict[str, Any], places: Iterable[str]) -> None:
    """Put the page's findings next to the entities at ``places`` (the rest on top)."""
    found = placed(((f.path, f) for f in context["findings"]), places)
    _on_top(context, found.pop("", []))
    context["findings_at"] = found


def _open(request: HttpRequest, ws: str, name: str, tab: str) -> tuple[dict[str, Any], Any]:
    from opmodel.engines.names import entity_names
    from opmodel.server.workspaces import store

    member = member_of(request, ws)
    line = line_of(member, name)
    document = store.read(line.head)
    context = design_context(request, member, line, tab, document)
    context["names"] = entity_names(document)
    return context, document


def _at(collection: str, entities: Iterable[Any]) -> list[tuple[str, Any]]:
    """(path, entity) of each entity of a collection."""
    return [(f"{collection}[{e.id}]", e) for e in entities]


@login_required
def organisation(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """Units, teams, roles (the side they decide for, the skills they need and have) and
    skills."""
    context, document = _open(request, ws, name, "organisation")
    org = document.design.organization if document.design else None
    sections = {kind: _at(f"design.organization.{kind}", getattr(org, kind) if org else [])
                for kind in ("units", "teams", "roles", "skills")}
    place_findings(context, [p for rows in sections.values() for p, _ in rows])
    sides = run_once("design", context["workspace"], context["line"].head).governance.roles
    context.update(sections=sections, sides={s.role: s for s in sides},
                   skill_names={s.id: s.name or s.id for _, s in sections["skills"]},
                   skill_gaps={role.id: {s.skill: s.level for s in role.current_skills}
                               for _, role in sections["roles"]})
    return render(request, "pages/design/organisation.html", context)


@login_required
def processes(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """The ITIL practices in use, their owners, current and target levels."""
    context, document = _open(request, ws, name, "processes")
    practices = _at("design.processes", document.design.processes if document.design else [])
    place_findings(context, [p for p, _ in practices])
    context["practices"] = [
        {"path": path, "p": p, "gap": None if p.current_level is None or p.target_level is None
         else p.target_level - p.current_level} for path, p in practices]
    return render(request, "pages/design/processes.html", context)


@login_required
def technology(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """Principles, standards and platforms; applications with their TIME disposition, the
    TIME chart (functional × technical fit, by disposition) and the plans it contradicts."""
    context, document = _open(request, ws, name, "technology")
    review = run_once("design", context["workspace"], context["line"].head)
    apps = review.applications
    tech = document.design.technology if document.design else None
    page = Paginator(apps.applications, APPLICATIONS_PAGE).get_page(request.GET.get("page"))
    shown = [(f"design.technology.applications[{a.application}]", a) for a in page]
    other = {k: _at(f"design.technology.{k}", getattr(tech, k) if tech else [])
             for k in ("principles", "standards", "platforms")}
    place_findings(context, [p for p, _ in shown] + [p for rows in other.values()
                                                      for p, _ in rows])
    context.update(applications=apps, page=page, shown=shown, other=other,
                   chart=time_chart(apps, context["lang"]))
    return render(request, "pages/design/technology.html", context)


def time_chart(apps: Any, lang: str) -> dict[str, Any]:
    """The TIME chart's data: applications counted per (functional, technical) fit and
    derived disposition, the threshold that splits the quadrants, their names."""
    from opmodel.knowledge.rules import design_rules
    from opmodel.knowledge.texts import label
    from opmodel.knowledge.texts import render as say

    counts: dict[tuple[str, int, int], int] = {}
    for a in apps.applications:
        if a.derived is not None and a.functional_fit is not None and \
                a.technical_fit is not None:
            key = (a.derived, a.technical_fit, a.functional_fit)
            counts[key] = counts.get(key, 0) + 1
    rules = design_rules().time
    quadrants = [{"id": d.id, "name": label("time_disposition", d.id, lang),
                  "x": d.technical, "y": d.functional} for d in rules.dispositions]
    return {"kind": "time", "threshold": rules.threshold, "max": 5,
            "x": say("page.design.technical_fit", {}, lang),
            "y": say("page.design.functional_fit", {}, lang),
            "count": say("page.design.applications_count", {}, lang),
            "series": [{"name": q["name"], "quadrant": q,
                        "points": [[x, y, n] for (d, x, y), n in sorted(counts.items())
                                   if d == q["id"]]} for q in quadrants]}


@login_required
def sourcing(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """Each capability's planned and recommended option with the reasons; vendors, their
    share of spend and lock-in; contracts and service levels; concentration (HHI)."""
    context, document = _open(request, ws, name, "sourcing")
    result = run_once("design", context["workspace"], context["line"].head).sourcing
    src = document.design.sourcing if document.design else None
    capabilities = [(f"design.sourcing.decisions[{c.capability}]", c)
                    for c in result.capabilities]
    vendors = [(f"design.sourcing.vendors[{v.vendor}]", v) for v in result.vendors]
    contracts = _at("design.sourcing.contracts", src.contracts if src else [])
    place_findings(context, [p for rows in (capabilities, vendors, contracts) for p, _ in rows])
    spend = result.spend_hhi is not None
    context.update(result=result, capabilities=capabilities, vendors=vendors,
                   contracts=contracts,
                   hhi=result.spend_hhi if spend else result.capability_hhi,
                   hhi_basis="spend" if spend else "capabilities")
    return render(request, "pages/design/sourcing.html", context)
