"""The JSON Schema of the document, derived from the pydantic models."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from opmodel.document.model import OperatingModel

SCHEMA_ID = "https://opmodel.dev/schema/opmodel-v1.json"


def _models(cls: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[type[BaseModel]]:
    """Every model class reachable from ``cls``."""
    if cls in seen:
        return
    seen.add(cls)
    yield cls
    for info in cls.model_fields.values():
        stack: list[Any] = [info.annotation]
        while stack:
            tp = stack.pop()
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                yield from _models(tp, seen)
            stack.extend(typing.get_args(tp))


def _allow_shorthands(schema: dict[str, Any]) -> None:
    """Models that may be written as one bare value (``shorthand_field``) accept it."""
    defs = schema.get("$defs", {})
    for cls in _models(OperatingModel, set()):
        field = getattr(cls, "shorthand_field", None)
        original = defs.get(cls.__name__)
        if field is None or original is None or "properties" not in original:
            continue
        bare = original["properties"][field]
        defs[cls.__name__] = {"title": original.get("title", cls.__name__),
                              "description": original.get("description", ""),
                              "anyOf": [bare, original]}


def document_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of an operating-model document."""
    schema = OperatingModel.model_json_schema(by_alias=True, mode="validation")
    _allow_shorthands(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            **schema, "title": "opmodel operating model"}
