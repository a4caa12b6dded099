"""Fixtures of the server tests: users, a demo-like workspace, API clients by role."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture
def users(db: Any) -> dict[str, Any]:
    """One user per role, and one who belongs to another workspace."""
    from django.contrib.auth import get_user_model

    make = get_user_model().objects.create_user
    return {name: make(username=name, password=f"{name}-password-123")
            for name in ("owner", "editor", "viewer", "stranger")}


@pytest.fixture
def workspace(users: dict[str, Any]) -> Any:
    """The regional bank with its current and target models, one member per role."""
    from opmodel.interop.model_files import load
    from opmodel.server.workspaces import store
    from opmodel.server.workspaces.models import Membership, Workspace

    bank = Workspace.objects.create(slug="bank", name="Bank")
    other = Workspace.objects.create(slug="other", name="Other")
    for name in ("owner", "editor", "viewer"):
        Membership.objects.create(workspace=bank, user=users[name], role=name)
    Membership.objects.create(workspace=other, user=users["stranger"], role="owner")
    for state in ("current", "target"):
        store.create_line(bank, state, load(EXAMPLES / "regional-bank" / f"{state}.yaml"),
                          author=users["owner"], message="loaded")
    return bank


@pytest.fixture
def client_as(users: dict[str, Any]) -> Any:
    """``client_as("editor")``: a test client logged in as that user (None: anonymous)."""
    def make(name: str | None) -> Client:
        client = Client()
        if name is not None:
            client.force_login(users[name])
        return client
    return make
