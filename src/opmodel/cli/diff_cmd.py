"""``opmodel diff A B``: what changed between two models, entity by entity."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from opmodel.cli.common import (
    Format,
    FormatOption,
    LangOption,
    console,
    load_model,
    pick,
    print_json,
    resolve_lang,
)

if TYPE_CHECKING:
    from rich.tree import Tree

    from opmodel.document.diff import FieldChange, ModelDiff


def _value(value: Any) -> str:
    from rich.markup import escape

    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return escape(text if len(text) <= 80 else text[:77] + "…")


def _change_line(change: FieldChange, prefix: str = "") -> str:
    from rich.markup import escape

    path = escape(change.path[len(prefix):].lstrip(".") if prefix else change.path)
    if change.before is None:
        return f"[green]+[/green] {path}: {_value(change.after)}"
    if change.after is None:
        return f"[red]-[/red] {path}: {_value(change.before)}"
    return f"[yellow]~[/yellow] {path}: {_value(change.before)} → {_value(change.after)}"


def render_tree(result: ModelDiff, a: str, b: str, lang: str) -> Tree:
    """The diff as a Rich tree: added, removed, changed entities, then other fields."""
    from rich.markup import escape
    from rich.tree import Tree

    tree = Tree(f"[bold]{escape(a)} → {escape(b)}[/bold]")
    if result.empty:
        tree.add(pick(lang, "no differences", "差分はありません"))
        return tree
    for items, en, ja, mark in ((result.added, "Added", "追加", "[green]+[/green]"),
                                (result.removed, "Removed", "削除", "[red]-[/red]")):
        if items:
            branch = tree.add(f"{pick(lang, en, ja)} ({len(items)})")
            for ref in items:
                name = f" ({escape(ref.name)})" if ref.name else ""
                branch.add(f"{mark} {ref.collection}: [bold]{ref.id}[/bold]{name}")
    if result.changed:
        branch = tree.add(f"{pick(lang, 'Changed', '変更')} ({len(result.changed)})")
        for entity in result.changed:
            name = f" ({escape(entity.name)})" if entity.name else ""
            node = branch.add(f"[yellow]~[/yellow] {entity.collection}: "
                              f"[bold]{entity.id}[/bold]{name}")
            prefix = f"{entity.collection}[{entity.id}]"
            for change in entity.changes:
                node.add(_change_line(change, prefix))
    if result.fields:
        branch = tree.add(f"{pick(lang, 'Other fields', 'その他の項目')} ({len(result.fields)})")
        for change in result.fields:
            branch.add(_change_line(change))
    return tree


def diff(
    a: Annotated[Path, typer.Argument(help="The model before (YAML or JSON).")],
    b: Annotated[Path, typer.Argument(help="The model after (YAML or JSON).")],
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Show what changed from A to B: entities added, removed and changed, field by field.

    Entities are matched by id within each collection; order does not count as a change.

    Example: opmodel diff current.yaml target.yaml --format json
    """
    from opmodel.document.diff import diff_models

    model_a, _ = load_model(str(a), lang)
    model_b, _ = load_model(str(b), lang)
    language = resolve_lang(lang, model_b.metadata.language or model_a.metadata.language)
    result = diff_models(model_a, model_b)
    if fmt is Format.json:
        print_json(result)
        return
    console().print(render_tree(result, str(a), str(b), language), markup=True)


def register(app: typer.Typer) -> None:
    """Add the diff command to ``app``."""
    app.command()(diff)
