"""Survey links in the browser: editors make a respondent's link (its URL shown once), list
and revoke them, viewers read the list; the respondent answers at the link's URL without an
account, in the link's language, one question per card (the same use cases as the API)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from pydantic import ValidationError

from opmodel.server.pages.forms import field_errors, message
from opmodel.server.pages.views import lang_of, line_of, member_of
from opmodel.server.workspaces.access import RANK
from opmodel.server.workspaces.models import MemberRole

LINK_FIELDS = ("respondent", "role", "business_unit", "group", "employment", "language",
               "expires_in_days")


def _may_edit(member: Any) -> bool:
    return RANK[MemberRole(member.role)] >= RANK[MemberRole.editor]


@login_required
def survey_links(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """A model's survey links with their answers; editors make one (POST) and see its URL
    this once, to copy."""
    from opmodel.server.surveys.links import create_link, links_of
    from opmodel.server.surveys.schemas import SurveyLinkIn

    member = member_of(request, ws)
    line = line_of(member, name)
    may_edit = _may_edit(member)
    errors: dict[str, Any] = {}
    made = None
    values = {"employment": "internal", "language": lang_of(request), "expires_in_days": "14"}
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        values = {f: request.POST.get(f, "").strip() for f in LINK_FIELDS}
        try:
            body = SurveyLinkIn.model_validate({k: v for k, v in values.items() if v != ""})
        except ValidationError as exc:
            errors = field_errors(exc)
        else:
            token, secret = create_link(request, line, body)
            made = {"respondent": token.respondent,
                    "url": request.build_absolute_uri(reverse("survey_answer", args=[secret]))}
            values = {"employment": "internal", "language": token.language,
                      "expires_in_days": "14"}
    return render(request, "pages/survey_links.html", {
        "workspace": member.workspace, "role": member.role, "line": line,
        "links": links_of(line), "may_edit": may_edit, "errors": errors, "values": values,
        "made": made}, status=400 if errors else 200)


@login_required
def survey_revoke(request: HttpRequest, ws: str, name: str, link: int) -> HttpResponse:
    """Revoke a link for good (editors); back to the list."""
    from opmodel.server.surveys.links import revoke_link
    from opmodel.server.surveys.models import SurveyToken

    if request.method != "POST":
        raise Http404(link)
    member = member_of(request, ws)
    line = line_of(member, name)
    if not _may_edit(member):
        raise PermissionDenied
    token = SurveyToken.objects.filter(line=line, pk=link).first()
    if token is None:
        raise Http404(link)
    revoke_link(request, line, token)
    return redirect("survey_links", ws=ws, name=name)


def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    """A respondent's questionnaire (no account: the link is the key), in the link's
    language or ``?lang=``; POST stores every answer, all or nothing, and thanks them."""
    from opmodel.server.surveys.links import open_link

    found, closed = open_link(token)
    asked = request.GET.get("lang", "")
    lang = asked if asked in ("ja", "en") else (found.language if found else lang_of(request))
    translation.activate(lang)
    request.LANGUAGE_CODE = lang
    context: dict[str, Any] = {"lang": lang, "path": request.path}
    if closed is not None:
        context["closed"] = message(closed.code, **closed.params)
        return render(request, "survey/closed.html", context, status=closed.status)
    assert found is not None
    return _questionnaire(request, found, lang, context)


def _questionnaire(request: HttpRequest, found: Any, lang: str,
                   context: dict[str, Any]) -> HttpResponse:
    from opmodel.document.problems import DocumentError
    from opmodel.server.pages.survey_form import answers_from, form_cards
    from opmodel.server.surveys.links import LinkClosed, submit_answers
    from opmodel.server.surveys.questionnaire import questions
    from opmodel.server.workspaces import store

    document = store.read(found.line.head)
    asked = questions(document, lang)
    context.update(respondent=found.respondent, organisation=document.metadata.organisation,
                   expires_at=found.expires_at)
    problems: dict[str, list[Any]] = {}
    if request.method == "POST":
        answers = answers_from(request.POST, asked)
        try:
            receipt = submit_answers(request, found, answers)
        except LinkClosed as exc:
            context["closed"] = message(exc.closed.code, **exc.closed.params)
            return render(request, "survey/closed.html", context, status=exc.closed.status)
        except DocumentError as exc:
            problems = _at_questions(exc, answers)
        else:
            context["receipt"] = receipt
            return render(request, "survey/thanks.html", context)
        given = {a.question: a for a in answers}
    else:
        given = {a.question: a for a in _stored(found)}
    context.update(cards=form_cards(asked, given, problems), problems=bool(problems))
    return render(request, "survey/answer.html", context, status=400 if problems else 200)


def _stored(found: Any) -> list[Any]:
    from opmodel.server.surveys.merging import stored_answer

    return [stored_answer(a.question, a.level, a.dont_know, a.note, a.evidence)
            for a in found.answers.order_by("id")]


def _at_questions(exc: Any, answers: list[Any]) -> dict[str, list[Any]]:
    """Each problem of a submission under the question it concerns (paths answers[n]…)."""
    found: dict[str, list[Any]] = {}
    for p in exc.problems:
        n = p.path[1] if len(p.path) > 1 and isinstance(p.path[1], int) else None
        where = answers[n].question if n is not None and n < len(answers) else ""
        found.setdefault(where, []).append(message(p.code, **p.params))
    return found
