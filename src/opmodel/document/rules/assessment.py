"""Rules on the assessment section: every answer names a known question and a level 0–5."""

from __future__ import annotations

from collections.abc import Iterator

from opmodel.document.assessment import Assessment
from opmodel.document.messages import nearest_ids, problem
from opmodel.document.model import OperatingModel
from opmodel.document.problems import Problem
from opmodel.knowledge.questions import LEVELS, question_bank


def known_questions(assessment: Assessment) -> set[str]:
    """Ids of the questions in use: the bank (or its chosen subset) and the custom ones."""
    bank = question_bank().by_id()
    chosen = set(bank) if assessment.bank is None else set(assessment.bank) & set(bank)
    return chosen | {q.id for q in assessment.questions}


def assessment_answers(model: OperatingModel) -> Iterator[Problem]:
    """Respondents answer something; answers name a known question and a level 0–5."""
    a = model.assessment
    if a is None:
        return
    bank = question_bank().by_id()
    for n, qid in enumerate(a.bank or []):
        if qid not in bank:
            yield problem("document.assessment_unknown_bank_question", ("assessment", "bank", n), question=qid)
    for n, q in enumerate(a.questions):
        if q.id in bank:
            yield problem("document.assessment_custom_shadows_bank", ("assessment", "questions", n, "id"),
                          question=q.id)
        if q.levels and len(q.levels) != len(LEVELS):
            yield problem("document.assessment_custom_levels", ("assessment", "questions", n, "levels"),
                          question=q.id, count=len(q.levels))
    known = known_questions(a)
    for r, resp in enumerate(a.respondents):
        where = ("assessment", "respondents", r)
        if not resp.answers:
            yield problem("document.assessment_no_answers", (*where, "answers"), respondent=resp.id)
        for k, ans in enumerate(resp.answers):
            at = (*where, "answers", k)
            names = {"respondent": resp.id, "question": ans.question}
            if ans.question not in known:
                yield problem("document.assessment_unknown_question", (*at, "question"),
                              known=nearest_ids(ans.question, sorted(known), 3), **names)
            if ans.level is not None and ans.level not in LEVELS:
                yield problem("document.assessment_level_range", (*at, "level"), level=ans.level, **names)
            if ans.level is None and not ans.dont_know:
                yield problem("document.assessment_answer_empty", at, **names)
            if ans.level is not None and ans.dont_know:
                yield problem("document.assessment_answer_both", at, **names)


RULES = [assessment_answers]
