"""The reference catalogue of operating models: model types, components, steps, challenges,
Weill & Ross domains and archetypes, ITIL 4 practices, COBIT design factors and the
assessment question bank, typed."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Any, Generic, TypeVar

from pydantic import Field, model_validator

from opmodel.knowledge.base import (
    KnowledgeId,
    KnowledgeModel,
    Text,
    load_resource,
    require_unique_ids,
)
from opmodel.knowledge.questions import SOURCE as QUESTIONS_SOURCE
from opmodel.knowledge.questions import TITLE as QUESTIONS_TITLE
from opmodel.knowledge.questions import BankQuestion


class Named(KnowledgeModel):
    """What every catalogue entry has: a slug id and a name."""

    id: KnowledgeId
    name: Text


class Point(KnowledgeModel):
    """An advantage or drawback of a model type: a short title and its explanation."""

    id: KnowledgeId
    title: Text
    explanation: Text


class ModelTypeKind(StrEnum):
    """Structure (who holds decisions and resources) or sourcing stance (article: hybrid)."""

    structure = "structure"
    sourcing = "sourcing"


class ModelType(Named):
    """One of the five IT operating model types."""

    kind: ModelTypeKind
    summary: Text
    characteristics: tuple[Text, ...]
    target_organisations: tuple[Text, ...]
    examples: tuple[Text, ...]
    advantages: tuple[Point, ...]
    drawbacks: tuple[Point, ...]


class ModelComponent(Named):
    """One of the five components of every operating model."""

    description: Text
    decides: tuple[Text, ...]
    practices: tuple[KnowledgeId, ...] = ()
    decision_domains: tuple[KnowledgeId, ...] = ()


class Step(Named):
    """One of the six steps of building an operating model."""

    number: int = Field(ge=1)
    summary: Text
    activities: tuple[Text, ...]
    inputs: tuple[Text, ...]
    outputs: tuple[Text, ...]
    commands: tuple[KnowledgeId, ...] = ()
    sections: tuple[KnowledgeId, ...] = ()


class Challenge(Named):
    """A common implementation challenge, its causes and mitigations."""

    summary: Text
    causes: tuple[Text, ...]
    mitigations: tuple[Text, ...]
    steps: tuple[KnowledgeId, ...] = ()


class DecisionDomain(Named):
    """A Weill & Ross IT decision domain."""

    description: Text
    key_questions: tuple[Text, ...]


class Archetype(Named):
    """A Weill & Ross governance archetype: who holds the decision rights."""

    description: Text
    decision_rights: Text
    typical_domains: tuple[KnowledgeId, ...] = ()
    model_types: tuple[KnowledgeId, ...] = ()


class PracticeCategory(StrEnum):
    """ITIL 4's three groups of practices."""

    general = "general"
    service = "service"
    technical = "technical"


class ItilPractice(Named):
    """An ITIL 4 management practice and the component it belongs to."""

    category: PracticeCategory
    component: KnowledgeId
    purpose: Text


class DesignFactor(Named):
    """A COBIT 2019 design factor, with example values."""

    number: int = Field(ge=1)
    description: Text
    example_values: tuple[Text, ...]


Entry = Named | BankQuestion
"""An entry of any topic: a named entry, or a question of the bank (known by id and text)."""

E = TypeVar("E", bound=Entry)


class UnknownIdError(LookupError):
    """An id that is not in a collection; carries the valid ids for the message."""

    def __init__(self, wanted: str, valid: tuple[str, ...]) -> None:
        super().__init__(f"unknown id {wanted!r}; valid ids: {', '.join(valid)}")
        self.wanted, self.valid = wanted, valid


class Collection(KnowledgeModel, Generic[E]):
    """One knowledge file: its title, its source and its entries in order."""

    title: Text
    source: Text
    entries: tuple[E, ...]

    @model_validator(mode="after")
    def _ids_are_unique(self) -> Collection[E]:
        require_unique_ids(entry.id for entry in self.entries)
        return self

    def ids(self) -> tuple[str, ...]:
        """Every id, in file order."""
        return tuple(entry.id for entry in self.entries)

    def get(self, wanted: str) -> E:
        """The entry with id ``wanted``; UnknownIdError when there is none."""
        for entry in self.entries:
            if entry.id == wanted:
                return entry
        raise UnknownIdError(wanted, self.ids())

    def __len__(self) -> int:
        return len(self.entries)


