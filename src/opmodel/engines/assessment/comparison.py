"""Views by group: the maturity each group of respondents sees, per component, so that
business units (or roles, IT and business, internal and outsourced staff) can be compared."""

from __future__ import annotations

from enum import StrEnum

import numpy as np
from pydantic import BaseModel, Field

from opmodel.document.assessment import Respondent
from opmodel.engines.assessment.stats import AnswerTable, histograms, level_stats


class Grouping(StrEnum):
    """The respondent attribute a comparison groups by."""

    business_unit = "business_unit"
    role = "role"
    employment = "employment"
    it_or_business = "it_or_business"


# the respondent field behind each grouping
_FIELDS = {Grouping.business_unit: "business_unit", Grouping.role: "role",
           Grouping.employment: "employment", Grouping.it_or_business: "group"}


class GroupView(BaseModel):
    """One group's maturity per component: question medians within the group, weighted by
    importance (KPI evidence is the same for every group and is left out)."""

    group: str | None = Field(description="The attribute's value; null for respondents "
                                          "who did not give it.")
    respondents: list[str]
    components: dict[str, float | None]
    overall: float | None
    questions: dict[str, float] = Field(
        default_factory=dict,
        description="The group's median level per question it answered (for a heatmap).")


class GroupComparison(BaseModel):
    """Every group side by side, and how far apart they are per component."""

    by: Grouping
    groups: list[GroupView]
    spread: dict[str, float | None] = Field(
        description="Highest minus lowest group score per component (null below two groups).")


def _value(respondent: Respondent, grouping: Grouping) -> str | None:
    raw = getattr(respondent, _FIELDS[grouping])
    return None if raw is None else str(getattr(raw, "value", raw))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def compare_groups(respondents: list[Respondent], table: AnswerTable, components: list[str],
                   importance: list[float], order: list[str], grouping: Grouping
                   ) -> GroupComparison:
    """The groups of ``respondents`` by ``grouping``, in order of first appearance (those
    without a value last), each scored over the answers in ``table``."""
    values = [_value(r, grouping) for r in respondents]
    keys = list(dict.fromkeys(v for v in values if v is not None))
    if None in values:
        keys.append(None)  # type: ignore[arg-type]
    weights = np.asarray(importance, dtype=np.float64)
    views = []
    for key in keys:
        members = np.array([v == key for v in values], dtype=bool)
        rows = members[table.respondent] if table.respondent.size else members[:0]
        stats = level_stats(histograms(table.question[rows], table.level[rows],
                                       len(table.question_ids)))
        scores: dict[str, float | None] = {}
        total = weight = 0.0
        for comp in order:
            mask = (np.array([c == comp for c in components], dtype=bool)
                    & ~np.isnan(stats.median))
            if not mask.any():
                scores[comp] = None
                continue
            w = weights[mask]
            scores[comp] = float((stats.median[mask] * w).sum() / w.sum())
            total += float((stats.median[mask] * w).sum())
            weight += float(w.sum())
        views.append(GroupView(
            group=key, respondents=[r.id for r, m in zip(respondents, members, strict=True) if m],
            components={c: _round(s) for c, s in scores.items()},
            overall=_round(total / weight) if weight else None,
            questions={q: round(float(m), 2) for q, m in zip(table.question_ids, stats.median,
                                                              strict=True) if not np.isnan(m)}))
    spread: dict[str, float | None] = {}
    for comp in order:
        seen = [s for v in views if (s := v.components.get(comp)) is not None]
        spread[comp] = _round(max(seen) - min(seen)) if len(seen) > 1 else None
    return GroupComparison(by=grouping, groups=views, spread=spread)
