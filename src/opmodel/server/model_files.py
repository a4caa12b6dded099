"""A model file uploaded to the server (an Excel workbook, an ArchiMate exchange file, Archi's
CSV files in a zip) read into a revision through the exchange use case, and the result saved
as a new revision: what the import endpoint of the API and the import page both do."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings

from opmodel.document.model import OperatingModel
from opmodel.server.audit.log import record
from opmodel.server.workspaces import store
from opmodel.server.workspaces.models import ModelLine, Revision, Workspace
from opmodel.services.exchange import ImportOutcome

ACCEPTED = {".xlsx": "xlsx", ".xml": "archimate", ".zip": "archi-csv"}
"""The suffixes an uploaded model file may have, with the format each says."""


def format_of(filename: str, given: str | None = None) -> str | None:
    """The format named (``given``), else the one the file's suffix says; None for neither."""
    return given or ACCEPTED.get(Path(filename).suffix.lower())


def read_model_file(upload: Any, filename: str, fmt: str,
                    into: OperatingModel) -> ImportOutcome:
    """The upload (a Django file) in the format ``fmt`` merged into ``into``, read within the
    upload limit: the outcome ``opmodel import FILE --into`` gives. Raises the use case's
    errors (WorkbookProblems with each cell's problem, TableError, DocumentError)."""
    from opmodel.server.api.imports import saved_upload
    from opmodel.services.exchange import import_file

    suffix = {v: k for k, v in ACCEPTED.items()}[fmt]
    with tempfile.TemporaryDirectory(prefix="opmodel-upload-") as folder:
        path = saved_upload(Path(folder) / f"upload{suffix}", upload)
        return import_file(path, filename, fmt, into,
                           max_bytes=settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def save_model_file(request: Any, workspace: Workspace, line: ModelLine, base: Revision,
                    outcome: ImportOutcome, *, filename: str, message: str = ""
                    ) -> store.SaveOutcome:
    """The outcome's model saved on ``base`` as the new head, merged with what was saved
    since (else the conflicts, nothing saved); audited as a model file imported."""
    saved = store.save(line, base, outcome.model, author=request.user,
                       message=message or f"import {filename}")
    if saved.revision is not None and not saved.conflicts and not saved.unchanged:
        record("model_imported", request=request, workspace=workspace,
               target=f"{line.name}@{saved.revision.number}", file=filename,
               format=outcome.format)
    return saved


__all__ = ["ACCEPTED", "format_of", "read_model_file", "save_model_file"]
