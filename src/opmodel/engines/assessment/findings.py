"""Findings of an assessment: disagreements between respondents and groups, strengths, weaknesses."""

from __future__ import annotations

import math

import numpy as np
from pydantic import BaseModel, Field

from opmodel.engines.assessment.stats import (
    GROUPINGS,
    AnswerTable,
    ByQuestion,
    LevelStats,
    group_means,
)

SPREAD_LEVELS = 2  # issue 3: respondents differ by two levels or more
GROUP_GAP = 1.0  # mean difference between two groups, in levels, to call it systematic
GROUP_CONSISTENCY = 0.75  # share of shared questions where the difference has the same sign
REFERENCE_TARGET = 3.0  # COBIT 2019 level 3 "defined", used only where no target is set (flagged)
TOP = 5


class Disagreement(BaseModel):
    """Respondents (kind ``respondents``) or groups (kind ``groups``) that see things apart."""

    kind: str
    component: str
    question: str | None = None
    dimension: str | None = None
    low: float
    high: float
    difference: float
    respondents_low: list[str] = Field(default_factory=list)
    respondents_high: list[str] = Field(default_factory=list)
    groups: dict[str, float] = Field(default_factory=dict)
    questions: int = 1


class AssessmentFinding(BaseModel):
    """A question ranked as a strength or a weakness by its gap to target × importance."""

    question: str
    component: str
    text: str | None = None  # a custom question's own text; bank questions are named by id
    score: float
    target: float
    target_source: str  # "assessment" (assessment.targets) or "reference" (level 3)
    gap: float
    importance: float
    priority: float


def respondent_disagreements(table: AnswerTable, stats: LevelStats, components: list[str]
                             ) -> list[Disagreement]:
    """Questions where the lowest and the highest answer are two levels or more apart."""
    spread = stats.high - stats.low
    flagged = np.flatnonzero(np.nan_to_num(spread, nan=0.0) >= SPREAD_LEVELS)
    if flagged.size == 0:
        return []
    grouped = ByQuestion(table)
    found = []
    for q in flagged:
        low, high = int(stats.low[q]), int(stats.high[q])
        lows, highs = grouped.extremes(int(q), low, high)
        found.append(Disagreement(kind="respondents", component=components[q],
                                  question=table.question_ids[q], low=low, high=high,
                                  difference=high - low, respondents_low=lows,
                                  respondents_high=highs))
    found.sort(key=lambda d: (-d.difference, d.component, d.question or ""))
    return found


def group_disagreements(table: AnswerTable, components: list[str]) -> list[Disagreement]:
    """Components where one group of respondents rates systematically higher than the other."""
    found = []
    for field, names in GROUPINGS.items():
        means, _ = group_means(table, field)
        for component in dict.fromkeys(components):
            cols = [i for i, c in enumerate(components) if c == component
                    and not (math.isnan(means[0, i]) or math.isnan(means[1, i]))]
            if len(cols) < 2:
                continue  # one question is not a pattern
            diffs = means[1, cols] - means[0, cols]
            mean_diff = float(diffs.mean())
            same_sign = float(np.mean(np.sign(diffs) == np.sign(mean_diff)))
            if abs(mean_diff) < GROUP_GAP or same_sign < GROUP_CONSISTENCY:
                continue
            a, b = float(means[0, cols].mean()), float(means[1, cols].mean())
            found.append(Disagreement(kind="groups", component=component, dimension=field,
                                      low=round(min(a, b), 2), high=round(max(a, b), 2),
                                      difference=round(abs(mean_diff), 2),
                                      groups={names[0]: round(a, 2), names[1]: round(b, 2)},
                                      questions=len(cols)))
    found.sort(key=lambda d: -d.difference)
    return found


def rank_findings(items: list[AssessmentFinding]) -> tuple[list[AssessmentFinding], list[AssessmentFinding]]:
    """Strengths (furthest above target first) and weaknesses (largest gap × importance first)."""
    weaknesses = sorted((f for f in items if f.gap > 0), key=lambda f: (-f.priority, f.question))
    strengths = sorted((f for f in items if f.gap <= 0), key=lambda f: (f.priority, -f.score,
                                                                       f.question))
    return strengths[:TOP], weaknesses[:TOP]
