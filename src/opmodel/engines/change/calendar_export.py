"""What a calendar file of the communication plan holds, in no language: the events, the
names and e-mails of the people, the groups' names, and what could not be scheduled and why."""

from __future__ import annotations

from pydantic import BaseModel

from opmodel.document.model import OperatingModel
from opmodel.engines.change.communication import (
    CommunicationCalendar,
    calendar_notes,
    plan_communications,
)
from opmodel.knowledge.texts import Message


class CalendarExport(BaseModel):
    """The communication plan ready to be written as a calendar."""

    name: str
    """The calendar's name: the model's."""
    rrule: bool
    """One event per message with its recurrence rule, instead of every event."""
    plan: CommunicationCalendar
    stakeholders: dict[str, str]
    """Stakeholder id → name (the id when the stakeholder has no name)."""
    emails: dict[str, str]
    """Stakeholder id → e-mail address, for those who have one."""
    groups: dict[str, str]
    """Group id → name (the id when the group has no name)."""
    notes: list[Message]
    """What could not be scheduled and why (``calendar.*``)."""


def known_timezone(name: str) -> bool:
    """Whether ``name`` is an IANA time zone this system knows."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def export_calendar(model: OperatingModel, *, rrule: bool = False) -> CalendarExport:
    """The events of the communication plan with everything a calendar file shows of them."""
    plan = plan_communications(model)
    people = model.change.stakeholders if model.change else []
    groups = model.change.groups if model.change else []
    return CalendarExport(
        name=model.metadata.name, rrule=rrule, plan=plan,
        stakeholders={s.id: s.name or s.id for s in people},
        emails={s.id: s.email for s in people if s.email},
        groups={g.id: g.name or g.id for g in groups}, notes=calendar_notes(model, plan))
