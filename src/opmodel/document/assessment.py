"""The assessment section: questionnaire, respondents and their answers."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import Field

from opmodel.document.base import Component, Date, DocumentModel, Entity, Maturity, Slug


class RespondentGroup(StrEnum):
    """Which side of the house a respondent speaks for."""

    it = "it"
    business = "business"


class Employment(StrEnum):
    """Whether a respondent works for the organisation or for a partner."""

    internal = "internal"
    outsourced = "outsourced"


class Question(Entity):
    """A custom question, beside those taken from the knowledge base's bank."""

    component: Component
    text: str
    levels: list[str] = Field(default_factory=list)
    importance: Annotated[float, Field(ge=0)] = Field(
        default=1.0, description="Relative weight, any number from 0: 2 counts twice as much as 1 (the default); 0 leaves it out of the weighted means.")
    evidences: list[str] = Field(default_factory=list)


class Answer(DocumentModel):
    """One respondent's answer to one question: a level, or "don't know"."""

    key_fields: ClassVar[tuple[str, ...]] = ("question",)

    question: Slug
    # checked by the assessment rule, so the error can name the respondent and the question
    level: int | None = Field(default=None, description="Level 0–5.",
                               json_schema_extra={"minimum": 0, "maximum": 5})
    dont_know: bool = False
    note: str | None = None
    evidence: str | None = None


class Respondent(Entity):
    """A person (or panel) who answered the questionnaire."""

    role: str | None = None
    business_unit: str | None = None
    group: RespondentGroup | None = None
    employment: Employment = Employment.internal
    answers: list[Answer] = Field(default_factory=list)


class ComponentTarget(DocumentModel):
    """Target maturity and importance of one component."""

    target: Maturity | None = None
    importance: Annotated[float, Field(ge=0)] = Field(
        default=1.0, description="Relative weight, any number from 0: 2 counts twice as much as 1 (the default); 0 leaves it out of the weighted means.")


class Assessment(DocumentModel):
    """Where IT stands: a questionnaire, who answered it and how."""

    bank: list[Slug] | None = Field(
        default=None,
        description="Ids of knowledge-base questions in use; leave out to use the whole bank.",
    )
    questions: list[Question] = Field(default_factory=list)
    respondents: list[Respondent] = Field(default_factory=list)
    targets: dict[Component, ComponentTarget] = Field(default_factory=dict)
    date: Date | None = Field(default=None, description="Date the answers were collected.")
