"""`opmodel progress`: where a model stands on the six steps."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from opmodel.cli.common import (
    Format,
    FormatOption,
    LangOption,
    console,
    load_model,
    pick,
    print_json,
    run_use_case,
)

if TYPE_CHECKING:
    from opmodel.engines.guide.steps import Standing


def progress(
    file: Annotated[Path, typer.Argument(help="Model file (YAML or JSON).")],
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Show each of the six steps: the share done, what is missing, and its open findings.

    Example: opmodel progress target.yaml --lang ja
    """
    from opmodel.services import guide

    model, language = load_model(str(file), lang)
    result = run_use_case(file, language, guide.progress, model)
    if fmt is Format.json:
        print_json(result)
    else:
        render(result, language)


def render(result: Standing, lang: str) -> None:
    """The six steps as a table, then what to do next."""
    from rich.markup import escape

    from opmodel.cli.tables import new_table
    from opmodel.knowledge.catalog import get_catalog
    from opmodel.knowledge.texts import label
    from opmodel.knowledge.texts import render as text

    names = {s.id: s.name for s in get_catalog().steps.entries}
    share = round(result.completeness * 100)
    table = new_table(text("guide.summary", {"done": result.steps_done, "percent": share}, lang),
                      *(pick(lang, en, ja) for en, ja in (
                          ("Step", "ステップ"), ("Done", "完了"), ("Missing", "不足"),
                          ("Findings", "指摘"))))
    for step in result.steps:
        missing = [text(f"guide.check.{c.id}", {"need": c.need}, lang)
                   for c in step.checks if not c.met]
        findings = ", ".join(f"{label('severity', s.value, lang)} {n}"
                             for s, n in step.findings.items() if n)
        table.add_row(f"{step.number}. {escape(names[step.step].get(lang))}",
                      f"{step.completeness:.0%}", escape("\n".join(missing)) or "—",
                      findings or "—")
    out = console()
    out.print(table)
    if result.next_step is None:
        out.print(text("guide.all_done", {}, lang))
    else:
        step = next(s for s in result.steps if s.step == result.next_step)
        out.print(text("guide.next", {"number": step.number,
                                      "step": names[step.step].get(lang)}, lang))


def register(app: typer.Typer) -> None:
    """Add the ``progress`` command."""
    app.command("progress")(progress)
