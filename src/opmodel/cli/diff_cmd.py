"""``opmodel diff A B``: what changed between two models, entity by entity."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from opmodel.cli.common import (
    Format,
    FormatOption,
    LangOption,
    console,
    load_model,
    print_json,
    resolve_lang,
    run_use_case,
)


def diff(
    a: Annotated[Path, typer.Argument(help="The model before (YAML or JSON).")],
    b: Annotated[Path, typer.Argument(help="The model after (YAML or JSON).")],
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Show what changed from A to B: entities added, removed and changed, field by field.

    Entities are matched by id within each collection, other list items by their key;
    order does not count as a change.

    Example: opmodel diff current.yaml target.yaml --format json
    """
    from opmodel.cli.diff_text import render_tree
    from opmodel.services import documents

    model_a, _ = load_model(str(a), lang)
    model_b, _ = load_model(str(b), lang)
    language = resolve_lang(lang, model_b.metadata.language or model_a.metadata.language)
    result = run_use_case(b, language, documents.diff, model_a, model_b)
    if fmt is Format.json:
        print_json(result)
        return
    console().print(render_tree(result, str(a), str(b), language), markup=True)


def register(app: typer.Typer) -> None:
    """Add the diff command to ``app``."""
    app.command()(diff)
