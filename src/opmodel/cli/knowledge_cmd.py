"""The ``opmodel knowledge`` command: browse the reference catalogue in ja or en."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from opmodel.cli.common import Format, FormatOption, LangOption, fail, print_json, resolve_lang

# Kept here (not imported from the catalogue) so that building the CLI stays instant.
TOPIC_NAMES = ("types", "components", "steps", "challenges", "domains", "archetypes",
               "practices", "design-factors", "questions")

# How many ids an unknown-id error lists, the nearest first.
SHOWN_IDS = 8


def knowledge(
    topic: Annotated[str | None, typer.Argument(
        metavar="TOPIC", help=f"One of: {', '.join(TOPIC_NAMES)}. Leave out for an overview.",
        show_default=False)] = None,
    entry_id: Annotated[str | None, typer.Argument(
        metavar="ID", help="Show one entry in full, e.g. 'federated' or 'gov-it-strategy'.",
        show_default=False)] = None,
    lang: LangOption = None,
    output: FormatOption = Format.text,
    all_languages: Annotated[bool, typer.Option(
        "--all-languages", help="With --format json: keep every text as {ja, en}.")] = False,
) -> None:
    """Browse the knowledge base: model types, components, steps, challenges, Weill & Ross
    decision domains and archetypes, ITIL 4 practices, COBIT 2019 design factors and the
    assessment question bank (the ids that assessment answers name).

    --format json prints the entries with their texts in the chosen language;
    add --all-languages to keep both languages as {"ja": ..., "en": ...}.

    Example: opmodel knowledge types federated --lang ja
    """
    from opmodel.cli import knowledge_view as view
    from opmodel.knowledge.catalog import UnknownIdError, localize
    from opmodel.services import knowledge as use_cases
    from opmodel.services.results import to_data

    language = resolve_lang(lang)

    def emit(result: Any) -> None:
        # the use case's result keeps both languages; by default the edge picks one
        print_json(result if all_languages else localize(to_data(result), language))

    if topic is None:
        topics = use_cases.topics()
        if output is Format.json:
            emit(topics)
        else:
            view.render_overview(topics, language)
        return
    if topic not in TOPIC_NAMES:
        choices = ", ".join(TOPIC_NAMES)
        fail(language, f"unknown topic {topic!r}; choose one of: {choices}.",
             f"トピック {topic!r} はありません。次のいずれかを指定してください: {choices}", code=2)
    info = use_cases.topic(topic)
    if entry_id is None:
        entries = use_cases.entries(topic)
        if output is Format.json:
            emit(entries)
        else:
            view.render_table(info, entries, language)
        return
    try:
        entry = use_cases.entry(topic, entry_id)
    except UnknownIdError as exc:
        from opmodel.document.messages import nearest_ids

        # ids that contain what was typed ('incident') come right after the closest spellings
        ordered = sorted(exc.valid, key=lambda ident: entry_id not in ident)
        valid = nearest_ids(entry_id, ordered, SHOWN_IDS)
        more_en = more_ja = ""
        if len(exc.valid) > SHOWN_IDS:
            more_en = f" (all {len(exc.valid)}: opmodel knowledge {topic})"
            more_ja = f"（全 {len(exc.valid)} 件: opmodel knowledge {topic}）"
        fail(language, f"{topic} has no entry {entry_id!r}; valid ids: {valid}{more_en}.",
             f"{topic} に ID {entry_id!r} はありません。有効な ID: {valid}{more_ja}")
    if output is Format.json:
        emit(entry)
    else:
        view.render_entry(info, entry, language)


def register(app: typer.Typer) -> None:
    """Add the knowledge command to ``app``."""
    app.command()(knowledge)
