"""Bad input through the API: a YAML bomb, a binary file, CP932 text, a 200 MB body and a zip
or gzip bomb each get a clear 4xx naming the place, in Japanese and English; nothing is
written (no revision, no measurement, no audit event) and memory stays bounded."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from support.bombs import MB, binary_bytes, gzip_bomb, xlsx_bomb, yaml_bomb
from support.refusals import nothing_written, peak_under, refusal

pytestmark = pytest.mark.django_db

API = "/api/v1/workspaces/bank"
UPLOAD = f"{API}/models/target/revisions/1/measurements"
CSV = ("kpi,scope,period,value,numerator,denominator\n"
       "kpi-mttr,,2026-04,,38.4,4\n"
       "kpi-change-success,,2026-04,,51,57\n")
ROWS = [{"kpi": "kpi-mttr", "period": "2026-05", "numerator": 30, "denominator": 4},
        {"kpi": "kpi-change-success", "period": "2026-05", "value": 93.5}]


@pytest.fixture
def editor(workspace: Any, client_as: Callable[[str | None], Client]) -> Client:
    return client_as("editor")


def upload(client: Client, name: str, data: bytes, lang: str = "en",
           **fields: Any) -> Any:
    return client.post(f"{UPLOAD}?lang={lang}",
                       {"file": SimpleUploadedFile(name, data), **fields})


# --- documents: create and save ------------------------------------------------------------

def test_a_yaml_bomb_is_refused_at_its_line(editor: Client) -> None:
    for lang, text in (("ja", "エイリアス"), ("en", "alias")):
        with nothing_written(), peak_under(64 * MB):
            created = editor.post(f"{API}/models?lang={lang}", {"name": "bomb",
                                                                "yaml": yaml_bomb()},
                                  content_type="application/json")
            saved = editor.post(f"{API}/models/target/revisions?lang={lang}",
                                {"base": 1, "yaml": yaml_bomb()},
                                content_type="application/json")
        for response in (created, saved):
            assert response.status_code == 400
            [problem] = response.json()["problems"]
            assert problem["code"] == "document.alias_bomb" and problem["line"] >= 2
            assert text in problem["message"]


@pytest.mark.parametrize(("body", "code", "place"), [
    (binary_bytes(), "api.body_binary", {}),
    ('{"name": "m",\n "yaml": "組織: 地方銀行"}'.encode("cp932"), "api.body_not_utf8",
     {"line": 2}),
    (b'{"name": "m",\n "yaml": }', "api.body_not_json", {"line": 2, "column": 10}),
])
def test_a_body_that_is_not_json_names_where(editor: Client, body: bytes, code: str,
                                             place: dict[str, int]) -> None:
    texts = {}
    with nothing_written():
        for lang in ("ja", "en"):
            answer = refusal(editor.post(f"{API}/models?lang={lang}", body,
                                         content_type="application/json"), 422, code)
            assert place.items() <= answer["params"].items()
            texts[lang] = answer["message"]
    assert texts["ja"] != texts["en"]
    if "line" in place:
        assert f"{place['line']} 行" in texts["ja"] and f"line {place['line']}" in texts["en"]


def test_binary_yaml_text_is_a_located_problem(editor: Client) -> None:
    with nothing_written():
        response = editor.post(f"{API}/models/target/revisions?lang=ja",
                               {"base": 1, "yaml": binary_bytes().decode("latin-1")},
                               content_type="application/json")
    assert response.status_code == 400
    [problem] = response.json()["problems"]
    assert problem["line"] == 1 and "制御文字" in problem["message"]


def test_the_wrong_fields_are_refused_in_the_users_language(editor: Client) -> None:
    with nothing_written():
        both = editor.post(f"{API}/models", {"name": "m", "yaml": "a: 1", "document": {}},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="ja")
        neither = editor.post(f"{API}/models/target/revisions?lang=en", {"base": 1},
                              content_type="application/json")
    said = refusal(both, 422, "api.one_of")["message"]
    assert "1 つだけ" in said and "document" in said and "yaml" in said
    assert "changes" in refusal(neither, 422, "api.one_of")["message"]


def test_survey_answers_that_are_not_json_are_refused(editor: Client) -> None:
    with nothing_written():
        response = editor.put("/api/v1/surveys/ops_whatever/answers?lang=ja",
                              "回答".encode("cp932"), content_type="application/json")
    assert "UTF-8" in refusal(response, 422, "api.body_not_utf8")["message"]


def test_a_body_over_the_limit_is_refused_before_it_is_read(editor: Client,
                                                           settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    with nothing_written():
        response = editor.post(f"{API}/models", {"name": "m", "yaml": "x" * 2000},
                               content_type="application/json", HTTP_ACCEPT_LANGUAGE="ja")
    answer = refusal(response, 413, "api.too_large")
    assert answer["params"]["limit"] == 1000 and "上限" in answer["message"]
    assert "OPMODEL_MAX_FILE_SIZE" in answer["hint"]


# --- measurement uploads: bad files ---------------------------------------------------------

@pytest.mark.parametrize(("name", "make", "codes"), [
    ("bomb.xlsx", xlsx_bomb, ("table.zip_ratio", "table.unpacked_too_large")),
    ("bomb.csv.gz", gzip_bomb, ("table.unpacked_too_large",)),
])
def test_bombs_are_refused_in_bounded_memory(editor: Client, tmp_path: Path, name: str,
                                             make: Callable[[Path, int], Path],
                                             codes: tuple[str, ...]) -> None:
    data = make(tmp_path / name, 256 * MB).read_bytes()
    for lang, word in (("ja", "展開"), ("en", "unpack")):
        with nothing_written(), peak_under(64 * MB):  # 256 MB if it were unpacked
            response = upload(editor, name, data, lang)
        assert response.status_code == 400
        answer = response.json()
        assert answer["code"] in codes and answer["params"]["file"] == name
        assert word in answer["message"] and answer["hint"]


@pytest.mark.parametrize(("name", "data", "code"), [
    ("data.csv", binary_bytes(), "table.binary"),
    ("data.json", binary_bytes(), "table.binary"),
    ("book.csv", b"PK\x03\x04" + binary_bytes(), "table.zip_as_text"),
    ("data.json", json.dumps(ROWS, ensure_ascii=False).replace("kpi-mttr", "平均復旧時間")
     .encode("cp932"), "table.json_encoding"),
    ("data.xlsx", CSV.encode(), "table.bad_xlsx"),
])
def test_unreadable_files_are_refused_naming_the_file(editor: Client, name: str,
                                                      data: bytes, code: str) -> None:
    with nothing_written():
        ja = refusal(upload(editor, name, data, "ja"), 400, code)
        en = refusal(upload(editor, name, data, "en"), 400, code)
    assert ja["params"]["file"] == name and name in ja["message"] and name in en["message"]
    assert ja["message"] != en["message"]


def test_a_file_of_another_type_is_415_in_both_languages(editor: Client) -> None:
    with nothing_written():
        ja = refusal(upload(editor, "report.pdf", b"%PDF-1.7", "ja"), 415,
                     "api.unsupported_file")
        en = refusal(upload(editor, "report.pdf", b"%PDF-1.7", "en"), 415,
                     "api.unsupported_file")
    assert "取り込めません" in ja["message"] and ".xlsx" in en["message"]
    assert "'file'" in en["hint"]


def test_row_errors_name_row_and_column_and_store_nothing(editor: Client) -> None:
    bad = CSV + "kpi-mttr,,someday,,1,1\nnot-a-kpi,,2026-05,1,,\n"
    with nothing_written():
        ja = upload(editor, "m.csv", bad.encode(), "ja")
        en = upload(editor, "m.csv", bad.encode(), "en")
    from opmodel.server.api.schemas import RowsRejectedBody

    assert ja.status_code == en.status_code == 400
    body = en.json()
    RowsRejectedBody.model_validate(body)  # the body the OpenAPI description declares
    assert body["code"] == "api.import_rejected" and body["imported"] == 0
    assert [(i["row"], i["column"]) for i in body["issues"]] == [(4, "period"), (5, "kpi")]
    assert body["issues"][0]["message"].startswith("m.csv: row 4, column 'period'")
    assert ja.json()["issues"][1]["message"].startswith("m.csv: 5 行目、列 'kpi'")
    assert "skip_invalid" in body["hint"]


# --- measurement uploads: the formats -------------------------------------------------------

def _xlsx(rows: list[list[Any]]) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("name", "data"), [
    ("m.csv", CSV.encode()),
    ("m.csv", CSV.replace("kpi,scope,period", "指標,対象,年月").encode("cp932")),
    ("m.csv.gz", __import__("gzip").compress(CSV.encode())),
    ("m.xlsx", _xlsx([line.split(",") for line in CSV.splitlines()])),
    ("m.json", json.dumps(ROWS).encode()),
])
def test_each_format_is_imported_and_rolled_up(editor: Client, name: str,
                                               data: bytes) -> None:
    from opmodel.server.audit.models import AuditEvent

    response = upload(editor, name, data)
    assert response.status_code == 200, response.content
    result = response.json()
    assert result["imported"] == result["rows"] == 2 and result["issues"] == []
    assert AuditEvent.objects.filter(action="measurements_imported", target=name).exists()
    report = editor.post(f"{API}/models/target/revisions/1/kpi-report",
                         {"period": "month"}, content_type="application/json").json()
    measured = {p["kpi"] for p in report["points"] if p.get("value") is not None}
    assert {"kpi-mttr", "kpi-change-success"} <= measured


def test_a_large_upload_runs_as_a_job(editor: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from opmodel.server.jobs.models import JobFile
    from opmodel.server.measurements.models import Measurement

    monkeypatch.setattr("opmodel.server.api.measurements.JOB_THRESHOLD", 100)
    queued = upload(editor, "m.json", json.dumps(ROWS).encode())
    assert queued.status_code == 202, queued.content
    job = queued.json()
    assert job["kind"] == "kpi-import" and job["revision"] == 1
    done = editor.get(f"{API}/jobs/{job['id']}").json()  # the tests run jobs at once
    assert done["status"] == "succeeded" and done["fraction"] == 1.0
    result = editor.get(f"{API}/jobs/{job['id']}/result").json()
    assert result["imported"] == 2 and result["source"] == "m.json"
    assert Measurement.objects.count() == 2 and not JobFile.objects.exists()

    # a bad file or bad rows are answered at once, without a job
    jobs = editor.get(f"{API}/jobs").json()
    with _same_measurements():
        refusal(upload(editor, "bad.json", binary_bytes()), 400, "table.binary")
        bad = [*ROWS, {"kpi": "kpi-mttr", "period": "someday", "value": 1}]
        rows = upload(editor, "bad.json", json.dumps(bad).encode())
    assert rows.status_code == 400 and rows.json()["issues"][0]["row"] == 3
    assert editor.get(f"{API}/jobs").json() == jobs and not JobFile.objects.exists()


def test_an_import_job_that_cannot_read_its_file_fails_with_the_code(workspace: Any) -> None:
    from opmodel.server.jobs.models import Job, JobFile
    from opmodel.server.jobs.tasks import execute

    job = Job.objects.create(workspace=workspace, kind="kpi-import", options={},
                             revision=workspace.models.get(name="target").head)
    JobFile.objects.create(job=job, name="m.json", data=binary_bytes())
    with _same_measurements():
        execute(job)
    job.refresh_from_db()
    assert job.status == "failed" and job.error["code"] == "table.binary"
    assert job.error["params"]["file"] == "m.json" and not JobFile.objects.exists()


@contextmanager
def _same_measurements() -> Iterator[None]:
    from opmodel.server.measurements.models import Measurement

    before = Measurement.objects.count()
    yield
    assert Measurement.objects.count() == before


# --- a real server process: what it holds while it refuses -----------------------------------

def _group_memory(leader: int) -> dict[int, tuple[int, int]]:
    """Each process of the server's process group: its resident and peak resident memory."""
    found = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            stat = (status.parent / "stat").read_text()
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines()
                          if ":" in line)
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[2]) == leader and "VmHWM" in fields:
            found[int(status.parent.name)] = (int(fields["VmRSS"].split()[0]) * 1024,
                                              int(fields["VmHWM"].split()[0]) * 1024)
    return found


