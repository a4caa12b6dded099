"""The executive report as a use case: every other use case run on the model, their results
gathered into the report's contents (``reports/contents.py``), each section present only
when its data is. The renderers (HTML, PDF, PPTX, XLSX) then show the same contents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, TypeVar

from pydantic import Field

from opmodel.document.problems import DocumentError
from opmodel.engines.progress import (
    Progress,
    ProgressCallback,
    StopCheck,
    never_stop,
    no_progress,
)
from opmodel.reports.contents import Report, ReportLabel, ReportSection
from opmodel.services.planning import PlanOptions

if TYPE_CHECKING:
    import polars as pl

    from opmodel.document.model import OperatingModel
    from opmodel.services.measurements import MeasurementStore

T = TypeVar("T")
STAGE = "report"  # the stage this use case reports its own progress under


class ReportOptions(PlanOptions):
    """How to plan for the report (as ``opmodel plan``; no iterations: no risk section) and
    the report's date."""

    as_of: dt.date | None = Field(default=None, description="The report's date (default: "
                                  "metadata.as_of, then today).")


class _EmptyStore:
    """The measurements of a model that has none: the scorecard shows targets only."""

    def read(self, kpis: Collection[str] | None = None) -> pl.DataFrame:
        from opmodel.interop.measurements import empty_measurements

        return empty_measurements()

    def add(self, rows: pl.DataFrame) -> None:
        raise NotImplementedError("the report stores no measurement")

    def count(self) -> int:
        return 0


def _optional(use_case: Callable[[], T]) -> T | None:
    """A use case's result, or None when the document lacks what it needs (its section is
    then left out of the report)."""
    try:
        return use_case()
    except DocumentError:
        return None


def _compare(model: OperatingModel, others: Sequence[OperatingModel], options: ReportOptions,
             today: dt.date, progress: ProgressCallback, should_stop: StopCheck
             ) -> ReportSection:
    from opmodel.services.compare import CompareOptions, compare
    from opmodel.services.report_compare import comparison_section

    settings = CompareOptions.model_validate(options.model_dump(exclude={"as_of"}))
    return comparison_section(compare([model, *others], settings=settings, today=today,
                                      progress=progress, should_stop=should_stop))


def build_report(model: OperatingModel, options: ReportOptions | None = None, *,
                 compare_with: Sequence[OperatingModel] = (),
                 store: MeasurementStore | None = None, today: dt.date,
                 progress: ProgressCallback = no_progress,
                 should_stop: StopCheck = never_stop) -> Report:
    """The report's contents: the summary, then recommendation, assessment, design, roadmap,
    risk, budget, change and KPI scorecard, each when the model has its data; with
    ``compare_with``, the model and those options side by side.

    The plan runs as ``opmodel plan`` does (``progress`` hears its stages, ``should_stop``
    ends it with the best answer so far); ``store``: the KPI measurements, if any.
    """
    from opmodel.reports.assessment_sections import assessment_section, recommendation_section
    from opmodel.reports.design_sections import change_section, design_section
    from opmodel.reports.kpi_sections import kpi_section
    from opmodel.reports.naming import names_of
    from opmodel.reports.plan_sections import budget_section, risk_section, roadmap_section
    from opmodel.reports.summary_section import summary_section
    from opmodel.services import assessment, change, design, kpi, planning

    options = options or ReportOptions()
    as_of = options.as_of or model.metadata.as_of or today
    progress(Progress(STAGE, 0.0))
    ranked = assessment.recommend(model) if model.profile is not None else None
    rec_section = recommendation_section(ranked) if ranked else None
    rec = ranked if rec_section else None  # no fact speaks for any structure: no answer yet
    scores = _optional(lambda: assessment.assess(model))
    review = design.review(model)
    check = design.check(model)
    progress(Progress(STAGE, 0.2))
    plan = _optional(lambda: planning.plan(
        model, PlanOptions.model_validate(options.model_dump(exclude={"as_of"})),
        today=today, progress=progress, should_stop=should_stop))
    changes = change.report(model) if model.change is not None else None
    card = (kpi.status(model, store or _EmptyStore(), kpi.StatusOptions(as_of=as_of),
                       today=today)
            if model.kpis and model.kpis.definitions else None)
    compared = (_compare(model, compare_with, options, today, progress, should_stop)
                if compare_with else None)
    progress(Progress(STAGE, 0.8))
    names = names_of(model)
    sections: list[ReportSection | None] = [
        summary_section(model, recommendation=rec, assessment=scores, plan=plan, check=check),
        rec_section,
        assessment_section(scores) if scores else None,
        design_section(model, review),
        roadmap_section(plan, names) if plan else None,
        risk_section(plan, names) if plan else None,
        budget_section(plan, names) if plan else None,
        change_section(changes) if changes else None,
        kpi_section(card) if card else None,
        compared]
    meta = model.metadata
    progress(Progress(STAGE, 1.0))
    return Report(title=meta.name, organisation=meta.organisation,
                  state=ReportLabel(kind="model_state", value=meta.state.value), as_of=as_of,
                  currency=meta.currency, language=meta.language or "en",
                  sections=[s for s in sections if s is not None])
