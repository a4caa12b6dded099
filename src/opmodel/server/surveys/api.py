"""Survey links through the API: editors make, list and revoke them and fold the answers into
the model; a respondent with a live link, and no account, reads the questions in their
language and sends their answers (all or nothing, again and again until the link expires)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Status

from opmodel.document.problems import DocumentError
from opmodel.server.api.errors import ApiError, error_body, language, problems_body
from opmodel.server.api.models import line_of, save_answer
from opmodel.server.api.schemas import ConflictsBody, ErrorBody, RowId, SaveOut, answers
from opmodel.server.surveys import links
from opmodel.server.surveys.answers import with_survey_answers
from opmodel.server.surveys.merging import stored_answer
from opmodel.server.surveys.models import SurveyToken
from opmodel.server.surveys.questionnaire import questions
from opmodel.server.surveys.schemas import (
    FoldIn,
    NewSurveyLink,
    SurveyLink,
    SurveyLinkIn,
    SurveyQuestionnaire,
    SurveyReceipt,
    SurveySubmission,
)
from opmodel.server.workspaces import store
from opmodel.server.workspaces.access import require
from opmodel.server.workspaces.models import MemberRole, ModelLine

router = Router(tags=["surveys"])
LINKS = "/workspaces/{ws}/models/{name}/surveys"


def _editable(request: HttpRequest, ws: str, name: str) -> ModelLine:
    return line_of(require(request.user, ws, MemberRole.editor), name)


@router.post(LINKS, response=answers({201: NewSurveyLink}, 403, 404, 413, 422))
def create_link(request: HttpRequest, ws: str, name: str,
                body: SurveyLinkIn) -> Status[NewSurveyLink]:
    """A link for one respondent to answer the model's assessment; its token and URL are in
    this answer and nowhere else (editors)."""
    line = _editable(request, ws, name)
    token, secret = links.create_link(request, line, body)
    url = request.build_absolute_uri(reverse("api:survey_questionnaire",
                                             kwargs={"token": secret}))
    return Status(201, NewSurveyLink(**links.link_out(token).model_dump(), token=secret,
                                     url=url))


@router.get(LINKS, response=answers({200: list[SurveyLink]}, 403, 404))
def list_links(request: HttpRequest, ws: str, name: str) -> list[SurveyLink]:
    """The model's survey links, newest first, with how many answers each sent (editors)."""
    return links.links_of(_editable(request, ws, name))


# fold before {survey_id}: Django tries the paths in this order
@router.post(LINKS + "/fold", response=answers({200: SaveOut, 201: SaveOut}, 400, 403, 404,
                                               409, 413, 422, bodies={409: ConflictsBody}))
def fold_answers(request: HttpRequest, ws: str, name: str, body: FoldIn) -> Status[Any]:
    """Write the answers collected through the model's links into the model, as a new
    revision on the head (editors); nothing new to write answers 200, unchanged."""
    line = _editable(request, ws, name)
    head = line.head
    assert head is not None
    document = with_survey_answers(line, store.read(head))
    outcome = store.save(line, head, document, author=request.user,
                         message=body.message or "survey answers")
    return save_answer(request, line, outcome, "survey_answers_folded")


@router.delete(LINKS + "/{survey_id}", response=answers({204: None}, 403, 404, 422))
def revoke_link(request: HttpRequest, ws: str, name: str, survey_id: RowId,
                discard: bool = False) -> Status[None]:
    """Stop a link from taking answers, for good; its answers still count unless
    ``discard`` (editors)."""
    line = _editable(request, ws, name)
    token = SurveyToken.objects.filter(line=line, pk=survey_id).first()
    if token is None:
        raise ApiError(404, "api.no_survey_link", id=survey_id)
    links.revoke_link(request, line, token, discard)
    return Status(204, None)


def _live(request: HttpRequest, secret: str) -> tuple[SurveyToken | None, Status[Any] | None]:
    """The live link of ``secret``, or the answer that says why there is none."""
    token, closed = links.open_link(secret)
    if closed is None:
        return token, None
    lang = language(request) if token is None else _lang(request, token)
    return None, Status(closed.status, ErrorBody(**error_body(closed.code, lang,
                                                              **closed.params)))


def _lang(request: HttpRequest, token: SurveyToken) -> str:
    asked = request.GET.get("lang", "")
    return asked if asked in ("ja", "en") else token.language


@router.get("/surveys/{token}", response=answers({200: SurveyQuestionnaire}, 404, 410,
                                                 public=True), auth=None,
            url_name="survey_questionnaire")
def read_questionnaire(request: HttpRequest, token: str) -> Any:
    """The questions of a survey link, in its language (``?lang=`` to change it), and the
    answers sent so far (no account: the link is the key)."""
    found, failure = _live(request, token)
    if found is None:
        return failure
    lang = _lang(request, found)
    assert found.line.head is not None
    document = store.read(found.line.head)
    stored = list(found.answers.order_by("id"))
    return SurveyQuestionnaire(
        respondent=found.respondent, language=lang,
        organisation=document.metadata.organisation,
        expires_at=found.expires_at, questions=questions(document, lang),
        answers=[stored_answer(a.question, a.level, a.dont_know, a.note, a.evidence)
                 for a in stored],
        answered_at=max((a.answered_at for a in stored), default=None))


@router.put("/surveys/{token}/answers",
            response=answers({200: SurveyReceipt}, 400, 404, 410, 413, 422, public=True),
            auth=None)
def submit_answers(request: HttpRequest, token: str, body: SurveySubmission) -> Any:
    """Send every answer of the link's respondent: each checked against the model's
    questions, nothing stored when one is wrong; a new submission replaces the last one."""
    found, failure = _live(request, token)
    if found is None:
        return failure
    try:
        return links.submit_answers(request, found, body.answers)
    except DocumentError as exc:
        return Status(400, problems_body(exc, _lang(request, found)))
    except links.LinkClosed as exc:
        return Status(410, ErrorBody(**error_body(exc.closed.code, _lang(request, found))))
