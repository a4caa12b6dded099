"""The strategy section: business objectives, IT outcomes, capabilities, requirements."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from opmodel.document.base import Component, DocumentModel, Entity, Maturity
from opmodel.document.refs import CapabilityRef, ObjectiveRef, OutcomeRef


class Objective(Entity):
    """A business objective, weighted against the others."""

    weight: Annotated[float, Field(ge=0)] = 1.0
    owner: str | None = None
    horizon: str | None = None


class Outcome(Entity):
    """An IT outcome that serves one or more business objectives."""

    objectives: list[ObjectiveRef] = Field(default_factory=list)
    capabilities: list[CapabilityRef] = Field(default_factory=list)
    measure: str | None = None


class Capability(Entity):
    """A capability the IT organisation needs, with current and target maturity."""

    component: Component | None = None
    current_level: Maturity | None = None
    target_level: Maturity | None = None
    importance: Annotated[float, Field(ge=0)] = 1.0
    differentiating: bool = Field(
        default=False, description="Core to competing: keep it in house (article: hybrid).")


class Requirement(Entity):
    """A requirement on the future operating model."""

    component: Component | None = None
    objectives: list[ObjectiveRef] = Field(default_factory=list)
    outcomes: list[OutcomeRef] = Field(default_factory=list)
    priority: Annotated[int, Field(ge=1, le=5)] | None = None


class Strategy(DocumentModel):
    """Business objectives and what IT must achieve for them."""

    objectives: list[Objective] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    capabilities: list[Capability] = Field(default_factory=list)
    requirements: list[Requirement] = Field(default_factory=list)
