"""The answers a model's survey links collected, read from the table as respondents of the
document, and the document with them merged in (what ``assess`` scores)."""

from __future__ import annotations

from opmodel.document.assessment import Respondent
from opmodel.document.model import OperatingModel
from opmodel.server.surveys.merging import CollectedAnswer, merge_respondents, respondents_from
from opmodel.server.surveys.models import AssessmentAnswer

FIELDS = ("token__respondent", "token__role", "token__business_unit", "token__group",
          "token__employment", "question", "level", "dont_know", "note", "evidence")


def survey_respondents(line: object) -> list[Respondent]:
    """The respondents who answered through the links of the model ``line``."""
    rows = (AssessmentAnswer.objects.filter(line=line).order_by("answered_at", "id")
            .values_list(*FIELDS))
    return respondents_from(CollectedAnswer(*row) for row in rows)


def with_survey_answers(line: object, document: OperatingModel) -> OperatingModel:
    """``document`` (a revision of ``line``) with the answers of the line's survey links."""
    return merge_respondents(document, survey_respondents(line))
