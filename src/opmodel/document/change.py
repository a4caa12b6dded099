"""The change section: stakeholders, impacts, communications, training and adoption."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import Field, field_validator, model_serializer, model_validator

from opmodel.document.base import Date, DocumentModel, Entity, Maturity, Share, SpelledEnum
from opmodel.document.ratings import Rating, check_rating
from opmodel.document.refs import (
    CourseRef,
    GroupRef,
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


class StakeholderGroup(Entity):
    """A group of stakeholders that impacts, messages, courses and surveys address as one."""

    outsourced: bool = Field(
        default=False, description="The group works for a partner rather than the organisation."
    )


class Stakeholder(Entity):
    """A person or group affected by or influencing the change, partners' staff included."""

    role: str | None = Field(
        default=None,
        description="Their role; a role id of the design links them to that role's skill gaps.",
    )
    group: GroupRef | None = Field(
        default=None,
        description="The group (id in change.groups) the stakeholder belongs to.",
    )
    organisation: str | None = Field(default=None, description="Organisation they work for.")
    outsourced: bool = Field(
        default=False, description="Works for a partner rather than the organisation."
    )
    vendor: VendorRef | None = Field(default=None, description="Partner they work for.")
    unit: UnitRef | None = Field(default=None, description="Organisational unit they belong to.")
    headcount: Annotated[int, Field(ge=1)] = Field(
        default=1, description="How many people this entry stands for."
    )
    influence: Rating = Field(
        default=3, description="Influence on the change, 1–5; 4 and above counts as high."
    )
    interest: Rating = Field(
        default=3, description="Interest in the change, 1–5; 4 and above counts as high."
    )
    stance: Stance = Field(default=Stance.neutral, description="Current stance on the change.")
    desired_stance: Stance = Field(
        default=Stance.supportive,
        description="Stance they should reach; the gap from stance ranks engagement work.",
    )
    email: str | None = Field(
        default=None,
        description="E-mail address, used as organizer of the messages they own in calendar exports.",
    )

    _ratings = field_validator("influence", "interest", mode="before")(check_rating)


class ImpactArea(SpelledEnum):
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

    key_fields: ClassVar[tuple[str, ...]] = ("initiative", "stakeholder", "group")

    initiative: InitiativeRef = Field(description="Initiative that brings the change.")
    stakeholder: StakeholderRef | None = Field(
        default=None, description="Stakeholder affected; give this or a group."
    )
    group: GroupRef | None = Field(
        default=None, description="Stakeholder group affected; give this or a stakeholder."
    )
    level: Rating = Field(
        default=3,
        description="How much the work changes, 1–5; 4 or more with no skills calls for a briefing.",
    )
    areas: list[ImpactArea] = Field(
        default_factory=list,
        description="Parts of the work that change (process, tools, role ...).",
    )
    skills: list[SkillRef] = Field(
        default_factory=list, description="Skills the new way of working calls for."
    )
    description: str | None = Field(default=None, description="What changes, in free text.")

    _ratings = field_validator("level", mode="before")(check_rating)


class Edge(StrEnum):
    """The start or the end of a phase or an initiative."""

    start = "start"
    end = "end"


class Anchor(DocumentModel):
    """A point in time: a date, the start or end of a phase or initiative, or a milestone."""

    date: Date | None = Field(default=None, description="A fixed date.")
    phase: PhaseRef | None = Field(default=None, description="A phase; its start or end, by edge.")
    milestone: MilestoneRef | None = Field(
        default=None, description="A milestone; without a date of its own, its phase's end."
    )
    initiative: InitiativeRef | None = Field(
        default=None, description="An initiative; its start or end, by edge."
    )
    edge: Edge = Field(
        default=Edge.start, description="start (the default) or end of the phase or initiative."
    )
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

    message: str | None = Field(default=None, description="What the message says.")
    audience: list[StakeholderRef] = Field(
        default_factory=list, description="Stakeholders who receive it."
    )
    groups: list[GroupRef] = Field(
        default_factory=list, description="Stakeholder groups who receive it."
    )
    channel: str | None = Field(
        default=None, description="Channel, e.g. email, town hall or intranet."
    )
    frequency: Frequency = Field(
        default=Frequency.once,
        description="once (the default), daily, weekly, biweekly, monthly or quarterly.",
    )
    owner: StakeholderRef | None = Field(default=None, description="Stakeholder who sends it.")
    start: Anchor | None = Field(default=None, description="When it first goes out.")
    end: Anchor | None = Field(
        default=None,
        description="When a recurring message stops; default: the roadmap's last date, else after a year.",
    )
    time: dt.time | None = Field(default=None, description="Local time; all-day when absent.")
    duration_minutes: Annotated[int, Field(ge=1, le=1440)] = Field(
        default=60, description="Length of a timed event, in minutes."
    )


