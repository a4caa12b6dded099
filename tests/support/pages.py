"""The server's pages as the page tests read them (their words, the data of a chart, the cells
of a table's rows), and the bank's target model planned and measured as its pages do it."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

MEASUREMENTS = "/api/v1/workspaces/bank/models/target/revisions/1/measurements"


def page_text(html: str) -> str:
    """The words of ``html``, its tags taken away."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def chart_data(html: str, name: str) -> Any:
    """The data of the chart ``name`` (its JSON script element)."""
    found = re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', html, re.S)
    assert found, name
    return json.loads(found.group(1))


def table_rows(html: str, table: str) -> list[list[str]]:
    """The words of each cell of each row of the body of the table with the id ``table``."""
    body = html.split(f'id="{table}"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [[page_text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def upload_measurements(client: Any) -> None:
    """The bank's measurements stored for its target model (rows it refuses skipped)."""
    from support.server_seed import EXAMPLES

    with (EXAMPLES / "regional-bank" / "measurements.csv").open("rb") as upload:
        answer = client.post(MEASUREMENTS, {"file": upload, "skip_invalid": "true"})
    assert answer.status_code == 200, answer.content[:300]


@pytest.fixture
def planned(workspace: Any, client_as: Any) -> Any:
    """A plan of the bank's target model, run as its page runs it (jobs run at once here): its
    job."""
    from opmodel.server.jobs.models import Job

    answer = client_as("editor").post("/w/bank/m/target/roadmap/",
                                      {"time_limit": "2", "iterations": "2000", "seed": "3"})
    assert answer.status_code == 302
    job = Job.objects.get()
    assert job.status == "succeeded", job.error
    return job