# Cross-references inside the catalogue: (collection, field, collection the ids name).
REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("components", "practices", "practices"),
    ("components", "decision_domains", "decision_domains"),
    ("practices", "component", "components"),
    ("challenges", "steps", "steps"),
    ("archetypes", "typical_domains", "decision_domains"),
    ("archetypes", "model_types", "model_types"),
    ("questions", "component", "components"),
)

# Topic names (as the command line and web pages spell them) -> Catalog field.
TOPICS: dict[str, str] = {
    "types": "model_types",
    "components": "components",
    "steps": "steps",
    "challenges": "challenges",
    "domains": "decision_domains",
    "archetypes": "archetypes",
    "practices": "practices",
    "design-factors": "design_factors",
    "questions": "questions",
}

# Catalog field -> (file in knowledge/data, top-level key holding the entries).
FILES: dict[str, tuple[str, str]] = {
    "model_types": ("model_types", "model_types"),
    "components": ("components", "components"),
    "steps": ("steps", "steps"),
    "challenges": ("challenges", "challenges"),
    "decision_domains": ("decision_domains", "decision_domains"),
    "archetypes": ("archetypes", "archetypes"),
    "practices": ("itil_practices", "practices"),
    "design_factors": ("cobit_design_factors", "design_factors"),
    "questions": ("questions", "questions"),
}

# Title and source of the files that name none of their own.
HEADINGS: dict[str, dict[str, Text]] = {
    "questions": {"title": QUESTIONS_TITLE, "source": QUESTIONS_SOURCE},
}


class Catalog(KnowledgeModel):
    """Every reference collection of the knowledge base; references are checked on load."""

    model_types: Collection[ModelType]
    components: Collection[ModelComponent]
    steps: Collection[Step]
    challenges: Collection[Challenge]
    decision_domains: Collection[DecisionDomain]
    archetypes: Collection[Archetype]
    practices: Collection[ItilPractice]
    design_factors: Collection[DesignFactor]
    questions: Collection[BankQuestion]

    @model_validator(mode="after")
    def _references_resolve(self) -> Catalog:
        problems = dangling_references(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def topic(self, name: str) -> Collection[Any]:
        """The collection behind a topic name such as ``types`` or ``design-factors``."""
        collection: Collection[Any] = getattr(self, TOPICS[name])
        return collection

    def practices_of(self, component: str) -> tuple[ItilPractice, ...]:
        """The ITIL practices whose home is ``component``."""
        return tuple(p for p in self.practices.entries if p.component == component)

    def question_evidence(self, question: BankQuestion) -> dict[str, tuple[str, ...]]:
        """A question's evidences split into ITIL ``practices`` and the other ``capabilities``
        (the bank tags both in one list)."""
        practices = set(self.practices.ids())
        return {"practices": tuple(e for e in question.evidences if e in practices),
                "capabilities": tuple(e for e in question.evidences if e not in practices)}


def dangling_references(catalog: Catalog) -> list[str]:
    """Every reference of REFERENCES that names no entry, as readable lines."""
    problems = []
    for source, field, target in REFERENCES:
        valid = set(getattr(catalog, target).ids())
        for entry in getattr(catalog, source).entries:
            value = getattr(entry, field)
            for ref in (value,) if isinstance(value, str) else value:
                if ref not in valid:
                    problems.append(f"{source}[{entry.id}].{field}: {ref!r} is not in {target}")
    return problems


def catalog_data() -> dict[str, Any]:
    """The raw catalogue as read from the YAML files, in the shape Catalog validates."""
    data: dict[str, Any] = {}
    for field, (file, key) in FILES.items():
        content = {**HEADINGS.get(field, {}), **load_resource(file)}
        content["entries"] = content.pop(key, ())
        data[field] = content
    return data


@cache
def get_catalog() -> Catalog:
    """The catalogue, loaded and checked once per process."""
    return Catalog.model_validate(catalog_data())


def localize(data: Any, lang: str) -> Any:
    """``data`` (plain JSON-like values) with every {ja, en} text replaced by one language."""
    if isinstance(data, dict):
        if set(data) == {"ja", "en"}:
            return data["ja"] if lang == "ja" else data["en"]
        return {key: localize(value, lang) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [localize(item, lang) for item in data]
    return data
