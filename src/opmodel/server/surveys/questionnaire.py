"""The questions a model asks, in a respondent's language, and the check of a submission
(the document's own assessment rule, on the submitted answers alone)."""

from __future__ import annotations

from dataclasses import replace

from opmodel.document.assessment import Answer, Assessment, Respondent
from opmodel.document.messages import problem
from opmodel.document.model import OperatingModel
from opmodel.document.problems import Problem
from opmodel.document.rules.assessment import assessment_answers
from opmodel.knowledge.questions import question_bank
from opmodel.knowledge.texts import label
from opmodel.server.surveys.schemas import SurveyQuestion

MAX_NOTE = 4000  # characters of a note or an evidence


def questions(model: OperatingModel, lang: str) -> list[SurveyQuestion]:
    """The questions of ``model`` (the bank, or its chosen part, then the custom ones)."""
    a = model.assessment or Assessment()
    chosen = None if a.bank is None else set(a.bank)
    found = [SurveyQuestion(id=q.id, component=q.component,
                            component_label=label("component", q.component, lang),
                            text=q.text.get(lang), levels=[level.get(lang) for level in q.levels],
                            custom=False)
             for q in question_bank().questions if chosen is None or q.id in chosen]
    found += [SurveyQuestion(id=q.id, component=q.component.value,
                             component_label=label("component", q.component.value, lang),
                             text=q.text, levels=list(q.levels), custom=True)
              for q in a.questions]
    return found


def check_submission(model: OperatingModel, respondent: str,
                     answers: list[Answer]) -> list[Problem]:
    """What is wrong with ``answers`` as ``respondent``'s answers to ``model``'s questions,
    at paths ``answers[n]…``: the document's assessment rule, and no question twice."""
    a = model.assessment or Assessment()
    probe = model.model_copy(update={"assessment": a.model_copy(update={
        "respondents": [Respondent(id=respondent, answers=answers)]})})
    prefix = ("assessment", "respondents", 0)
    found = [replace(p, path=p.path[len(prefix):]) for p in assessment_answers(probe)
             if p.path[:len(prefix)] == prefix]
    seen: set[str] = set()
    for n, answer in enumerate(answers):
        if answer.question in seen:
            found.append(problem("survey.duplicate_answer", ("answers", n, "question"),
                                 question=answer.question))
        seen.add(answer.question)
        for field in ("note", "evidence"):
            text = getattr(answer, field)
            if text is not None and len(text) > MAX_NOTE:
                found.append(problem("survey.text_too_long", ("answers", n, field),
                                     question=answer.question, limit=MAX_NOTE))
    return found
