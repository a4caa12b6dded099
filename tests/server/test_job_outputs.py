"""Report files do not pile up: a job's file is kept OPMODEL_JOB_FILES_DAYS after the job
ended, answers 410 with a message in the caller's language after that, and is deleted by the
worker when it starts a job."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _report_job(workspace: Any, days_ago: float) -> Any:
    """A report job that ended ``days_ago`` days ago, with its file."""
    from opmodel.server.jobs.models import Job, JobOutput, JobStatus

    line = workspace.models.get(name="target")
    job = Job.objects.create(workspace=workspace, revision=line.head, kind="report",
                             status=JobStatus.succeeded,
                             result={"file": "target-1-report.html", "format": "html"},
                             finished_at=timezone.now() - dt.timedelta(days=days_ago))
    JobOutput.objects.create(job=job, name="target-1-report.html", media_type="text/html",
                             data=b"<!DOCTYPE html><p>board</p>")
    return job


def _file(client: Any, job: Any, lang: str = "en") -> Any:
    return client.get(f"/api/v1/workspaces/bank/jobs/{job.pk}/file?lang={lang}")


@pytest.mark.parametrize(("lang", "words"), [("en", "no longer kept"),
                                             ("ja", "もう保管していません")])
def test_a_file_past_the_days_kept_answers_410(workspace: Any, client_as: Any,
                                              settings: Any, lang: str, words: str) -> None:
    settings.OPMODEL_JOB_FILES_DAYS = 30
    client = client_as("viewer")
    assert _file(client, _report_job(workspace, 29)).status_code == 200
    gone = _file(client, _report_job(workspace, 31), lang)
    assert gone.status_code == 410, gone.content
    body = gone.json()
    assert body["code"] == "api.job_file_expired" and body["params"]["days"] == 30
    assert words in body["message"] and body["hint"]


def test_the_days_kept_follow_the_setting(workspace: Any, client_as: Any,
                                          settings: Any) -> None:
    job = _report_job(workspace, 3)
    settings.OPMODEL_JOB_FILES_DAYS = 2
    assert _file(client_as("owner"), job).status_code == 410
    settings.OPMODEL_JOB_FILES_DAYS = 5
    assert _file(client_as("owner"), job).status_code == 200


def test_starting_a_job_deletes_the_files_past_the_days_kept(workspace: Any,
                                                             settings: Any) -> None:
    from opmodel.server.jobs.models import Job, JobOutput
    from opmodel.server.jobs.tasks import execute

    settings.OPMODEL_JOB_FILES_DAYS = 30
    old, recent = _report_job(workspace, 45), _report_job(workspace, 1)
    job = Job.objects.create(workspace=workspace, kind="unknown-kind",
                             revision=workspace.models.get(name="target").head)
    execute(job)
    assert list(JobOutput.objects.values_list("job_id", flat=True)) == [recent.pk]
    assert Job.objects.filter(pk=old.pk).exists()  # the job and its result stay


def test_the_job_page_says_the_file_is_no_longer_kept(workspace: Any, client_as: Any,
                                                      settings: Any) -> None:
    settings.OPMODEL_JOB_FILES_DAYS = 30
    client = client_as("viewer")
    fresh = client.get(f"/w/bank/jobs/{_report_job(workspace, 1).pk}/",
                       HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'class="job-file"' in fresh and "job-file-expired" not in fresh
    old = client.get(f"/w/bank/jobs/{_report_job(workspace, 40).pk}/",
                     HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert 'class="job-file"' not in old and "保管期間は 30 日" in old


def test_the_setting_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    from opmodel.server.config import Config, ConfigError

    for name in [n for n in os.environ if n.startswith("OPMODEL_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("OPMODEL_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("OPMODEL_LOCAL", "1")
    assert Config.from_environ().job_files_days == 30
    monkeypatch.setenv("OPMODEL_JOB_FILES_DAYS", "7")
    assert Config.from_environ().job_files_days == 7
    for wrong in ("0", "a week", "-3"):
        monkeypatch.setenv("OPMODEL_JOB_FILES_DAYS", wrong)
        with pytest.raises(ConfigError, match="OPMODEL_JOB_FILES_DAYS"):
            Config.from_environ()
