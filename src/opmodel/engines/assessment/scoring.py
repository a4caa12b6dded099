"""Step 1: score a multi-respondent maturity assessment per question, component and overall."""

from __future__ import annotations

import math

import numpy as np
from pydantic import BaseModel, Field

from opmodel.document.kpis import KpiDefinition
from opmodel.document.model import OperatingModel
from opmodel.engines.assessment.comparison import GroupComparison, Grouping, compare_groups
from opmodel.engines.assessment.findings import (
    REFERENCE_TARGET,
    AssessmentFinding,
    Disagreement,
    group_disagreements,
    rank_findings,
    respondent_disagreements,
)
from opmodel.engines.assessment.stats import histograms, level_stats, tabulate
from opmodel.engines.names import EntityNames, entity_names
from opmodel.knowledge.kpis import kpi_library
from opmodel.knowledge.questions import COMPONENTS, question_bank

KPI_WEIGHT = 1.0  # a KPI baseline weighs as much as one question of importance 1


class QuestionScore(BaseModel):
    """One question: the median level across respondents and how far they agree."""

    id: str
    component: str
    text: str | None = Field(
        default=None, description="The text of a custom question (bank questions: by id).")
    score: float | None
    mean: float | None
    dispersion: float | None
    answers: int
    dont_know: int
    evidenced: int
    importance: float
    evidences: list[str]


class KpiEvidence(BaseModel):
    """A KPI baseline used as evidence: how close the baseline is to the target, as a level."""

    kpi: str
    baseline: float
    target: float
    attainment: float
    level: float


class ComponentScore(BaseModel):
    """One component's current level, target, gap and dispersion."""

    score: float | None
    target: float | None
    gap: float | None
    dispersion: float | None
    importance: float = 1.0
    questions: int = 0
    answers: int = 0
    kpis: list[KpiEvidence] = Field(default_factory=list)


class AssessmentResult(BaseModel):
    """The scored assessment: the json of ``opmodel assess``."""

    components: dict[str, ComponentScore]
    overall: ComponentScore
    strengths: list[AssessmentFinding]
    weaknesses: list[AssessmentFinding]
    disagreements: list[Disagreement]
    questions: list[QuestionScore]
    respondents: int
    comparison: GroupComparison | None = Field(
        default=None, description="The groups asked for (--by), side by side.")
    names: EntityNames = Field(default_factory=EntityNames)


def _num(value: float) -> float | None:
    return None if math.isnan(value) else round(float(value), 2)


def kpi_component(kpi: KpiDefinition) -> str | None:
    """The component a KPI evidences: its own, else its library entry's."""
    entry = kpi_library().get(kpi.kpi) if kpi.kpi else None
    return kpi.component.value if kpi.component else (entry.component if entry else None)


def kpi_evidence(kpi: KpiDefinition, goal: float = 5.0) -> KpiEvidence | None:
    """The baseline's attainment of its target (0–1) as a level up to ``goal``.

    None when baseline and target are not comparable.
    """
    b, t = kpi.baseline, kpi.target
    if b is None or t is None or b < 0 or t < 0:
        return None
    entry = kpi_library().get(kpi.kpi) if kpi.kpi else None
    direction = kpi.direction.value if kpi.direction else (entry.direction if entry else None)
    lower_better = direction == "lower" or (direction is None and t < b)
    good, bad = (t, b) if lower_better else (b, t)  # attainment = achieved / required
    attainment = 1.0 if bad == 0 or good >= bad else good / bad
    return KpiEvidence(kpi=kpi.id, baseline=b, target=t, attainment=round(attainment, 3),
                       level=round(goal * attainment, 2))


def _weighted(pairs: list[tuple[float, float]]) -> float | None:
    total = sum(w for _, w in pairs)
    return sum(v * w for v, w in pairs) / total if total else None


