"""The report's one-page summary: the organisation, the recommended structure and the key
figures of the other sections, and the consistency findings still open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opmodel.reports.contents import ReportFigure, ReportLabel, ReportSection
from opmodel.reports.plan_sections import columns, table

if TYPE_CHECKING:
    from opmodel.document.model import OperatingModel
    from opmodel.engines.assessment.scoring import AssessmentResult
    from opmodel.engines.consistency.checks import CheckResult
    from opmodel.engines.planning.plan import PlanResult
    from opmodel.engines.recommendation.ranking import Recommendation
    from opmodel.reports.contents import Cell

TOP_FINDINGS = 3


def _plan_figures(plan: PlanResult) -> list[ReportFigure]:
    b, k = plan.budget, plan.risk
    figures = []
    if k is not None:
        dates = k.completion_dates
        figures += [ReportFigure(key="cost_p50", value=k.cost.p50, format="money"),
                    ReportFigure(key="cost_p80", value=k.cost.p80, format="money"),
                    ReportFigure(key="completion_p50", value=dates.get("p50") or k.completion.p50,
                                 format="date" if dates else "weeks"),
                    ReportFigure(key="completion_p80", value=dates.get("p80") or k.completion.p80,
                                 format="date" if dates else "weeks")]
    else:
        figures.append(ReportFigure(key="transition_total", value=b.total, format="money"))
        if plan.schedule is not None:
            figures.append(ReportFigure(key="plan_finish", value=plan.schedule.finish,
                                        format="date"))
    figures += [ReportFigure(key="npv", value=b.npv, format="money"),
                ReportFigure(key="payback", value=b.payback_years, format="years")]
    return figures


def summary_section(model: OperatingModel, *, recommendation: Recommendation | None,
                    assessment: AssessmentResult | None, plan: PlanResult | None,
                    check: CheckResult) -> ReportSection:
    """The first page: who, what is recommended, what it costs and when it is done, where
    the organisation stands, and what the checks still find."""
    meta = model.metadata
    figures = [ReportFigure(key="organisation", value=meta.organisation or meta.name),
               ReportFigure(key="model_state",
                            value=ReportLabel(kind="model_state", value=meta.state.value))]
    if recommendation is not None:
        figures += [ReportFigure(key="recommended_structure",
                                 value=ReportLabel(kind="model_type",
                                                   value=recommendation.structure)),
                    ReportFigure(key="sourcing_stance",
                                 value=ReportLabel(kind="sourcing_stance",
                                                   value=recommendation.sourcing.stance))]
    if plan is not None:
        figures += _plan_figures(plan)
    if assessment is not None:
        o = assessment.overall
        figures.append(ReportFigure(key="maturity_overall", value=o.score, target=o.target,
                                    format="score"))
    figures.append(ReportFigure(key="open_findings", value=len(check.findings),
                                format="integer"))
    rows: list[list[Cell]] = [[ReportLabel(kind="severity", value=f.severity.value), f.message]
                              for f in check.findings]
    tables = [table("top_findings", columns("severity", "finding"), rows, TOP_FINDINGS)]
    return ReportSection(key="summary", figures=figures, tables=[t for t in tables if t.rows],
                         notes=[meta.description] if meta.description else [])
