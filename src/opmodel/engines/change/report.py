"""The change-management report: grid, gaps, heatmap, calendar, training, adoption and risks."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from opmodel.document.model import OperatingModel
from opmodel.engines.change.adoption import AdoptionResult, assess_adoption
from opmodel.engines.change.communication import CommunicationCalendar, plan_communications
from opmodel.engines.change.risks import RiskAnalysis, analyse_risks
from opmodel.engines.change.stakeholders import StakeholderAnalysis, analyse_stakeholders
from opmodel.engines.change.training import TrainingPlan, plan_training


class CalendarSummary(BaseModel):
    """The communication calendar in brief."""

    timeline_from: str
    schedule_problem: dict[str, str] | None
    events: int
    first: dt.date | None
    last: dt.date | None
    per_month: dict[str, int]
    per_communication: dict[str, int]
    unscheduled: dict[str, str]


class ChangeReport(BaseModel):
    """Everything step 5 of the article asks a CIO to watch, in one result."""

    stakeholders: StakeholderAnalysis
    calendar: CalendarSummary
    training: TrainingPlan
    adoption: AdoptionResult
    risks: RiskAnalysis


def summarise_calendar(plan: CommunicationCalendar) -> CalendarSummary:
    """Counts per month and per message, first and last event, and what could not be dated."""
    return CalendarSummary(
        timeline_from=plan.timeline_from, schedule_problem=plan.schedule_problem,
        events=len(plan.events),
        first=plan.events[0].date if plan.events else None,
        last=plan.events[-1].date if plan.events else None,
        per_month=plan.per_month,
        per_communication={s.communication: s.events for s in plan.series},
        unscheduled={s.communication: s.unscheduled for s in plan.series if s.unscheduled})


def report_change(model: OperatingModel) -> ChangeReport:
    """The whole change-management picture of a document."""
    return ChangeReport(stakeholders=analyse_stakeholders(model),
                        calendar=summarise_calendar(plan_communications(model)),
                        training=plan_training(model), adoption=assess_adoption(model),
                        risks=analyse_risks(model))
