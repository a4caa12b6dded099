"""The metadata section: what this document is, whose it is and how to read it."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

from opmodel.document.base import DocumentModel, Language


class ModelState(StrEnum):
    """Which state of the organisation the document describes."""

    current = "current"
    target = "target"
    transition = "transition"
    scenario = "scenario"


CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


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
        default="JPY", description="ISO 4217 code of every amount in the document, e.g. JPY or USD."
    )
    fiscal_year_start_month: Annotated[int, Field(ge=1, le=12)] = Field(
        default=4,
        description="Month the fiscal year starts in (4 = April); a fiscal year is named by its starting calendar year.",
    )
    as_of: date | None = Field(
        default=None,
        description="Date the model reflects; the plan start and scorecard date when nothing else gives one.",
    )
    authors: list[str] = Field(default_factory=list, description="People who wrote the model.")
    description: str | None = Field(
        default=None, description="What the model is about, in free text."
    )
    tags: list[str] = Field(default_factory=list, description="Free labels to find the model by.")
