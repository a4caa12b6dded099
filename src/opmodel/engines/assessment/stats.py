"""Counting answers: per-question level histograms, medians, dispersion and group means (numpy)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from opmodel.document.assessment import Assessment

LEVEL_COUNT = 6  # levels 0–5
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

# Respondent groupings compared for systematic differences: (field, its two values).
GROUPINGS: dict[str, tuple[str, str]] = {
    "group": ("it", "business"),
    "employment": ("internal", "outsourced"),
}


@dataclass(frozen=True)
class AnswerTable:
    """Every answer with a level as parallel arrays, plus don't-know counts per question."""

    question_ids: list[str]
    respondent_ids: list[str]
    question: IntArray
    respondent: IntArray
    level: IntArray
    dont_know: IntArray
    evidenced: IntArray  # answers with a note or evidence, per question
    codes: dict[str, IntArray]  # grouping -> code per respondent (0, 1, or -1 unknown)


# Each answer is packed into one integer in a single pass over the answers (the hot loop):
# (question index × 8 + level code) × 2 + has note or evidence. Level codes: 0–5 as given,
# 6 don't know, 7 anything else (ignored; the document rule reports it).
_LEVEL_CODE: dict[int | None, int] = {**{lv: lv for lv in range(LEVEL_COUNT)}, None: 6}


def tabulate(assessment: Assessment, question_ids: list[str]) -> AnswerTable:
    """The answers of every respondent to the given questions (others are ignored)."""
    index = {q: i for i, q in enumerate(question_ids)}
    code_of = _LEVEL_CODE.get
    fields = [a.__dict__ for r in assessment.respondents for a in r.answers]
    packed = np.array(
        [(index.get(f["question"], -1) * 8 + code_of(f["level"], 7)) * 2
         + (f["note"] is not None or f["evidence"] is not None) for f in fields],
        dtype=np.int64)
    counts = np.array([len(r.answers) for r in assessment.respondents], dtype=np.int64)
    respondent = np.repeat(np.arange(counts.size, dtype=np.int64), counts)
    known = packed >= 0
    packed, respondent = packed[known], respondent[known]
    evidence, rest = packed & 1, packed >> 1
    question, level = rest >> 3, rest & 7
    nq = len(question_ids)
    dont_know = np.bincount(question[level == 6], minlength=nq).astype(np.int64)
    evidenced = np.bincount(question, weights=evidence, minlength=nq).astype(np.int64)
    valid = level < LEVEL_COUNT
    codes = {}
    for field, values in GROUPINGS.items():
        raw = [getattr(resp, field) for resp in assessment.respondents]
        codes[field] = np.array([values.index(v.value) if v is not None else -1 for v in raw],
                                dtype=np.int64)
    return AnswerTable(question_ids, [r.id for r in assessment.respondents], question[valid],
                       respondent[valid], level[valid], dont_know, evidenced, codes)


def histograms(question: IntArray, level: IntArray, questions: int) -> IntArray:
    """Counts of each level per question, shape (questions, 6)."""
    flat = np.bincount(question * LEVEL_COUNT + level, minlength=questions * LEVEL_COUNT)
    return flat.reshape(questions, LEVEL_COUNT)


@dataclass(frozen=True)
class LevelStats:
    """Per-question statistics from the histograms (NaN where nobody gave a level)."""

    count: IntArray
    median: FloatArray
    mean: FloatArray
    dispersion: FloatArray  # population standard deviation
    low: FloatArray
    high: FloatArray


def level_stats(hist: IntArray) -> LevelStats:
    """Median, mean, standard deviation, min and max per row of level histograms."""
    levels = np.arange(LEVEL_COUNT, dtype=np.float64)
    n = hist.sum(axis=1)
    safe = np.maximum(n, 1)
    mean = (hist * levels).sum(axis=1) / safe
    var = (hist * (levels[None, :] - mean[:, None]) ** 2).sum(axis=1) / safe
    cum = hist.cumsum(axis=1)
    # the level at rank k is the first level whose cumulative count exceeds k
    lower = np.argmax(cum > ((n - 1) // 2)[:, None], axis=1)
    upper = np.argmax(cum > (n // 2)[:, None], axis=1)
    present = hist > 0
    low = np.argmax(present, axis=1).astype(np.float64)
    high = (LEVEL_COUNT - 1 - np.argmax(present[:, ::-1], axis=1)).astype(np.float64)
    empty = n == 0
    nan = np.nan

    def masked(values: npt.NDArray[np.float64]) -> FloatArray:
        return np.where(empty, nan, values)

    return LevelStats(n, masked((lower + upper) / 2.0), masked(mean), masked(np.sqrt(var)),
                      masked(low), masked(high))


def group_means(table: AnswerTable, field: str) -> tuple[FloatArray, IntArray]:
    """Mean level per question for each of the grouping's two values, shape (2, questions)."""
    code = table.codes[field][table.respondent] if table.respondent.size else table.respondent
    keep = code >= 0
    nq = len(table.question_ids)
    key = code[keep] * nq + table.question[keep]
    sums = np.bincount(key, weights=table.level[keep].astype(np.float64), minlength=2 * nq)
    counts = np.bincount(key, minlength=2 * nq)
    means = np.divide(sums, counts, out=np.full(2 * nq, np.nan), where=counts > 0)
    return means.reshape(2, nq), counts.reshape(2, nq)


class ByQuestion:
    """The answers grouped by question (one stable sort), to find who answered what."""

    def __init__(self, table: AnswerTable) -> None:
        self.table = table
        self.order = np.argsort(table.question, kind="stable")
        counts = np.bincount(table.question, minlength=len(table.question_ids))
        self.starts = np.concatenate(([0], np.cumsum(counts)))

    def extremes(self, question: int, low: int, high: int, limit: int = 10
                 ) -> tuple[list[str], list[str]]:
        """Ids of (up to ``limit``) respondents who gave the lowest and the highest level."""
        rows = self.order[self.starts[question]:self.starts[question + 1]]
        rs, lv = self.table.respondent[rows], self.table.level[rows]
        ids = self.table.respondent_ids
        return ([ids[i] for i in rs[lv == low][:limit]],
                [ids[i] for i in rs[lv == high][:limit]])
