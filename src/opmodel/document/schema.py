"""The JSON Schema of the document, derived from the pydantic models."""

from __future__ import annotations

from typing import Any

from opmodel.document.model import OperatingModel

SCHEMA_ID = "https://opmodel.dev/schema/opmodel-v1.json"


def document_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of an operating-model document."""
    schema = OperatingModel.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            **schema, "title": "opmodel operating model"}
