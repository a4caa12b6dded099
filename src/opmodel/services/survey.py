"""Survey answers without typing YAML: import a spreadsheet of answers into the assessment
(all or nothing, each problem named by row and column), and the questions of the blank
questionnaire to send out.

The rule of a cell, as for inventories: a filled cell sets the answer or the attribute; an
empty cell, in the row of a respondent the model already has, clears it (in the long form,
a row whose answer cell is empty clears that answer; attributes, spread over a person's
rows, are only set)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from opmodel.document.assessment import Answer, Assessment, Respondent
from opmodel.document.base import SLUG_PATTERN
from opmodel.document.io import validate_data
from opmodel.document.messages import problem
from opmodel.document.model import OperatingModel
from opmodel.document.problems import DocumentError
from opmodel.document.rules.assessment import known_questions
from opmodel.engines.kpi.intake import RowIssue
from opmodel.interop.survey_sheets import (
    SheetRespondent,
    SurveySheet,
    TemplateQuestion,
    normalise,
)
from opmodel.knowledge.base import Text
from opmodel.knowledge.questions import question_bank

DONT_KNOW = {"わからない", "分からない", "不明", "don't know", "dont know", "do not know", "n/a",
             "unknown", "?"}
# what people write for each respondent attribute's values, ja and en
VALUES: dict[str, dict[str, str]] = {
    "group": {"it": "it", "it部門": "it", "情報システム部門": "it", "システム部門": "it",
              "business": "business", "事業": "business", "事業部門": "business",
              "業務部門": "business", "ビジネス": "business"},
    "employment": {"internal": "internal", "社内": "internal", "自社": "internal",
                   "社員": "internal", "正社員": "internal", "outsourced": "outsourced",
                   "委託先": "outsourced", "委託": "outsourced", "外部": "outsourced",
                   "外部委託": "outsourced", "partner": "outsourced", "パートナー": "outsourced"},
}
BAD_VALUE = {"group": "survey_sheet.bad_group", "employment": "survey_sheet.bad_employment"}
_LEADING_LEVEL = re.compile(r"^(?:level|レベル|lv\.?)?\s*([0-5])(?:\s*[:：.\-–)]|\s|$)")


class SurveyImport(BaseModel):
    """What an import of survey answers read and wrote: respondents added and updated,
    answers written, and the problems by row and column (then nothing is written)."""

    source: str
    respondents: int
    added: list[str]
    updated: list[str]
    answers: int
    issues: list[RowIssue]
    ignored_columns: list[str] = Field(
        description="Columns that name neither a question in use nor a respondent attribute.")
    model: OperatingModel | None = Field(
        default=None, exclude=True, description="The model with the answers, when no issue.")


def _levels(model: OperatingModel) -> dict[str, list[set[str]]]:
    """The texts of each level of every question in use, compared loosely (ja and en)."""
    assessment = model.assessment or Assessment()
    in_use = known_questions(assessment)
    found = {q.id: [{normalise(t.ja), normalise(t.en)} for t in q.levels]
             for q in question_bank().questions if q.id in in_use}
    for q in assessment.questions:
        found[q.id] = [{normalise(t)} for t in q.levels]
    return found


def read_level(text: str, levels: list[set[str]]) -> int | str | None:
    """A level 0–5 from a number, ``3: text``, ``レベル3`` or a level's text (ja or en);
    ``"dont_know"`` for don't know; None when the text is none of these."""
    key = normalise(text)
    if key in DONT_KNOW:
        return "dont_know"
    match = _LEADING_LEVEL.match(key)
    if match:
        return int(match.group(1))
    if key.replace(".0", "").isdigit():
        return None  # a number out of 0–5
    return next((n for n, texts in enumerate(levels) if key in texts), None)


def _issue(row: int, column: str, code: str, value: str | None, **params: Any) -> RowIssue:
    return RowIssue(row=row, column=column, code=code, params=params, value=value)


def _attributes(found: SheetRespondent, issues: list[RowIssue]) -> dict[str, Any]:
    """The respondent's attributes as the document takes them (spellings read, ja or en)."""
    attrs: dict[str, Any] = {}
    for name in ("name", "role", "business_unit"):
        if found.attributes.get(name):
            attrs[name] = found.attributes[name]
    for name, spellings in VALUES.items():
        text = found.attributes.get(name)
        if text is None:
            continue
        value = spellings.get(normalise(text).replace(" ", ""))
        if value is None:
            issues.append(_issue(found.row, name, BAD_VALUE[name], text))
        else:
            attrs[name] = value
    return attrs


