"""The assessment, survey and upload pages in a real browser (Debian's Chromium, Playwright)
against a live server: a respondent answers a survey link on a phone without an account and
the answer shows in the results; an upload with one bad row names that row; each page in
Japanese and English shows no message code or raw value, logs no console error, requests
nothing outside the server, and has labelled fields Tab reaches; screenshots of each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from support.browser import (
    PHONE,
    browser,
    log_in,
    open_page,
    screenshot,
    shown_problems,
    unlabelled_or_unreachable,
)

__all__ = ["browser"]  # the fixture the tests take

pytestmark = pytest.mark.django_db(transaction=True)

ITSM = Path(__file__).parents[1] / "data" / "itsm" / "incident_event_log.sample.csv.gz"
RAW = ("internal", "outsourced", "business", "governance", "organization", "process",
       "technology", "sourcing")
PAGES = {"assessment": "/w/bank/m/current/assessment/?by=it_or_business",
         "survey-links": "/w/bank/m/current/surveys/",
         "kpi-upload": "/w/bank/m/current/kpis/upload/",
         "itsm-upload": "/w/bank/m/current/kpis/itsm/"}


def _link(workspace: Any, lang: str) -> str:
    """A live link to the current model's survey, in ``lang``: its path."""
    from django.utils import timezone

    from opmodel.server.surveys.models import SurveyToken

    line = workspace.models.get(name="current")
    _, secret = SurveyToken.issue(workspace=workspace, line=line, respondent=f"r-{lang}",
                                  language=lang,
                                  expires_at=timezone.now() + dt.timedelta(days=7))
    return f"/s/{secret}/"


def _clean(watched: Any, lang: str) -> None:
    page = watched.page
    assert shown_problems(page, lang, RAW) == []
    assert unlabelled_or_unreachable(page) == []
    assert watched.errors == [] and watched.outside == []


