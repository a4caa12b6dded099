"""Survey answers as respondents of the document: the answers of a model's links grouped by
respondent (a later answer to the same question wins) and merged into the document, question
by question, so that the assessment engine scores them like any other respondent's."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from opmodel.document.assessment import (
    Answer,
    Assessment,
    Employment,
    Respondent,
    RespondentGroup,
)
from opmodel.document.model import OperatingModel
from opmodel.document.rules.assessment import known_questions

ATTRIBUTES = ("role", "business_unit", "group", "employment")


@dataclass(frozen=True)
class CollectedAnswer:
    """One stored answer with what its link says about the respondent."""

    respondent: str
    role: str
    business_unit: str
    group: str
    employment: str
    question: str
    level: int | None
    dont_know: bool
    note: str
    evidence: str


def stored_answer(question: str, level: int | None, dont_know: bool, note: str,
                  evidence: str) -> Answer:
    """An answer as the document writes it: only the fields it gives (blank texts are none)."""
    given: dict[str, object] = {"level": level} if level is not None else {}
    if dont_know:
        given["dont_know"] = True
    if note:
        given["note"] = note
    if evidence:
        given["evidence"] = evidence
    return Answer(question=question, **given)


def respondents_from(rows: Iterable[CollectedAnswer]) -> list[Respondent]:
    """The respondents of ``rows`` (oldest answer first): each with its latest answer to
    every question, and the attributes of the link that answered last."""
    answers: dict[str, dict[str, Answer]] = {}
    last: dict[str, CollectedAnswer] = {}
    for row in rows:
        answers.setdefault(row.respondent, {})[row.question] = stored_answer(
            row.question, row.level, row.dont_know, row.note, row.evidence)
        last[row.respondent] = row
    found = []
    for respondent, given in answers.items():
        row = last[respondent]
        attributes: dict[str, object] = {"employment": Employment(row.employment)}
        if row.role:
            attributes["role"] = row.role
        if row.business_unit:
            attributes["business_unit"] = row.business_unit
        if row.group:
            attributes["group"] = RespondentGroup(row.group)
        found.append(Respondent(id=respondent, answers=list(given.values()), **attributes))
    return found


def merge_respondents(model: OperatingModel, found: list[Respondent]) -> OperatingModel:
    """``model`` with the respondents ``found`` merged in: a respondent the document already
    has keeps its other answers and takes the survey's answer where both answer a question
    (and the link's attributes); a new one is added. Answers to questions the model does not
    ask (any more) are left out. The document itself is never changed (it may be cached)."""
    assessment = model.assessment or Assessment()
    known = known_questions(assessment)
    merged = list(assessment.respondents)
    where = {r.id: n for n, r in enumerate(merged)}
    changed = False
    for survey in found:
        given = {a.question: a for a in survey.answers if a.question in known}
        if not given:
            continue
        changed = True
        if survey.id not in where:
            where[survey.id] = len(merged)
            merged.append(survey.model_copy(update={"answers": list(given.values())}))
            continue
        old = merged[where[survey.id]]
        answers = [given.pop(a.question, a) for a in old.answers] + list(given.values())
        update: dict[str, object] = {field: getattr(survey, field) for field in ATTRIBUTES
                                     if field in survey.model_fields_set}
        merged[where[survey.id]] = old.model_copy(update={**update, "answers": answers})
    if not changed:
        return model
    return model.model_copy(update={
        "assessment": assessment.model_copy(update={"respondents": merged})})
