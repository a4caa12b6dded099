"""Rich rendering of the knowledge catalogue: overview, one topic as a table, one entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from opmodel.cli.common import UNCUT_WIDTH, console, pick
from opmodel.knowledge.catalog import REFERENCES, TOPICS, localize

if TYPE_CHECKING:
    from opmodel.knowledge.catalog import Entry
    from opmodel.services.knowledge import KnowledgeTopic

# Fields whose codes are named by a label kind -> that kind (labels/design.yaml).
VALUE_KINDS: dict[str, str] = {"kind": "model_type_kind", "category": "practice_category"}

# Catalog field a reference names -> the label kind of its entries' names.
NAME_KINDS: dict[str, str] = {
    "model_types": "model_type", "components": "component", "steps": "step",
    "challenges": "challenge", "decision_domains": "decision_domain",
    "archetypes": "archetype", "practices": "practice",
}

# Columns of a table that hold names of references or categories are at most this wide.
NARROW = 18

# Fields shown on the heading's line (short values and lists of codes).
INLINE = frozenset({"kind", "number", "category", "component", "commands", "sections",
                    "importance"})

# Lists whose items are numbered from 0 on a card (the answer levels 0–5), not bulleted.
NUMBERED = frozenset({"levels"})

# References a card adds to an entry's own (see card_data): (topic, field) -> Catalog field.
CARD_REFERENCES: dict[tuple[str, str], str] = {("questions", "practices"): "practices"}

# The extra columns of each topic's table, after id and name.
COLUMNS: dict[str, tuple[str, ...]] = {
    "types": ("kind", "summary"),
    "components": ("description",),
    "steps": ("number", "summary", "commands"),
    "challenges": ("summary",),
    "domains": ("description",),
    "archetypes": ("decision_rights",),
    "practices": ("category", "component", "purpose"),
    "design-factors": ("number", "description"),
    "questions": ("component", "text"),
}


def label(field: str, lang: str) -> str:
    """The heading of a field in the user's language."""
    from opmodel.knowledge.texts import label as named

    return named("knowledge_field", field, lang)


def render_overview(topics: list[KnowledgeTopic], lang: str) -> None:
    """A table of the topics with their titles and sizes."""
    from opmodel.cli.tables import new_table

    table = new_table(pick(lang, "opmodel knowledge base", "opmodel ナレッジベース"),
                      *(label(field, lang) for field in ("topic", "title", "count")))
    for info in topics:
        table.add_row(info.topic, info.title.get(lang), str(info.count))
    out = console()
    out.print(table, soft_wrap=False)
    out.print(pick(lang, "Show a topic: opmodel knowledge TOPIC [ID]",
                   "トピックの表示: opmodel knowledge トピック [ID]"))


def render_table(info: KnowledgeTopic, entries: list[Entry], lang: str) -> None:
    """One topic as a table: name with id (or the id alone), then the topic's key columns."""
    from rich.markup import escape

    from opmodel.cli.tables import new_table

    topic = info.topic
    rows = [localize(entry.model_dump(mode="json"), lang) for entry in entries]
    named = all("name" in data for data in rows)
    table = new_table(info.title.get(lang), show_lines=True)
    # an id is what people copy into documents: keep each on one line
    table.add_column(f"{label('name', lang)} / ID" if named else "ID", overflow="fold",
                     no_wrap=not named, min_width=max(len(data["id"]) for data in rows))
    for field in COLUMNS[topic]:
        # names of references and categories are short phrases: leave the width to the texts
        narrow = field in VALUE_KINDS or _reference_target(topic, field) is not None
        table.add_column(label(field, lang), overflow="fold", no_wrap=field == "number",
                         max_width=NARROW if narrow else None)
    for data in rows:
        name = (f"[bold]{escape(data['name'])}[/bold]\n[dim]{escape(data['id'])}[/dim]"
                if named else f"[bold]{escape(data['id'])}[/bold]")
        table.add_row(name, *(_cell(topic, field, data[field], lang, compact=True)
                              for field in COLUMNS[topic]))
    out = console()
    out.print(table, soft_wrap=False)
    out.print(f"{label('source', lang)}: {info.source.get(lang)}", markup=False)


def card_data(entry: Entry) -> dict[str, Any]:
    """An entry as its card shows it: its own fields; a question's evidences split into
    ITIL practices and capabilities."""
    from opmodel.knowledge.catalog import get_catalog
    from opmodel.knowledge.questions import BankQuestion

    data: dict[str, Any] = entry.model_dump(mode="json")
    if isinstance(entry, BankQuestion):
        del data["evidences"]
        data.update(get_catalog().question_evidence(entry))
    return data


def render_entry(info: KnowledgeTopic, entry: Entry, lang: str) -> None:
    """One entry in full: short values inline, texts and lists indented under a heading."""
    from rich.console import Group, RenderableType
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table

    topic = info.topic
    data = localize(card_data(entry), lang)
    parts: list[RenderableType] = []
    for field, value in data.items():
        if field in ("id", "name") or value in ([], None):
            continue
        heading = f"[bold]{escape(label(field, lang))}[/bold]"
        if field in INLINE:
            parts.append(f"{heading}: {_cell(topic, field, value, lang)}")
            continue
        body = Table.grid(padding=(0, 1))
        body.add_column(width=3, justify="right")
        body.add_column(overflow="fold")
        listed = isinstance(value, list)
        for number, item in enumerate(value if listed else [value]):
            bullet = (str(number) if field in NUMBERED else "•") if listed else ""
            body.add_row(bullet, _item(topic, field, item, lang))
        parts += [heading, body]
    # a question's text is too long for a title: it opens the card instead
    title = escape(f"{data['name']} ({entry.id})" if "name" in data else entry.id)
    out = console()
    # a card is wrapped text, nothing is cut: 100 columns when the output is not a terminal
    width = 100 if out.width >= UNCUT_WIDTH else None
    out.print(Panel(Group(*parts), title=title, title_align="left", width=width),
              soft_wrap=False)
    out.print(f"{label('source', lang)}: {info.source.get(lang)}", markup=False)


def _cell(topic: str, field: str, value: Any, lang: str, compact: bool = False) -> str:
    """A value as one line of Rich markup (lists joined by commas)."""
    if isinstance(value, list):
        return ", ".join(_item(topic, field, v, lang, compact) for v in value)
    return _item(topic, field, value, lang, compact)


def _item(topic: str, field: str, value: Any, lang: str, compact: bool = False) -> str:
    """One value as Rich markup: a reference by name, a command, an enum in words, a point."""
    from rich.markup import escape

    from opmodel.knowledge.texts import has_label
    from opmodel.knowledge.texts import label as named

    if isinstance(value, dict):  # an advantage or drawback
        return f"[bold]{escape(value['title'])}[/bold]: {escape(value['explanation'])}"
    text = f"{value:g}" if isinstance(value, float) else str(value)
    target = _reference_target(topic, field)
    if target is not None:  # by name; a card adds the id to write in documents
        name = named(NAME_KINDS[target], text, lang)
        text = name if compact else f"{name} ({text})"
    elif field == "commands":
        text = f"opmodel {text}"
    elif field in VALUE_KINDS and has_label(VALUE_KINDS[field], text):
        text = named(VALUE_KINDS[field], text, lang)
    return escape(text)


def _reference_target(topic: str, field: str) -> str | None:
    """The Catalog field named by this topic's field, when the field holds references."""
    source = TOPICS[topic]
    for collection, ref_field, target in REFERENCES:
        if collection == source and ref_field == field:
            return target
    return CARD_REFERENCES.get((topic, field))
