"""The risks section: the risk register."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, field_validator

from opmodel.document.base import Date, DocumentModel, Entity, Slug
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

    title: str | None = Field(default=None, description="Short title of the risk.")
    category: str | None = None
    likelihood: Rating = Field(description="Likelihood 1–5; the score is likelihood × impact.")
    impact: Rating = Field(description="Impact 1–5; the score is likelihood × impact.")
    owner: str | None = Field(default=None, description="Person who manages the risk.")
    mitigation: str | None = Field(default=None, description="What is done to reduce the risk.")
    status: RiskStatus = Field(
        default=RiskStatus.open, description="Where the risk stands; open by default."
    )
    initiatives: list[InitiativeRef] = Field(
        default_factory=list, description="Initiatives the risk concerns."
    )
    template: Slug | None = Field(
        default=None, description="Id of the risk template (risk_templates.yaml) it came from."
    )
    review_date: Date | None = None

    _ratings = field_validator("likelihood", "impact", mode="before")(check_rating)


class Risks(DocumentModel):
    """The risk register."""

    items: list[Risk] = Field(default_factory=list, description="The risks.")
