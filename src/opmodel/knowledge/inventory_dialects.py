"""The column dialects of tools' inventory exports (LeanIX, ServiceNow): which sheet holds which
inventory, the headers of each field and the tool's values of our enumerations."""

from __future__ import annotations

from functools import cache

from opmodel.knowledge.base import KnowledgeModel, Text, load_resource


class Dialect(KnowledgeModel):
    """How one tool writes its inventory export."""

    title: Text
    sheets: dict[str, list[Text]]
    type_column: list[Text]
    source_id: list[Text]
    fields: dict[str, dict[str, list[Text]]]
    values: dict[str, dict[str, list[Text]]]


@cache
def inventory_dialects() -> dict[str, Dialect]:
    """Every dialect, by the name ``--from`` gives it."""
    return {name: Dialect.model_validate(data)
            for name, data in load_resource("inventory_dialects").items()}
