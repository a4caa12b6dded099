"""The metadata section: what this document is, whose it is and how to read it."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from opmodel.document.base import Date, DocumentModel, Language
from opmodel.knowledge.currencies import CODES


class ModelState(StrEnum):
    """Which state of the organisation the document describes."""

    current = "current"
    target = "target"
    transition = "transition"
    scenario = "scenario"


def _currency(value: Any) -> Any:
    """An ISO 4217 code in any case (``jpy`` is JPY); anything else is refused."""
    if not isinstance(value, str):
        return value
    code = value.strip().upper()
    if code not in CODES:
        raise PydanticCustomError("currency_code", "'{code}' is not an ISO 4217 currency code",
                                  {"code": value})
    return code


CurrencyCode = Annotated[str, BeforeValidator(_currency)]


class Metadata(DocumentModel):
    """Name, owner, state, language, currency and fiscal calendar of the document."""

    name: str = Field(description="Name of this operating model.")
    organisation: str | None = Field(default=None, description="Organisation the model describes.")
    state: ModelState = Field(
        default=ModelState.current,
        description="State described: current, target, transition or scenario.",
    )
    language: Language | None = Field(
        default=None,
        description="Language of messages about this file, ja or en; default: the locale.",
    )
    currency: CurrencyCode = Field(
        default="JPY", description="ISO 4217 code of every amount in the document, e.g. JPY or USD (any case: jpy is JPY)."
    )
    fiscal_year_start_month: Annotated[int, Field(ge=1, le=12)] = Field(
        default=4,
        description="Month the fiscal year starts in (4 = April); a fiscal year is named by its starting calendar year.",
    )
    as_of: Date | None = Field(
        default=None,
        description="Date the model reflects; the plan start and scorecard date when nothing else gives one.",
    )
    authors: list[str] = Field(default_factory=list, description="People who wrote the model.")
    description: str | None = Field(
        default=None, description="What the model is about, in free text."
    )
    tags: list[str] = Field(default_factory=list, description="Free labels to find the model by.")
