"""`opmodel knowledge`: overview, topics and entries in ja/en, text and json, bad input."""

from __future__ import annotations

import json

import pytest

from opmodel.cli.knowledge_cmd import TOPIC_NAMES
from opmodel.knowledge.catalog import TOPICS, Entry, get_catalog
from opmodel.knowledge.questions import BankQuestion, question_bank
from support.cli import Run, run


def knowledge(*args: str) -> Run:
    """``opmodel knowledge ARGS`` on a terminal 120 columns wide."""
    return run("knowledge", *args, env={"COLUMNS": "120"})


def title(entry: Entry, lang: str) -> str:
    """What a table shows of an entry besides its id: its name, or a question's text."""
    return (entry.text if isinstance(entry, BankQuestion) else entry.name).get(lang)


def test_the_command_knows_every_catalogue_topic() -> None:
    assert tuple(TOPICS) == TOPIC_NAMES


def test_overview_lists_every_topic_with_its_count() -> None:
    code, out, _ = knowledge("--lang", "en")
    assert code == 0
    catalog = get_catalog()
    for topic in TOPIC_NAMES:
        assert topic in out
        assert catalog.topic(topic).title.en in out


def test_overview_in_json_has_counts() -> None:
    code, out, _ = knowledge("--format", "json", "--lang", "ja")
    assert code == 0
    counts = {row["topic"]: row["count"] for row in json.loads(out)}
    assert counts["practices"] == 34 and counts["types"] == 5 and counts["questions"] == 63
    assert json.loads(out)[0]["title"] == "IT運用モデルの類型"


@pytest.mark.parametrize("topic", TOPIC_NAMES)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_topic_lists_its_entries_in_each_language(topic: str, lang: str) -> None:
    code, out, _ = knowledge(topic, "--lang", lang)
    assert code == 0
    for entry in get_catalog().topic(topic).entries:
        assert entry.id in out
        # Rich may wrap a long name over two lines; its first word is always intact.
        assert title(entry, lang).split()[0][:6] in out


def test_one_entry_in_japanese_text() -> None:
    code, out, _ = knowledge("types", "federated", "--lang", "ja")
    assert code == 0
    assert "フェデレーテッド型" in out and "デメリット" in out and "役割分担の曖昧さ" in out
    assert "Drawbacks" not in out


def test_one_entry_in_english_text_names_its_references() -> None:
    code, out, _ = knowledge("components", "sourcing", "--lang", "en")
    assert code == 0
    assert "Supplier management (supplier-management)" in out
    assert "IT investment and prioritisation (it-investment)" in out


def test_steps_name_the_commands_that_support_them() -> None:
    code, out, _ = knowledge("steps", "assess", "--lang", "en")
    assert code == 0 and "opmodel assess" in out


def test_json_of_one_entry_is_flattened_to_the_chosen_language() -> None:
    code, out, _ = knowledge("types", "platform", "--format", "json", "--lang", "en")
    assert code == 0
    data = json.loads(out)
    assert data["name"] == "Platform" and data["kind"] == "structure"
    assert "maturity-gap" in [d["id"] for d in data["drawbacks"]]
    assert all(isinstance(text, str) for text in data["characteristics"])


def test_json_of_a_topic_in_japanese() -> None:
    code, out, _ = knowledge("practices", "-f", "json", "--lang", "ja")
    assert code == 0
    data = json.loads(out)
    assert len(data) == 34
    incident = next(p for p in data if p["id"] == "incident-management")
    assert incident["name"] == "インシデント管理" and incident["component"] == "process"


def test_json_with_all_languages_keeps_both() -> None:
    code, out, _ = knowledge("domains", "it-investment", "--format", "json", "--all-languages")
    assert code == 0
    assert json.loads(out)["name"] == {"ja": "IT投資と優先順位づけ",
                                       "en": "IT investment and prioritisation"}


def test_unknown_id_lists_the_valid_ids_in_the_users_language() -> None:
    code, _, err = knowledge("types", "matrix", "--lang", "ja")
    assert code == 1
    assert "matrix" in err and "有効な ID" in err and "federated" in err
    code, _, err = knowledge("archetypes", "monarchy", "--lang", "en")
    assert code == 1
    assert "valid ids" in err and "it-monarchy" in err
    assert "…" not in err  # six archetypes: every id is listed


def test_unknown_id_in_a_long_topic_leads_with_the_nearest_ids() -> None:
    code, _, err = knowledge("practices", "incident", "--lang", "en")
    assert code == 1
    assert "valid ids: incident-management," in err
    assert "all 34: opmodel knowledge practices" in err
    assert "service-desk" not in err  # not near, and beyond the few shown


def test_unknown_topic_is_a_usage_error_listing_the_topics() -> None:
    code, out, err = knowledge("frameworks", "--lang", "en")
    assert code == 2
    assert "unknown topic 'frameworks'" in err and "design-factors" in err
    assert out == ""
    code, _, err = knowledge("frameworks", "--lang", "ja")
    assert code == 2 and "トピック" in err


def test_help_ends_with_an_example() -> None:
    code, out, _ = run("knowledge", "--help")
    assert code == 0
    assert "Example: opmodel knowledge" in out


