"""The risks section: the risk register."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from opmodel.document.base import DocumentModel, Entity, Slug
from opmodel.document.refs import InitiativeRef

Rating = Annotated[int, Field(ge=1, le=5)]


class RiskStatus(StrEnum):
    """Where a risk stands."""

    open = "open"
    mitigating = "mitigating"
    accepted = "accepted"
    closed = "closed"


class Risk(Entity):
    """A risk with likelihood and impact (1–5), owner, mitigation and status."""

    title: str | None = None
    likelihood: Rating
    impact: Rating
    owner: str | None = None
    mitigation: str | None = None
    status: RiskStatus = RiskStatus.open
    initiatives: list[InitiativeRef] = Field(default_factory=list)
    template: Slug | None = None
    review_date: date | None = None


class Risks(DocumentModel):
    """The risk register."""

    items: list[Risk] = Field(default_factory=list)
