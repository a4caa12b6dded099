"""The audit log for owners: the API endpoint and the page read the same events through one
query, filtered by action and user; the page is paginated, in Japanese and English, without
inline script."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from support.server_seed import Seed

pytestmark = pytest.mark.django_db


def _events(seed: Seed, count: int = 60) -> None:
    """``count`` events in the target workspace, by the owner and the editor in turn, and one
    in the other workspace."""
    from opmodel.server.audit.log import record
    from opmodel.server.workspaces.models import Workspace

    target = Workspace.objects.get(slug=seed.workspace)
    for i in range(count):
        actor = seed.user("owner" if i % 2 else "editor")
        record("revision_saved" if i % 3 else "export", actor=actor, workspace=target,
               target=f"current@{i}", n=i)
    record("export", actor=seed.user("stranger"), workspace=Workspace.objects.get(
        slug=seed.other), target="elsewhere-only")


def _owner(seed: Seed, language: str = "ja") -> Client:
    browser = Client(headers={"Accept-Language": language})
    browser.force_login(seed.user("owner"))
    return browser


def _targets(html: str) -> list[str]:
    return re.findall(r"<td>(current@\d+)</td>", html)


def test_the_api_filters_by_action_and_user_and_pages(seed: Seed) -> None:
    _events(seed)
    owner = _owner(seed)
    url = f"/api/v1/workspaces/{seed.workspace}/audit"
    everything = owner.get(url, {"limit": 1000}).json()
    assert [e["target"] for e in everything] == [f"current@{i}" for i in reversed(range(60))]
    exports = owner.get(url, {"action": "export", "user": seed.usernames["editor"]}).json()
    assert exports and {(e["action"], e["actor"]) for e in exports} == {
        ("export", seed.usernames["editor"])}
    assert [e["target"] for e in owner.get(url, {"limit": 5, "offset": 10}).json()] == [
        e["target"] for e in everything[10:15]]
    assert owner.get(url, {"limit": 5000}).status_code == 422


def test_the_page_shows_what_the_api_shows_page_by_page(seed: Seed) -> None:
    from opmodel.server.pages.views import AUDIT_PAGE_SIZE

    _events(seed)
    owner = _owner(seed)
    page = f"/w/{seed.workspace}/audit/"
    api = owner.get(f"/api/v1/workspaces/{seed.workspace}/audit", {"limit": 1000}).json()
    first = owner.get(page).content.decode()
    second = owner.get(page, {"page": 2}).content.decode()
    assert _targets(first) == [e["target"] for e in api[:AUDIT_PAGE_SIZE]]
    assert _targets(second) == [e["target"] for e in api[AUDIT_PAGE_SIZE:]]
    assert "elsewhere-only" not in first + second
    filters = {"action": "export", "user": seed.usernames["owner"]}
    filtered = owner.get(page, filters).content.decode()
    assert _targets(filtered) == [e["target"] for e in owner.get(
        f"/api/v1/workspaces/{seed.workspace}/audit", filters).json()]
    assert _targets(filtered)  # the filter keeps some
    assert 'rel="next"' in first and 'rel="prev"' in second


def test_the_page_speaks_japanese_and_english(seed: Seed) -> None:
    _events(seed, 3)
    page = f"/w/{seed.workspace}/audit/"
    ja = _owner(seed, "ja").get(page).content.decode()
    en = _owner(seed, "en").get(page).content.decode()
    assert "監査ログ" in ja and "リビジョン保存" in ja and "操作" in ja
    assert "Audit log" in en and "revision saved" in en and "Action" in en


def test_the_page_has_no_inline_script_and_keeps_the_policy(seed: Seed) -> None:
    answer = _owner(seed).get(f"/w/{seed.workspace}/audit/")
    html = answer.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # no script but files
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html)  # no onclick= and the like
    assert "script-src 'self'" in answer["Content-Security-Policy"]


def test_the_home_page_links_owners_to_the_audit_log(seed: Seed) -> None:
    link = f'href="/w/{seed.workspace}/audit/"'
    assert link in _owner(seed).get("/").content.decode()
    editor = Client()
    editor.force_login(seed.user("editor"))
    assert link not in editor.get("/").content.decode()


def test_an_editor_is_told_in_their_language_that_the_page_is_for_owners(seed: Seed) -> None:
    for language, words in (("ja", "ロール"), ("en", "Your role")):
        editor = Client(headers={"Accept-Language": language})
        editor.force_login(seed.user("editor"))
        answer = editor.get(f"/w/{seed.workspace}/audit/")
        assert answer.status_code == 403 and words in answer.content.decode()
