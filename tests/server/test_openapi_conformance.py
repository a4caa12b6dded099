"""The API against its own OpenAPI description (schemathesis, in-process through WSGI): as the
owner of the seeded workspace, with the path parameters pinned to what exists there, no
request answers a server error or a status, content type or body the schema does not
declare."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as fuzzing
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from support.server_seed import Seed

# no server error, only declared statuses, content types and bodies; what the schema forbids
# is refused (an option given as a number where a date is due, say)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, negative_data_rejection]
# ~40 endpoints: the whole run stays well under a minute; OPMODEL_FUZZ_EXAMPLES=200 searches
# deeper (and with other examples on each run)
EXAMPLES_PER_ENDPOINT = int(os.environ.get("OPMODEL_FUZZ_EXAMPLES", "8"))


@pytest.fixture
def in_process(db: Any, settings: Any) -> Iterator[None]:
    """Requests through the WSGI handler in the test's own transaction (as Django's test
    client does: no connection closed at a request's end); jobs stay queued."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _schema() -> Any:
    """The OpenAPI description the application serves, and the application to call."""
    from django.core.wsgi import get_wsgi_application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


schema = _schema()


def pinned(seed: Seed) -> dict[str, Any]:
    """Path parameters that reach real code: the seeded workspace, model, revision, job, link
    and the owner's own token."""
    return {"ws": seed.workspace, "name": seed.model, "number": 1, "job_id": seed.job,
            "survey_id": seed.link, "token_id": seed.spare_token,
            "username": seed.usernames["viewer"], "token": seed.link_secret}


@schema.parametrize()
@fuzzing(max_examples=EXAMPLES_PER_ENDPOINT, deadline=None,
         derandomize="OPMODEL_FUZZ_EXAMPLES" not in os.environ,
         suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_schema_says(case: Any, seed: Seed,
                                          in_process: None) -> None:
    from django.db import transaction

    if case.meta is None or not case.meta.is_negative_at(ParameterLocation.PATH):
        values = pinned(seed)  # a path schemathesis made wrong on purpose stays wrong
        case.path_parameters = {name: values.get(name, value)
                                for name, value in (case.path_parameters or {}).items()}
    with transaction.atomic():  # each example meets the same seed
        response = case.call(headers={"Authorization": f"Bearer {seed.tokens['owner']}"})
        transaction.set_rollback(True)
    case.validate_response(response, checks=CHECKS)
