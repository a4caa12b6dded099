"""The assessment page (step 1): the questionnaire with its six levels per question, the
respondents (survey answers included), and the results of the use case: the radar, the
heatmap of question × group of respondents, the questions people disagree on."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opmodel.server.analyses import run_now
from opmodel.server.pages.views import lang_of, line_of, member_of

GROUPINGS = ("business_unit", "role", "employment", "it_or_business")
# the label kind of a grouping's values; business units and roles are the respondents' words
VALUE_LABELS = {"employment": "employment", "it_or_business": "respondent_group"}


@login_required
def assessment(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """The assessment of a model's latest revision (survey answers included), compared by the
    grouping ``?by=`` (business unit by default); or what the model lacks to be scored."""
    from opmodel.document import DocumentError
    from opmodel.knowledge.texts import Message
    from opmodel.server.surveys.answers import with_survey_answers
    from opmodel.server.surveys.questionnaire import questions
    from opmodel.server.workspaces import store
    from opmodel.services.assessment import AssessOptions

    member = member_of(request, ws)
    line = line_of(member, name)
    lang = lang_of(request)
    by = request.GET.get("by", "")
    by = by if by in GROUPINGS else GROUPINGS[0]
    document = with_survey_answers(line, store.read(line.head))
    asked = questions(document, lang)
    context: dict[str, Any] = {
        "workspace": member.workspace, "role": member.role, "line": line, "by": by,
        "groupings": GROUPINGS, "questionnaire": _by_component(asked),
        "respondents": _respondents(document, line)}
    try:
        result = run_now("assess", member.workspace, line.head, AssessOptions(by=by))
    except DocumentError as exc:
        context["problems"] = [Message(code=p.code, params=p.params) for p in exc.problems]
        return render(request, "pages/assessment.html", context)
    texts = {q.id: q.text for q in asked}
    context.update(result=result, texts=texts, **_scores(result, lang),
                   heatmap=_heatmap(result, texts, by, lang),
                   disagreements=_disagreements(result, texts, lang))
    if request.headers.get("HX-Request"):  # the grouping changed: the heatmap alone
        return render(request, "pages/_heatmap.html", context)
    return render(request, "pages/assessment.html", context)


def _by_component(asked: list[Any]) -> list[dict[str, Any]]:
    """The questions under their component, in the questionnaire's order."""
    found: dict[str, dict[str, Any]] = {}
    for q in asked:
        found.setdefault(q.component, {"component": q.component, "label": q.component_label,
                                       "questions": []})["questions"].append(q)
    return list(found.values())


def _respondents(document: Any, line: Any) -> list[dict[str, Any]]:
    """Who answered: the document's respondents and those of the survey links."""
    from opmodel.server.surveys.models import SurveyToken

    linked = set(SurveyToken.objects.filter(line=line, answers__isnull=False)
                 .values_list("respondent", flat=True))
    people = document.assessment.respondents if document.assessment else []
    return [{"respondent": r, "answers": len(r.answers), "survey": r.id in linked}
            for r in people]


def _scores(result: Any, lang: str) -> dict[str, Any]:
    """The table by component and the radar of current against target."""
    from opmodel.knowledge.texts import label
    from opmodel.knowledge.texts import render as say

    components = list(result.components)
    return {
        "rows": [{"component": c, **result.components[c].model_dump()} for c in components]
        + [{"overall": True, **result.overall.model_dump()}],
        "radar": {"kind": "radar", "max": 5,
                  "indicators": [label("component_short", c, lang) for c in components],
                  "series": [{"name": say("page.assessment.score", {}, lang),
                              "values": [result.components[c].score for c in components]},
                             {"name": say("page.assessment.target", {}, lang),
                              "values": [result.components[c].target for c in components]}]},
        "findings": [("page.assessment.weaknesses", result.weaknesses),
                     ("page.assessment.strengths", result.strengths)]}


def _group_name(value: str | None, by: str, lang: str) -> str:
    from opmodel.knowledge.texts import label
    from opmodel.knowledge.texts import render as say

    if value is None:
        return say("page.assessment.ungrouped", {}, lang)
    kind = VALUE_LABELS.get(by)
    return label(kind, value, lang) if kind else value


def _heatmap(result: Any, texts: dict[str, str], by: str, lang: str) -> dict[str, Any]:
    """Question × group: each group's median level per question (rows: questions answered,
    in the questionnaire's order), a shade per whole level."""
    groups = result.comparison.groups if result.comparison else []
    rows = []
    for q in result.questions:
        cells = [v.questions.get(q.id) for v in groups]
        if all(c is None for c in cells):
            continue
        rows.append({"id": q.id, "text": texts.get(q.id, q.text or q.id),
                     "component": q.component, "score": q.score,
                     "cells": [{"value": c, "shade": None if c is None else round(c)}
                               for c in cells]})
    return {"groups": [{"name": _group_name(v.group, by, lang), "count": len(v.respondents)}
                       for v in groups], "rows": rows}


def _disagreements(result: Any, texts: dict[str, str], lang: str) -> list[dict[str, Any]]:
    """The questions respondents disagree on (their names), then the components where one
    side of the house rates higher than the other."""
    from opmodel.knowledge.texts import label

    names = result.names.respondents
    found = []
    for d in result.disagreements[:30]:
        if d.question:
            found.append({"what": texts.get(d.question, d.question), "component": d.component,
                          "low": d.low, "high": d.high,
                          "lows": [names.get(r, r) for r in d.respondents_low],
                          "highs": [names.get(r, r) for r in d.respondents_high]})
        else:
            kind = "respondent_group" if d.dimension == "group" else "employment"
            sides = sorted(d.groups.items(), key=lambda kv: kv[1])
            found.append({"what": None, "component": d.component, "low": d.low,
                          "high": d.high, "questions": d.questions,
                          "lows": [label(kind, sides[0][0], lang)],
                          "highs": [label(kind, sides[-1][0], lang)]})
    return found
