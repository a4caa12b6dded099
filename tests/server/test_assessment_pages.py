"""The assessment page: the questionnaire with its six levels, the respondents by name, the
heatmap of question × group from the use case's comparison, the disagreements by name."""

from __future__ import annotations

import html as html_module
import re
from typing import Any

import pytest

from support.pages import page_text


def _result(workspace: Any, by: str) -> Any:
    from opmodel.engines.assessment.comparison import Grouping
    from opmodel.server.workspaces import store
    from opmodel.services.assessment import assess

    return assess(store.read(workspace.models.get(name="current").head), Grouping(by))


@pytest.mark.parametrize("by", ["business_unit", "role", "employment", "it_or_business"])
def test_the_heatmap_shows_each_groups_median_per_question(workspace: Any, client_as: Any,
                                                           by: str) -> None:
    result = _result(workspace, by)
    assert result.comparison is not None
    page = client_as("viewer").get(f"/w/bank/m/current/assessment/?by={by}",
                                   HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    table = re.search(r'<table class="table table-sm table-bordered heatmap.*?</table>', html,
                      re.S)
    assert table is not None
    heads = re.findall(r'<th scope="col" class="text-center">(.*?) <span', table.group(0))
    assert len(heads) == len(result.comparison.groups)
    rows = re.findall(r"<tr><th scope=\"row\".*?</tr>", table.group(0), re.S)
    first = next(q for q in result.questions
                 if any(q.id in v.questions for v in result.comparison.groups))
    cells = re.findall(r"<td class=\"text-center[^\"]*\">(.*?)</td>", rows[0], re.S)
    expected = [f"{v.questions[first.id]:.1f}" if first.id in v.questions else "—"
                for v in result.comparison.groups]
    assert [page_text(c) for c in cells] == expected


def test_the_heatmap_names_groups_in_the_users_language(workspace: Any,
                                                        client_as: Any) -> None:
    page = client_as("viewer").get("/w/bank/m/current/assessment/?by=it_or_business",
                                   HTTP_ACCEPT_LANGUAGE="ja")
    shown = page_text(page.content.decode())
    assert "IT 部門 (" in shown and "事業部門 (" in shown
    assert "it_or_business" not in shown.replace('value="it_or_business"', "")


def test_an_htmx_request_gets_the_heatmap_alone(workspace: Any, client_as: Any) -> None:
    page = client_as("viewer").get("/w/bank/m/current/assessment/?by=role",
                                   HTTP_ACCEPT_LANGUAGE="en", HTTP_HX_REQUEST="true")
    html = page.content.decode()
    assert page.status_code == 200 and "heatmap" in html and "<html" not in html


def test_the_questionnaire_shows_six_levels_per_bank_question(workspace: Any,
                                                              client_as: Any) -> None:
    from opmodel.knowledge.questions import question_bank

    page = client_as("viewer").get("/w/bank/m/current/assessment/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    question = question_bank().by_id()["gov-steering-committee"]
    block = re.search(r"<summary>" + re.escape(question.text.en) + r"</summary>(.*?)</details>",
                      html, re.S)
    assert block is not None
    levels = re.findall(r"<li>.*?</span>(.*?)</li>", block.group(1), re.S)
    assert [html_module.unescape(level) for level in levels] == [
        level.en for level in question.levels]


def test_respondents_and_disagreements_show_names(workspace: Any, client_as: Any) -> None:
    result = _result(workspace, "role")
    page = client_as("viewer").get("/w/bank/m/current/assessment/", HTTP_ACCEPT_LANGUAGE="ja")
    shown = page_text(page.content.decode())
    assert "常務執行役員（CIO）" in shown and "システム運用課長" in shown
    named = [d for d in result.disagreements if d.question]
    assert named, "the example has disagreements"
    low = result.names.respondents[named[0].respondents_low[0]]
    assert low in shown and "r-cio" not in shown


def test_an_unknown_grouping_falls_back_to_business_units(workspace: Any,
                                                          client_as: Any) -> None:
    page = client_as("viewer").get("/w/bank/m/current/assessment/?by=nonsense",
                                   HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert '<option value="business_unit" selected>' in page.content.decode()
