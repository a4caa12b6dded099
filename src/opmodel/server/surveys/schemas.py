"""Request and response bodies of the survey endpoints."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from opmodel.document.assessment import Answer, Employment, RespondentGroup
from opmodel.document.base import Slug

Language = Literal["ja", "en"]
MAX_ANSWERS = 500  # more than any questionnaire asks


class SurveyLinkIn(BaseModel):
    """A new survey link: who answers through it, in which language, for how long."""

    respondent: Slug = Field(description="The respondent's id in the assessment.")
    role: str | None = Field(default=None, max_length=200)
    business_unit: str | None = Field(default=None, max_length=200)
    group: RespondentGroup | None = Field(default=None, description="it or business.")
    employment: Employment = Field(default=Employment.internal,
                                   description="internal or outsourced.")
    language: Language | None = Field(
        default=None, description="The questions' language; by default the model's.")
    expires_in_days: int = Field(default=14, ge=1, le=365)


class SurveyLink(BaseModel):
    """A survey link as editors see it (never its secret)."""

    id: int
    prefix: str
    model: str
    respondent: str
    role: str | None
    business_unit: str | None
    group: RespondentGroup | None
    employment: Employment
    language: Language
    expires_at: dt.datetime
    expired: bool
    revoked: bool
    created_by: str | None
    created_at: dt.datetime
    answers: int = Field(description="Answers stored from this link.")
    answered_at: dt.datetime | None


class NewSurveyLink(SurveyLink):
    """A link just made: its token and URL are shown this once."""

    token: str
    url: str = Field(description="Where the respondent reads the questions (GET) and sends "
                                 "the answers (PUT …/answers).")


class SurveyQuestion(BaseModel):
    """One question as a respondent reads it, with what each level 0–5 looks like."""

    id: str
    component: str
    component_label: str
    text: str
    levels: list[str] = Field(description="Levels 0–5 described (empty: none given).")
    custom: bool = Field(description="A question of the model's own, not of the bank.")


class SurveyQuestionnaire(BaseModel):
    """What a link's respondent is asked, and what they answered so far."""

    respondent: str
    language: Language
    organisation: str | None
    expires_at: dt.datetime
    questions: list[SurveyQuestion]
    answers: list[Answer] = Field(description="The answers sent so far through this link.")
    answered_at: dt.datetime | None


class SurveySubmission(BaseModel):
    """Every answer of the respondent: it replaces what the link sent before."""

    answers: list[Answer] = Field(max_length=MAX_ANSWERS)


class SurveyReceipt(BaseModel):
    """What a submission stored."""

    respondent: str
    answers: int
    answered_at: dt.datetime
    expires_at: dt.datetime


class FoldIn(BaseModel):
    """Why the survey answers are folded into the model."""

    message: str = Field(default="", max_length=500)
