"""The document schema's texts in Japanese and English, loaded from ``schema_descriptions.yaml``."""

from __future__ import annotations

from functools import cache

from pydantic import Field, model_validator

from opmodel.knowledge.base import KnowledgeId, KnowledgeModel, Text, load_resource


class DefinitionText(KnowledgeModel):
    """The texts of one schema definition: its own description and its fields'."""

    description: Text | None = None
    properties: dict[str, Text] = Field(default_factory=dict)

    def texts(self) -> list[Text]:
        """Every text of the definition, its own first."""
        own = [self.description] if self.description is not None else []
        return own + list(self.properties.values())


class SchemaText(KnowledgeModel):
    """The schema's title and the description of every definition and field."""

    title: Text
    definitions: dict[KnowledgeId, DefinitionText]

    @model_validator(mode="after")
    def _one_translation_per_text(self) -> SchemaText:
        # Lookups go by the English text, so one English text must not have two translations.
        seen: dict[str, str] = {}
        for text in self.texts():
            if seen.setdefault(text.en, text.ja) != text.ja:
                raise ValueError(f"{text.en!r} has two different Japanese texts")
        return self

    def texts(self) -> list[Text]:
        """Every description text, in file order."""
        return [text for definition in self.definitions.values() for text in definition.texts()]

    def descriptions(self, lang: str) -> dict[str, str]:
        """English description -> the same description in ``lang`` (ja or en)."""
        return {text.en: text.get(lang) for text in self.texts()}


@cache
def schema_text() -> SchemaText:
    """The schema's texts (knowledge/data/schema_descriptions.yaml)."""
    return SchemaText.model_validate(load_resource("schema_descriptions"))
