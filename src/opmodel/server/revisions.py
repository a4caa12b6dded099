"""What the API and the pages do to a model's revisions, each with its audit event: save an
edit on a base revision (merged, or refused with the conflicts), restore, branch a scenario,
import a whole document, export a revision as YAML."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpResponse

from opmodel.document.changes import ChangeSet
from opmodel.document.model import OperatingModel
from opmodel.server.audit.log import record
from opmodel.server.workspaces import store
from opmodel.server.workspaces.models import ModelLine, Revision, Workspace


class ModelExists(ValueError):
    """A model of that name is already in the workspace."""


def save_edit(request: Any, workspace: Workspace, line: ModelLine, base: Revision, *,
              document: OperatingModel | None = None, changes: ChangeSet | None = None,
              message: str = "") -> store.SaveOutcome:
    """Save ``document`` (or the ``changes``) made on ``base`` as the new head: merged with
    what was saved since when it can be, else the conflicts and nothing saved. A document
    the rules refuse raises a DocumentError (nothing saved)."""
    if changes is not None:
        outcome = store.save_changes(line, base, changes, author=request.user, message=message)
    else:
        assert document is not None
        outcome = store.save(line, base, document, author=request.user, message=message)
    if outcome.revision is not None and not outcome.conflicts and not outcome.unchanged:
        record("revision_saved", request=request, workspace=workspace,
               target=f"{line.name}@{outcome.revision.number}", merged=outcome.merged)
    return outcome


def restore(request: Any, workspace: Workspace, line: ModelLine, old: Revision,
            message: str = "") -> Revision:
    """Bring revision ``old`` back as a new revision (the history is kept)."""
    revision = store.restore(line, old, author=request.user, message=message)
    record("revision_restored", request=request, workspace=workspace,
           target=f"{line.name}@{revision.number}", restored=old.number)
    return revision


def branch(request: Any, workspace: Workspace, line: ModelLine, start: Revision, name: str,
           message: str = "") -> ModelLine:
    """A new model (a scenario) starting from revision ``start``; ModelExists when the
    workspace has one of that name."""
    try:
        with transaction.atomic():
            new = store.branch(start, name, author=request.user, message=message)
    except IntegrityError:
        raise ModelExists(name) from None
    record("model_branched", request=request, workspace=workspace, target=name,
           source=f"{line.name}@{start.number}")
    return new


def create(request: Any, workspace: Workspace, name: str, document: OperatingModel,
           message: str = "") -> ModelLine:
    """A new model whose first revision is ``document``; ModelExists when the name is
    taken."""
    try:
        line = store.create_line(workspace, name, document, author=request.user,
                                 message=message or "imported")
    except IntegrityError:
        raise ModelExists(name) from None
    record("model_created", request=request, workspace=workspace, target=name)
    return line


def export_yaml(request: Any, workspace: Workspace, line: ModelLine,
                revision: Revision) -> tuple[str, str]:
    """The YAML text of a revision and the name to download it as."""
    from opmodel.document.io import dumps

    text = dumps(store.read(revision))
    record("export", request=request, workspace=workspace,
           target=f"{line.name}@{revision.number}", format="yaml")
    return f"{line.name}-{revision.number}.yaml", text


def yaml_download(filename: str, text: str) -> HttpResponse:
    """YAML text as a file to download."""
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
