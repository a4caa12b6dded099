"""Step 5 as use cases: the change report, the communication calendar, the risk templates."""

from __future__ import annotations

from pydantic import BaseModel, Field

from opmodel.document.messages import problem
from opmodel.document.model import OperatingModel
from opmodel.document.problems import DocumentError
from opmodel.engines.change.calendar_export import CalendarExport, export_calendar, known_timezone
from opmodel.engines.change.report import ChangeReport, report_change
from opmodel.engines.change.risks import RiskSuggestion, list_templates, suggest_risks


class CalendarOptions(BaseModel):
    """How the communication plan goes into a calendar."""

    rrule: bool = Field(
        default=False,
        description="One event per message with a recurrence rule, instead of every event.")


def report(model: OperatingModel) -> ChangeReport:
    """Stakeholder grid and gaps, impact heatmap, calendar, training, adoption and risks."""
    return report_change(model)


def calendar(model: OperatingModel, options: CalendarOptions | None = None) -> CalendarExport:
    """The communication plan's events with the people's names and e-mails, and what could
    not be scheduled and why.

    A time zone the system does not know is a problem at ``change.timezone``.
    """
    options = options or CalendarOptions()
    zone = model.change.timezone if model.change else None
    if zone and not known_timezone(zone):
        raise DocumentError([problem("calendar.unknown_timezone", ("change", "timezone"),
                                     name=zone)])
    return export_calendar(model, rrule=options.rrule)


def risk_templates(model: OperatingModel | None = None) -> list[RiskSuggestion]:
    """Every risk template of the catalogue; given a model, those that fit it and why."""
    return list_templates() if model is None else suggest_risks(model)
