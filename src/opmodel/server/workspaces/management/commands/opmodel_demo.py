"""``opmodel demo load``: the example organisations as workspaces, with their measurements."""

from __future__ import annotations

import os
import secrets
from importlib import resources
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from opmodel.interop.model_files import load
from opmodel.server.audit.log import record
from opmodel.server.commands import say
from opmodel.server.measurements.store import DatabaseMeasurementStore
from opmodel.server.workspaces import store
from opmodel.server.workspaces.models import MemberRole, Membership, Workspace


def password_file() -> Path:
    """Where the demo owner's generated password is kept (mode 0600), to be shown again."""
    return Path(settings.CONFIG.data_dir) / "demo-password.txt"


def examples_folder() -> Path:
    """The example organisations installed with the package."""
    return Path(str(resources.files("opmodel") / "examples"))


class Command(BaseCommand):
    """Load the demo workspaces (each example organisation), owned by one user."""

    help = "Load the example organisations as demo workspaces."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--owner", default="admin",
                            help="owner of the demo workspaces; created with a new password "
                                 "when missing")

    def handle(self, *args: Any, **options: Any) -> None:
        owner, password = self._owner(options["owner"])
        for folder in sorted(p for p in examples_folder().iterdir() if p.is_dir()):
            loaded = self._workspace(folder, owner)
            say(self, "command.demo.workspace", slug=folder.name, models=loaded)
        if password:
            say(self, "command.demo.password", username=owner.get_username(),
                password=password, file=str(password_file()))
        else:
            say(self, "command.demo.own_password", username=owner.get_username())

    def _owner(self, username: str) -> tuple[Any, str | None]:
        users = get_user_model()
        user = users.objects.filter(username=username).first()
        kept = password_file()
        if user is not None:
            known = kept.read_text(encoding="utf-8").split() if kept.exists() else []
            ours = len(known) == 2 and known[0] == username and user.check_password(known[1])
            return user, known[1] if ours else None
        password = secrets.token_urlsafe(12)
        user = users.objects.create_user(username=username, password=password)
        kept.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(kept, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(f"{username} {password}\n")
        record("user_created", username=username, target=username, by="demo")
        return user, password

    def _workspace(self, folder: Path, owner: Any) -> str:
        if Workspace.objects.filter(slug=folder.name).exists():
            return "already loaded"
        with transaction.atomic():
            first = load(folder / "current.yaml")
            workspace = Workspace.objects.create(
                slug=folder.name, name=first.metadata.organisation or folder.name)
            Membership.objects.create(workspace=workspace, user=owner, role=MemberRole.owner)
            models = {}
            for state in ("current", "target"):
                path = folder / f"{state}.yaml"
                if path.exists():
                    models[state] = load(path)
                    store.create_line(workspace, state, models[state], author=owner,
                                      message="demo")
            target = models.get("target") or first
            self._measurements(folder, target, workspace)
            record("demo_loaded", actor=owner, workspace=workspace, target=folder.name)
        return ", ".join(models)

    def _measurements(self, folder: Path, model: Any, workspace: Workspace) -> None:
        from opmodel.interop.measurements import read_measurements
        from opmodel.services.kpi import import_measurements

        for csv in sorted(folder.glob("measurements*.csv")):
            parsed = read_measurements(csv)
            import_measurements(model, parsed, DatabaseMeasurementStore(workspace),
                                skip_invalid=True)
