"""The uploads of step 6 in the browser: a measurements file stored all or nothing, each bad
row named by row and column in the user's language; an event log read through the mapping
form into the KPIs ``opmodel kpi itsm`` computes, a wrong column shown at its field."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from support.pages import page_text

EXAMPLES = Path(__file__).parents[2] / "examples"
ITSM = Path(__file__).parents[1] / "data" / "itsm"


def _csv(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def _upload(client: Any, upload: SimpleUploadedFile, lang: str = "en",
            model: str = "current") -> Any:
    return client.post(f"/w/bank/m/{model}/kpis/upload/", {"file": upload},
                       HTTP_ACCEPT_LANGUAGE=lang)


def test_a_good_file_is_stored_and_the_page_says_what(workspace: Any, client_as: Any) -> None:
    from opmodel.server.measurements.models import Measurement

    text = (EXAMPLES / "regional-bank" / "measurements.csv").read_text(encoding="utf-8")
    rows = len(text.strip().splitlines()) - 1
    page = _upload(client_as("editor"), _csv("measurements.csv", text), model="target")
    assert page.status_code == 200
    assert f"measurements.csv: {rows} of {rows} rows stored." in page_text(page.content.decode())
    assert Measurement.objects.filter(workspace=workspace).count() == rows


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["1 of 2 rows cannot be read", "Nothing was stored"]),
    ("ja", ["2 行のうち 1 行を読み込めません", "何も保存していません"])])
def test_one_bad_row_stores_nothing_and_is_named(workspace: Any, client_as: Any, lang: str,
                                                 words: list[str]) -> None:
    from opmodel.knowledge.texts import render
    from opmodel.server.measurements.models import Measurement

    upload = _csv("april.csv", "kpi,period,value\nkpi-mttr,2026-04,9.5\n"
                               "kpi-mttr,2026-04,not-a-number\n")
    page = _upload(client_as("editor"), upload, lang)
    html = page.content.decode()
    assert page.status_code == 400
    assert all(word in page_text(html) for word in words)
    row = re.search(r'<table class="table table-sm mb-0 row-issues">.*?<tbody><tr>(.*?)</tr>',
                    html, re.S)
    assert row is not None
    cells = [page_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]
    assert cells[:3] == ["3", "value", "not-a-number"]
    assert cells[3] and not cells[3].startswith("measurement.")
    assert cells[3] != render("measurement.bad_number", {}, "ja" if lang == "en" else "en")
    assert not Measurement.objects.exists()


def test_a_viewer_reads_the_page_but_cannot_upload(workspace: Any, client_as: Any) -> None:
    page = client_as("viewer").get("/w/bank/m/current/kpis/upload/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and 'type="file"' not in page.content.decode()
    refused = _upload(client_as("viewer"), _csv("m.csv", "kpi,period,value\n"))
    assert refused.status_code == 403


def test_a_file_of_another_kind_is_refused(workspace: Any, client_as: Any) -> None:
    page = _upload(client_as("editor"), _csv("notes.txt", "hello"))
    assert page.status_code == 400 and ".csv, .csv.gz, .xlsx" in page.content.decode()


def _itsm_form(**fields: Any) -> dict[str, Any]:
    data = (ITSM / "incident_event_log.sample.csv.gz").read_bytes()
    return {"file": SimpleUploadedFile("incidents.csv.gz", data),
            "case": "number", "timestamp": "sys_updated_at", "state": "incident_state",
            "resolved_states": "Resolved, Closed", "group": "assignment_group",
            "priority": "priority", "opened_at": "opened_at", "sla_met": "made_sla",
            "dayfirst": "on", **fields}


def test_the_itsm_page_shows_the_kpis_of_the_use_case(workspace: Any, client_as: Any) -> None:
    from opmodel.interop.itsm_log import load_mapping, read_event_log
    from opmodel.services.kpi import itsm

    mapping = load_mapping(ITSM / "servicenow.mapping.yaml")
    result = itsm(read_event_log(ITSM / "incident_event_log.sample.csv.gz", mapping), mapping)
    page = client_as("viewer").post("/w/bank/m/current/kpis/itsm/", _itsm_form(),
                                    HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    shown = page_text(page.content.decode())
    median = result.resolution_hours.median
    assert f"All cases {result.cases} {result.resolved} {median:.1f}" in shown
    assert "By priority" in shown and "By assignment group" in shown


def test_a_column_the_log_lacks_is_shown_at_its_field(workspace: Any, client_as: Any) -> None:
    page = client_as("viewer").post("/w/bank/m/current/kpis/itsm/",
                                    _itsm_form(state="status"), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 400
    error = re.search(r'id="state-error">(.*?)</div>', html, re.S)
    assert error is not None and "status" in error.group(1)
    assert "incidents.csv.gz" in error.group(1) and "/tmp" not in error.group(1)


def test_a_mapping_without_a_required_field_is_shown_at_it(workspace: Any,
                                                           client_as: Any) -> None:
    page = client_as("viewer").post("/w/bank/m/current/kpis/itsm/",
                                    _itsm_form(case="", resolved_states=""),
                                    HTTP_ACCEPT_LANGUAGE="ja")
    html = page.content.decode()
    assert page.status_code == 400
    assert 'id="case-error"' in html and 'id="resolved_states-error"' in html
