"""The report's recommendation and assessment sections, from the recommender's ranking and
the assessment's scores and gaps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opmodel.reports.contents import (
    BarChart,
    RadarChart,
    ReportFact,
    ReportFigure,
    ReportLabel,
    ReportSection,
    ReportSeries,
)
from opmodel.reports.plan_sections import columns, table

if TYPE_CHECKING:
    from opmodel.engines.assessment.findings import AssessmentFinding
    from opmodel.engines.assessment.scoring import AssessmentResult
    from opmodel.engines.recommendation.ranking import Recommendation
    from opmodel.engines.recommendation.stance import FactorContribution
    from opmodel.reports.contents import Cell


def _reasons(items: list[FactorContribution]) -> list[list[Cell]]:
    return [[ReportFact(factor=c.factor, value=c.value), c.points, c.reason] for c in items]


def recommendation_section(result: Recommendation) -> ReportSection | None:
    """The recommended structure and sourcing stance, the structures ranked, and the reasons
    for and against; None when no fact of the profile speaks for any structure."""
    best = next(s for s in result.structures if s.type == result.structure)
    if not best.why and not best.against:
        return None
    s = result.sourcing
    figures = [ReportFigure(key="recommended_structure",
                            value=ReportLabel(kind="model_type", value=result.structure)),
               ReportFigure(key="confidence", value=result.confidence, format="percent"),
               ReportFigure(key="lead_points", value=result.margin, format="number"),
               ReportFigure(key="sourcing_stance",
                            value=ReportLabel(kind="sourcing_stance", value=s.stance))]
    chart = BarChart(key="structure_scores", horizontal=True, format="number",
                     categories=[ReportLabel(kind="model_type", value=t.type)
                                 for t in result.structures],
                     series=[ReportSeries(name=ReportLabel(kind="report_series", value="fit"),
                                          values=[t.score for t in result.structures])])
    reason_cols = columns("factor", ("points", "points"), "reason")
    tables = [table("reasons_for", reason_cols, _reasons(best.why), 8)]
    if best.against:
        tables.append(table("reasons_against", reason_cols, _reasons(best.against), 5))
    sourcing = _reasons(s.toward_partners) + _reasons(s.toward_in_house)
    if sourcing:
        tables.append(table("sourcing_reasons", reason_cols, sourcing, 8))
    if s.stays_in_house:
        figures.append(ReportFigure(key="stays_in_house", value=[
            ReportLabel(kind="in_house_core", value=c) for c in s.stays_in_house]))
    notes: list[Cell] = [c.message for c in result.context_changes]
    return ReportSection(key="recommendation", figures=figures, notes=notes, charts=[chart],
                         tables=tables)


def _question(result: AssessmentResult, finding: AssessmentFinding) -> Cell:
    return finding.text or ReportLabel(kind="question", value=finding.question)


def _findings(result: AssessmentResult, items: list[AssessmentFinding]) -> list[list[Cell]]:
    return [[_question(result, f), ReportLabel(kind="component", value=f.component), f.score,
             f.target, f.gap] for f in items]


def assessment_section(result: AssessmentResult) -> ReportSection:
    """The maturity radar (current and target per component), the gaps, the weaknesses and
    strengths."""
    comps = list(result.components)
    o = result.overall
    figures = [ReportFigure(key="maturity_overall", value=o.score, target=o.target,
                            format="score"),
               ReportFigure(key="respondents", value=result.respondents, format="integer"),
               ReportFigure(key="disagreements", value=len(result.disagreements),
                            format="integer")]
    radar = RadarChart(key="maturity_radar",
                       axes=[ReportLabel(kind="component", value=c) for c in comps],
                       series=[ReportSeries(name=ReportLabel(kind="report_series", value=k),
                                            values=[getattr(result.components[c], k)
                                                    for c in comps])
                               for k in ("score", "target")])
    rows: list[list[Cell]] = [[ReportLabel(kind="component", value=c), x.score, x.target, x.gap,
                               x.dispersion] for c, x in result.components.items()]
    rows.append([ReportLabel(kind="report_row", value="overall"), o.score, o.target, o.gap,
                 o.dispersion])
    finding_cols = columns("question", "component", ("score", "score"), ("target", "score"),
                           ("gap", "points"))
    tables = [table("maturity_by_component",
                    columns("component", ("score", "score"), ("target", "score"),
                            ("gap", "points"), ("dispersion", "number")), rows),
              table("weaknesses", finding_cols, _findings(result, result.weaknesses), 10)]
    if result.strengths:
        tables.append(table("strengths", finding_cols, _findings(result, result.strengths), 5))
    return ReportSection(key="assessment", figures=figures, charts=[radar], tables=tables)