def _stream(port: int, path: str, token: str, size: int, head: bytes = b"") -> tuple[int, Any]:
    """POST ``size`` bytes (``head``, then zeros) a megabyte at a time, as a client sending a
    huge file does; the answer, whether or not the server read it all."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.putrequest("POST", path)
    connection.putheader("Authorization", f"Bearer {token}")
    connection.putheader("Content-Type", "multipart/form-data; boundary=opmodel-test")
    connection.putheader("Content-Length", str(size))
    connection.endheaders()
    block = bytes(MB)
    sent = 0
    try:
        connection.send(head)
        sent = len(head)
        while sent < size:
            connection.send(block[:size - sent])
            sent += min(MB, size - sent)
    except OSError:  # the server answered and closed: the rest was not wanted
        pass
    answer = connection.getresponse()
    data = answer.read()
    connection.close()
    return answer.status, json.loads(data)


@pytest.mark.django_db(transaction=True)
def test_a_server_refuses_200_mb_and_a_zip_bomb_in_bounded_memory(
        servers: Callable[[str], Any], bank_token: str, tmp_path: Path) -> None:
    server = servers(bank_token)
    path = "/api/v1/workspaces/bank/models/target/revisions/1/measurements?lang=ja"
    before = _group_memory(server.process.pid)
    assert before, "no process of the server found"
    with nothing_written():
        status, body = _stream(server.port, path, bank_token, 200 * MB)
        assert status == 413 and body["code"] == "api.too_large"
        assert body["params"]["size"] == 200 * MB and "上限" in body["message"]

        bomb = xlsx_bomb(tmp_path / "bomb.xlsx", 256 * MB).read_bytes()
        form = (b"--opmodel-test\r\nContent-Disposition: form-data; name=\"file\"; "
                b"filename=\"bomb.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                + bomb + b"\r\n--opmodel-test--\r\n")
        status, body = _stream(server.port, path, bank_token, len(form), form)
        assert status == 400 and body["params"]["file"] == "bomb.xlsx", body
        assert body["code"] in ("table.zip_ratio", "table.unpacked_too_large")
    after = _group_memory(server.process.pid)
    grown = max(after[pid][1] - before[pid][1] for pid in before if pid in after)
    assert grown < 64 * MB, f"a server process grew by {grown / MB:.0f} MB at its peak"
