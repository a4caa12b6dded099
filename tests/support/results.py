"""The one promise every front end keeps: ``--format json`` prints exactly the use case's
result, the JSON the REST API returns."""

from __future__ import annotations

from typing import Any

from opmodel.services.results import to_data
from support.cli import run

# keys whose values differ between two runs of the same work (wall-clock times)
VOLATILE = frozenset({"seconds"})


def steady(data: Any, also: frozenset[str] = frozenset()) -> Any:
    """``data`` without the values that differ between two runs (and the keys ``also``)."""
    if isinstance(data, dict):
        return {k: steady(v, also) for k, v in data.items()
                if k not in VOLATILE and k not in also}
    if isinstance(data, list):
        return [steady(v, also) for v in data]
    return data


def assert_json_is_the_result(args: list[str], result: Any) -> Any:
    """``opmodel ARGS --format json`` prints the service result, key for key; returns it."""
    printed = run(*args, "--format", "json")
    assert printed.code in (0, 1), printed.err
    data = printed.json()
    assert steady(data) == steady(to_data(result))
    return data
