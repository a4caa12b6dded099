"""The analyses a front end can run on one revision of a model, as one table: the REST API
builds an endpoint per entry, the server's jobs run the long ones, and the tests check that
each answers exactly what its command prints.

Each entry names the use case, the options it takes (a pydantic model, or none), its result
type, and what else it needs besides the document: ``today`` (the date a plan starts or a
scorecard is taken when the document gives none), a measurement ``store``, and, for long
work, ``progress`` and ``should_stop``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from opmodel.document.model import OperatingModel
from opmodel.engines.progress import ProgressCallback, StopCheck, never_stop, no_progress
from opmodel.services.measurements import MeasurementStore


@dataclass(frozen=True)
class Analysis:
    """One analysis of a model revision."""

    name: str
    summary: str
    call: Callable[..., Any]
    result: Any
    options: type[BaseModel] | None = None
    needs_store: bool = False
    long: bool = False  # run as a background job with progress and cancel

    def run(self, model: OperatingModel, options: BaseModel | None = None, *,
            today: dt.date, store: MeasurementStore | None = None,
            progress: ProgressCallback = no_progress,
            should_stop: StopCheck = never_stop) -> Any:
        """Run the analysis with what it needs."""
        return self.call(model, options, today, store, progress, should_stop)


def _analyses() -> list[Analysis]:
    from opmodel.engines.alignment.coverage import AlignmentResult
    from opmodel.engines.assessment.scoring import AssessmentResult
    from opmodel.engines.change.report import ChangeReport
    from opmodel.engines.consistency.checks import CheckResult
    from opmodel.engines.design.review import DesignReview
    from opmodel.engines.kpi.report import KpiReport
    from opmodel.engines.kpi.scorecard import Scorecard
    from opmodel.engines.planning.plan import PlanResult
    from opmodel.engines.planning.schedule_dates import RoadmapSchedule
    from opmodel.engines.recommendation.ranking import Recommendation
    from opmodel.services import assessment, change, design, kpi, planning

    def plain(use_case: Callable[[OperatingModel], Any]) -> Callable[..., Any]:
        return lambda model, options, today, store, progress, stop: use_case(model)

    return [
        Analysis("assess", "Score the assessment: per question, component and overall.",
                 lambda model, options, today, store, progress, stop:
                 assessment.assess(model, options.by if options else None), AssessmentResult,
                 assessment.AssessOptions),
        Analysis("recommend", "The model types ranked for the profile, with reasons.",
                 plain(assessment.recommend), Recommendation),
        Analysis("align", "Objectives → outcomes → capabilities → initiatives.",
                 plain(assessment.align), AlignmentResult),
        Analysis("design", "Decision rights, sourcing per capability, TIME dispositions.",
                 plain(design.review), DesignReview),
        Analysis("check", "Every consistency rule over the model.",
                 plain(design.check), CheckResult),
        Analysis("change", "Stakeholders, calendar, training, adoption and risks.",
                 plain(change.report), ChangeReport),
        Analysis("kpi-report", "Each KPI rolled up by period.",
                 lambda model, options, today, store, progress, stop:
                 kpi.report(model, store, options), KpiReport, kpi.KpiReportOptions,
                 needs_store=True),
        Analysis("kpi-status", "The KPI scorecard: RAG, trend, benefits.",
                 lambda model, options, today, store, progress, stop:
                 kpi.status(model, store, options, today=today), Scorecard, kpi.StatusOptions,
                 needs_store=True),
        Analysis("schedule", "A resource-constrained schedule of the roadmap.",
                 lambda model, options, today, store, progress, stop:
                 planning.schedule(model, options, today=today, progress=progress,
                                   should_stop=stop), RoadmapSchedule, planning.ScheduleOptions,
                 long=True),
        Analysis("plan", "Portfolio, schedule, Monte Carlo risk and budget.",
                 lambda model, options, today, store, progress, stop:
                 planning.plan(model, options, today=today, progress=progress,
                               should_stop=stop), PlanResult, planning.PlanOptions, long=True),
    ]


_CACHE: list[Analysis] = []


def analyses() -> list[Analysis]:
    """Every analysis, in the order of the six steps (built once)."""
    if not _CACHE:
        _CACHE.extend(_analyses())
    return list(_CACHE)


def analysis(name: str) -> Analysis:
    """The analysis called ``name`` (KeyError when there is none)."""
    for found in analyses():
        if found.name == name:
            return found
    raise KeyError(name)