class CourseSession(DocumentModel):
    """One run of a course: a date, or a start and end with an optional place."""

    shorthand_field: ClassVar[str] = "start"
    key_fields: ClassVar[tuple[str, ...]] = ("start", "location")

    start: Date = Field(description="Date of the session (its first day).")
    end: Date | None = Field(
        default=None, description="Last day, for a session of several days."
    )
    location: str | None = Field(default=None, description="Where it takes place.")
    capacity: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="Seats in this session; default: the course's capacity."
    )

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

    skills: list[SkillRef] = Field(default_factory=list, description="Skills the course teaches.")
    initiatives: list[InitiativeRef] = Field(
        default_factory=list,
        description="Initiatives whose change it explains; a briefing on an initiative needs a course that names it or teaches a skill the initiative calls for.",
    )
    roles: list[RoleRef] = Field(
        default_factory=list,
        description="Roles it is for; with no roles, groups or stakeholders, anyone.",
    )
    groups: list[GroupRef] = Field(
        default_factory=list, description="Stakeholder groups it is for.")
    stakeholders: list[StakeholderRef] = Field(
        default_factory=list, description="Stakeholders it is for."
    )
    provider: VendorRef | None = Field(default=None, description="Vendor that delivers the course.")
    capacity: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="Seats per session."
    )
    sessions: list[CourseSession] = Field(
        default_factory=list,
        description="Dates it runs; each session's cost falls in the fiscal year of its start.",
    )
    seats: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="Planned seats; derived from the needs when absent."
    )
    hours: Annotated[float, Field(ge=0)] | None = Field(
        default=None, description="Length per participant, in hours."
    )
    cost_per_seat: Annotated[float, Field(ge=0)] = Field(
        default=0.0, description="Cost per seat, in the document's currency."
    )
    cost_per_session: Annotated[float, Field(ge=0)] = Field(
        default=0.0, description="Cost per session held, in the document's currency."
    )
    fiscal_year: int | None = Field(
        default=None, description="Budget year of a course without sessions."
    )


class Completion(DocumentModel):
    """Who completed (or is enrolled in) a course."""

    key_fields: ClassVar[tuple[str, ...]] = ("course", "stakeholder", "group", "role")

    course: CourseRef = Field(description="The course.")
    stakeholder: StakeholderRef | None = Field(
        default=None, description="Stakeholder who took it; or give a group or a role."
    )
    group: GroupRef | None = Field(default=None, description="Stakeholder group that took it.")
    role: RoleRef | None = Field(default=None, description="Role whose holders took it.")
    enrolled: Annotated[int, Field(ge=0)] = Field(default=0, description="People enrolled.")
    completed: Annotated[int, Field(ge=0)] = Field(
        default=0, description="People who completed it; not more than enrolled."
    )


AdkarScore = Annotated[float, Field(ge=1, le=5)]


class PulseSurvey(DocumentModel):
    """ADKAR scores of one group at one date, each 1–5."""

    key_fields: ClassVar[tuple[str, ...]] = ("group", "date")

    group: GroupRef = Field(description="Stakeholder group surveyed.")
    date: Date = Field(description="Date of the survey.")
    awareness: AdkarScore = Field(description="ADKAR awareness: of the need for change, 1–5.")
    desire: AdkarScore = Field(description="ADKAR desire: to take part in the change, 1–5.")
    knowledge: AdkarScore = Field(description="ADKAR knowledge: of how to change, 1–5.")
    ability: AdkarScore = Field(description="ADKAR ability: to work the new way, 1–5.")
    reinforcement: AdkarScore = Field(
        description="ADKAR reinforcement: of the change so it lasts, 1–5."
    )
    responses: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="Number of people who answered."
    )


class Change(DocumentModel):
    """How the organisation is brought along."""

    groups: list[StakeholderGroup] = Field(
        default_factory=list,
        description="Stakeholder groups; impacts, messages, courses and surveys address them by id.",
    )
    stakeholders: list[Stakeholder] = Field(
        default_factory=list, description="People and groups affected by or influencing the change."
    )
    impacts: list[Impact] = Field(
        default_factory=list, description="What each initiative changes in whose work."
    )
    communications: list[Communication] = Field(
        default_factory=list, description="The communication plan."
    )
    courses: list[Course] = Field(default_factory=list, description="Training courses.")
    completions: list[Completion] = Field(
        default_factory=list, description="Enrolments and completions per course."
    )
    surveys: list[PulseSurvey] = Field(default_factory=list, description="ADKAR pulse surveys.")
    adoption_target: Share = Field(
        default=0.8, description="Adoption index (0–1) every group should reach."
    )
    skill_levels: dict[SkillRef, Maturity] = Field(
        default_factory=dict,
        description="Current level 0–5 per skill, for roles that do not give their own.",
    )
    timezone: str | None = Field(
        default=None, description="IANA zone of timed messages, e.g. Asia/Tokyo."
    )
