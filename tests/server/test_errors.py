"""How the API fails: JSON with a message code, its parameters and the message in the caller's
language, for unknown ids, ids of the wrong type, unknown URLs and crashes alike; every status
an endpoint answers is in its OpenAPI description with the shared error bodies."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import pytest
from django.test import Client

from support.server_seed import Seed

pytestmark = pytest.mark.django_db

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _as_owner(seed: Seed, language: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {seed.tokens['owner']}",
                           "Accept-Language": language})


def _unknown(seed: Seed) -> dict[str, tuple[str, str, str]]:
    """Calls naming something that does not exist: method, path, the expected code."""
    model = f"/api/v1/workspaces/{seed.workspace}/models/{seed.model}"
    members = f"/api/v1/workspaces/{seed.workspace}/members"
    return {
        "job": ("GET", f"/api/v1/workspaces/{seed.workspace}/jobs/{uuid.uuid4()}", "api.no_job"),
        "token": ("DELETE", "/api/v1/tokens/987654", "api.no_token"),
        "survey link": ("DELETE", f"{model}/surveys/987654", "api.no_survey_link"),
        "survey token": ("GET", "/api/v1/surveys/ops_no-such-link", "survey.not_found"),
        "user": ("DELETE", f"{members}/nobody-at-all", "api.no_user"),
        "member": ("DELETE", f"{members}/{seed.usernames['stranger']}", "api.not_a_member"),
        "model": ("GET", f"/api/v1/workspaces/{seed.workspace}/models/nothing", "api.no_model"),
        "revision": ("GET", f"{model}/revisions/99", "api.no_revision"),
        "workspace": ("GET", "/api/v1/workspaces/nothing-here", "api.not_found"),
        "url": ("GET", "/api/v1/no/such/endpoint", "api.not_found"),
    }


@pytest.mark.parametrize("what", ["job", "token", "survey link", "survey token", "user",
                                  "member", "model", "revision", "workspace", "url"])
def test_an_unknown_id_is_a_404_with_its_message_in_both_languages(seed: Seed,
                                                                   what: str) -> None:
    method, path, code = _unknown(seed)[what]
    bodies = {}
    for language in ("ja", "en"):
        answer = _as_owner(seed, language).generic(method, path)
        assert answer.status_code == 404 and answer["Content-Type"].startswith(
            "application/json"), answer.content[:200]
        bodies[language] = answer.json()
        assert bodies[language]["code"] == code
    assert bodies["ja"]["message"] != bodies["en"]["message"]
    assert JAPANESE.search(bodies["ja"]["message"]), bodies["ja"]
    assert code not in bodies["en"]["message"]  # a text of the catalogue, not the bare code


@pytest.mark.parametrize("path", [
    "/api/v1/tokens/abc",
    "/api/v1/workspaces/{ws}/models/current/surveys/abc",
    "/api/v1/workspaces/{ws}/models/current/revisions/abc",
    "/api/v1/workspaces/{ws}/jobs/not-a-job-id",
])
def test_an_id_of_the_wrong_type_is_a_json_422(seed: Seed, path: str) -> None:
    method = "DELETE" if "/tokens/" in path or "/surveys/" in path else "GET"
    answer = _as_owner(seed, "en").generic(method, path.format(ws=seed.workspace))
    assert answer.status_code == 422, answer.content[:200]
    body = answer.json()
    assert body["code"] == "api.invalid" and body["params"]["fields"]
    assert "schema" in body["message"]


def test_a_body_that_is_not_json_is_a_422(seed: Seed) -> None:
    answer = _as_owner(seed, "en").post("/api/v1/tokens", b"{not json",
                                        content_type="application/json")
    assert answer.status_code == 422 and answer.json()["code"] == "api.body_not_json"
    assert answer.json()["params"]["line"] == 1  # and where


def test_lax_analysis_options_are_refused(seed: Seed) -> None:
    base = f"/api/v1/workspaces/{seed.workspace}/models/{seed.model}/revisions/1/"
    owner = _as_owner(seed, "en")
    for analysis, options in (("kpi-status", {"as_of": 0}), ("kpi-report", {"as_of": 0}),
                              ("plan", {"start": 0}), ("schedule", {"time_limit": False})):
        answer = owner.post(base + analysis, json.dumps(options),
                            content_type="application/json")
        assert answer.status_code == 422, (analysis, answer.content[:200])
        assert answer.json()["params"]["fields"] == [
            f"body.options.{next(iter(options))}"]
    answer = owner.post(base + "kpi-status", json.dumps({"as_of": "2026-04-30"}),
                        content_type="application/json")
    assert answer.status_code == 200


def test_a_crash_is_a_json_500_that_names_no_detail(seed: Seed, monkeypatch: Any) -> None:
    from opmodel.server.api import tokens

    def broken(token: Any) -> Any:
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr(tokens, "_out", broken)
    client = Client(raise_request_exception=False,
                    headers={"Authorization": f"Bearer {seed.tokens['owner']}"})
    answer = client.get("/api/v1/tokens")
    assert answer.status_code == 500 and answer.json()["code"] == "api.internal_error"
    assert b"secret detail" not in answer.content


def test_japanese_stays_readable_in_json(seed: Seed) -> None:
    answer = _as_owner(seed, "ja").post("/api/v1/workspaces", json.dumps(
        {"slug": "kansai", "name": "関西支社"}), content_type="application/json")
    assert answer.status_code == 201
    assert "関西支社".encode() in answer.content and b"\\u" not in answer.content
    missing = _as_owner(seed, "ja").get("/api/v1/workspaces/nothing-here")
    assert "見つからない".encode() in missing.content


# --- the OpenAPI description --------------------------------------------------------------

BODIES = {"ErrorBody", "ProblemsBody", "ConflictsBody"}
PUBLIC = {"/api/v1/surveys/{token}", "/api/v1/surveys/{token}/answers"}


def _operations(client: Client) -> list[tuple[str, str, dict[str, Any]]]:
    schema = client.get("/api/v1/openapi.json").json()
    return [(method, path, operation) for path, operations in schema["paths"].items()
            for method, operation in operations.items()]


def _body(response: dict[str, Any]) -> str:
    reference = response["content"]["application/json"]["schema"].get("$ref", "")
    return reference.rsplit("/", 1)[-1]


def _typed(parameter: dict[str, Any]) -> bool:
    """Whether a parameter's value can fail to validate (a number, an id, a choice)."""
    schema = parameter.get("schema", {})
    return schema.get("type") != "string" or "format" in schema or "enum" in schema \
        or "maxLength" in schema


def test_every_endpoint_declares_its_errors_with_the_shared_bodies(client: Client) -> None:
    for method, path, operation in _operations(client):
        responses = {int(status): found for status, found in operation["responses"].items()}
        errors = {status for status in responses if status >= 400}
        assert (401 in errors) == (path not in PUBLIC), (method, path)
        if "{ws}" in path or "{token}" in path:
            assert 404 in errors, (method, path)
        if operation.get("requestBody") or any(_typed(p) for p in operation.get(
                "parameters", [])):
            assert 422 in errors, (method, path)
        if method in ("post", "put", "patch"):
            assert 413 in errors, (method, path)
        # an upload's 400 (a spreadsheet, a model file) is an error body with its rows beside it
        sheets = "measurements" in path or path.endswith(("/survey-answers", "/inventory",
                                                          "/import"))
        for status in errors - {400} if sheets else errors:
            assert _body(responses[status]) in BODIES, (method, path, status)
