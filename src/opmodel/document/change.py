"""The change section: stakeholders, impacts, communications, training and adoption."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from opmodel.document.base import DocumentModel, Entity, Maturity, Share, Slug
from opmodel.document.refs import (
    InitiativeRef,
    MilestoneRef,
    PhaseRef,
    RoleRef,
    SkillRef,
    StakeholderRef,
)

Rating = Annotated[int, Field(ge=1, le=5)]


class Stance(StrEnum):
    """Where a stakeholder stands on the change, from resistant to champion."""

    resistant = "resistant"
    skeptical = "skeptical"
    neutral = "neutral"
    supportive = "supportive"
    champion = "champion"


class Stakeholder(Entity):
    """A person or group affected by or influencing the change, partners' staff included."""

    role: str | None = None
    group: Slug | None = None
    organisation: str | None = None
    outsourced: bool = False
    influence: Rating = 3
    interest: Rating = 3
    stance: Stance = Stance.neutral
    desired_stance: Stance = Stance.supportive


class Impact(DocumentModel):
    """What an initiative changes in a stakeholder's (or a group's) work."""

    initiative: InitiativeRef
    stakeholder: StakeholderRef | None = None
    group: Slug | None = None
    level: Rating = 3
    description: str | None = None


class Anchor(DocumentModel):
    """A point in time: a date, or the start or end of a phase, or a milestone."""

    date: dt.date | None = None
    phase: PhaseRef | None = None
    milestone: MilestoneRef | None = None
    edge: str = "start"
    offset_days: int = 0


class Communication(Entity):
    """A message to an audience, with channel, frequency, owner and window."""

    message: str | None = None
    audience: list[StakeholderRef] = Field(default_factory=list)
    groups: list[Slug] = Field(default_factory=list)
    channel: str | None = None
    frequency: str = "once"
    owner: StakeholderRef | None = None
    start: Anchor | None = None
    end: Anchor | None = None


class Course(Entity):
    """A training course: the skills it teaches, audience, capacity, sessions and cost."""

    skills: list[SkillRef] = Field(default_factory=list)
    roles: list[RoleRef] = Field(default_factory=list)
    groups: list[Slug] = Field(default_factory=list)
    capacity: Annotated[int, Field(ge=0)] | None = None
    sessions: list[dt.date] = Field(default_factory=list)
    hours: Annotated[float, Field(ge=0)] | None = None
    cost_per_seat: Annotated[float, Field(ge=0)] = 0.0
    fiscal_year: int | None = None


class Completion(DocumentModel):
    """Who completed (or is enrolled in) a course."""

    course: Slug
    stakeholder: StakeholderRef | None = None
    group: Slug | None = None
    enrolled: Annotated[int, Field(ge=0)] = 0
    completed: Annotated[int, Field(ge=0)] = 0


class PulseSurvey(DocumentModel):
    """ADKAR scores of one group at one date, each 1–5."""

    group: Slug
    date: dt.date
    awareness: Annotated[float, Field(ge=1, le=5)]
    desire: Annotated[float, Field(ge=1, le=5)]
    knowledge: Annotated[float, Field(ge=1, le=5)]
    ability: Annotated[float, Field(ge=1, le=5)]
    reinforcement: Annotated[float, Field(ge=1, le=5)]
    responses: Annotated[int, Field(ge=0)] | None = None


class Change(DocumentModel):
    """How the organisation is brought along."""

    stakeholders: list[Stakeholder] = Field(default_factory=list)
    impacts: list[Impact] = Field(default_factory=list)
    communications: list[Communication] = Field(default_factory=list)
    courses: list[Course] = Field(default_factory=list)
    completions: list[Completion] = Field(default_factory=list)
    surveys: list[PulseSurvey] = Field(default_factory=list)
    adoption_target: Share = 0.8
    skill_levels: dict[SkillRef, Maturity] = Field(default_factory=dict)
