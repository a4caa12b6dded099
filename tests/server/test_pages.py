"""The pages: a workspace and a model's six steps, in Japanese and English, showing the
figures of the same use case the command line prints, and nothing to a non-member."""

from __future__ import annotations

import re
from typing import Any

import pytest

from support.pages import page_text


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", ["6つのステップのうち", "現状を評価する", "未解決の指摘", "リビジョン 1"]),
    ("en", ["The six steps:", "Assess the current state", "Open findings", "revision 1"])])
def test_a_model_page_shows_the_six_steps_in_the_users_language(
        workspace: Any, client_as: Any, lang: str, words: list[str]) -> None:
    page = client_as("viewer").get("/w/bank/m/target/", HTTP_ACCEPT_LANGUAGE=lang)
    assert page.status_code == 200
    shown = page_text(page.content.decode())
    assert all(word in shown for word in words), shown[:500]


def test_the_page_shows_the_figures_of_the_use_case(workspace: Any, client_as: Any) -> None:
    from opmodel.knowledge.texts import render
    from opmodel.server.workspaces import store
    from opmodel.services.guide import progress

    line = workspace.models.get(name="target")
    result = progress(store.read(line.head))
    html = client_as("viewer").get("/w/bank/m/target/", HTTP_ACCEPT_LANGUAGE="en")
    shown = page_text(html.content.decode())
    summary = render("guide.summary", {"done": result.steps_done,
                                       "percent": round(result.completeness * 100)}, "en")
    assert summary in shown
    shares = re.findall(r'<progress[^>]*value="(\d+)"', html.content.decode())
    assert shares == [str(round(s.completeness * 100)) for s in result.steps]
    counts = re.findall(r"Open findings \((\d+)\)", shown)
    assert counts == [str(len(s.open_findings)) for s in result.steps if s.open_findings]


