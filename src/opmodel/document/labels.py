"""How a value of the document is shown to people: an enumeration's value by its label, in
the language asked for (the texts are data, see ``opmodel.knowledge.texts``)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from opmodel.document.shapes import label_kind, shapes
from opmodel.knowledge.texts import label


def field_kind(cls: type[BaseModel], dotted: str) -> str | None:
    """The label kind of the values of a field given by its dotted path from ``cls``
    (``it_maturity.devops`` from Profile); None for numbers and free text."""
    shape = None
    for part in dotted.split("."):
        shape = shapes(cls).get(part)
        if shape is None:
            return None
        if shape.model is not None:
            cls = shape.model
    return label_kind(shape.enum) if shape is not None and shape.enum is not None else None


def value_label(cls: type[BaseModel], dotted: str, value: Any, lang: str) -> str:
    """``value`` of the field ``dotted`` of ``cls`` as people read it in ``lang``."""
    kind = field_kind(cls, dotted)
    if value is None:
        return "—"
    return label(kind, value, lang) if kind else str(value)
