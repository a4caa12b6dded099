"""Browsing the knowledge base as use cases: ``opmodel knowledge --format json`` prints what
they return, both languages kept with --all-languages, one language picked otherwise."""

from __future__ import annotations

import pytest

from opmodel.knowledge.catalog import TOPICS, UnknownIdError, localize
from opmodel.services import knowledge
from opmodel.services.results import to_data
from support.cli import run
from support.results import assert_json_is_the_result


def test_the_overview_is_the_topics() -> None:
    data = assert_json_is_the_result(["knowledge", "--all-languages"], knowledge.topics())
    assert [t["topic"] for t in data] == list(TOPICS)
    assert data[0]["title"] == {"ja": "IT運用モデルの類型", "en": "IT operating model types"}


@pytest.mark.parametrize("topic", list(TOPICS))
def test_a_topic_is_its_entries(topic: str) -> None:
    result = knowledge.entries(topic)
    assert_json_is_the_result(["knowledge", topic, "--all-languages"], result)
    printed = run("knowledge", topic, "--format", "json", "--lang", "ja")
    assert printed.json() == localize(to_data(result), "ja")


@pytest.mark.parametrize(("topic", "entry_id"), [("types", "federated"),
                                                 ("questions", "gov-it-strategy"),
                                                 ("practices", "incident-management")])
def test_an_entry_is_the_entry(topic: str, entry_id: str) -> None:
    result = knowledge.entry(topic, entry_id)
    assert_json_is_the_result(["knowledge", topic, entry_id, "--all-languages"], result)
    printed = run("knowledge", topic, entry_id, "--format", "json", "--lang", "en")
    assert printed.json() == localize(to_data(result), "en")


def test_unknown_topics_and_ids_name_the_valid_ones() -> None:
    with pytest.raises(UnknownIdError) as caught:
        knowledge.entry("types", "matrix")
    assert "federated" in caught.value.valid
    with pytest.raises(UnknownIdError) as caught:
        knowledge.entries("frameworks")
    assert "design-factors" in caught.value.valid