def test_a_respondent_answers_on_a_phone_and_the_answer_shows_in_the_results(
        live_server: Any, workspace: Any, browser: Any) -> None:
    base = live_server.url
    editor = open_page(browser, base)
    log_in(editor.page, base, "editor")
    editor.page.goto(base + "/w/bank/m/current/surveys/")
    editor.page.get_by_label("回答者", exact=True).fill("r-sales")
    editor.page.get_by_label("部門", exact=True).fill("営業本部")
    editor.page.get_by_role("button", name="リンクを作成").click()
    url = editor.page.get_by_label("送付するリンク").input_value()
    assert "/s/ops_" in url

    respondent = open_page(browser, base, "ja-JP", PHONE)  # no account, a phone's screen
    phone = respondent.page
    phone.goto(url)
    card = phone.locator("#q-gov-steering-committee")
    card.get_by_text("レベル 4", exact=True).click()
    phone.locator("#q-gov-risk-management").get_by_text("わからない").click()
    phone.get_by_label("メモ（任意）").first.fill("委員会は四半期ごとに開催")
    screenshot(phone, "survey-answer-phone-filled-ja")
    phone.get_by_role("button", name="回答を送信").click()
    assert phone.get_by_role("heading", name="ご回答ありがとうございました").is_visible()
    assert phone.get_by_text("2 件の回答を保存しました。").is_visible()
    screenshot(phone, "survey-thanks-phone-ja")

    editor.page.goto(base + "/w/bank/m/current/assessment/")
    assert editor.page.get_by_text("回答者 9 名の回答から算出しています。").is_visible()
    heads = editor.page.locator("table.heatmap thead th").all_inner_texts()
    assert any(h.startswith("営業本部") for h in heads)
    assert editor.page.get_by_role("cell", name="r-sales", exact=True).is_visible()
    editor.page.get_by_label("比較の軸").select_option("it_or_business")  # htmx swaps the map
    editor.page.wait_for_function(
        "() => [...document.querySelectorAll('table.heatmap thead th')]"
        ".some(th => th.innerText.startsWith('事業部門'))")
    assert "by=it_or_business" in editor.page.url
    assert editor.errors == [] and respondent.errors == []
    assert editor.outside == [] and respondent.outside == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_upload_with_one_bad_row_shows_that_rows_error(
        live_server: Any, workspace: Any, browser: Any, tmp_path: Path, lang: str) -> None:
    base = live_server.url
    watched = open_page(browser, base, "ja-JP" if lang == "ja" else "en-GB")
    log_in(watched.page, base, "editor")
    page = watched.page
    page.goto(base + PAGES["kpi-upload"])
    upload = tmp_path / "april.csv"
    upload.write_text("kpi,period,value\nkpi-mttr,2026-04,9.5\nkpi-mttr,2026-05,abc\n"
                      "kpi-mttr,2026-06,8.0\n", encoding="utf-8")
    page.get_by_label("測定値のファイル" if lang == "ja" else "File of measurements") \
        .set_input_files(str(upload))
    page.get_by_role("button", name="アップロード" if lang == "ja" else "Upload").click()
    rows = page.locator("table.row-issues tbody tr")
    assert rows.count() == 1
    cells = rows.first.locator("td").all_inner_texts()
    assert cells[:3] == ["3", "value", "abc"] and cells[3]
    assert page.get_by_text("何も保存していません" if lang == "ja" else "Nothing was stored",
                            exact=False).is_visible()
    screenshot(page, f"kpi-upload-rejected-{lang}")
    # the refused upload is answered 400, which the browser notes; nothing else may be logged
    assert [e for e in watched.errors if "status of 400" not in e] == []
    assert shown_problems(page, lang, RAW) == []


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_page_reads_well_and_works_with_the_keyboard(
        live_server: Any, workspace: Any, browser: Any, name: str, lang: str) -> None:
    base = live_server.url
    watched = open_page(browser, base, "ja-JP" if lang == "ja" else "en-GB")
    log_in(watched.page, base, "editor")
    if name == "survey-links":  # a link in the list, with its revoke button
        _link(workspace, lang)
    answer = watched.page.goto(base + PAGES[name])
    assert answer is not None and answer.status == 200
    watched.page.wait_for_load_state("networkidle")
    screenshot(watched.page, f"{name}-{lang}")
    _clean(watched, lang)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_itsm_kpis_of_an_uploaded_log(live_server: Any, workspace: Any, browser: Any,
                                          lang: str) -> None:
    base = live_server.url
    watched = open_page(browser, base, "ja-JP" if lang == "ja" else "en-GB")
    log_in(watched.page, base, "viewer")
    page = watched.page
    page.goto(base + PAGES["itsm-upload"])
    page.locator("#file").set_input_files(str(ITSM))
    page.get_by_role("button", name="KPI を算出" if lang == "ja" else "Compute the KPIs").click()
    assert page.locator("table.itsm tbody tr").count() > 3
    screenshot(page, f"itsm-result-{lang}")
    assert shown_problems(page, lang, RAW, given=(ITSM.name,)) == [] and watched.errors == []


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_respondent_page_reads_well_without_an_account(
        live_server: Any, workspace: Any, browser: Any, lang: str, size: str) -> None:
    base = live_server.url
    watched = open_page(browser, base, "en-GB" if lang == "ja" else "ja-JP",  # the link's
                        PHONE if size == "phone" else None)                  # language wins
    answer = watched.page.goto(base + _link(workspace, lang))
    assert answer is not None and answer.status == 200
    assert watched.page.locator("html").get_attribute("lang") == lang
    if size == "phone":  # one column, nothing wider than the screen
        width = watched.page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
        tap = watched.page.locator("label.level-choice").first.bounding_box()
        assert tap is not None and tap["height"] >= 44  # a thumb's tap target
    screenshot(watched.page, f"survey-answer-{size}-{lang}")
    _clean(watched, lang)


def test_a_closed_link_says_so_in_its_language(live_server: Any, workspace: Any,
                                               browser: Any) -> None:
    from opmodel.server.surveys.models import SurveyToken

    path = _link(workspace, "en")
    SurveyToken.objects.update(expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    watched = open_page(browser, live_server.url, "ja-JP", PHONE)
    answer = watched.page.goto(live_server.url + path)
    assert answer is not None and answer.status == 410
    assert watched.page.get_by_text("this survey link expired on 2020-01-01",
                                    exact=False).is_visible()
    screenshot(watched.page, "survey-expired-phone-en")
    watched.page.get_by_role("link", name="日本語").click()
    assert watched.page.get_by_text("2020-01-01 に期限切れ", exact=False).is_visible()
    screenshot(watched.page, "survey-expired-phone-ja")
    assert shown_problems(watched.page, "ja", RAW) == []
