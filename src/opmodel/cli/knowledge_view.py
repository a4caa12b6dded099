"""Rich rendering of the knowledge catalogue: overview, one topic as a table, one entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from opmodel.cli.common import UNCUT_WIDTH, console, pick
from opmodel.knowledge.catalog import REFERENCES, TOPICS, Catalog, localize

if TYPE_CHECKING:
    from opmodel.knowledge.catalog import Entry

# Field name -> (English label, Japanese label).
LABELS: dict[str, tuple[str, str]] = {
    "id": ("ID", "ID"),
    "name": ("Name", "名称"),
    "kind": ("Kind", "区分"),
    "summary": ("Summary", "概要"),
    "characteristics": ("Characteristics", "特徴"),
    "target_organisations": ("Suits", "対象となる組織"),
    "examples": ("Examples", "導入例"),
    "advantages": ("Advantages", "メリット"),
    "drawbacks": ("Drawbacks", "デメリット"),
    "description": ("Description", "説明"),
    "decides": ("What it decides", "決めること"),
    "practices": ("Key ITIL practices", "主なITILプラクティス"),
    "decision_domains": ("Decision domains", "意思決定領域"),
    "number": ("No.", "番号"),
    "activities": ("Activities", "主な活動"),
    "inputs": ("Inputs", "インプット"),
    "outputs": ("Outputs", "アウトプット"),
    "commands": ("opmodel commands", "対応する opmodel コマンド"),
    "sections": ("Document sections", "文書のセクション"),
    "causes": ("Causes", "主な原因"),
    "mitigations": ("Mitigations", "対策"),
    "steps": ("Steps", "関係するステップ"),
    "key_questions": ("Key questions", "主な論点"),
    "decision_rights": ("Decision rights", "意思決定権限"),
    "typical_domains": ("Typical for", "よく用いられる領域"),
    "model_types": ("Common in", "多く見られるモデル"),
    "category": ("Category", "分類"),
    "component": ("Component", "構成要素"),
    "purpose": ("Purpose", "目的"),
    "example_values": ("Example values", "値の例"),
    "count": ("Entries", "件数"),
    "topic": ("Topic", "トピック"),
    "title": ("Title", "タイトル"),
    "source": ("Source", "出典"),
    "text": ("Question", "設問"),
    "importance": ("Weight in its component", "構成要素内の重み"),
    "levels": ("Levels (what you observe)", "レベル（観察される状態）"),
    "capabilities": ("Capabilities", "ケイパビリティ"),
}

# Enum values shown to people -> (English, Japanese).
VALUES: dict[str, tuple[str, str]] = {
    "structure": ("structure", "組織構造"),
    "sourcing": ("sourcing stance", "調達方針"),
    "general": ("general management", "一般マネジメント"),
    "service": ("service management", "サービスマネジメント"),
    "technical": ("technical management", "技術マネジメント"),
}

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
    en, ja = LABELS.get(field, (field, field))
    return pick(lang, en, ja)


def render_overview(catalog: Catalog, lang: str) -> None:
    """A table of the topics with their titles and sizes."""
    from rich.table import Table

    table = Table(title=pick(lang, "opmodel knowledge base", "opmodel ナレッジベース"))
    for field in ("topic", "title", "count"):
        table.add_column(label(field, lang), overflow="fold")
    for topic in TOPICS:
        collection = catalog.topic(topic)
        table.add_row(topic, collection.title.get(lang), str(len(collection)))
    out = console()
    out.print(table, soft_wrap=False)
    out.print(pick(lang, "Show a topic: opmodel knowledge TOPIC [ID]",
                   "トピックの表示: opmodel knowledge トピック [ID]"))


def render_table(catalog: Catalog, topic: str, lang: str) -> None:
    """One topic as a table: name with id (or the id alone), then the topic's key columns."""
    from rich.markup import escape
    from rich.table import Table

    collection = catalog.topic(topic)
    rows = [localize(entry.model_dump(mode="json"), lang) for entry in collection.entries]
    named = all("name" in data for data in rows)
    table = Table(title=collection.title.get(lang), show_lines=True)
    table.add_column(f"{label('name', lang)} / ID" if named else "ID", overflow="fold",
                     no_wrap=not named)
    for field in COLUMNS[topic]:
        table.add_column(label(field, lang), overflow="fold", no_wrap=field == "number")
    for data in rows:
        name = (f"[bold]{escape(data['name'])}[/bold]\n[dim]{escape(data['id'])}[/dim]"
                if named else f"[bold]{escape(data['id'])}[/bold]")
        table.add_row(name, *(_cell(catalog, topic, field, data[field], lang, compact=True)
                              for field in COLUMNS[topic]))
    out = console()
    out.print(table, soft_wrap=False)
    out.print(f"{label('source', lang)}: {collection.source.get(lang)}", markup=False)


