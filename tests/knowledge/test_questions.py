"""The question bank: 60 questions, 12 per component, six levels each, a title and a source."""

from __future__ import annotations

from collections import Counter

import pytest
from pydantic import ValidationError

from opmodel.knowledge.base import load_resource
from opmodel.knowledge.questions import COMPONENTS, SOURCE, TITLE, QuestionBank, question_bank


def test_the_bank_has_twelve_questions_per_component() -> None:
    counts = Counter(q.component for q in question_bank().questions)
    assert counts == {component: 12 for component in COMPONENTS}


def test_every_question_has_six_levels_and_some_tags() -> None:
    for question in question_bank().questions:
        assert len(question.levels) == 6, question.id
        assert question.evidences, question.id


def test_the_bank_is_headed_by_the_default_title_and_source() -> None:
    bank = question_bank()
    assert bank.title == TITLE and bank.source == SOURCE
    assert bank.title.ja == "現状アセスメントの設問バンク"
    assert "COBIT 2019" in bank.source.en and "ITIL 4" in bank.source.ja


def test_a_title_in_the_file_takes_the_place_of_the_default() -> None:
    data = dict(load_resource("questions"), title={"ja": "設問", "en": "Questions"})
    assert QuestionBank.model_validate(data).title.en == "Questions"


def test_a_question_with_five_levels_is_refused() -> None:
    data = load_resource("questions")
    first = dict(data["questions"][0], levels=data["questions"][0]["levels"][:5])
    with pytest.raises(ValidationError, match="6 levels"):
        QuestionBank.model_validate({"questions": [first]})
