"""`opmodel check`: run the consistency rules over a document, or list them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from opmodel.cli.common import (
    Format,
    FormatOption,
    Lang,
    LangOption,
    console,
    fail,
    load_model,
    pick,
    print_json,
    resolve_lang,
    run_use_case,
)

if TYPE_CHECKING:
    from opmodel.engines.consistency.checks import CheckResult, RuleInfo

STYLES = {"error": "red", "warning": "yellow", "info": "cyan"}


def check(
    file: Annotated[Path | None, typer.Argument(help="Model file (YAML or JSON).")] = None,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List the rules and exit.")
                          ] = False,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Run every consistency rule over the document; exit 1 when an error-severity rule fires.

    Example: opmodel check target.yaml --format json
    """
    if list_rules:
        _list(fmt, lang)
        return
    if file is None:
        fail(resolve_lang(lang), "give a model file, or --list-rules",
             "モデルファイルを指定するか、--list-rules を付けてください", code=2)
    from opmodel.cli.common import read_file_text
    from opmodel.document import DocumentError
    from opmodel.services import design

    model, language = load_model(str(file), lang)
    try:
        text: str | None = read_file_text(file)
    except DocumentError:  # read a moment ago; without the text, findings are not placed
        text = None
    result = run_use_case(file, language, design.check, model, text)
    if fmt is Format.json:
        print_json(result)
    else:
        _render(result, str(file), language)
    if not result.passed:
        raise typer.Exit(1)


def _list(fmt: Format, lang: Lang | None) -> None:
    from opmodel.services import design

    rules = design.list_rules()
    if fmt is Format.json:
        print_json(rules)
        return
    _render_rules(rules, resolve_lang(lang))


def _severity(value: str, lang: str) -> str:
    from opmodel.knowledge.texts import label

    style = STYLES[value]
    return f"[{style}]{label('severity', value, lang)}[/{style}]"


def _template(text: str) -> str:
    """A rule's message as a template people read: ``{planned:sourcing_option}`` → ``{planned}``."""
    import re

    return re.sub(r"\{(\w+):[^{}]*\}", r"{\1}", text)


def _render_rules(rules: list[RuleInfo], lang: str) -> None:
    from rich.markup import escape

    from opmodel.cli.tables import new_table
    from opmodel.knowledge.texts import label

    table = new_table(pick(lang, f"{len(rules)} consistency rules", f"整合性ルール {len(rules)} 件"),
                      *(pick(lang, en, ja) for en, ja in (
                          ("Rule", "ルール"), ("Severity", "重大度"), ("Section", "セクション"),
                          ("Message", "メッセージ"))))
    for r in rules:
        table.add_row(r.id, _severity(r.severity.value, lang), label("rule_section", r.section, lang),
                      escape(_template(r.message[lang if lang == "ja" else "en"])))
    console().print(table)


def _render(result: CheckResult, source: str, lang: str) -> None:
    from rich.markup import escape

    from opmodel.cli.tables import new_table

    out = console()
    for severity in STYLES:
        found = [f for f in result.findings if f.severity.value == severity]
        if not found:
            continue
        table = new_table(f"{_severity(severity, lang)} ({len(found)})")
        table.add_column(pick(lang, "File:line:col / path", "ファイル:行:列 / パス"), overflow="fold",
                         ratio=2)
        table.add_column(pick(lang, "Rule / message", "ルール / メッセージ"), ratio=3,
                         overflow="fold")
        for f in found:
            where = f"{source}:{f.line}:{f.column}\n" if f.line is not None else f"{source}\n"
            table.add_row(escape(where + f.path),
                          f"[bold]{f.rule}[/bold]\n{escape(f.message.text(lang))}"
                          f"\n[dim]{escape(f.message.hint(lang))}[/dim]")
        out.print(table)
    c = result.counts
    out.print(pick(lang, f"{result.rules} rules run: {c['error']} error(s), {c['warning']} "
                         f"warning(s), {c['info']} note(s).",
                   f"{result.rules} 件のルールを実行: エラー {c['error']} 件、警告 {c['warning']} 件、"
                   f"情報 {c['info']} 件。"),
              style="red" if not result.passed else "green")


def register(app: typer.Typer) -> None:
    """Add the ``check`` command."""
    app.command("check")(check)
