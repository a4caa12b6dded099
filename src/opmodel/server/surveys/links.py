"""Survey links as the API and the pages use them alike: make one, list a model's, revoke one,
open one by its secret (or say why it is closed), store a respondent's answers all or nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, Max
from django.http import HttpRequest
from django.utils import timezone

from opmodel.document.assessment import Answer
from opmodel.document.problems import DocumentError
from opmodel.server.audit.log import record
from opmodel.server.surveys.models import AssessmentAnswer, SurveyToken
from opmodel.server.surveys.questionnaire import check_submission
from opmodel.server.surveys.schemas import SurveyLink, SurveyLinkIn, SurveyReceipt
from opmodel.server.workspaces import store


@dataclass(frozen=True)
class Closed:
    """Why a link takes no answers: the status to answer, the message and its parameters."""

    status: int
    code: str
    params: dict[str, Any] = field(default_factory=dict)


class LinkClosed(Exception):
    """The link was closed while its answers were being stored."""

    def __init__(self, closed: Closed) -> None:
        super().__init__(closed.code)
        self.closed = closed


def link_out(token: SurveyToken, answers: int = 0,
             answered_at: dt.datetime | None = None) -> SurveyLink:
    """A link as editors see it (never its secret)."""
    return SurveyLink(
        id=token.pk, prefix=token.prefix, model=token.line.name, respondent=token.respondent,
        role=token.role or None, business_unit=token.business_unit or None,
        group=token.group or None, employment=token.employment, language=token.language,
        expires_at=token.expires_at, expired=token.expired(),
        revoked=token.revoked_at is not None,
        created_by=token.created_by.get_username() if token.created_by else None,
        created_at=token.created_at, answers=answers, answered_at=answered_at)


def create_link(request: HttpRequest, line: Any, body: SurveyLinkIn) -> tuple[SurveyToken, str]:
    """A new link of ``line`` for one respondent and its secret (known this once); in the
    model's language unless the body names one."""
    lang = body.language
    if lang is None:
        stated = store.read(line.head).metadata.language if line.head else None
        lang = "en" if stated is not None and stated.value == "en" else "ja"
    token, secret = SurveyToken.issue(
        workspace=line.workspace, line=line, respondent=body.respondent, role=body.role or "",
        business_unit=body.business_unit or "",
        group=body.group.value if body.group else "", employment=body.employment.value,
        language=lang, expires_at=timezone.now() + dt.timedelta(days=body.expires_in_days),
        created_by=request.user)
    record("survey_created", request=request, workspace=line.workspace,
           target=f"{line.name}:{body.respondent}", prefix=token.prefix)
    return token, secret


def links_of(line: Any) -> list[SurveyLink]:
    """The model's links, newest first, with how many answers each sent."""
    tokens = (SurveyToken.objects.filter(line=line).select_related("line", "created_by")
              .annotate(stored=Count("answers"), last=Max("answers__answered_at")))
    return [link_out(t, t.stored, t.last) for t in tokens]


def revoke_link(request: HttpRequest, line: Any, token: SurveyToken,
                discard: bool = False) -> None:
    """Stop ``token`` taking answers, for good; its answers still count unless ``discard``."""
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
        discarded = token.answers.all().delete()[0] if discard else 0
    record("survey_revoked", request=request, workspace=line.workspace,
           target=f"{line.name}:{token.respondent}", prefix=token.prefix, discarded=discarded)


def open_link(secret: str) -> tuple[SurveyToken | None, Closed | None]:
    """The live link of ``secret``, or why there is none (unknown: 404; revoked or expired:
    410)."""
    token = SurveyToken.find(secret)
    if token is None:
        return None, Closed(404, "survey.not_found")
    if token.revoked_at is not None:
        return token, Closed(410, "survey.revoked")
    if token.expired():
        return token, Closed(410, "survey.expired",
                             {"expired": token.expires_at.date().isoformat()})
    return token, None


def submit_answers(request: HttpRequest, token: SurveyToken,
                   answers: list[Answer]) -> SurveyReceipt:
    """Store every answer of the link's respondent, replacing what it sent before: checked
    against the model's questions first (DocumentError, nothing stored); LinkClosed when the
    link was revoked meanwhile."""
    assert token.line.head is not None
    problems = check_submission(store.read(token.line.head), token.respondent, answers)
    if problems:
        raise DocumentError(problems)
    now = timezone.now()
    with transaction.atomic():
        # the link may have been revoked since it was read: decide under its row lock
        locked = SurveyToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            raise LinkClosed(Closed(410, "survey.revoked"))
        AssessmentAnswer.objects.filter(token=locked).delete()
        AssessmentAnswer.objects.bulk_create(
            AssessmentAnswer(token=locked, line_id=locked.line_id, question=a.question,
                             level=a.level, dont_know=a.dont_know, note=a.note or "",
                             evidence=a.evidence or "", answered_at=now)
            for a in answers)
    record("survey_answered", request=request, workspace=token.workspace,
           target=f"{token.line.name}:{token.respondent}", answers=len(answers))
    return SurveyReceipt(respondent=token.respondent, answers=len(answers),
                         answered_at=now, expires_at=token.expires_at)
