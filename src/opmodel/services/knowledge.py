"""Browsing the knowledge base as use cases: the topics, a topic's entries, one entry.

Entries keep their texts in both languages ({ja, en}): they are reference data, shown in
one language at the edge.
"""

from __future__ import annotations

from pydantic import BaseModel

from opmodel.knowledge.base import Text
from opmodel.knowledge.catalog import TOPICS, Entry, UnknownIdError, get_catalog


class KnowledgeTopic(BaseModel):
    """A topic of the knowledge base: its name, title and source, and how many entries."""

    topic: str
    title: Text
    source: Text
    count: int


def _collection_of(name: str) -> str:
    if name not in TOPICS:
        raise UnknownIdError(name, tuple(TOPICS))
    return name


def topic(name: str) -> KnowledgeTopic:
    """One topic (``types``, ``design-factors`` …); UnknownIdError for another name."""
    collection = get_catalog().topic(_collection_of(name))
    return KnowledgeTopic(topic=name, title=collection.title, source=collection.source,
                          count=len(collection))


def topics() -> list[KnowledgeTopic]:
    """Every topic, in the order the command lists them."""
    return [topic(name) for name in TOPICS]


def entries(name: str) -> list[Entry]:
    """The entries of a topic in file order (the ``questions`` topic is the question bank)."""
    return list(get_catalog().topic(_collection_of(name)).entries)


def entry(name: str, entry_id: str) -> Entry:
    """One entry of a topic; UnknownIdError (with the valid ids) when it has none."""
    found: Entry = get_catalog().topic(_collection_of(name)).get(entry_id)
    return found