def card_data(catalog: Catalog, entry: Entry) -> dict[str, Any]:
    """An entry as its card shows it: its own fields; a question's evidences split into
    ITIL practices and capabilities."""
    from opmodel.knowledge.questions import BankQuestion

    data: dict[str, Any] = entry.model_dump(mode="json")
    if isinstance(entry, BankQuestion):
        del data["evidences"]
        data.update(catalog.question_evidence(entry))
    return data


def render_entry(catalog: Catalog, topic: str, entry: Entry, lang: str) -> None:
    """One entry in full: short values inline, texts and lists indented under a heading."""
    from rich.console import Group, RenderableType
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table

    data = localize(card_data(catalog, entry), lang)
    parts: list[RenderableType] = []
    for field, value in data.items():
        if field in ("id", "name") or value in ([], None):
            continue
        heading = f"[bold]{escape(label(field, lang))}[/bold]"
        if field in INLINE:
            parts.append(f"{heading}: {_cell(catalog, topic, field, value, lang)}")
            continue
        body = Table.grid(padding=(0, 1))
        body.add_column(width=3, justify="right")
        body.add_column(overflow="fold")
        listed = isinstance(value, list)
        for number, item in enumerate(value if listed else [value]):
            bullet = (str(number) if field in NUMBERED else "•") if listed else ""
            body.add_row(bullet, _item(catalog, topic, field, item, lang))
        parts += [heading, body]
    # a question's text is too long for a title: it opens the card instead
    title = escape(f"{data['name']} ({entry.id})" if "name" in data else entry.id)
    out = console()
    # a card is wrapped text, nothing is cut: 100 columns when the output is not a terminal
    width = 100 if out.width >= UNCUT_WIDTH else None
    out.print(Panel(Group(*parts), title=title, title_align="left", width=width),
              soft_wrap=False)
    out.print(f"{label('source', lang)}: {catalog.topic(topic).source.get(lang)}", markup=False)


def _cell(catalog: Catalog, topic: str, field: str, value: Any, lang: str,
          compact: bool = False) -> str:
    """A value as one line of Rich markup (lists joined by commas)."""
    if isinstance(value, list):
        return ", ".join(_item(catalog, topic, field, v, lang, compact) for v in value)
    return _item(catalog, topic, field, value, lang, compact)


def _item(catalog: Catalog, topic: str, field: str, value: Any, lang: str,
          compact: bool = False) -> str:
    """One value as Rich markup: a reference by name, a command, an enum in words, a point."""
    from rich.markup import escape

    if isinstance(value, dict):  # an advantage or drawback
        return f"[bold]{escape(value['title'])}[/bold]: {escape(value['explanation'])}"
    text = f"{value:g}" if isinstance(value, float) else str(value)
    target = _reference_target(topic, field)
    if target is not None and not compact:
        text = f"{getattr(catalog, target).get(text).name.get(lang)} ({text})"
    elif field == "commands":
        text = f"opmodel {text}"
    elif text in VALUES and field in ("kind", "category"):
        text = pick(lang, *VALUES[text])
    return escape(text)


def _reference_target(topic: str, field: str) -> str | None:
    """The Catalog field named by this topic's field, when the field holds references."""
    source = TOPICS[topic]
    for collection, ref_field, target in REFERENCES:
        if collection == source and ref_field == field:
            return target
    return CARD_REFERENCES.get((topic, field))
