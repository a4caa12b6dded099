"""The permission matrix: every endpoint of the API and every page × owner, editor, viewer,
stranger (a member of another workspace only) and anonymous, by API token and by session,
each with its expected status; nothing of the target workspace reaches a stranger or an
anonymous caller, and a stranger cannot tell the target workspace from one that does not
exist."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from support.server_seed import EXAMPLES, ROLES, Seed

pytestmark = pytest.mark.django_db

Row = dict[str, int]
NOWHERE = "no-such-space"  # a workspace that does not exist
SHEETS = Path(__file__).parents[1] / "data" / "inventory"
ARCHIMATE = Path(__file__).parents[1] / "data" / "archimate" / "foreign-sample.xml"


def members(ok: int) -> Row:
    """Read by every member of the workspace."""
    return {"owner": ok, "editor": ok, "viewer": ok, "stranger": 404, "anonymous": 401}


def editors(ok: int) -> Row:
    """Written by editors and owners."""
    return {**members(ok), "viewer": 403}


def owners(ok: int) -> Row:
    """Owners only."""
    return {**editors(ok), "editor": 403}


def users(ok: int) -> Row:
    """Anyone logged in, for themselves."""
    return {"owner": ok, "editor": ok, "viewer": ok, "stranger": ok, "anonymous": 401}


def anyone(ok: int) -> Row:
    """No account needed (a survey link is its own key)."""
    return dict.fromkeys(ROLES, ok)


@dataclass
class Call:
    """One endpoint called as the matrix calls it: its expected statuses, a query string and
    a JSON body (a function of the seed), or a file to upload."""

    expected: Row
    query: str = ""
    body: Callable[[Seed], Any] | None = None
    upload: Path | None = None
    form: dict[str, str] = field(default_factory=dict)


def _saved(seed: Seed) -> dict[str, Any]:
    from opmodel.server.workspaces import store
    from opmodel.server.workspaces.models import ModelLine

    line = ModelLine.objects.get(workspace__slug=seed.workspace, name=seed.model)
    document = store.read(line.head).model_dump(mode="json", by_alias=True, exclude_unset=True)
    document["metadata"]["name"] = "renamed"
    return {"base": 1, "document": document, "message": "matrix"}


def _new_model(seed: Seed) -> dict[str, Any]:
    text = (EXAMPLES / "saas-company" / "current.yaml").read_text(encoding="utf-8")
    return {"name": "imported", "yaml": text}


WS = "/workspaces/{ws}"
MODEL = WS + "/models/{name}"
REVISION = MODEL + "/revisions/{number}"
JOB = WS + "/jobs/{job_id}"
SHORT_ANALYSES = ("assess", "recommend", "align", "design", "check", "change", "kpi-report",
                  "kpi-status")

API: dict[tuple[str, str], Call] = {
    ("GET", "/me"): Call(users(200)),
    ("GET", "/tokens"): Call(users(200)),
    ("POST", "/tokens"): Call(users(201), body=lambda s: {"name": "laptop"}),
    # the owner's spare token: everyone else is told it does not exist
    ("DELETE", "/tokens/{token_id}"): Call({**users(404), "owner": 204}),
    ("GET", "/workspaces"): Call(users(200)),
    ("POST", "/workspaces"): Call(users(201), body=lambda s: {"slug": "fresh", "name": "Fresh"}),
    ("GET", WS): Call(members(200)),
    ("GET", WS + "/members"): Call(members(200)),
    ("POST", WS + "/members"): Call(owners(201), body=lambda s: {
        "username": s.usernames["stranger"], "role": "viewer"}),
    ("PATCH", WS + "/members/{username}"): Call(owners(200), body=lambda s: {"role": "editor"}),
    ("DELETE", WS + "/members/{username}"): Call(owners(204)),
    ("GET", WS + "/audit"): Call(owners(200)),
    ("GET", WS + "/measurements"): Call(members(200)),
    ("GET", WS + "/models"): Call(members(200)),
    ("POST", WS + "/models"): Call(editors(201), body=_new_model),
    ("GET", MODEL): Call(members(200)),
    ("GET", MODEL + "/diff"): Call(members(200), query="?before=1&after=1"),
    ("POST", MODEL + "/branches"): Call(editors(201), body=lambda s: {
        "revision": 1, "name": "scenario-x"}),
    ("GET", MODEL + "/revisions"): Call(members(200)),
    ("POST", MODEL + "/revisions"): Call(editors(201), body=_saved),
    ("GET", REVISION): Call(members(200)),
    ("POST", REVISION + "/restore"): Call(editors(201), body=lambda s: {"message": "back"}),
    ("POST", REVISION + "/measurements"): Call(
        editors(200), upload=EXAMPLES / "regional-bank" / "measurements.csv",
        form={"skip_invalid": "true"}),
    # spreadsheets merged into a model: a new revision, by editors
    ("POST", REVISION + "/survey-answers"): Call(editors(201), upload=SHEETS / "bank-survey.csv"),
    ("POST", REVISION + "/inventory"): Call(
        editors(201), upload=SHEETS / "bank-applications.csv", form={"kind": "applications"}),
    **{("POST", REVISION + "/" + name): Call(members(200)) for name in SHORT_ANALYSES},
    # a job is written and takes a worker's time: editors start one
    ("POST", REVISION + "/plan"): Call(editors(202), body=lambda s: {
        "time_limit": 1, "iterations": 0}),
    ("POST", REVISION + "/schedule"): Call(editors(202), body=lambda s: {
        "method": "heuristic", "time_limit": 1}),
    ("POST", WS + "/compare"): Call(editors(202), body=lambda s: {
        "options": [{"model": s.model}, {"model": s.model, "revision": 1}],
        "time_limit": 1, "iterations": 0}),
    # the executive report: a job (editors); every member downloads a finished job's file
    ("POST", REVISION + "/report"): Call(editors(202), body=lambda s: {
        "format": "html", "time_limit": 1, "iterations": 0}),
    # a revision as a file for another tool is read by every member; a file imported into a
    # model is a new revision, by editors
    ("GET", REVISION + "/export"): Call(members(200), query="?format=archimate"),
    ("POST", REVISION + "/import"): Call(editors(201), upload=ARCHIMATE),
    ("GET", WS + "/jobs"): Call(members(200)),
    ("GET", JOB): Call(members(200)),
    ("GET", JOB + "/result"): Call(members(200)),
    ("GET", JOB + "/file"): Call(members(200)),  # the seed's finished job made a report
    ("POST", JOB + "/cancel"): Call(editors(200)),  # the owner's job: not the viewer's
    # survey links list respondents: editors only
    ("GET", MODEL + "/surveys"): Call(editors(200)),
    ("POST", MODEL + "/surveys"): Call(editors(201), body=lambda s: {"respondent": "r-new"}),
    ("DELETE", MODEL + "/surveys/{survey_id}"): Call(editors(204)),
    ("POST", MODEL + "/surveys/fold"): Call(editors(200), body=lambda s: {}),
    ("GET", "/surveys/{token}"): Call(anyone(200)),
    ("PUT", "/surveys/{token}/answers"): Call(anyone(200), body=lambda s: {
        "answers": [{"question": "gov-steering-committee", "level": 3}]}),
}


def _path(template: str, seed: Seed, ws: str | None = None) -> str:
    return "/api/v1" + template.format(
        ws=ws or seed.workspace, name=seed.model, number=1, job_id=seed.job,
        survey_id=seed.link, token_id=seed.spare_token, username=seed.usernames["viewer"],
        token=seed.link_secret)


def client(seed: Seed, role: str, auth: str) -> tuple[Client, dict[str, str]]:
    """A client that calls as ``role`` by API token or by session (CSRF checked, as a
    browser's page would send it), and the headers it sends."""
    if auth == "token":
        token = seed.tokens.get(role)
        return Client(), ({"Authorization": f"Bearer {token}"} if token else {})
    browser = Client(enforce_csrf_checks=True)
    user = seed.user(role)
    if user is not None:
        browser.force_login(user)
    browser.get("/login/")  # sets the CSRF cookie, as any page does
    return browser, {"X-CSRFToken": browser.cookies["csrftoken"].value}


def call(seed: Seed, method: str, template: str, role: str, auth: str,
         ws: str | None = None) -> Any:
    """The endpoint called as ``role``; its answer."""
    found = API[(method, template)]
    caller, headers = client(seed, role, auth)
    path = _path(template, seed, ws) + found.query
    if found.upload is not None:
        with found.upload.open("rb") as upload:
            return caller.post(path, {"file": upload, **found.form}, headers=headers)
    body = found.body(seed) if found.body else None
    return caller.generic(method, path, "" if body is None else json.dumps(body),
                          content_type="application/json", headers=headers)


def once(action: Callable[[], Any]) -> Any:
    """``action`` on the seed, undone afterwards: each role meets the same seed."""
    from django.db import transaction

    with transaction.atomic():
        result = action()
        transaction.set_rollback(True)
    return result


def leaks(seed: Seed, content: bytes) -> list[str]:
    """What of the target workspace a response shows."""
    text = content.decode("utf-8", errors="replace")
    return [word for word in seed.private_words() if word in text]


@pytest.fixture
def queued_jobs(settings: Any) -> None:
    """Jobs stay queued: the matrix is about who may start one, not about running it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_every_endpoint_has_a_row(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    declared = {(method.upper(), path.removeprefix("/api/v1"))
                for path, operations in schema["paths"].items() for method in operations}
    assert declared == set(API)


@pytest.mark.parametrize("auth", ["token", "session"])
@pytest.mark.parametrize(("method", "template"), sorted(API),
                         ids=[f"{m} {p}" for m, p in sorted(API)])
def test_each_role_gets_its_status(seed: Seed, queued_jobs: None, method: str, template: str,
                                   auth: str) -> None:
    got: Row = {}
    for role in ROLES:
        answer = once(lambda role=role: call(seed, method, template, role, auth))
        got[role] = answer.status_code
        assert answer["Content-Type"].startswith("application/json") or answer.status_code \
            == 204 or template.endswith(("/export", "/file")), (role, answer.content[:200])
        if role in ("stranger", "anonymous") and API[(method, template)].expected[role] >= 400:
            assert leaks(seed, answer.content) == [], (role, answer.content[:300])
    assert got == API[(method, template)].expected


@pytest.mark.parametrize(("method", "template"),
                         sorted(key for key in API if "{ws}" in key[1]),
                         ids=[f"{m} {p}" for m, p in sorted(API) if "{ws}" in p])
def test_a_stranger_cannot_tell_the_workspace_from_none(seed: Seed, queued_jobs: None,
                                                        method: str, template: str) -> None:
    there = once(lambda: call(seed, method, template, "stranger", "token"))
    nowhere = once(lambda: call(seed, method, template, "stranger", "token", ws=NOWHERE))
    assert (there.status_code, there.content) == (nowhere.status_code, nowhere.content)
    assert there.json()["code"] == "api.not_found"


def test_the_not_found_answer_is_in_the_callers_language(seed: Seed) -> None:
    caller, headers = client(seed, "stranger", "token")
    path = _path(WS, seed)
    ja = caller.get(path, headers={**headers, "Accept-Language": "ja"}).json()
    en = caller.get(path + "?lang=en", headers=headers).json()
    assert ja["code"] == en["code"] == "api.not_found"
    assert ja["message"] != en["message"] and "見つからない" in ja["message"]


def test_a_session_write_without_its_csrf_token_is_refused(seed: Seed) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(seed.user("owner"))
    answer = browser.post("/api/v1/tokens", json.dumps({"name": "x"}),
                          content_type="application/json")
    assert answer.status_code == 403 and answer.json()["code"] == "api.csrf_failed"


def test_a_revoked_or_unknown_token_is_anonymous(seed: Seed) -> None:
    from opmodel.server.accounts.models import ApiToken

    ApiToken.objects.get(user=seed.user("owner"), name="matrix").revoke()
    for token in (seed.tokens["owner"], "opm_unknown"):
        answer = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 401 and answer.json()["code"] == "api.unauthorized"


def test_a_survey_link_shows_its_respondent_only_what_they_need(seed: Seed) -> None:
    from opmodel.server.accounts.models import ApiToken

    for method, template in (("GET", "/surveys/{token}"), ("PUT", "/surveys/{token}/answers")):
        answer = once(lambda m=method, t=template: call(seed, m, t, "anonymous", "token"))
        assert answer.status_code == 200
        secret = [*seed.usernames.values(), seed.workspace, seed.workspace_name,
                  seed.link_prefix, *ApiToken.objects.values_list("prefix", flat=True)]
        text = answer.content.decode()
        assert [word for word in secret if word in text] == []
        assert "r-matrix" in text  # whom the link is for: the respondent's own id


# --- pages -----------------------------------------------------------------------------------

def _redirect(ok: int) -> Row:
    """Pages for members: an anonymous visitor is sent to the login page."""
    return {**members(ok), "anonymous": 302}


PAGES: dict[str, tuple[str, str, Row]] = {
    # URL name (or the prefix of an included URLconf): method, path, statuses
    "home": ("GET", "/", {**users(200), "anonymous": 302}),
    "login": ("GET", "/login/", anyone(200)),
    "logout": ("POST", "/logout/", anyone(302)),
    "audit": ("GET", "/w/{ws}/audit/", {**_redirect(200), "editor": 403, "viewer": 403}),
    "workspace": ("GET", "/w/{ws}/", _redirect(200)),
    "model": ("GET", "/w/{ws}/m/{model}/", _redirect(200)),
    "assessment": ("GET", "/w/{ws}/m/{model}/assessment/", _redirect(200)),
    "alignment": ("GET", "/w/{ws}/m/{model}/alignment/", _redirect(200)),
    "roadmap": ("GET", "/w/{ws}/m/{model}/roadmap/", _redirect(200)),
    "report": ("GET", "/w/{ws}/m/{model}/report/", _redirect(200)),
    "scorecard": ("GET", "/w/{ws}/m/{model}/kpis/", _redirect(200)),
    "recommendation": ("GET", "/w/{ws}/m/{model}/recommendation/", _redirect(200)),
    # a what-if saves nothing: any member may try one (the form is empty: the profile unknown)
    "what_if": ("POST", "/w/{ws}/m/{model}/recommendation/what-if/", _redirect(200)),
    # the design pages and a model's revisions; saving needs an editor (the form empty: 400)
    "design_governance": ("GET", "/w/{ws}/m/{model}/design/governance/", _redirect(200)),
    "design_organisation": ("GET", "/w/{ws}/m/{model}/design/organisation/", _redirect(200)),
    "design_processes": ("GET", "/w/{ws}/m/{model}/design/processes/", _redirect(200)),
    "design_technology": ("GET", "/w/{ws}/m/{model}/design/technology/", _redirect(200)),
    "design_sourcing": ("GET", "/w/{ws}/m/{model}/design/sourcing/", _redirect(200)),
    "revisions": ("GET", "/w/{ws}/m/{model}/revisions/", _redirect(200)),
    "revision_compare": ("GET", "/w/{ws}/m/{model}/revisions/compare/", _redirect(200)),
    "revision_export": ("GET", "/w/{ws}/m/{model}/revisions/1/yaml/", _redirect(200)),
    "revision_restore": ("POST", "/w/{ws}/m/{model}/revisions/1/restore/",
                         {**_redirect(302), "viewer": 403}),
    "revision_branch": ("POST", "/w/{ws}/m/{model}/revisions/branch/",
                        {**_redirect(400), "viewer": 403}),
    "revision_import": ("POST", "/w/{ws}/m/{model}/revisions/import/",
                        {**_redirect(400), "viewer": 403}),
    # a workbook or ArchiMate file: every member sees the page, editors send one (none: 400)
    "model_import": ("POST", "/w/{ws}/m/{model}/import/", {**_redirect(400), "viewer": 403}),
    # a plan's roadmap and budget (the model's latest plan: none in the seed), the change page
    "plan_result": ("GET", "/w/{ws}/m/{model}/roadmap/plan/", _redirect(200)),
    "budget": ("GET", "/w/{ws}/m/{model}/budget/", _redirect(200)),
    "change": ("GET", "/w/{ws}/m/{model}/change/", _redirect(200)),
    "change_calendar": ("GET", "/w/{ws}/m/{model}/change/calendar.ics", _redirect(200)),
    "job": ("GET", "/w/{ws}/jobs/{job}/", _redirect(200)),
    "job_status": ("GET", "/w/{ws}/jobs/{job}/status/", _redirect(200)),
    # the job's author (the owner) or an editor
    "job_cancel": ("POST", "/w/{ws}/jobs/{job}/cancel/", {**_redirect(200), "viewer": 403}),
    # survey links: every member reads the list, editors revoke; the respondent's page needs
    # no account (the link is the key); measurements upload and ITSM log pages
    "survey_links": ("GET", "/w/{ws}/m/{model}/surveys/", _redirect(200)),
    "survey_revoke": ("POST", "/w/{ws}/m/{model}/surveys/{link}/revoke/",
                      {**_redirect(302), "viewer": 403}),
    "survey_answer": ("GET", "/s/{secret}/", anyone(200)),
    "kpi_upload": ("GET", "/w/{ws}/m/{model}/kpis/upload/", _redirect(200)),
    "itsm_upload": ("GET", "/w/{ws}/m/{model}/kpis/itsm/", _redirect(200)),
    "i18n/": ("POST", "/i18n/setlang/", anyone(302)),
    "admin/": ("GET", "/admin/", anyone(302)),  # staff only: the others log in again
    "api/v1/": ("GET", "/api/v1/docs", anyone(200)),
    "api/v1/openapi.json": ("GET", "/api/v1/openapi.json", anyone(200)),
}


def _page_names() -> set[str]:
    from django.urls import URLPattern, get_resolver

    return {p.name if isinstance(p, URLPattern) else str(p.pattern)
            for p in get_resolver().url_patterns} | {"api/v1/openapi.json"}


def test_every_page_has_a_row() -> None:
    assert _page_names() == set(PAGES)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_each_role_gets_its_page(seed: Seed, page: str) -> None:
    method, template, expected = PAGES[page]
    got: Row = {}
    for role in ROLES:
        def visit(role: str = role) -> Any:
            browser, headers = client(seed, role, "session")
            path = template.format(ws=seed.workspace, model=seed.model, job=seed.job,
                                   link=seed.link, secret=seed.link_secret)
            if method == "POST":
                return browser.post(path, {"language": "en", "next": "/"}, headers=headers)
            return browser.get(path)
        answer = once(visit)
        got[role] = answer.status_code
        # a survey link shows its respondent the organisation they answer for
        if role in ("stranger", "anonymous") and expected[role] >= 300:
            assert leaks(seed, answer.content) == [], (role, answer.content[:300])
    assert got == expected


def test_a_stranger_cannot_tell_the_audit_page_from_none(seed: Seed) -> None:
    browser, _ = client(seed, "stranger", "session")
    there = browser.get(f"/w/{seed.workspace}/audit/")
    nowhere = browser.get(f"/w/{NOWHERE}/audit/")
    assert (there.status_code, there.content) == (404, nowhere.content)
