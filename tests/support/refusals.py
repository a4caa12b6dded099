"""Checks shared by the tests of refused input: nothing written to the database, memory held
in bounds, and the refusal's status and code."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from support.bombs import MB


def written() -> dict[str, int]:
    """How many revisions, models, measurements, audit events and jobs the database holds."""
    from opmodel.server.audit.models import AuditEvent
    from opmodel.server.jobs.models import Job
    from opmodel.server.measurements.models import Measurement
    from opmodel.server.workspaces.models import ModelLine, Revision

    return {model.__name__: model.objects.count()
            for model in (Revision, ModelLine, Measurement, AuditEvent, Job)}


@contextmanager
def nothing_written() -> Iterator[None]:
    """Checks that the block leaves the database as it found it."""
    before = written()
    yield
    assert written() == before


@contextmanager
def peak_under(limit: int) -> Iterator[None]:
    """Checks that Python held less than ``limit`` bytes more at its peak in the block."""
    tracemalloc.start()
    try:
        yield
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < limit, f"peak {peak / MB:.1f} MB"


def refusal(response: Any, status: int, code: str) -> dict[str, Any]:
    """The body of a refusal, checked to have ``status`` and ``code``."""
    assert response.status_code == status, response.content[:500]
    body = response.json()
    assert body["code"] == code, body
    return dict(body)
