"""`opmodel design`: the governance matrix, sourcing per capability and the TIME table."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from opmodel.cli.common import (
    Format,
    FormatOption,
    LangOption,
    load_model,
    print_json,
    run_use_case,
)


def design(
    file: Annotated[Path, typer.Argument(help="Model file (YAML or JSON).")],
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Review the design: decision rights and archetypes, sourcing advice, TIME dispositions.

    Example: opmodel design target.yaml --lang ja
    """
    from opmodel.services import design as use_cases

    model, language = load_model(str(file), lang)
    result = run_use_case(file, language, use_cases.review, model)
    if fmt is Format.json:
        print_json(result)
        return
    from opmodel.cli import design_text

    design_text.render_review(result, language)


def register(app: typer.Typer) -> None:
    """Add the ``design`` command."""
    app.command("design")(design)
