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
    from opmodel.knowledge.catalog import UnknownIdError, get_catalog, localize

    language = resolve_lang(lang)
    catalog = get_catalog()

    def emit(data: Any) -> None:
        print_json(data if all_languages else localize(data, language))

    if topic is None:
        if output is Format.json:
            emit([{"topic": name, "title": catalog.topic(name).title.model_dump(),
                   "source": catalog.topic(name).source.model_dump(),
                   "count": len(catalog.topic(name))} for name in TOPIC_NAMES])
        else:
            view.render_overview(catalog, language)
        return
    if topic not in TOPIC_NAMES:
        choices = ", ".join(TOPIC_NAMES)
        fail(language, f"unknown topic {topic!r}; choose one of: {choices}.",
             f"トピック {topic!r} はありません。次のいずれかを指定してください: {choices}", code=2)
    collection = catalog.topic(topic)
    if entry_id is None:
        if output is Format.json:
            emit([entry.model_dump(mode="json") for entry in collection.entries])
        else:
            view.render_table(catalog, topic, language)
        return
    try:
        entry = collection.get(entry_id)
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
        emit(entry.model_dump(mode="json"))
    else:
        view.render_entry(catalog, topic, entry, language)


def register(app: typer.Typer) -> None:
    """Add the knowledge command to ``app``."""
    app.command()(knowledge)
