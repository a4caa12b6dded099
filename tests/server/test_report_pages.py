"""The "Download report" form of a model's page and the report page: an editor queues the
report job in the chosen format and language, and its job page offers the file, the one the
API's job endpoint sends; a viewer follows the reports but cannot start one."""

from __future__ import annotations

from typing import Any

import pytest

FORM = 'class="row g-3 align-items-end mb-3 report-form"'


@pytest.mark.parametrize(("lang", "words"), [("ja", ["報告書をダウンロード", "報告書を作成"]),
                                             ("en", ["Download report", "Write the report"])])
def test_the_model_page_offers_the_report_form_to_editors(workspace: Any, client_as: Any,
                                                          lang: str, words: list[str]) -> None:
    page = client_as("editor").get("/w/bank/m/target/", HTTP_ACCEPT_LANGUAGE=lang)
    shown = page.content.decode()
    assert page.status_code == 200 and FORM in shown
    assert all(w in shown for w in words)
    assert 'action="/w/bank/m/target/report/"' in shown
    assert all(f'<option value="{f}">' in shown for f in ("pdf", "pptx", "xlsx", "html"))
    assert f'<option value="{lang}" selected>' in shown  # the reader's language first
    export = "/api/v1/workspaces/bank/models/target/revisions/1/export?format="
    assert all(f'href="{export}{f}"' in shown for f in ("xlsx", "archimate", "archi-csv"))


@pytest.mark.django_db(transaction=True)  # the plan reports progress from its solvers' threads
def test_a_report_started_from_the_page_is_offered_on_its_job_page(workspace: Any,
                                                                   client_as: Any) -> None:
    from opmodel.server.jobs.models import Job

    editor = client_as("editor")
    started = editor.post("/w/bank/m/target/report/",
                          {"format": "html", "lang": "en", "time_limit": "1"},
                          HTTP_ACCEPT_LANGUAGE="ja")
    assert started.status_code == 302
    job = Job.objects.get()
    assert started["Location"] == f"/w/bank/jobs/{job.pk}/"
    assert (job.kind, job.options["format"], job.options["lang"]) == ("report", "html", "en")
    assert job.status == "succeeded", job.error  # tests run jobs at once
    page = editor.get(started["Location"], HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    link = f'href="/api/v1/workspaces/bank/jobs/{job.pk}/file"'
    assert link in page and "target-1-report.html をダウンロード" in page
    found = editor.get(f"/api/v1/workspaces/bank/jobs/{job.pk}/file")
    assert found.status_code == 200 and b"Executive report" in found.content
    listed = client_as("viewer").get("/w/bank/m/target/report/", HTTP_ACCEPT_LANGUAGE="en")
    assert f"/w/bank/jobs/{job.pk}/" in listed.content.decode()


def test_a_viewer_follows_reports_but_cannot_start_one(workspace: Any, client_as: Any) -> None:
    from opmodel.server.jobs.models import Job

    viewer = client_as("viewer")
    for path in ("/w/bank/m/target/", "/w/bank/m/target/report/"):
        page = viewer.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert FORM not in page and "Editors and owners write reports" in page
    refused = viewer.post("/w/bank/m/target/report/", {"format": "pdf", "lang": "en"})
    assert refused.status_code == 403 and not Job.objects.exists()


@pytest.mark.parametrize("form", [{"format": "docx", "lang": "en"},
                                  {"format": "pdf", "lang": "fr"},
                                  {"format": "pdf", "lang": "en", "time_limit": "0"}])
def test_a_choice_the_form_does_not_offer_is_refused(workspace: Any, client_as: Any,
                                                     form: dict[str, str]) -> None:
    from opmodel.server.jobs.models import Job

    answer = client_as("editor").post("/w/bank/m/target/report/", form,
                                      HTTP_ACCEPT_LANGUAGE="ja")
    assert answer.status_code == 400
    assert "表示されている形式と言語から選び" in answer.content.decode()
    assert not Job.objects.exists()
