"""The assessment question bank: typed access to ``questions.yaml``."""

from __future__ import annotations

from functools import cache
from typing import Annotated, Literal

from pydantic import Field, model_validator

from opmodel.knowledge.base import (
    KnowledgeId,
    KnowledgeModel,
    Text,
    load_resource,
    require_unique_ids,
)

ComponentId = Literal["governance", "organization", "process", "technology", "sourcing"]
COMPONENTS: tuple[ComponentId, ...] = (
    "governance", "organization", "process", "technology", "sourcing",
)
LEVELS = range(0, 6)
"""The answer scale: COBIT 2019's CMMI-based capability levels, 0 (incomplete) to 5 (optimising)."""

# questions.yaml names no title or source of its own; these head it in the catalogue.
TITLE = Text(ja="現状アセスメントの設問バンク", en="Current-state assessment question bank")
SOURCE = Text(
    ja="CIO・ITリーダー向けIT運用モデル解説（2025年）のステップ1（現状評価）を基に独自に作成。"
       "レベル0〜5はCOBIT 2019の能力レベル（CMMIベース、ISACA『COBIT 2019 Framework: "
       "Introduction and Methodology』第6章）、タグはITIL 4のプラクティスに準拠",
    en="Written for step 1 (assess the current state) of a 2025 guide to IT operating models "
       "for CIOs; levels 0-5 after COBIT 2019's CMMI-based capability levels (ISACA, COBIT 2019 "
       "Framework: Introduction and Methodology, chapter 6), tags after ITIL 4 practices",
)


class BankQuestion(KnowledgeModel):
    """One question of the bank, with what you would observe at each level 0–5."""

    id: KnowledgeId
    component: ComponentId
    importance: Annotated[float, Field(gt=0)] = 1.0
    evidences: tuple[KnowledgeId, ...] = ()
    text: Text
    levels: tuple[Text, ...]

    @model_validator(mode="after")
    def _six_levels(self) -> BankQuestion:
        if len(self.levels) != len(LEVELS):
            raise ValueError(f"question {self.id} needs {len(LEVELS)} levels (0–5)")
        return self


class QuestionBank(KnowledgeModel):
    """Every question of the bank, in file order, under its title and source."""

    title: Text = TITLE
    source: Text = SOURCE
    questions: tuple[BankQuestion, ...]

    @model_validator(mode="after")
    def _unique_ids(self) -> QuestionBank:
        require_unique_ids((q.id for q in self.questions), "question id")
        return self

    def by_id(self) -> dict[str, BankQuestion]:
        """The questions keyed by id."""
        return {q.id: q for q in self.questions}

    def for_component(self, component: str) -> list[BankQuestion]:
        """The questions of one component, in file order."""
        return [q for q in self.questions if q.component == component]


@cache
def question_bank() -> QuestionBank:
    """The packaged question bank (parsed and validated once)."""
    return QuestionBank.model_validate(load_resource("questions"))