def _respondent_id(found: SheetRespondent, taken: dict[str, Respondent],
                   by_name: dict[str, str], issues: list[RowIssue]) -> str | None:
    given = found.attributes.get("respondent")
    if given is not None:
        rid = normalise(given)
        if not re.match(SLUG_PATTERN, rid):
            issues.append(_issue(found.row, "respondent", "survey_sheet.bad_respondent", given))
            return None
        return rid
    name = found.attributes.get("name")
    if name and name in by_name:
        return by_name[name]  # the same person as before, by name
    n = found.row
    while f"r-{n}" in taken:
        n += 1000
    return f"r-{n}"


def import_answers(model: OperatingModel, sheet: SurveySheet) -> SurveyImport:
    """The sheet's respondents and answers merged into the assessment: a respondent with the
    same id (or, without ids, the same name) is updated question by question, others are
    added. All or nothing: with any issue, ``model`` is None and nothing is to be written."""
    assessment = model.assessment or Assessment()
    levels = _levels(model)
    respondents = {r.id: r for r in assessment.respondents}
    by_name = {r.name: r.id for r in assessment.respondents if r.name}
    issues: list[RowIssue] = []
    added: list[str] = []
    updated: list[str] = []
    seen: dict[str, int] = {}
    count = 0
    changed = False
    for found in sheet.respondents:
        rid = _respondent_id(found, respondents, by_name, issues)
        attrs = _attributes(found, issues)
        answers: dict[str, Answer] = {}
        cleared: set[str] = set()
        for cell in found.answers:
            if cell.question not in levels:
                issues.append(_issue(cell.row, cell.column, "survey_sheet.unknown_question",
                                     cell.question, question=cell.question))
                continue
            if not cell.text:
                cleared.add(cell.question)
                continue
            level = read_level(cell.text, levels[cell.question])
            if level is None:
                issues.append(_issue(cell.row, cell.column, "survey_sheet.bad_answer",
                                     cell.text, question=cell.question))
            elif level == "dont_know":
                answers[cell.question] = Answer(question=cell.question, dont_know=True)
            else:
                answers[cell.question] = Answer(question=cell.question, level=level)
        if rid is None:
            continue
        if rid in seen:
            issues.append(_issue(found.row, "respondent", "survey_sheet.duplicate_respondent",
                                 rid, first=seen[rid]))
            continue
        seen[rid] = found.row
        old = respondents.get(rid)
        merged = {a.question: a for a in (old.answers if old else [])
                  if a.question not in cleared} | answers
        kept = {k: v for k, v in (old.model_dump(exclude_unset=True) if old else {}).items()
                if k not in found.blanks}
        data = {"id": rid, **kept, **attrs,
                "answers": [a.model_dump(exclude_defaults=True) for a in merged.values()]}
        respondents[rid] = Respondent.model_validate(data)
        (updated if old else added).append(rid)
        count += len(answers)
        changed = changed or (old is not None and (bool(cleared) or bool(found.blanks)))
    result = SurveyImport(source=sheet.source, respondents=len(added) + len(updated),
                          added=added, updated=updated, answers=count, issues=issues,
                          ignored_columns=sheet.ignored_columns)
    if issues:
        return result
    if count == 0 and not changed:
        raise DocumentError([problem("survey_sheet.nothing", ("assessment", "respondents"),
                                     file=sheet.source)])
    document: dict[str, Any] = model.dump_data()
    document["assessment"] = {**document.get("assessment", {}), "respondents": [
        r.model_dump(mode="json", exclude_unset=True) for r in respondents.values()]}
    return result.model_copy(update={"model": validate_data(document)})


def survey_questions(model: OperatingModel, ids: list[str] | None = None
                     ) -> list[TemplateQuestion]:
    """The questions of the blank questionnaire: those in use (or ``ids`` of them), bank
    questions in both languages, custom ones in the document's words.

    An id that is not a question in use is a problem at ``assessment.bank``.
    """
    assessment = model.assessment or Assessment()
    in_use = known_questions(assessment)
    bank = [q for q in question_bank().questions if q.id in in_use]
    chosen = [TemplateQuestion(q.id, q.text, q.levels) for q in bank]
    chosen += [TemplateQuestion(q.id, Text(ja=q.text, en=q.text),
                                tuple(Text(ja=t, en=t) for t in q.levels))
               for q in assessment.questions if len(q.levels) == 6]
    if ids is None:
        return chosen
    unknown = [i for i in ids if i not in {q.id for q in chosen}]
    if unknown:
        raise DocumentError([problem("survey_sheet.unknown_questions", ("assessment", "bank"),
                                     questions=unknown)])
    return [q for q in chosen if q.id in ids]
