"""Results as JSON: the one serialisation the command line prints and the API returns."""

from __future__ import annotations

from typing import Any

from pydantic_core import to_json as _to_json
from pydantic_core import to_jsonable_python


def to_data(result: Any) -> Any:
    """A result (a model, a list of models, plain data) as plain JSON-able data."""
    return to_jsonable_python(result)


def to_json(result: Any) -> str:
    """A result as indented JSON text (UTF-8, non-ASCII kept as it is)."""
    return _to_json(result, indent=2).decode("utf-8")
