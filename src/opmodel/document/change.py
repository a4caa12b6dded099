"""The change section: stakeholders, impacts, communications, training and adoption."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import Field, field_validator, model_serializer, model_validator

from opmodel.document.base import DocumentModel, Entity, Maturity, Share, Slug
from opmodel.document.ratings import Rating, check_rating
from opmodel.document.refs import (
    CourseRef,
    InitiativeRef,
    MilestoneRef,
    PhaseRef,
    RoleRef,
    SkillRef,
    StakeholderRef,
    UnitRef,
    VendorRef,
)

__all__ = ["Rating"]


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
    vendor: VendorRef | None = None
    unit: UnitRef | None = None
    headcount: Annotated[int, Field(ge=1)] = Field(
        default=1, description="How many people this entry stands for."
    )
    influence: Rating = 3
    interest: Rating = 3
    stance: Stance = Stance.neutral
    desired_stance: Stance = Stance.supportive
    email: str | None = None

    _ratings = field_validator("influence", "interest", mode="before")(check_rating)


class ImpactArea(StrEnum):
    """What part of someone's work an initiative changes."""

    process = "process"
    tools = "tools"
    role = "role"
    skills = "skills"
    organisation = "organisation"
    location = "location"
    sourcing = "sourcing"
    behaviour = "behaviour"


class Impact(DocumentModel):
    """What an initiative changes in a stakeholder's (or a group's) work."""

    initiative: InitiativeRef
    stakeholder: StakeholderRef | None = None
    group: Slug | None = None
    level: Rating = 3
    areas: list[ImpactArea] = Field(default_factory=list)
    skills: list[SkillRef] = Field(
        default_factory=list, description="Skills the new way of working calls for."
    )
    description: str | None = None

    _ratings = field_validator("level", mode="before")(check_rating)


class Edge(StrEnum):
    """The start or the end of a phase or an initiative."""

    start = "start"
    end = "end"


class Anchor(DocumentModel):
    """A point in time: a date, the start or end of a phase or initiative, or a milestone."""

    date: dt.date | None = None
    phase: PhaseRef | None = None
    milestone: MilestoneRef | None = None
    initiative: InitiativeRef | None = None
    edge: Edge = Edge.start
    offset_days: Annotated[int, Field(ge=-3660, le=3660)] = Field(
        default=0, description="Days after (negative: before) the point; at most ten years."
    )


class Frequency(StrEnum):
    """How often a message goes out."""

    once = "once"
    daily = "daily"
    weekly = "weekly"
    biweekly = "biweekly"
    monthly = "monthly"
    quarterly = "quarterly"


class Communication(Entity):
    """A message to an audience, with channel, frequency, owner and window."""

    message: str | None = None
    audience: list[StakeholderRef] = Field(default_factory=list)
    groups: list[Slug] = Field(default_factory=list)
    channel: str | None = None
    frequency: Frequency = Frequency.once
    owner: StakeholderRef | None = None
    start: Anchor | None = None
    end: Anchor | None = None
    time: dt.time | None = Field(default=None, description="Local time; all-day when absent.")
    duration_minutes: Annotated[int, Field(ge=1, le=1440)] = 60


class CourseSession(DocumentModel):
    """One run of a course: a date, or a start and end with an optional place."""

    shorthand_field: ClassVar[str] = "start"

    start: dt.date
    end: dt.date | None = None
    location: str | None = None
    capacity: Annotated[int, Field(ge=0)] | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_date(cls, value: Any) -> Any:
        if isinstance(value, str | dt.date):
            return {"start": value}
        return value

    @model_serializer(mode="wrap")
    def _to_date(self, handler: Any) -> Any:
        if self.end is None and self.location is None and self.capacity is None:
            return self.start
        return handler(self)


class Course(Entity):
    """A training course: the skills it teaches, audience, capacity, sessions and cost."""

    skills: list[SkillRef] = Field(default_factory=list)
    roles: list[RoleRef] = Field(default_factory=list)
    groups: list[Slug] = Field(default_factory=list)
    stakeholders: list[StakeholderRef] = Field(default_factory=list)
    provider: VendorRef | None = None
    capacity: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="Seats per session."
    )
    sessions: list[CourseSession] = Field(default_factory=list)
    seats: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="Planned seats; derived from the needs when absent."
    )
    hours: Annotated[float, Field(ge=0)] | None = None
    cost_per_seat: Annotated[float, Field(ge=0)] = 0.0
    cost_per_session: Annotated[float, Field(ge=0)] = 0.0
    fiscal_year: int | None = Field(
        default=None, description="Budget year of a course without sessions."
    )


class Completion(DocumentModel):
    """Who completed (or is enrolled in) a course."""

    course: CourseRef
    stakeholder: StakeholderRef | None = None
    group: Slug | None = None
    role: RoleRef | None = None
    enrolled: Annotated[int, Field(ge=0)] = 0
    completed: Annotated[int, Field(ge=0)] = 0


AdkarScore = Annotated[float, Field(ge=1, le=5)]


class PulseSurvey(DocumentModel):
    """ADKAR scores of one group at one date, each 1–5."""

    group: Slug
    date: dt.date
    awareness: AdkarScore
    desire: AdkarScore
    knowledge: AdkarScore
    ability: AdkarScore
    reinforcement: AdkarScore
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
    timezone: str | None = Field(
        default=None, description="IANA zone of timed messages, e.g. Asia/Tokyo."
    )