def test_a_long_list_of_findings_shows_its_first_ones_and_links_to_every_one(
        workspace: Any, client_as: Any, monkeypatch: Any) -> None:
    from opmodel.server.pages import views

    monkeypatch.setattr(views, "FINDINGS_SHOWN", 2)  # the design step of the bank has 5
    viewer = client_as("viewer")
    first = page_text(viewer.get("/w/bank/m/target/", HTTP_ACCEPT_LANGUAGE="en").content.decode())
    every = page_text(viewer.get("/w/bank/m/target/?findings=all",
                             HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "Open findings (5)" in first and "The first 2 of 5 findings." in first
    assert "Show every finding" in first and "The first" not in every
    assert first.count("design.") < every.count("design.")  # the paths of the findings listed
    assert re.findall(r"Open findings \((\d+)\)", first) == \
        re.findall(r"Open findings \((\d+)\)", every)


def test_a_new_revision_shows_its_own_findings(workspace: Any, client_as: Any) -> None:
    from opmodel.document.changes import ChangeSet
    from opmodel.server.workspaces import store
    from opmodel.services.guide import progress

    viewer = client_as("viewer")
    before = page_text(viewer.get("/w/bank/m/target/", HTTP_ACCEPT_LANGUAGE="en").content.decode())
    line = workspace.models.get(name="target")
    edit = ChangeSet.model_validate({"operations": [  # a risk of 4 × 4 left without an owner
        {"op": "remove", "path": "risks.items[rsk-ops-resistance].owner"}]})
    saved = store.save_changes(line, line.head, edit, author=None, message="no owner").revision
    after = page_text(viewer.get("/w/bank/m/target/", HTTP_ACCEPT_LANGUAGE="en").content.decode())
    counts = [str(len(s.open_findings)) for s in progress(store.read(saved)).steps
              if s.open_findings]
    assert re.findall(r"Open findings \((\d+)\)", after) == counts
    assert re.findall(r"Open findings \((\d+)\)", before) != counts
    assert "rsk-ops-resistance" in after and "rsk-ops-resistance" not in before


def test_the_workspace_page_lists_its_models(workspace: Any, client_as: Any) -> None:
    page = client_as("editor").get("/w/bank/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    shown = page.content.decode()
    assert 'href="/w/bank/m/current/"' in shown and 'href="/w/bank/m/target/"' in shown


@pytest.mark.parametrize("path", ["/w/bank/", "/w/bank/m/target/"])
def test_a_non_member_sees_what_a_missing_workspace_shows(workspace: Any, client_as: Any,
                                                          path: str) -> None:
    stranger = client_as("stranger")
    theirs = stranger.get(path)
    missing = stranger.get(path.replace("bank", "no-such-workspace"))
    assert theirs.status_code == missing.status_code == 404
    assert theirs.content == missing.content
    assert b"Bank" not in theirs.content
    anonymous = client_as(None).get(path)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


def test_a_missing_model_is_404(workspace: Any, client_as: Any) -> None:
    assert client_as("owner").get("/w/bank/m/nothing/").status_code == 404


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", ["現状評価", "回答者 8 名", "構成要素別の成熟度", "弱み"]),
    ("en", ["Assessment", "8 respondents", "Maturity by component", "Weaknesses"])])
def test_the_assessment_page_shows_the_scores_of_the_use_case(
        workspace: Any, client_as: Any, lang: str, words: list[str]) -> None:
    import json

    from opmodel.server.workspaces import store
    from opmodel.services.assessment import assess

    result = assess(store.read(workspace.models.get(name="current").head))
    page = client_as("viewer").get("/w/bank/m/current/assessment/", HTTP_ACCEPT_LANGUAGE=lang)
    assert page.status_code == 200
    html = page.content.decode()
    shown = page_text(html)
    assert all(word in shown for word in words), shown[:400]
    radar = json.loads(re.search(r'<script id="radar-data" type="application/json">(.*?)'
                                 r"</script>", html, re.S).group(1))  # type: ignore[union-attr]
    assert radar["series"][0]["values"] == [c.score for c in result.components.values()]
    assert radar["series"][1]["values"] == [c.target for c in result.components.values()]
    overall = result.overall
    assert f"{overall.score:.1f} {overall.target:.1f} {overall.gap:+.1f}" in shown


def test_a_model_without_answers_says_what_it_lacks(workspace: Any, client_as: Any) -> None:
    from opmodel.server.workspaces import store
    from support.builders import model as new_model

    store.create_line(workspace, "empty", new_model(), author=None, message="")
    page = client_as("viewer").get("/w/bank/m/empty/assessment/", HTTP_ACCEPT_LANGUAGE="ja")
    assert page.status_code == 200
    assert "回答者" in page_text(page.content.decode()) and "radar-data" not in page.content.decode()


def test_a_long_alignment_matrix_shows_its_first_rows_and_links_to_every_one(
        workspace: Any, client_as: Any, monkeypatch: Any) -> None:
    from opmodel.server.pages import steps

    monkeypatch.setattr(steps, "ROWS", 2)
    viewer = client_as("viewer")
    first = viewer.get("/w/bank/m/target/alignment/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    every = viewer.get("/w/bank/m/target/alignment/?rows=all",
                       HTTP_ACCEPT_LANGUAGE="en").content.decode()

    def rows(html: str) -> int:
        return len(re.findall(r"<tr", html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]))

    assert rows(first) == 2 and rows(every) > 2
    assert f"The first 2 of {rows(every)}." in page_text(first) and 'href="?rows=all' in first
    assert 'href="?rows=all' not in every


