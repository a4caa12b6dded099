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
"""The answer scale: capability levels 0 (incomplete) to 5 (optimising)."""


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
    """Every question of the bank, in file order."""

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
