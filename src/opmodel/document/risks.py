"""The risks section: the risk register."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field, field_validator

from opmodel.document.base import DocumentModel, Entity, Slug
from opmodel.document.ratings import Rating, check_rating
from opmodel.document.refs import InitiativeRef

__all__ = ["Rating"]


class RiskStatus(StrEnum):
    """Where a risk stands."""

    open = "open"
    mitigating = "mitigating"
    accepted = "accepted"
    closed = "closed"


class Risk(Entity):
    """A risk with likelihood and impact (1–5), owner, mitigation and status."""

    title: str | None = None
    category: str | None = None
    likelihood: Rating
    impact: Rating
    owner: str | None = None
    mitigation: str | None = None
    status: RiskStatus = RiskStatus.open
    initiatives: list[InitiativeRef] = Field(default_factory=list)
    template: Slug | None = None
    review_date: date | None = None

    _ratings = field_validator("likelihood", "impact", mode="before")(check_rating)


class Risks(DocumentModel):
    """The risk register."""

    items: list[Risk] = Field(default_factory=list)
