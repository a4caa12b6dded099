"""The profile and the recommendation (step 3): the structures ranked with each factor's
contribution, the sourcing stance apart, the article's advantages and drawbacks, the facts
that matter most and the nearest flips; and a what-if form that ranks again, without saving,
as the user changes a fact."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from pydantic import ValidationError

from opmodel.server.pages.views import lang_of, line_of, member_of


def _fields(profile: Any) -> list[dict[str, Any]]:
    """The profile's facts as form fields: a choice of the enumeration's values (or
    unknown) or a number, each with its current value."""
    from opmodel.document.labels import field_kind
    from opmodel.document.profile import Profile
    from opmodel.document.shapes import shapes

    found: list[dict[str, Any]] = []
    for name, shape in shapes(Profile).items():
        if shape.model is not None:  # it_maturity: its facts one by one, levels 0–5
            inner = getattr(profile, name, None) if profile else None
            for sub in shapes(shape.model):
                found.append({"name": f"{name}.{sub}", "kind": "level",
                              "choices": [str(n) for n in range(6)],
                              "value": _text(getattr(inner, sub, None) if inner else None)})
            continue
        value = getattr(profile, name, None) if profile else None
        if shape.enum is not None:
            found.append({"name": name, "kind": "choice", "labels": field_kind(Profile, name),
                          "choices": [m.value for m in shape.enum], "value": _text(value)})
        else:
            found.append({"name": name, "kind": "count", "value": _text(value)})
    return found


def _text(value: Any) -> str:
    return "" if value is None else str(getattr(value, "value", value))


def _profile_from(form: Any) -> dict[str, Any]:
    """The profile a what-if form describes (blank: unknown; other fields are ignored)."""
    known = {f["name"] for f in _fields(None)}
    data: dict[str, Any] = {}
    for key, value in form.items():
        if key not in known or value == "":
            continue
        head, _, sub = key.partition(".")
        if sub:
            data.setdefault(head, {})[sub] = int(value)
        else:
            data[head] = int(value) if value.isdigit() else value
    return data


def _context(member: Any, line: Any, result: Any, lang: str) -> dict[str, Any]:
    from opmodel.knowledge.catalog import get_catalog

    types = {t.id: t for t in get_catalog().model_types.entries}
    top = max((abs(c.points) for s in result.structures for c in [*s.why, *s.against]),
              default=1.0) or 1.0
    return {"workspace": member.workspace, "role": member.role, "line": line,
            "result": result, "top": top,
            "types": [types[s.type] for s in result.structures if s.type in types]}


@login_required
def recommendation(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """The recommendation for the model's profile, with the what-if form filled from it."""
    from opmodel.server.analyses import run_now
    from opmodel.server.workspaces import store

    member = member_of(request, ws)
    line = line_of(member, name)
    result = run_now("recommend", member.workspace, line.head)
    profile = store.read(line.head).profile
    context = _context(member, line, result, lang_of(request))
    context["fields"] = _fields(profile)
    return render(request, "pages/recommendation.html", context)


@login_required
def what_if(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """The ranking for the profile the form describes (nothing is saved); a fact the form
    cannot hold is named."""
    from opmodel.document.profile import Profile
    from opmodel.server.workspaces import store
    from opmodel.services.assessment import recommend

    if request.method != "POST":
        raise Http404(name)
    member = member_of(request, ws)
    line = line_of(member, name)
    try:
        profile = Profile.model_validate(_profile_from(request.POST))
    except (ValidationError, ValueError):
        return render(request, "pages/_what_if_refused.html", {}, status=400)
    document = store.read(line.head)
    result = recommend(document.model_copy(update={"profile": profile}))
    return render(request, "pages/_ranking.html",
                  _context(member, line, result, lang_of(request)))
