"""Uploaded files of KPI measurements imported into a workspace, the same way in a request
and in a background job: read within the upload limit, checked against a revision's KPIs,
stored all or nothing (``services.kpi.import_measurements``, as ``opmodel kpi import``). A
large file is read and checked in the request, so that what is wrong with it is answered at
once, and stored by a job."""

from __future__ import annotations

import tempfile
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from pydantic import BaseModel, ConfigDict

from opmodel.engines.kpi.intake import ImportResult
from opmodel.engines.progress import Progress, ProgressCallback, no_progress

if TYPE_CHECKING:
    import polars as pl

IMPORT_KIND = "kpi-import"
# Larger uploads run as a job: a CSV of this size holds about 12,000 rows, read, checked and
# stored in about 2.5 s on SQLite, as long as a request should wait (benchmarks/
# server_import.py, docs/server.md).
JOB_THRESHOLD = 512 * 1024
FORMATS = (".csv", ".csv.gz", ".xlsx", ".json", ".json.gz")


class ImportOptions(BaseModel):
    """How to read an uploaded table: which column is which field, whether to keep the
    valid rows when some are wrong, how to read numbers and dates."""

    model_config = ConfigDict(extra="forbid")

    mapping: dict[str, str] = {}
    skip_invalid: bool = False
    decimal_comma: bool = False
    dayfirst: bool | None = None


def upload_format(name: str) -> str | None:
    """The format of a file by its name (``.csv.gz`` …), None when it is not one we read."""
    lowered = name.lower()
    return next((f for f in sorted(FORMATS, key=len, reverse=True) if lowered.endswith(f)),
                None)


@contextmanager
def spooled(chunks: Iterable[bytes], suffix: str) -> Iterator[Path]:
    """An uploaded file's bytes in a temporary file (named with ``suffix``, which tells its
    format), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="opmodel-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        with open(path, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
        yield path


class TrialStore:
    """A measurement store that keeps nothing: an import into it reads and checks every row
    (in a request, before a job stores them)."""

    def read(self, kpis: Collection[str] | None = None) -> pl.DataFrame:
        """No measurements."""
        from opmodel.interop.measurements import empty_measurements

        return empty_measurements()

    def add(self, rows: pl.DataFrame) -> None:
        """Keep nothing."""

    def count(self) -> int:
        """None kept."""
        return 0


def import_chunks(chunks: Iterable[bytes], name: str, workspace: Any, revision: Any,
                  options: ImportOptions, progress: ProgressCallback = no_progress, *,
                  trial: bool = False) -> ImportResult:
    """Import the file whose bytes are ``chunks`` (named ``name`` in every problem) into the
    workspace's measurements, checked against the KPIs of ``revision``; with ``trial``,
    read and check it only."""
    from opmodel.interop.measurements import read_measurements
    from opmodel.server.measurements.store import DatabaseMeasurementStore
    from opmodel.server.workspaces import store
    from opmodel.services.kpi import import_measurements

    progress(Progress("reading", 0.0))
    with spooled(chunks, upload_format(name) or ".csv") as path:
        parsed = read_measurements(path, options.mapping, decimal_comma=options.decimal_comma,
                                   dayfirst=options.dayfirst, source=name,
                                   max_bytes=settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    progress(Progress("storing", 0.5))
    result = import_measurements(store.read(revision), parsed,
                                 TrialStore() if trial else DatabaseMeasurementStore(workspace),
                                 skip_invalid=options.skip_invalid)
    progress(Progress("storing", 1.0))
    return result


def rejection(result: ImportResult, lang: str) -> dict[str, Any]:
    """The answer to an import whose rows were refused: the import's result as the command
    line prints it, each issue's text (naming its row and column) beside its code, and what
    to do."""
    from opmodel.knowledge.texts import render, render_hint
    from opmodel.server.api.errors import row_messages
    from opmodel.services.results import to_data

    data = to_data(result)
    params = {"file": result.source, "bad": result.skipped, "rows": result.rows}
    row_messages(result.source, result.issues, data["issues"], lang)
    return {**data, "code": "api.import_rejected", "params": params,
            "message": render("api.import_rejected", params, lang),
            "hint": render_hint("api.import_rejected", params, lang)}
