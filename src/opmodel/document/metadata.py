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

    name: str
    organisation: str | None = None
    state: ModelState = ModelState.current
    language: Language | None = None
    currency: CurrencyCode = "JPY"
    fiscal_year_start_month: Annotated[int, Field(ge=1, le=12)] = 4
    as_of: date | None = None
    authors: list[str] = Field(default_factory=list)
    description: str | None = None
    tags: list[str] = Field(default_factory=list)
