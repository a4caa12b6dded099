"""Survey links in the browser: editors make one (its URL shown once) and revoke it, viewers
only read the list; the respondent's page answers without an account, in the link's language,
stores all or nothing with the problem at its question, and says why a link is closed."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from support.pages import page_text


def _make_link(client_as: Any, **fields: str) -> tuple[Any, str]:
    page = client_as("editor").post("/w/bank/m/current/surveys/", {
        "respondent": "r-sales", "role": "営業部長", "business_unit": "営業本部",
        "group": "business", "employment": "internal", "language": "ja",
        "expires_in_days": "7", **fields}, HTTP_ACCEPT_LANGUAGE="en")
    url = re.search(r'id="made-url"[^>]*value="([^"]+)"', page.content.decode())
    return page, url.group(1) if url else ""


def test_an_editor_makes_a_link_and_sees_its_url_once(workspace: Any, client_as: Any) -> None:
    from opmodel.server.surveys.models import SurveyToken

    page, url = _make_link(client_as)
    assert page.status_code == 200 and url.startswith("http://testserver/s/ops_")
    token = SurveyToken.objects.get(respondent="r-sales")
    assert (token.language, token.group, token.business_unit) == ("ja", "business", "営業本部")
    again = client_as("editor").get("/w/bank/m/current/surveys/").content.decode()
    assert url not in again and "r-sales" in again


def test_a_bad_respondent_id_is_shown_at_its_field(workspace: Any, client_as: Any) -> None:
    from opmodel.server.surveys.models import SurveyToken

    page, url = _make_link(client_as, respondent="Not A Slug!", expires_in_days="900")
    html = page.content.decode()
    assert page.status_code == 400 and url == ""
    assert 'id="respondent-error"' in html and 'id="expires_in_days-error"' in html
    assert not SurveyToken.objects.exists()


def test_a_viewer_sees_the_list_without_the_actions(workspace: Any, client_as: Any) -> None:
    _make_link(client_as)
    page = client_as("viewer").get("/w/bank/m/current/surveys/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200 and "r-sales" in html
    assert "Create the link" not in html and "Revoke" not in html
    refused = client_as("viewer").post("/w/bank/m/current/surveys/", {"respondent": "r-x"})
    assert refused.status_code == 403


def test_answering_through_the_link_lands_in_the_assessment(workspace: Any,
                                                            client_as: Any) -> None:
    _, url = _make_link(client_as)
    respondent = Client()  # no account
    form = respondent.get(url)
    html = form.content.decode()
    assert form.status_code == 200 and 'lang="ja"' in html and "レベル 3" in html
    answered = respondent.post(url, {"level-gov-steering-committee": "4",
                                     "note-gov-steering-committee": "RACI を整備済み",
                                     "level-gov-risk-management": "dk"})
    assert answered.status_code == 200 and "2 件の回答を保存しました" in answered.content.decode()
    results = client_as("viewer").get("/w/bank/m/current/assessment/?by=business_unit",
                                      HTTP_ACCEPT_LANGUAGE="ja")
    shown = page_text(results.content.decode())
    assert "回答者 9 名" in shown and "営業本部 (1)" in shown and "アンケートリンク" in shown
    again = respondent.get(url).content.decode()
    assert re.search(r'name="level-gov-steering-committee" value="4" checked', again)


def test_a_wrong_answer_is_shown_at_its_question_and_nothing_stored(workspace: Any,
                                                                    client_as: Any) -> None:
    from opmodel.server.surveys.models import AssessmentAnswer

    _, url = _make_link(client_as, language="en")
    answered = Client().post(url, {"level-gov-steering-committee": "4",
                                   "level-gov-risk-management": "9"})
    html = answered.content.decode()
    assert answered.status_code == 400 and "Nothing was saved" in html
    card = re.search(r'id="q-gov-risk-management".*?</section>', html, re.S)
    assert card is not None and 'class="text-danger' in card.group(0)
    assert 'value="4" checked' in html  # what was chosen is kept
    assert not AssessmentAnswer.objects.exists()


def test_the_respondent_switches_language(workspace: Any, client_as: Any) -> None:
    _, url = _make_link(client_as)
    page = Client().get(url + "?lang=en")
    assert 'lang="en"' in page.content.decode() and "Level 3" in page.content.decode()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_revoked_or_expired_link_says_so_in_its_language(workspace: Any, client_as: Any,
                                                           lang: str) -> None:
    from opmodel.knowledge.texts import render
    from opmodel.server.surveys.models import SurveyToken

    _, url = _make_link(client_as, language=lang)
    token = SurveyToken.objects.get(respondent="r-sales")
    revoke = client_as("editor").post(f"/w/bank/m/current/surveys/{token.pk}/revoke/")
    assert revoke.status_code == 302
    closed = Client().get(url)
    assert closed.status_code == 410
    assert render("survey.revoked", {}, lang) in closed.content.decode()
    _, url = _make_link(client_as, respondent="r-late", language=lang)
    SurveyToken.objects.filter(respondent="r-late").update(
        expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    expired = Client().get(url)
    assert expired.status_code == 410
    assert render("survey.expired", {"expired": "2020-01-01"}, lang) in \
        expired.content.decode()


def test_an_unknown_link_is_404_and_shows_nothing_of_a_workspace(workspace: Any) -> None:
    page = Client().get("/s/ops_nothing-here/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 404 and "this survey link does not exist" in \
        page.content.decode()
    assert "Bank" not in page.content.decode()
