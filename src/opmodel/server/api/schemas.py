"""Request and response bodies of the REST API that are not results of a use case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

from ninja import P, PathEx, QueryEx
from pydantic import BaseModel, ConfigDict, Field

from opmodel.document.changes import ChangeSet
from opmodel.document.merge import MergeConflict
from opmodel.engines.kpi.intake import RowIssue

RoleName = Literal["owner", "editor", "viewer"]
MAX_ID = 2**31 - 1  # ids and revision numbers: what an integer column holds on every database
RevisionNumber = PathEx[int, P(ge=1, le=MAX_ID, description="A revision's number.")]
RowId = PathEx[int, P(ge=1, le=MAX_ID)]
RevisionQuery = QueryEx[int, P(ge=1, le=MAX_ID, description="A revision's number.")]


class ErrorBody(BaseModel):
    """An error: its message code and parameters, and the message (and, for input refused,
    what to do) in the request's language."""

    code: str
    params: dict[str, Any] = Field(default_factory=dict)
    message: str
    hint: str | None = None


class ProblemBody(BaseModel):
    """One problem of a document, at its path."""

    path: str
    line: int | None = None
    column: int | None = None
    code: str
    params: dict[str, Any] = Field(default_factory=dict)
    message: str
    hint: str


class ProblemsBody(BaseModel):
    """A document that cannot be taken as it is: every problem found."""

    problems: list[ProblemBody]


class RowProblemBody(RowIssue):
    """One problem of a refused row, at its sheet, row and column, with its text in the
    request's language naming the file, the row and the column."""

    message: str


class RowsRejectedBody(ErrorBody):
    """A spreadsheet whose rows were refused, nothing saved: the error, each row's problem,
    and the rest of the import's result as the command line prints it."""

    model_config = ConfigDict(extra="allow")

    issues: list[RowProblemBody]


class ConflictsBody(BaseModel):
    """A save that met changes made meanwhile on the same paths: nothing was saved."""

    head: int = Field(description="The revision the model is at now: load it, redo the edit.")
    conflicts: list[MergeConflict]


def answers(ok: Mapping[int, Any], *errors: int, public: bool = False,
            bodies: Mapping[int, Any] | None = None) -> dict[int, Any]:
    """The responses an endpoint declares: its successes ``ok``, then each error status it
    can answer with its shared body (400 a document's problems, the others an error), and
    401 unless the endpoint is ``public`` (no account needed); ``bodies`` overrides one."""
    declared = dict(ok)
    for status in sorted({*errors, *(() if public else (401,))}):
        declared[status] = (bodies or {}).get(status, ProblemsBody if status == 400
                                              else ErrorBody)
    return declared


class WorkspaceIn(BaseModel):
    """A new workspace."""

    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)
    name: str = Field(min_length=1, max_length=200)


class WorkspaceOut(BaseModel):
    """A workspace and the caller's role in it."""

    slug: str
    name: str
    role: RoleName


class MemberIn(BaseModel):
    """A user to add to a workspace, with a role."""

    username: str = Field(min_length=1, max_length=150)
    role: RoleName


class RoleIn(BaseModel):
    """A member's new role."""

    role: RoleName


class MemberOut(BaseModel):
    """A member of a workspace."""

    username: str
    role: RoleName


class ModelIn(BaseModel):
    """A new model: its name and its first document, as JSON (``document``) or YAML text."""

    name: str = Field(pattern=r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$", max_length=120)
    document: dict[str, Any] | None = None
    yaml: str | None = None
    message: str = Field(default="", max_length=500)


class ModelOut(BaseModel):
    """A model of a workspace: its head revision and where it branched from."""

    name: str
    head: int | None
    revisions: int
    branched_from: str | None = Field(default=None, description="model@revision")
    created_at: dt.datetime


class RevisionOut(BaseModel):
    """One revision of a model."""

    number: int
    parent: int | None
    author: str | None
    created_at: dt.datetime
    message: str
    restored_from: int | None
    content_hash: str


class SaveIn(BaseModel):
    """A save: the revision the edit started from, and the edit, as a whole document (JSON
    or YAML text) or as a change set from that revision."""

    base: int = Field(ge=1, le=MAX_ID)
    document: dict[str, Any] | None = None
    yaml: str | None = None
    changes: ChangeSet | None = None
    message: str = Field(default="", max_length=500)


class SaveOut(BaseModel):
    """What a save did: the new revision (the base's head when nothing changed), and whether
    it merged with changes saved meanwhile."""

    revision: int
    merged: bool
    unchanged: bool


class ImportSaved(BaseModel):
    """A spreadsheet merged into a model: the import's result, as the command line's
    ``--format json`` prints it, and the revision saved (none for a dry run)."""

    result: dict[str, Any]
    revision: SaveOut | None


class RestoreIn(BaseModel):
    """Why an old revision is brought back."""

    message: str = Field(default="", max_length=500)


class BranchIn(BaseModel):
    """A scenario from a revision: the new model's name."""

    revision: int = Field(ge=1, le=MAX_ID)
    name: str = Field(pattern=r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$", max_length=120)
    message: str = Field(default="", max_length=500)


class JobOut(BaseModel):
    """A background job: where it stands."""

    id: str
    kind: str
    model: str | None
    revision: int | None
    status: Literal["queued", "running", "succeeded", "failed", "cancelled"]
    stage: str
    fraction: float
    detail: dict[str, Any] | None
    cancel_requested: bool
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    error: dict[str, Any] | None


class AuditOut(BaseModel):
    """One audit event."""

    at: dt.datetime
    actor: str
    action: str
    target: str
    details: dict[str, Any]
    ip: str | None


class TokenIn(BaseModel):
    """A new API token's name."""

    name: str = Field(min_length=1, max_length=100)


class TokenOut(BaseModel):
    """An API token (never its secret)."""

    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked: bool


class NewTokenOut(TokenOut):
    """A token just created: the secret is shown this once."""

    token: str


class MeasurementsOut(BaseModel):
    """What a workspace holds of measurements."""

    count: int
    kpis: list[str]
