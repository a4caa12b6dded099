"""Survey links: editors make, list and revoke them; respondents without an account read the
questions and send answers (all or nothing); ``assess`` counts the answers; folding writes
them into the model."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from opmodel.document.assessment import Answer, Respondent

EXAMPLES = Path(__file__).parents[2] / "examples"
MODEL = "/api/v1/workspaces/bank/models/current"
LINKS = f"{MODEL}/surveys"


def _link(client: Any, **fields: Any) -> dict[str, Any]:
    answer = client.post(LINKS, json.dumps({"respondent": "r-new", **fields}),
                         content_type="application/json")
    assert answer.status_code == 201, answer.content
    return answer.json()


def _send(client: Any, token: str, answers: list[dict[str, Any]], query: str = "") -> Any:
    return client.put(f"/api/v1/surveys/{token}/answers{query}", json.dumps({"answers": answers}),
                      content_type="application/json")


def _stored() -> list[tuple[str, str, int | None]]:
    from opmodel.server.surveys.models import AssessmentAnswer

    return list(AssessmentAnswer.objects.order_by("id")
                .values_list("token__respondent", "question", "level"))


def _assess(client: Any, number: int = 1) -> dict[str, Any]:
    answer = client.post(f"{MODEL}/revisions/{number}/assess", content_type="application/json")
    assert answer.status_code == 200, answer.content
    return answer.json()


def _question(result: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for q in result["questions"] if q["id"] == qid)


GOOD = [{"question": "gov-steering-committee", "level": 4, "note": "meets monthly"},
        {"question": "q-tech-security", "dont_know": True}]


# --- links ---------------------------------------------------------------------------------

@pytest.mark.django_db
def test_an_editor_makes_a_link_shown_once_and_stored_as_a_hash(workspace: Any,
                                                                client_as: Any) -> None:
    from opmodel.server.surveys.models import SurveyToken

    editor = client_as("editor")
    made = _link(editor, role="CIO", group="it", employment="outsourced", expires_in_days=3)
    token = made["token"]
    assert token.startswith("ops_") and made["url"] == f"http://testserver/api/v1/surveys/{token}"
    assert made["language"] == "ja"  # the model's language
    stored = SurveyToken.objects.get()
    assert token not in (stored.digest, stored.prefix) and stored.digest != ""
    assert dt.timedelta(days=2, hours=23) < stored.expires_at - stored.created_at \
        <= dt.timedelta(days=3)
    listed = editor.get(LINKS).json()
    assert [(x["respondent"], x["group"], x["employment"], x["answers"]) for x in listed] == [
        ("r-new", "it", "outsourced", 0)]
    assert "token" not in listed[0] and token not in json.dumps(listed)


@pytest.mark.django_db
def test_links_are_for_editors(workspace: Any, client_as: Any) -> None:
    body = json.dumps({"respondent": "r-new"})
    assert client_as("viewer").post(LINKS, body, content_type="application/json"
                                    ).status_code == 403
    assert client_as("viewer").get(LINKS).status_code == 403
    assert client_as("stranger").get(LINKS).status_code == 404
    assert client_as(None).get(LINKS).status_code == 401
    assert client_as("owner").post(LINKS, json.dumps({"respondent": "Not A Slug"}),
                                   content_type="application/json").status_code == 422


# --- answering -----------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_respondent_reads_the_questions_in_the_links_language(workspace: Any,
                                                                client_as: Any) -> None:
    from opmodel.knowledge.questions import question_bank

    token = _link(client_as("editor"), language="en")["token"]
    anonymous = client_as(None)
    read = anonymous.get(f"/api/v1/surveys/{token}")
    assert read.status_code == 200
    body = read.json()
    bank = question_bank().by_id()
    steering = next(q for q in body["questions"] if q["id"] == "gov-steering-committee")
    assert steering["text"] == bank["gov-steering-committee"].text.en
    assert steering["component_label"].startswith("Governance") and len(steering["levels"]) == 6
    custom = next(q for q in body["questions"] if q["custom"])
    assert custom["id"] == "q-tech-security" and custom["levels"][0] == "実施していない"
    assert len(body["questions"]) == 12  # the bank part the model chose, and its own question
    assert body["answers"] == [] and body["answered_at"] is None
    ja = anonymous.get(f"/api/v1/surveys/{token}?lang=ja").json()
    assert next(q["text"] for q in ja["questions"] if q["id"] == "gov-steering-committee") \
        == bank["gov-steering-committee"].text.ja


@pytest.mark.django_db
def test_answers_are_stored_and_a_resent_submission_replaces_them(workspace: Any,
                                                                  client_as: Any) -> None:
    from django.test import Client

    token = _link(client_as("editor"))["token"]
    anonymous = Client(enforce_csrf_checks=True)  # no account, no session, no CSRF token
    sent = _send(anonymous, token, GOOD)
    assert sent.status_code == 200 and sent.json()["answers"] == 2
    assert _stored() == [("r-new", "gov-steering-committee", 4), ("r-new", "q-tech-security", None)]
    again = _send(anonymous, token, [{"question": "gov-steering-committee", "level": 2}])
    assert again.status_code == 200
    assert _stored() == [("r-new", "gov-steering-committee", 2)]
    read = anonymous.get(f"/api/v1/surveys/{token}").json()
    assert read["answers"] == [{"question": "gov-steering-committee", "level": 2,
                                "dont_know": False, "note": None, "evidence": None}]
    listed = client_as("editor").get(LINKS).json()[0]
    assert listed["answers"] == 1 and listed["answered_at"] is not None


@pytest.mark.django_db
def test_a_wrong_question_id_stores_nothing_and_names_the_answer(workspace: Any,
                                                                  client_as: Any) -> None:
    token = _link(client_as("editor"))["token"]
    answer = _send(client_as(None), token, [*GOOD, {"question": "gov-steering", "level": 3}])
    assert answer.status_code == 400
    [problem] = answer.json()["problems"]
    assert (problem["path"], problem["code"]) == ("answers[2].question",
                                                  "document.assessment_unknown_question")
    assert "gov-steering" in problem["message"] and "gov-steering-committee" in problem["hint"]
    assert "設問" in problem["message"]  # in the link's language
    assert _stored() == []


@pytest.mark.django_db
@pytest.mark.parametrize(("answers", "code", "path"), [
    ([{"question": "proc-incident", "level": 7}], "document.assessment_level_range",
     "answers[0].level"),
    ([{"question": "proc-incident"}], "document.assessment_answer_empty", "answers[0]"),
    ([{"question": "proc-incident", "level": 2, "dont_know": True}],
     "document.assessment_answer_both", "answers[0]"),
    ([{"question": "proc-incident", "level": 2}, {"question": "proc-incident", "level": 3}],
     "survey.duplicate_answer", "answers[1].question"),
    ([{"question": "proc-incident", "level": 2, "note": "x" * 4001}], "survey.text_too_long",
     "answers[0].note"),
    ([], "document.assessment_no_answers", "answers"),
])
def test_a_wrong_answer_stores_nothing(workspace: Any, client_as: Any,
                                       answers: list[dict[str, Any]], code: str,
                                       path: str) -> None:
    token = _link(client_as("editor"), language="en")["token"]
    answer = _send(client_as(None), token, answers)
    assert answer.status_code == 400
    assert [(p["code"], p["path"]) for p in answer.json()["problems"]] == [(code, path)]
    assert _stored() == []


@pytest.mark.django_db
def test_an_expired_link_reads_and_stores_nothing(workspace: Any, client_as: Any) -> None:
    from opmodel.server.surveys.models import SurveyToken

    token = _link(client_as("editor"))["token"]
    SurveyToken.objects.update(expires_at=dt.datetime(2026, 1, 31, tzinfo=dt.UTC))
    anonymous = client_as(None)
    read = anonymous.get(f"/api/v1/surveys/{token}")
    assert read.status_code == 410 and read.json()["code"] == "survey.expired"
    assert "期限切れ" in read.json()["message"] and "2026-01-31" in read.json()["message"]
    sent = _send(anonymous, token, GOOD, "?lang=en")
    assert sent.status_code == 410 and "expired on 2026-01-31" in sent.json()["message"]
    assert _stored() == []


@pytest.mark.django_db
def test_a_revoked_link_stores_nothing_and_its_answers_go_only_when_discarded(
        workspace: Any, client_as: Any) -> None:
    editor, anonymous = client_as("editor"), client_as(None)
    first, second = _link(editor), _link(editor, respondent="r-other")
    assert _send(anonymous, first["token"], GOOD).status_code == 200
    assert _send(anonymous, second["token"], GOOD).status_code == 200
    assert editor.delete(f"{LINKS}/{first['id']}").status_code == 204
    assert editor.delete(f"{LINKS}/{second['id']}?discard=true").status_code == 204
    sent = _send(anonymous, first["token"], [{"question": "proc-incident", "level": 1}])
    assert sent.status_code == 410 and sent.json()["code"] == "survey.revoked"
    assert anonymous.get(f"/api/v1/surveys/{first['token']}").status_code == 410
    assert _stored() == [("r-new", "gov-steering-committee", 4), ("r-new", "q-tech-security", None)]
    assert [x["revoked"] for x in editor.get(LINKS).json()] == [True, True]
    assert client_as("viewer").delete(f"{LINKS}/{first['id']}").status_code == 403
    assert editor.delete(f"{LINKS}/99999").status_code == 404


@pytest.mark.django_db
def test_an_unknown_token_is_404(workspace: Any, client_as: Any) -> None:
    anonymous = client_as(None)
    for token in ("ops_nothing-like-it", "opm_an-api-token-is-not-a-survey-link"):
        answer = anonymous.get(f"/api/v1/surveys/{token}?lang=en")
        assert answer.status_code == 404 and answer.json()["code"] == "survey.not_found"
        assert _send(anonymous, token, GOOD).status_code == 404
    assert _stored() == []


# --- counting and folding ------------------------------------------------------------------

@pytest.mark.django_db
def test_assess_counts_the_answers_beside_the_documents_respondents(workspace: Any,
                                                                   client_as: Any) -> None:
    editor, anonymous = client_as("editor"), client_as(None)
    target = "/api/v1/workspaces/bank/models/target/revisions/1/assess"
    before = _assess(editor)
    target_before = editor.post(target, content_type="application/json").json()
    assert _send(anonymous, _link(editor)["token"], GOOD).status_code == 200
    # r-cio already answers in the document: the link's answer replaces that one answer
    cio = _link(editor, respondent="r-cio")["token"]
    assert _send(anonymous, cio, [{"question": "proc-incident", "level": 0}]).status_code == 200
    after = _assess(editor)
    assert after["respondents"] == before["respondents"] + 1
    steering = (_question(before, "gov-steering-committee"), _question(after,
                                                                     "gov-steering-committee"))
    assert steering[1]["answers"] == steering[0]["answers"] + 1
    assert _question(after, "q-tech-security")["dont_know"] == \
        _question(before, "q-tech-security")["dont_know"] + 1
    incident = (_question(before, "proc-incident"), _question(after, "proc-incident"))
    assert incident[1]["answers"] == incident[0]["answers"]
    assert incident[1]["mean"] < incident[0]["mean"]
    # another model's links only
    assert editor.post(target, content_type="application/json").json() == target_before


@pytest.mark.django_db
def test_folding_writes_the_answers_into_a_new_revision_once(workspace: Any,
                                                             client_as: Any) -> None:
    editor = client_as("editor")
    assert _send(client_as(None), _link(editor, role="CIO")["token"], GOOD).status_code == 200
    counted = _assess(editor)
    folded = editor.post(f"{LINKS}/fold", json.dumps({"message": "October survey"}),
                         content_type="application/json")
    assert folded.status_code == 201 and folded.json()["revision"] == 2
    document = editor.get(f"{MODEL}/revisions/2").json()
    new = next(r for r in document["assessment"]["respondents"] if r["id"] == "r-new")
    assert new == {"id": "r-new", "role": "CIO", "answers": [
        {"question": "gov-steering-committee", "level": 4, "note": "meets monthly"},
        {"question": "q-tech-security", "dont_know": True}]}
    assert _assess(editor, 2) == counted  # the folded answers are not counted twice
    again = editor.post(f"{LINKS}/fold", "{}", content_type="application/json")
    assert again.status_code == 200 and again.json()["unchanged"] is True
    assert client_as("viewer").post(f"{LINKS}/fold", "{}", content_type="application/json"
                                    ).status_code == 403
    revisions = editor.get(f"{MODEL}/revisions").json()
    assert [(r["number"], r["message"]) for r in revisions] == [(2, "October survey"),
                                                                (1, "loaded")]


@pytest.mark.django_db
def test_what_links_do_is_in_the_audit_log(workspace: Any, client_as: Any) -> None:
    from opmodel.server.audit.models import AuditEvent

    editor = client_as("editor")
    made = _link(editor)
    _send(client_as(None), made["token"], GOOD)
    editor.delete(f"{LINKS}/{made['id']}")
    events = list(AuditEvent.objects.filter(action__startswith="survey_").order_by("id")
                  .values_list("action", "username", "target"))
    assert events == [("survey_created", "editor", "current:r-new"),
                      ("survey_answered", "", "current:r-new"),
                      ("survey_revoked", "editor", "current:r-new")]


# --- merging, without a database -----------------------------------------------------------

def _bank_model() -> Any:
    from opmodel.interop.model_files import load

    return load(EXAMPLES / "regional-bank" / "current.yaml")


def test_merging_replaces_answers_question_by_question_and_drops_unknown_questions() -> None:
    from opmodel.server.surveys.merging import merge_respondents

    model = _bank_model()
    assert model.assessment is not None
    cio = next(r for r in model.assessment.respondents if r.id == "r-cio")
    survey = Respondent(id="r-cio", role="CIO (new)", answers=[
        Answer(question="proc-incident", level=0), Answer(question="no-such-question", level=1),
        Answer(question="tech-cloud", dont_know=True)])
    merged = merge_respondents(model, [survey])
    assert merged.assessment is not None
    after = next(r for r in merged.assessment.respondents if r.id == "r-cio")
    assert after.role == "CIO (new)" and after.group == cio.group
    assert [a.question for a in after.answers] == [a.question for a in cio.answers]
    levels = {a.question: (a.level, a.dont_know) for a in after.answers}
    assert levels["proc-incident"] == (0, False) and levels["tech-cloud"] == (None, True)
    assert len(merged.assessment.respondents) == len(model.assessment.respondents)
    assert next(r for r in model.assessment.respondents if r.id == "r-cio") == cio  # untouched
    only_unknown = Respondent(id="r-x", answers=[Answer(question="nope", level=1)])
    assert merge_respondents(model, [only_unknown]) is model


def test_the_latest_answer_to_a_question_wins_and_the_last_link_says_who() -> None:
    from opmodel.server.surveys.merging import CollectedAnswer, respondents_from

    def row(question: str, level: int, role: str) -> CollectedAnswer:
        return CollectedAnswer("r-a", role, "", "business", "internal", question, level,
                               False, "", "")

    [found] = respondents_from([row("q1", 1, "old"), row("q2", 2, "old"), row("q1", 4, "new")])
    assert found.role == "new" and found.group is not None and found.group.value == "business"
    assert [(a.question, a.level) for a in found.answers] == [("q1", 4), ("q2", 2)]