def test_language_defaults_to_the_locale() -> None:
    ja = run("knowledge", "challenges", env={"OPMODEL_LANG": "ja_JP.UTF-8"}).out
    en = run("knowledge", "challenges", env={"OPMODEL_LANG": "en_US.UTF-8"}).out
    assert "組織内の抵抗" in ja and "Resistance to change" not in ja
    assert "Resistance to change" in en and "組織内の抵抗" not in en


def test_docs_cover_every_topic_option_and_file() -> None:
    from pathlib import Path

    import typer.main

    from opmodel.cli.app import create_app
    from opmodel.knowledge.catalog import FILES

    docs = (Path(__file__).parents[2] / "docs" / "knowledge.md").read_text(encoding="utf-8")
    for topic in TOPIC_NAMES:
        assert f"`{topic}`" in docs, topic
    for file, _ in FILES.values():
        assert f"`{file}.yaml`" in docs, file
    command = typer.main.get_command(create_app()).commands["knowledge"]
    options = [o for param in command.params for o in param.opts if o.startswith("--")]
    assert "--all-languages" in options
    for option in options:
        if option != "--help":
            assert option in docs, option


# --- the assessment question bank -----------------------------------------------------------

def test_questions_table_lists_id_component_and_text_in_english() -> None:
    code, out, _ = knowledge("questions", "--lang", "en")
    assert code == 0
    assert "Current-state assessment question bank" in out
    assert "Question" in out and "Component" in out
    for question in question_bank().questions:
        assert question.id in out
    assert "Is there an IT strategy derived from the business strategy?" in out
    assert "sourcing" in out and "technology" in out


def test_questions_table_in_japanese() -> None:
    code, out, _ = knowledge("questions", "--lang", "ja")
    assert code == 0
    assert "現状アセスメントの設問バンク" in out and "設問" in out and "構成要素" in out
    assert "事業戦略から導かれた IT 戦略はありますか。" in out
    assert "Is there an IT strategy" not in out


def test_one_question_in_full_in_english() -> None:
    code, out, _ = knowledge("questions", "gov-it-strategy", "--lang", "en")
    assert code == 0
    question = question_bank().by_id()["gov-it-strategy"]
    assert "gov-it-strategy" in out and question.text.en in out
    assert "Governance and decision structure (governance)" in out
    assert "Strategy management (strategy-management)" in out
    lines = out.splitlines()
    for level, text in enumerate(question.levels):
        # each level on its own line, numbered 0 to 5
        assert any(f" {level} {text.en[:40]}" in line for line in lines), level


def test_one_question_in_full_in_japanese_shows_practices_and_capabilities() -> None:
    code, out, _ = knowledge("questions", "gov-decision-rights", "--lang", "ja")
    assert code == 0
    question = question_bank().by_id()["gov-decision-rights"]
    assert question.text.ja in out and "レベル" in out
    for text in question.levels:
        assert text.ja[:15] in out
    assert "戦略管理 (strategy-management)" in out
    assert "ケイパビリティ" in out and "decision-rights" in out
    assert "Levels" not in out and "Capabilities" not in out


def test_questions_in_json_are_the_bank_in_the_chosen_language() -> None:
    code, out, _ = knowledge("questions", "--format", "json", "--lang", "ja")
    assert code == 0
    data = json.loads(out)
    assert [q["id"] for q in data] == [q.id for q in question_bank().questions]
    assert all(sum(q["component"] == c for q in data) >= 12
               for c in ("governance", "organization", "process", "technology", "sourcing"))
    strategy = next(q for q in data if q["id"] == "gov-it-strategy")
    assert strategy["text"] == "事業戦略から導かれた IT 戦略はありますか。"
    assert len(strategy["levels"]) == 6 and all(isinstance(t, str) for t in strategy["levels"])
    assert strategy["evidences"] == ["strategy-management"]


def test_one_question_in_json_with_all_languages() -> None:
    code, out, _ = knowledge("questions", "gov-it-strategy", "-f", "json", "--all-languages")
    assert code == 0
    data = json.loads(out)
    assert data["text"] == {"ja": "事業戦略から導かれた IT 戦略はありますか。",
                            "en": "Is there an IT strategy derived from the business strategy?"}
    assert data["levels"][0]["en"] == "There is no IT strategy, written or spoken."
    assert data["importance"] == 1.5


@pytest.mark.parametrize(("lang", "said"), [("en", "valid ids: gov-it-strategy,"),
                                            ("ja", "有効な ID: gov-it-strategy,")])
def test_an_unknown_question_names_the_nearest_ids(lang: str, said: str) -> None:
    code, out, err = knowledge("questions", "gov-strategy", "--lang", lang)
    assert code == 1 and out == ""
    assert "gov-strategy" in err and said in err
    assert "opmodel knowledge questions" in err and str(len(question_bank().questions)) in err
    assert "Traceback" not in err


def test_an_unknown_question_in_json_mode_is_a_json_error() -> None:
    code, out, _ = knowledge("questions", "nope", "--format", "json", "--lang", "en")
    assert code == 1
    assert "questions has no entry 'nope'" in json.loads(out)["error"]


def test_japanese_tables_name_components_and_categories() -> None:
    import re

    code, out, _ = knowledge("practices", "--lang", "ja")
    assert code == 0 and "一般マネジメント" in out and "組織体制" in out
    for raw in ("general", "service", "technical", "process", "governance", "organization"):
        assert not re.search(rf"│ {raw} ", out), raw
