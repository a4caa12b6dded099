"""Models and their revisions: create, read (JSON or YAML), save on a base revision (merged,
or 409 with the conflicts), restore, branch, compare."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.errors import HttpError

from opmodel.document.io import loads, validate_data
from opmodel.document.model import OperatingModel
from opmodel.server import revisions
from opmodel.server.api.errors import ApiError
from opmodel.server.api.schemas import (
    BranchIn,
    ConflictsBody,
    ModelIn,
    ModelOut,
    RestoreIn,
    RevisionNumber,
    RevisionOut,
    RevisionQuery,
    SaveIn,
    SaveOut,
    answers,
)
from opmodel.server.audit.log import record
from opmodel.server.workspaces import store
from opmodel.server.workspaces.access import require
from opmodel.server.workspaces.models import MemberRole, ModelLine, Revision, Workspace

router = Router(tags=["models"])


def line_of(workspace: Workspace, name: str) -> ModelLine:
    """The model ``name`` of the workspace (404 when there is none)."""
    found = workspace.models.select_related("head").filter(name=name).first()
    if found is None:
        raise ApiError(404, "api.no_model", model=name)
    return found


def revision_of(line: ModelLine, number: int) -> Revision:
    """Revision ``number`` of a model (404 when there is none)."""
    found = line.revisions.select_related("parent").filter(number=number).first()
    if found is None:
        raise ApiError(404, "api.no_revision", model=line.name, number=number)
    return found


def _document(document: dict[str, Any] | None, yaml: str | None) -> OperatingModel:
    if (document is None) == (yaml is None):
        raise ApiError(422, "api.one_of", fields=["document", "yaml"])
    if yaml is not None:
        return loads(yaml)
    return validate_data(document)


def _model_out(line: ModelLine) -> ModelOut:
    base = line.branched_from
    return ModelOut(name=line.name, head=line.head.number if line.head else None,
                    revisions=line.revisions.count(), created_at=line.created_at,
                    branched_from=f"{base.line.name}@{base.number}" if base else None)


def _revision_out(r: Revision) -> RevisionOut:
    return RevisionOut(number=r.number, parent=r.parent.number if r.parent else None,
                       author=r.author.get_username() if r.author else None,
                       created_at=r.created_at, message=r.message,
                       restored_from=r.restored_from.number if r.restored_from else None,
                       content_hash=r.content_hash)


@router.get("/workspaces/{ws}/models", response=answers({200: list[ModelOut]}, 404))
def list_models(request: HttpRequest, ws: str) -> list[ModelOut]:
    """The models of the workspace."""
    workspace = require(request.user, ws)
    return [_model_out(line) for line in
            workspace.models.select_related("head", "branched_from__line").all()]


@router.post("/workspaces/{ws}/models",
             response=answers({201: ModelOut}, 400, 403, 404, 409, 413, 422))
def create_model(request: HttpRequest, ws: str, body: ModelIn) -> Status[ModelOut]:
    """A new model from a document (JSON) or YAML text: its first revision (editors)."""
    workspace = require(request.user, ws, MemberRole.editor)
    document = _document(body.document, body.yaml)
    try:
        line = revisions.create(request, workspace, body.name, document, body.message)
    except revisions.ModelExists:
        raise HttpError(409, f"the model '{body.name}' exists") from None
    return Status(201, _model_out(line))


@router.get("/workspaces/{ws}/models/{name}", response=answers({200: ModelOut}, 404))
def get_model(request: HttpRequest, ws: str, name: str) -> ModelOut:
    """One model."""
    return _model_out(line_of(require(request.user, ws), name))


@router.get("/workspaces/{ws}/models/{name}/revisions",
            response=answers({200: list[RevisionOut]}, 404))
def list_revisions(request: HttpRequest, ws: str, name: str) -> list[RevisionOut]:
    """The revisions of a model, newest first."""
    line = line_of(require(request.user, ws), name)
    return [_revision_out(r) for r in line.revisions.select_related(
        "parent", "author", "restored_from").order_by("-number")]


@router.post("/workspaces/{ws}/models/{name}/revisions",
             response=answers({200: SaveOut, 201: SaveOut}, 400, 403, 404, 409, 413, 422,
                              bodies={409: ConflictsBody}))
def save_revision(request: HttpRequest, ws: str, name: str, body: SaveIn) -> Status[Any]:
    """Save an edit made on revision ``base``: a new revision, merged with what was saved
    since when it can be; 409 with the conflicts when the same paths changed (editors)."""
    workspace = require(request.user, ws, MemberRole.editor)
    line = line_of(workspace, name)
    base = revision_of(line, body.base)
    given = [body.document is not None, body.yaml is not None, body.changes is not None]
    if sum(given) != 1:
        raise ApiError(422, "api.one_of", fields=["document", "yaml", "changes"])
    outcome = revisions.save_edit(
        request, workspace, line, base, changes=body.changes, message=body.message,
        document=None if body.changes is not None else _document(body.document, body.yaml))
    return save_answer(request, line, outcome)


def save_answer(request: HttpRequest, line: ModelLine, outcome: Any, action: str = "",
                **details: Any) -> Status[Any]:
    """The answer to a save: 409 with the conflicts; else 201 with the new revision (audited
    as ``action`` with ``details`` when one is given: a save through ``revisions.save_edit``
    is audited there), or 200 when nothing changed."""
    if outcome.conflicts:
        line.refresh_from_db()
        return Status(409, ConflictsBody(head=line.head.number if line.head else 0,
                                         conflicts=outcome.conflicts))
    assert outcome.revision is not None
    if action and not outcome.unchanged:
        record(action, request=request, workspace=line.workspace,
               target=f"{line.name}@{outcome.revision.number}", **details)
    return Status(200 if outcome.unchanged else 201, SaveOut(
        revision=outcome.revision.number, merged=outcome.merged, unchanged=outcome.unchanged))


@router.get("/workspaces/{ws}/models/{name}/revisions/{number}",
            response=answers({200: dict[str, Any]}, 404, 422),
            openapi_extra={"responses": {200: {"content": {
                "application/yaml": {"schema": {"type": "object"}}}}}})
def get_revision(request: HttpRequest, ws: str, name: str, number: RevisionNumber,
                 format: Literal["json", "yaml"] = "json") -> Any:
    """The document of a revision, as JSON (the default) or YAML (``?format=yaml``)."""
    workspace = require(request.user, ws)
    line = line_of(workspace, name)
    revision = revision_of(line, number)
    if format == "yaml":
        return revisions.yaml_download(*revisions.export_yaml(request, workspace, line, revision))
    document = store.read(revision)
    return HttpResponse(document.model_dump_json(by_alias=True, exclude_unset=True),
                        content_type="application/json")


@router.post("/workspaces/{ws}/models/{name}/revisions/{number}/restore",
             response=answers({201: SaveOut}, 403, 404, 413, 422))
def restore_revision(request: HttpRequest, ws: str, name: str, number: RevisionNumber,
                     body: RestoreIn) -> Status[SaveOut]:
    """Bring an old revision back as a new revision (editors)."""
    workspace = require(request.user, ws, MemberRole.editor)
    line = line_of(workspace, name)
    revision = revisions.restore(request, workspace, line, revision_of(line, number),
                                 body.message)
    return Status(201, SaveOut(revision=revision.number, merged=False, unchanged=False))


@router.post("/workspaces/{ws}/models/{name}/branches",
             response=answers({201: ModelOut}, 403, 404, 409, 413, 422))
def branch_model(request: HttpRequest, ws: str, name: str, body: BranchIn) -> Status[ModelOut]:
    """A new model (a scenario) starting from a revision of this one (editors)."""
    workspace = require(request.user, ws, MemberRole.editor)
    line = line_of(workspace, name)
    start = revision_of(line, body.revision)
    try:
        new = revisions.branch(request, workspace, line, start, body.name, body.message)
    except revisions.ModelExists:
        raise ApiError(409, "api.model_exists", model=body.name) from None
    return Status(201, _model_out(new))


@router.get("/workspaces/{ws}/models/{name}/diff",
            response=answers({200: dict[str, Any]}, 404, 422))
def diff_revisions(request: HttpRequest, ws: str, name: str, before: RevisionQuery,
                   after: RevisionQuery,
                   other: str | None = None) -> Any:
    """What changed from revision ``before`` to revision ``after`` (of the model ``other``
    when given): the same JSON as ``opmodel diff``."""
    from opmodel.services.documents import diff
    from opmodel.services.results import to_json

    workspace = require(request.user, ws)
    line = line_of(workspace, name)
    left = store.read(revision_of(line, before))
    right = store.read(revision_of(line_of(workspace, other) if other else line, after))
    return HttpResponse(to_json(diff(left, right)), content_type="application/json")
