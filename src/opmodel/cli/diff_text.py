"""Text rendering of a semantic diff: a Rich tree in ja or en, enumeration values labelled."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from opmodel.cli.common import pick

if TYPE_CHECKING:
    from pydantic import BaseModel
    from rich.tree import Tree

    from opmodel.document.diff import FieldChange, ModelDiff
    from opmodel.document.shapes import FieldShape


def _labelled(value: Any, shape: FieldShape | None, item: bool, lang: str) -> Any:
    """``value`` with every enumeration value replaced by its label; ``item``: the value is
    one list item or mapping entry of the field ``shape``, not the field's whole value."""
    from opmodel.document.shapes import label_kind
    from opmodel.knowledge.texts import label

    if value is None or shape is None:
        return value
    whole = not item and shape.container in ("list", "dict")
    if whole and isinstance(value, list):
        return [_labelled(v, shape, True, lang) for v in value]
    if whole and isinstance(value, dict):
        return {k: _labelled(v, shape, True, lang) for k, v in value.items()}
    if shape.model is not None and isinstance(value, dict):
        return _model_data(shape.model, value, lang)
    if shape.enum is not None and isinstance(value, str):
        return label(label_kind(shape.enum), value, lang)
    return value


def _model_data(cls: type[BaseModel], data: dict[str, Any], lang: str) -> dict[str, Any]:
    from opmodel.document.shapes import by_alias

    fields = by_alias(cls)
    return {k: _labelled(v, fields.get(k), False, lang) for k, v in data.items()}


def _value(value: Any) -> str:
    from rich.markup import escape

    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return escape(text if len(text) <= 80 else text[:77] + "…")


def change_line(change: FieldChange, lang: str, prefix: str = "") -> str:
    """One field change: ``~ path: before → after`` (``+`` added, ``-`` removed), the path
    written after ``prefix`` (the entity it belongs to)."""
    from rich.markup import escape

    from opmodel.document.model import OperatingModel
    from opmodel.document.paths import Key, field_at, parse_path

    parts = parse_path(change.path)
    shape, item = field_at(parts, OperatingModel), bool(parts) and isinstance(parts[-1], Key)
    before, after = (_labelled(v, shape, item, lang) for v in (change.before, change.after))
    path = escape(change.path[len(prefix):].lstrip(".") if prefix else change.path)
    if item and shape is not None and shape.ref is not None and shape.container == "list":
        # an id added to or removed from a list of references: the path says it all
        return f"[green]+[/green] {path}" if change.before is None else f"[red]-[/red] {path}"
    if change.before is None:
        return f"[green]+[/green] {path}: {_value(after)}"
    if change.after is None:
        return f"[red]-[/red] {path}: {_value(before)}"
    return f"[yellow]~[/yellow] {path}: {_value(before)} → {_value(after)}"


def render_tree(result: ModelDiff, a: str, b: str, lang: str) -> Tree:
    """The diff as a Rich tree: added, removed, changed entities, then other fields."""
    from rich.markup import escape
    from rich.tree import Tree

    from opmodel.document.paths import Key, format_path, parse_path

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
                branch.add(f"{mark} {escape(ref.collection)}: [bold]{escape(ref.id)}[/bold]"
                           f"{name}")
    if result.changed:
        branch = tree.add(f"{pick(lang, 'Changed', '変更')} ({len(result.changed)})")
        for entity in result.changed:
            name = f" ({escape(entity.name)})" if entity.name else ""
            node = branch.add(f"[yellow]~[/yellow] {escape(entity.collection)}: "
                              f"[bold]{escape(entity.id)}[/bold]{name}")
            prefix = format_path((*parse_path(entity.collection), Key(entity.id)))
            for change in entity.changes:
                node.add(change_line(change, lang, prefix))
    if result.fields:
        branch = tree.add(f"{pick(lang, 'Other fields', 'その他の項目')} ({len(result.fields)})")
        for change in result.fields:
            branch.add(change_line(change, lang))
    return tree
