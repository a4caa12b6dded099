"""The change-management report: grid, gaps, heatmap, calendar, training, adoption and risks."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from opmodel.document.model import OperatingModel
from opmodel.engines.change.adoption import AdoptionResult, assess_adoption
from opmodel.engines.change.communication import (
    CommunicationCalendar,
    CommunicationSeries,
    calendar_notes,
    plan_communications,
)
from opmodel.engines.change.names import ChangeNames, change_names
from opmodel.engines.change.risks import RiskAnalysis, analyse_risks
from opmodel.engines.change.stakeholders import StakeholderAnalysis, analyse_stakeholders
from opmodel.engines.change.training import TrainingPlan, plan_training
from opmodel.knowledge.texts import Message


class CalendarSummary(BaseModel):
    """The communication calendar in brief."""

    timeline_from: str
    schedule_problem: Message | None
    """Why the roadmap schedule could not date the messages' anchors, when it was tried."""
    events: int
    first: dt.date | None
    last: dt.date | None
    per_month: dict[str, int]
    per_communication: dict[str, int]
    unscheduled: dict[str, str]
    series: list[CommunicationSeries]
    """Each message's window, frequency and number of events."""
    notes: list[Message]
    """What could not be scheduled and why (``calendar.*``)."""


class ChangeReport(BaseModel):
    """Everything step 5 of the article asks a CIO to watch, in one result."""

    currency: str
    """The currency of the amounts (training costs)."""
    names: ChangeNames
    stakeholders: StakeholderAnalysis
    calendar: CalendarSummary
    training: TrainingPlan
    adoption: AdoptionResult
    risks: RiskAnalysis


def summarise_calendar(model: OperatingModel, plan: CommunicationCalendar) -> CalendarSummary:
    """Counts per month and per message, first and last event, and what could not be dated."""
    return CalendarSummary(
        timeline_from=plan.timeline_from, schedule_problem=plan.schedule_problem,
        events=len(plan.events),
        first=plan.events[0].date if plan.events else None,
        last=plan.events[-1].date if plan.events else None,
        per_month=plan.per_month,
        per_communication={s.communication: s.events for s in plan.series},
        unscheduled={s.communication: s.unscheduled for s in plan.series if s.unscheduled},
        series=plan.series, notes=calendar_notes(model, plan))


def report_change(model: OperatingModel) -> ChangeReport:
    """The whole change-management picture of a document."""
    return ChangeReport(currency=model.metadata.currency, names=change_names(model),
                        stakeholders=analyse_stakeholders(model),
                        calendar=summarise_calendar(model, plan_communications(model)),
                        training=plan_training(model), adoption=assess_adoption(model),
                        risks=analyse_risks(model))
