"""The question bank: 12 or more questions per component, six cumulative levels each, no
duplicate or overlapping questions, a title and a source."""

from __future__ import annotations

from collections import Counter

import pytest
from pydantic import ValidationError

from opmodel.knowledge.base import load_resource
from opmodel.knowledge.questions import COMPONENTS, SOURCE, TITLE, QuestionBank, question_bank


def test_the_bank_has_twelve_or_more_questions_per_component() -> None:
    counts = Counter(q.component for q in question_bank().questions)
    assert set(counts) == set(COMPONENTS)
    assert all(count >= 12 for count in counts.values()), counts


@pytest.mark.parametrize("practice", [
    "capacity-and-performance-management", "project-management",
    "service-validation-and-testing"])
def test_practices_that_were_missing_have_a_question(practice: str) -> None:
    assert any(practice in q.evidences for q in question_bank().questions)


def test_levels_are_cumulative_from_level_three_in_both_languages() -> None:
    # issue 16: levels are cumulative, and the texts say so
    for question in question_bank().questions:
        for n, level in enumerate(question.levels):
            marked_en = level.en.startswith(f"In addition to level {n - 1}, ")
            marked_ja = level.ja.startswith(f"レベル{n - 1}に加えて、")
            assert (marked_en, marked_ja) == ((n >= 3),) * 2, (question.id, n)


def test_no_two_questions_share_a_stem_and_no_question_repeats_a_level() -> None:
    questions = question_bank().questions
    for lang in ("en", "ja"):
        stems = [getattr(q.text, lang) for q in questions]
        assert len(set(stems)) == len(stems), lang
        for question in questions:
            levels = [getattr(level, lang) for level in question.levels]
            assert len(set(levels)) == 6, (question.id, lang)


@pytest.mark.parametrize(("one", "other"), [
    ("proc-release-deployment", "tech-ci-cd"), ("proc-monitoring", "tech-observability"),
    ("org-partner-integration", "src-msp-integration"),
    ("gov-policies-standards", "tech-architecture-standards")])
def test_questions_that_border_each_other_are_distinct(one: str, other: str) -> None:
    # each names the other, so a respondent answers each for its own part, and their
    # evidences never overlap, so one answer does not count twice for a practice
    bank = question_bank().by_id()
    assert not set(bank[one].evidences) & set(bank[other].evidences)
    for lang in ("en", "ja"):
        assert other in getattr(bank[one].text, lang) or one in getattr(bank[other].text, lang)


def test_level_two_is_the_basic_activity_done_without_formality() -> None:
    # COBIT 2019: level 2 is a basic but complete set of activities; our texts never describe
    # it as something that exists but is unused, unread or out of date
    unused = ("but nobody", "but few", "never", "rarely", "out of date", "stale")
    for question in question_bank().questions:
        assert not any(word in question.levels[2].en for word in unused), question.id


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
