"""The audit log: who did what and when, for each kind of event the server records, and
append-only: no event is changed or deleted through the application."""

from __future__ import annotations

from typing import Any

import pytest

BASE = "/api/v1/workspaces/bank"


def _events(**where: Any) -> list[Any]:
    from opmodel.server.audit.models import AuditEvent

    return list(AuditEvent.objects.filter(**where).order_by("id"))


def test_logins_and_failed_logins_are_recorded(users: dict[str, Any]) -> None:
    from django.test import Client

    client = Client(REMOTE_ADDR="192.0.2.7")
    assert client.post("/login/", {"username": "editor",
                                   "password": "wrong-password"}).status_code == 200
    assert client.post("/login/", {"username": "editor",
                                   "password": "editor-password-123"}).status_code == 302
    failed, = _events(action="login_failed")
    assert failed.actor is None and failed.username == "editor" and failed.ip == "192.0.2.7"
    login, = _events(action="login")
    assert login.actor == users["editor"] and login.ip == "192.0.2.7"


def test_member_changes_are_recorded_with_who_and_which_role(workspace: Any,
                                                             client_as: Any) -> None:
    owner = client_as("owner")
    json = "application/json"
    assert owner.post(f"{BASE}/members", {"username": "stranger", "role": "viewer"},
                      content_type=json).status_code == 201
    assert owner.patch(f"{BASE}/members/stranger", {"role": "editor"},
                       content_type=json).status_code == 200
    assert owner.delete(f"{BASE}/members/stranger").status_code == 204
    found = [(e.action, e.username, e.target, e.details.get("role"))
             for e in _events(workspace=workspace)
             if e.action.startswith("member_")]
    assert found == [("member_added", "owner", "stranger", "viewer"),
                     ("member_role_changed", "owner", "stranger", "editor"),
                     ("member_removed", "owner", "stranger", None)]


def test_revisions_restores_exports_and_tokens_are_recorded(workspace: Any,
                                                            client_as: Any) -> None:
    editor = client_as("editor")
    model = f"{BASE}/models/target"
    document = editor.get(f"{model}/revisions/1").json()
    document["metadata"]["name"] = "Renamed"
    assert editor.post(f"{model}/revisions", {"base": 1, "document": document},
                       content_type="application/json").status_code == 201
    assert editor.post(f"{model}/revisions/1/restore", {},
                       content_type="application/json").status_code == 201
    assert editor.get(f"{model}/revisions/2?format=yaml").status_code == 200
    made = editor.post("/api/v1/tokens", {"name": "ci"}, content_type="application/json")
    token = made.json()["token"]
    from django.test import Client

    assert Client().get("/api/v1/me",
                        HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    assert editor.delete(f"/api/v1/tokens/{made.json()['id']}").status_code == 204
    by_editor = [(e.action, e.target) for e in _events(actor__username="editor")
                 if e.action != "login"]
    prefix = made.json()["prefix"]
    assert by_editor == [("revision_saved", "target@2"), ("revision_restored", "target@3"),
                         ("export", "target@2"), ("token_created", prefix),
                         ("token_used", prefix), ("token_revoked", prefix)]
    log = client_as("owner").get(f"{BASE}/audit").json()
    assert [e["action"] for e in log][:3] == ["export", "revision_restored", "revision_saved"]


def test_events_are_never_changed_or_deleted(workspace: Any) -> None:
    from opmodel.server.audit.log import record
    from opmodel.server.audit.models import AppendOnly, AuditEvent

    event = record("export", workspace=workspace, target="target@1")
    event.target = "something else"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(target="something else")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).target == "target@1"


def test_a_deleted_user_leaves_their_events_under_their_name(users: dict[str, Any],
                                                             workspace: Any) -> None:
    from opmodel.server.audit.log import record

    record("export", actor=users["viewer"], workspace=workspace, target="target@1")
    users["viewer"].delete()
    event, = _events(action="export")
    assert event.actor is None and event.username == "viewer"
