"""Running an analysis of the catalogue on a stored revision, now: the one way the API and the
pages get the same result (the survey answers of a model's links count in its assessment)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from opmodel.server.measurements.store import DatabaseMeasurementStore
from opmodel.server.surveys.answers import with_survey_answers
from opmodel.server.workspaces import store
from opmodel.services.catalog import analysis


def run_now(name: str, workspace: Any, revision: Any, options: Any = None) -> Any:
    """The result of the analysis ``name`` on ``revision`` (DocumentError when the revision
    does not meet its preconditions)."""
    found = analysis(name)
    document = store.read(revision)
    if found.name == "assess":  # answers sent through survey links live beside the document
        document = with_survey_answers(revision.line, document)
    return found.run(document, options, today=dt.date.today(),
                     store=DatabaseMeasurementStore(workspace))
