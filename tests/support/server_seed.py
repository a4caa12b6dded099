"""The server tests' shared seed: a target workspace and another one, a user per role, what
the permission matrix and the OpenAPI conformance test call the API on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).parents[2] / "examples"
ROLES = ("owner", "editor", "viewer", "stranger", "anonymous")


@dataclass
class Seed:
    """What the permission and conformance tests call the API on: the target workspace (its
    current model at revision 1, a finished report job and its file, a survey link) and
    another workspace; per role a user (none for ``anonymous``) with an API token; the
    owner's spare token."""

    workspace: str
    workspace_name: str
    other: str
    model: str
    usernames: dict[str, str]
    tokens: dict[str, str]
    spare_token: int
    job: str
    link: int
    link_secret: str
    link_prefix: str

    def user(self, role: str) -> Any:
        """The user who plays ``role`` (None: anonymous)."""
        from django.contrib.auth import get_user_model

        name = self.usernames.get(role)
        return None if name is None else get_user_model().objects.get(username=name)

    def private_words(self) -> list[str]:
        """What only members of the target workspace may read: its slug, name and
        organisation, its members' names, its tokens' prefixes."""
        return [self.workspace, self.workspace_name, "株式会社しおさい銀行", self.link_prefix,
                *(self.usernames[r] for r in ("owner", "editor", "viewer"))]


def make_seed() -> Seed:
    """The target workspace, another one and a user per role, in the test database; names
    are distinctive so that a leak of one can be searched for."""
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from opmodel.interop.model_files import load
    from opmodel.server.accounts.models import ApiToken
    from opmodel.server.jobs.models import Job, JobOutput, JobStatus
    from opmodel.server.surveys.models import SurveyToken
    from opmodel.server.workspaces import store
    from opmodel.server.workspaces.models import Membership, Workspace

    usernames = {"owner": "kaede-owner", "editor": "ren-editor", "viewer": "mio-viewer",
                 "stranger": "sora-stranger"}
    users = {role: get_user_model().objects.create_user(username=name,
                                                        password=f"{name}-password-123")
             for role, name in usernames.items()}
    target = Workspace.objects.create(slug="shiosai-bank", name="Shiosai Regional Bank")
    other = Workspace.objects.create(slug="elsewhere", name="Elsewhere")
    for role in ("owner", "editor", "viewer"):
        Membership.objects.create(workspace=target, user=users[role], role=role)
    Membership.objects.create(workspace=other, user=users["stranger"], role="owner")
    line = store.create_line(target, "current",
                             load(EXAMPLES / "regional-bank" / "current.yaml"),
                             author=users["owner"], message="loaded")
    store.create_line(other, "current", load(EXAMPLES / "saas-company" / "current.yaml"),
                      author=users["stranger"], message="loaded")
    job = Job.objects.create(workspace=target, revision=line.head, kind="report",
                             options={"format": "html"}, created_by=users["owner"],
                             status=JobStatus.succeeded, result={"done": True})
    JobOutput.objects.create(job=job, name="current-1-report.html",
                             media_type="text/html; charset=utf-8", data=b"<!DOCTYPE html>")
    link, secret = SurveyToken.issue(
        workspace=target, line=line, respondent="r-matrix", role="", business_unit="",
        group="", employment="internal", language="en",
        expires_at=timezone.now() + dt.timedelta(days=7), created_by=users["editor"])
    tokens = {role: ApiToken.issue(users[role], "matrix")[1] for role in usernames}
    spare = ApiToken.issue(users["owner"], "spare")[0]
    return Seed(workspace=target.slug, workspace_name=target.name, other=other.slug,
                model="current", usernames=usernames, tokens=tokens, spare_token=spare.pk,
                job=str(job.pk), link=link.pk, link_secret=secret, link_prefix=link.prefix)
