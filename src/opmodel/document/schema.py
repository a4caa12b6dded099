"""The JSON Schema of the document, derived from the pydantic models."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from opmodel.document.model import OperatingModel
from opmodel.knowledge.schema_text import schema_text

SCHEMA_ID = "https://opmodel.dev/schema/opmodel-v1.json"
TITLE = "opmodel operating model"

# Keywords whose value maps names (not keywords) to subschemas, and keywords whose value is
# instance data: a "description" inside either is a field name or data, never a description.
_NAMED = frozenset({"properties", "patternProperties", "$defs", "dependentSchemas"})
_DATA = frozenset({"default", "examples", "const", "enum"})


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


def _translate(node: Any, texts: dict[str, str]) -> Any:
    """A copy of schema ``node`` with every description replaced by its entry in ``texts``."""
    if isinstance(node, list):
        return [_translate(item, texts) for item in node]
    if not isinstance(node, dict):
        return node
    copy: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DATA:
            copy[key] = value
        elif key in _NAMED and isinstance(value, dict):
            copy[key] = {name: _translate(sub, texts) for name, sub in value.items()}
        elif key == "description" and isinstance(value, str):
            # An untranslated text stays English; tests/document/test_schema_ja.py forbids it.
            copy[key] = texts.get(value, value)
        else:
            copy[key] = _translate(value, texts)
    return copy


def document_schema(lang: str = "en") -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of an operating-model document, described in ``lang``."""
    schema = OperatingModel.model_json_schema(by_alias=True, mode="validation")
    _allow_shorthands(schema)
    result = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
              **schema, "title": TITLE}
    if lang != "ja":
        return result
    text = schema_text()
    translated: dict[str, Any] = _translate(result, text.descriptions(lang))
    translated["title"] = text.title.get(lang)
    return translated
