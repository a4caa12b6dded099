"""The strategy section: business objectives, IT outcomes, capabilities, requirements."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from opmodel.document.base import Component, DocumentModel, Entity, Maturity
from opmodel.document.refs import CapabilityRef, ObjectiveRef, OutcomeRef


class Objective(Entity):
    """A business objective, weighted against the others."""

    weight: Annotated[float, Field(ge=0)] = Field(
        default=1.0,
        description="Weight against the other objectives in the weighted score of initiatives.",
    )
    owner: str | None = Field(default=None, description="Person accountable for the objective.")
    horizon: str | None = Field(
        default=None, description="When it should be reached, in free text (e.g. FY2027)."
    )


class Outcome(Entity):
    """An IT outcome that serves one or more business objectives."""

    objectives: list[ObjectiveRef] = Field(default_factory=list)
    capabilities: list[CapabilityRef] = Field(default_factory=list)
    measure: str | None = None


class Capability(Entity):
    """A capability the IT organisation needs, with current and target maturity."""

    component: Component | None = Field(
        default=None, description="Component the capability belongs to."
    )
    current_level: Maturity | None = Field(default=None, description="Maturity today, 0–5.")
    target_level: Maturity | None = Field(default=None, description="Maturity to reach, 0–5.")
    importance: Annotated[float, Field(ge=0)] = Field(
        default=1.0, description="Relative weight, any number from 0: 2 counts twice as much as 1 (the default); 0 leaves it out of the weighted means.")
    differentiating: bool = Field(
        default=False, description="Core to competing: keep it in house (article: hybrid).")


class Requirement(Entity):
    """A requirement on the future operating model."""

    component: Component | None = None
    objectives: list[ObjectiveRef] = Field(default_factory=list)
    outcomes: list[OutcomeRef] = Field(default_factory=list)
    priority: Annotated[int, Field(ge=1, le=5)] | None = Field(
        default=None, description="1 (highest: must have) to 5 (lowest: nice to have).")


class Strategy(DocumentModel):
    """Business objectives and what IT must achieve for them."""

    objectives: list[Objective] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    capabilities: list[Capability] = Field(default_factory=list)
    requirements: list[Requirement] = Field(default_factory=list)