def assess(model: OperatingModel, by: Grouping | None = None) -> AssessmentResult:
    """Score the assessment: medians per question, weighted means per component and overall;
    with ``by``, the same per group of respondents, side by side."""
    a = model.assessment
    bank = question_bank()
    chosen = bank.questions if a is None or a.bank is None else [
        q for q in bank.questions if q.id in set(a.bank)]
    meta: list[tuple[str, str, str | None, float, list[str]]] = [
        (q.id, q.component, None, q.importance, list(q.evidences)) for q in chosen]
    if a is not None:
        meta += [(q.id, q.component.value, q.text, q.importance, list(q.evidences))
                 for q in a.questions]
    ids = [m[0] for m in meta]
    components: list[str] = [m[1] for m in meta]
    respondents = a.respondents if a is not None else []
    table = tabulate(a, ids) if a is not None else None
    hist = histograms(table.question, table.level, len(ids)) if table else np.zeros((len(ids), 6),
                                                                                     dtype=np.int64)
    stats = level_stats(hist)
    questions = [
        QuestionScore(id=qid, component=comp, text=text, score=_num(stats.median[i]),
                      mean=_num(stats.mean[i]), dispersion=_num(stats.dispersion[i]),
                      answers=int(stats.count[i]),
                      dont_know=int(table.dont_know[i]) if table else 0,
                      evidenced=int(table.evidenced[i]) if table else 0,
                      importance=imp, evidences=evid)
        for i, (qid, comp, text, imp, evid) in enumerate(meta)
        if stats.count[i] or (table is not None and table.dont_know[i])
    ]
    kpis = model.kpis.definitions if model.kpis else []
    targets = a.targets if a is not None else {}
    result: dict[str, ComponentScore] = {}
    findings: list[AssessmentFinding] = []
    for comp in COMPONENTS:
        scored = [q for q in questions if q.component == comp and q.score is not None]
        setting = next((v for k, v in targets.items() if k.value == comp), None)
        target = float(setting.target) if setting and setting.target is not None else None
        # a KPI that meets its target shows the maturity aimed for, not the top of the scale:
        # near-100 % KPIs (availability) would otherwise lift every component to level 5
        goal = target if target is not None else REFERENCE_TARGET
        evidence = [e for k in kpis if kpi_component(k) == comp
                    and (e := kpi_evidence(k, goal)) is not None]
        importance = setting.importance if setting else 1.0
        score = _weighted([(q.score, q.importance) for q in scored if q.score is not None]
                          + [(e.level, KPI_WEIGHT) for e in evidence])
        dispersion = _weighted([(q.dispersion, q.importance) for q in scored
                                if q.dispersion is not None])
        result[comp] = ComponentScore(
            score=None if score is None else round(score, 2), target=target,
            gap=None if score is None or target is None else round(target - score, 2),
            dispersion=None if dispersion is None else round(dispersion, 2),
            importance=importance, questions=len(scored),
            answers=sum(q.answers for q in scored), kpis=evidence)
        for q in scored:
            assert q.score is not None
            goal = target if target is not None else REFERENCE_TARGET
            gap = round(goal - q.score, 2)
            weight = q.importance * importance
            findings.append(AssessmentFinding(
                question=q.id, component=comp, text=q.text, score=q.score, target=goal,
                target_source="assessment" if target is not None else "reference", gap=gap,
                importance=round(weight, 3), priority=round(gap * weight, 3)))
    strengths, weaknesses = rank_findings(findings)
    disagreements = []
    if table is not None:
        disagreements = (group_disagreements(table, components)
                         + respondent_disagreements(table, stats, components))
    comparison = None
    if by is not None and table is not None:
        comparison = compare_groups(respondents, table, components, [m[3] for m in meta],
                                    list(COMPONENTS), by)
    return AssessmentResult(
        components=result, overall=_overall(result), strengths=strengths,
        weaknesses=weaknesses, disagreements=disagreements, questions=questions,
        respondents=len(respondents), comparison=comparison, names=entity_names(model))


def _overall(components: dict[str, ComponentScore]) -> ComponentScore:
    """Importance-weighted mean over the components that have a score (and a target)."""
    with_score = [c for c in components.values() if c.score is not None]
    score = _weighted([(c.score, c.importance) for c in with_score if c.score is not None])
    with_target = [c for c in with_score if c.target is not None]
    target = (_weighted([(c.target, c.importance) for c in with_target if c.target is not None])
              if len(with_target) == len(with_score) else None)
    dispersion = _weighted([(c.dispersion, c.importance) for c in with_score
                            if c.dispersion is not None])
    rounded = [None if v is None else round(v, 2) for v in (score, target, dispersion)]
    gap = None if score is None or target is None else round(target - score, 2)
    return ComponentScore(score=rounded[0], target=rounded[1], gap=gap, dispersion=rounded[2],
                          questions=sum(c.questions for c in with_score),
                          answers=sum(c.answers for c in with_score))