def test_the_alignment_matrix_is_the_use_cases(workspace: Any, client_as: Any) -> None:
    from opmodel.server.workspaces import store
    from opmodel.services.assessment import align

    document = store.read(workspace.models.get(name="target").head)
    result = align(document)
    page = client_as("viewer").get("/w/bank/m/target/alignment/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    assert document.roadmap is not None and len(rows) == len(document.roadmap.initiatives)
    objectives = [o.objective for o in result.objectives]
    for initiative, row in zip(document.roadmap.initiatives, rows, strict=True):
        cells = [page_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        expected = [result.matrix[o].get(initiative.id, "") for o in objectives]
        assert cells == expected, initiative.id
        assert ("serves no objective" in row) == (initiative.id in result.orphan_initiatives)


@pytest.mark.django_db(transaction=True)  # the plan reports progress from its solvers' threads
def test_a_plan_started_from_its_page_shows_the_figures_of_its_result(
        workspace: Any, client_as: Any) -> None:
    from opmodel.server.jobs.models import Job

    editor = client_as("editor")
    started = editor.post("/w/bank/m/target/roadmap/",
                          {"time_limit": "2", "iterations": "2000", "seed": "1"},
                          HTTP_ACCEPT_LANGUAGE="ja")
    assert started.status_code == 302
    job = Job.objects.get()
    assert started["Location"] == f"/w/bank/jobs/{job.pk}/"
    assert job.options["iterations"] == 2000
    assert job.status == "succeeded", job.error  # tests run jobs at once
    page = editor.get(started["Location"], HTTP_ACCEPT_LANGUAGE="ja")
    shown = page_text(page.content.decode())
    result = job.result
    selected = len(result["portfolio"]["selected"])
    candidates = selected + len(result["portfolio"]["rejected"])
    assert f"{candidates} 件中 {selected} 件" in shown
    assert f"P80 {result['risk']['completion_dates']['p80']}" in shown
    total = int(result["budget"]["total"] + 0.5)
    assert f"¥{total:,}" in shown
    assert "hx-trigger" not in page.content.decode()  # finished: the page stops polling
    listed = editor.get("/w/bank/m/target/roadmap/", HTTP_ACCEPT_LANGUAGE="en")
    assert f"/w/bank/jobs/{job.pk}/" in listed.content.decode()


def test_a_plan_form_with_impossible_values_says_what_holds(workspace: Any,
                                                            client_as: Any) -> None:
    from opmodel.server.jobs.models import Job

    answer = client_as("editor").post("/w/bank/m/target/roadmap/",
                                      {"time_limit": "0", "iterations": "5", "seed": "0"},
                                      HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 400 and "iterations from 0 to 10,000,000" in page_text(
        answer.content.decode())
    assert not Job.objects.exists()


def test_a_running_job_polls_and_its_author_or_an_editor_can_cancel_it(
        workspace: Any, client_as: Any, users: dict[str, Any]) -> None:
    from opmodel.server.jobs.models import Job

    line = workspace.models.get(name="target")
    job = Job.objects.create(workspace=workspace, revision=line.head, kind="plan",
                             status="running", stage="schedule", fraction=0.4,
                             created_by=users["viewer"])
    status = client_as("owner").get(f"/w/bank/jobs/{job.pk}/status/",
                                    HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'hx-trigger="every 1s"' in status and 'value="40"' in status
    other = Job.objects.create(workspace=workspace, revision=line.head, kind="plan",
                               status="queued", created_by=users["editor"])
    assert client_as("viewer").post(f"/w/bank/jobs/{other.pk}/cancel/").status_code == 403
    cancelled = client_as("viewer").post(f"/w/bank/jobs/{job.pk}/cancel/",
                                         HTTP_ACCEPT_LANGUAGE="en")
    assert cancelled.status_code == 200 and "Stopping" in cancelled.content.decode()
    job.refresh_from_db()
    assert job.cancel_requested and job.status == "running"  # the worker stops it
    assert client_as("editor").post(f"/w/bank/jobs/{other.pk}/cancel/").status_code == 200
    other.refresh_from_db()
    assert other.status == "cancelled"  # a queued job stops at once
    assert client_as("stranger").get(f"/w/bank/jobs/{job.pk}/").status_code == 404


def test_a_viewer_follows_plans_but_cannot_start_one(workspace: Any, client_as: Any) -> None:
    from opmodel.server.jobs.models import Job

    viewer = client_as("viewer")
    page = viewer.get("/w/bank/m/target/roadmap/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and 'name="iterations"' not in page.content.decode()
    assert "Editors and owners start plans" in page.content.decode()
    refused = viewer.post("/w/bank/m/target/roadmap/", {"time_limit": "1", "iterations": "0",
                                                         "seed": "0"})
    assert refused.status_code == 403 and not Job.objects.exists()


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", ["構造の順位", "推奨:", "調達方針", "利点"]),
    ("en", ["Structures ranked", "Recommended:", "Sourcing stance", "Advantages"])])
def test_the_recommendation_page_shows_the_ranking_of_the_use_case(
        workspace: Any, client_as: Any, lang: str, words: list[str]) -> None:
    from opmodel.knowledge.texts import label
    from opmodel.server.workspaces import store
    from opmodel.services.assessment import recommend

    result = recommend(store.read(workspace.models.get(name="target").head))
    page = client_as("viewer").get("/w/bank/m/target/recommendation/",
                                   HTTP_ACCEPT_LANGUAGE=lang)
    assert page.status_code == 200
    shown = page_text(page.content.decode())
    assert all(word in shown for word in words), shown[:300]
    headings = re.findall(r'<h3 class="h6 mb-1">(.*?) <span', page.content.decode())
    assert headings == [label("model_type", s.type, lang) for s in result.structures]
    for s in result.structures:
        assert f"{s.score:.1f}" in shown


def test_what_if_ranks_the_changed_profile_and_saves_nothing(workspace: Any,
                                                             client_as: Any) -> None:
    from opmodel.server.workspaces import store
    from opmodel.services.assessment import recommend

    line = workspace.models.get(name="target")
    document = store.read(line.head)
    assert document.profile is not None
    form = {k: str(getattr(v, "value", v)) for k, v in
            document.profile.model_dump(exclude_none=True, exclude={"it_maturity"}).items()}
    form.update({"developer_teams": "60", "digital_product_focus": "high"})
    answer = client_as("viewer").post("/w/bank/m/target/recommendation/what-if/", form,
                                      HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 200
    changed = document.profile.model_copy(update={"developer_teams": 60,
                                                  "digital_product_focus": "high",
                                                  "it_maturity": None})
    expected = recommend(document.model_copy(update={"profile": changed}))
    assert f"{expected.structures[0].score:.1f}" in page_text(answer.content.decode())
    assert line.revisions.count() == 1  # nothing saved
    refused = client_as("viewer").post("/w/bank/m/target/recommendation/what-if/",
                                       {"employees": "many"}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400 and "whole numbers" in refused.content.decode()


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", ["KPI スコアカード", "基準日", "構成要素別の KPI と状態"]),
    ("en", ["KPI scorecard", "As of", "KPIs by component and status"])])
def test_the_scorecard_page_shows_the_use_cases_figures(workspace: Any, client_as: Any,
                                                        lang: str, words: list[str]) -> None:
    import datetime as dt

    from opmodel.server.measurements.store import DatabaseMeasurementStore
    from opmodel.server.workspaces import store
    from opmodel.services.kpi import StatusOptions, status

    target = store.read(workspace.models.get(name="target").head)
    as_of = dt.date(2027, 3, 31)
    card = status(target, DatabaseMeasurementStore(workspace), StatusOptions(as_of=as_of),
                  today=as_of)
    page = client_as("viewer").get("/w/bank/m/target/kpis/?as_of=2027-03-31",
                                   HTTP_ACCEPT_LANGUAGE=lang)
    assert page.status_code == 200
    html = page.content.decode()
    assert all(word in page_text(html) for word in words)
    body = html.split("<tbody>")[2].split("</tbody>")[0]  # the KPI table
    assert len(re.findall(r"<tr>", body)) == len(card.kpis)
    statuses = re.findall(r'class="badge rag-(\w+)"', body)
    assert statuses == [s.status for s in card.kpis]
