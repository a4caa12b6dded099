"""The ``opmodel`` command: assembles the command modules into one Typer app, and runs it with
errors (usage errors included) told in the user's language."""

from __future__ import annotations

import importlib
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from typing import Annotated, Any

import typer
from typer._click.exceptions import (  # Typer bundles its own click
    BadOptionUsage,
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)

from opmodel.cli.common import err_console, locale_lang, pick

# Each module exposes ``register(app)``; they import heavy libraries only inside commands.
COMMAND_MODULES = [
    "opmodel.cli.document_cmds",
    "opmodel.cli.assess_cmds",
    "opmodel.cli.design_cmd",
    "opmodel.cli.check_cmd",
    "opmodel.cli.change_cmds",
    "opmodel.cli.knowledge_cmd",
    "opmodel.cli.kpi_cmds",
    "opmodel.cli.survey_cmds",
    "opmodel.cli.inventory_cmds",
    "opmodel.cli.plan_cmd",
    "opmodel.cli.compare_cmd",
    "opmodel.cli.progress_cmd",
    "opmodel.cli.report_cmd",
    "opmodel.cli.schedule_cmd",
    "opmodel.cli.server_cmds",
    "opmodel.cli.tour_cmd",
    "opmodel.cli.upgrade_cmd",
]

HELP = """opmodel: design, plan and run an IT operating model (ja/en).

Example: opmodel new "Target model" --org "Example Bank" --lang en > target.yaml
"""


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("opmodel")
        except PackageNotFoundError:  # run from a source tree that was never installed
            number = "unknown"
        typer.echo(f"opmodel {number}")
        raise typer.Exit()


def _root(
    show_version: Annotated[bool, typer.Option(
        "--version", "-V", callback=_show_version, is_eager=True,
        help="Print the version and exit.")] = False,
) -> None:
    pass


def create_app() -> typer.Typer:
    """The Typer application with every command registered."""
    app = typer.Typer(
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        rich_markup_mode=None,
    )
    app.callback()(_root)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)
    return app


def walk_commands(command: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every command of a built command tree with its path (``""``, ``kpi``, ``kpi import``)."""
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from walk_commands(sub, f"{path} {name}".strip())


def use_japanese_help(command: Any) -> None:
    """Put the Japanese help texts on a built command tree, laid out by a Japanese formatter."""
    from opmodel.cli import help_ja
    from opmodel.cli.help_ja_params import PARAMS

    contexts: dict[type, type] = {}
    for path, node in walk_commands(command):
        if (text := help_ja.COMMANDS.get(path)) is not None:
            node.help = text
            node.short_help = text.split("\n\n", 1)[0]
        texts = PARAMS.get(path, {})
        for param in node.params:
            if param.name in texts:
                param.help = texts[param.name]
        base = node.context_class
        if base not in contexts:
            contexts[base] = type(f"Japanese{base.__name__}", (base,),
                                  {"formatter_class": help_ja.JapaneseHelpFormatter})
        node.context_class = contexts[base]


def help_args(command: Any, args: Sequence[str]) -> list[str] | None:
    """The arguments without a ``--lang`` given to a command group when help is asked
    (``opmodel --lang ja --help``, ``opmodel kpi --lang ja``): groups have no ``--lang``, it
    only chose the language of the help. ``None`` when nothing is dropped."""
    kept: list[str] = []
    node, i = command, 0
    while i < len(args):
        arg, commands = args[i], getattr(node, "commands", None)
        if arg == "--":
            kept.extend(args[i:])
            break
        if commands is not None and arg == "--lang" and i + 1 < len(args):
            i += 2
            continue
        if commands is not None and arg.startswith("--lang="):
            i += 1
            continue
        if commands is not None and arg in commands:
            node = commands[arg]
        kept.append(arg)
        i += 1
    asks_help = any(arg in ("-h", "--help") for arg in args) or hasattr(node, "commands")
    return kept if asks_help and len(kept) < len(args) else None


def argv_lang(args: Sequence[str]) -> str:
    """The language of ``--lang ja|en`` among the arguments, else the locale's."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else (
            arg.partition("=")[2] if arg.startswith("--lang=") else "")
        if value in ("ja", "en"):
            return value
    return locale_lang()


def argv_wants_json(args: Sequence[str]) -> bool:
    """Whether the arguments ask for ``--format json`` (also ``-f json``, ``--format=json``)."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("--format", "-f") and i + 1 < len(args) and args[i + 1] == "json":
            return True
        if arg in ("--format=json", "-fjson"):
            return True
    return False


def _clean(message: str) -> str:
    # the type checker's prefix says nothing to a user ("Value error, 'jp' is not one of ...")
    return re.sub(r"(^|: )(Value error|Assertion failed), ", r"\1", message)


def _param_hint(exc: BadParameter) -> str:
    hint: Any = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint()
    if hint is not None and not isinstance(hint, str):
        hint = " / ".join(repr(x) for x in hint)
    return str(hint or "")


# Reasons a value is refused (from the type checker), in Japanese; others stay in English.
VALUE_REASONS_JA = [
    (r"(.+) is not one of (.+?)\.?$", r"\1 は使えません。\2 のいずれかを指定してください"),
    (r"Input should be a valid integer.*", "整数を指定してください"),
    (r"Input should be a valid (number|decimal).*", "数値を指定してください"),
    (r"Input should be a valid (date|datetime).*", "日付を指定してください"),
    (r"Input should be a valid boolean.*", "true または false を指定してください"),
    (r"Input should be greater than or equal to (\S+?)\.?$", r"\1 以上の値を指定してください"),
    (r"Input should be greater than (\S+?)\.?$", r"\1 より大きい値を指定してください"),
    (r"Input should be less than or equal to (\S+?)\.?$", r"\1 以下の値を指定してください"),
    (r"Input should be less than (\S+?)\.?$", r"\1 より小さい値を指定してください"),
    (r"Path '(.+)' does not exist\.?", r"パス '\1' が存在しません"),
    (r"File '(.+)' does not exist\.?", r"ファイル '\1' が存在しません"),
    (r"Directory '(.+)' does not exist\.?", r"ディレクトリ '\1' が存在しません"),
]


def _reason_ja(reason: str) -> str:
    for pattern, replacement in VALUE_REASONS_JA:
        if re.fullmatch(pattern, reason):
            return re.sub(pattern, replacement, reason)
    return reason


def usage_message_ja(exc: UsageError) -> str:
    """The message of a usage error in Japanese, names kept; the English text when unknown."""
    english = _clean(exc.format_message())
    if isinstance(exc, MissingParameter):
        kind = {"argument": "引数", "option": "オプション"}.get(
            exc.param_type or (exc.param.param_type_name if exc.param else ""), "値")
        return f"{kind} {_param_hint(exc)} が指定されていません。"
    if isinstance(exc, BadParameter):
        return f"{_param_hint(exc)} の値が正しくありません: {_reason_ja(_clean(exc.message))}"
    if isinstance(exc, NoSuchOption):
        text = f"{exc.option_name} というオプションはありません。"
        if exc.possibilities:
            text += f"（候補: {', '.join(sorted(exc.possibilities))}）"
        return text
    if isinstance(exc, BadOptionUsage) and (
            found := re.fullmatch(r"Option '(.+)' requires an argument\.", exc.message)):
        return f"オプション '{found[1]}' には値が必要です。"
    if found := re.fullmatch(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)", exc.message):
        return f"余分な引数があります: {found[1]}"
    if found := re.fullmatch(r"No such command '(.+?)'\.?(?: Did you mean (.+)\?)?", exc.message):
        text = f"'{found[1]}' というコマンドはありません。"
        return text + (f"もしかして {found[2]} ですか？" if found[2] else "")
    return english


def _command_path(command: Any, args: Sequence[str]) -> str:
    """``opmodel kpi report`` for the arguments ``kpi report x.yaml --bad``."""
    node = command
    path = ["opmodel"]
    for arg in args:
        commands = getattr(node, "commands", None)
        if not commands or arg not in commands:
            break
        path.append(arg)
        node = commands[arg]
    return " ".join(path)


def report_usage_error(exc: UsageError, lang: str, command: str = "opmodel") -> None:
    """Print a usage error like the framework does (usage line, help hint, error), in ``lang``.

    ``command`` names the command for the help hint when the error carries no context.
    """
    if exc.ctx is not None:
        command = exc.ctx.command_path
    lines = []
    if exc.ctx is not None:
        usage = exc.ctx.get_usage()
        lines.append(usage if lang != "ja" else re.sub(r"^Usage:", "使い方:", usage))
    lines.append(pick(lang, f"Try '{command} --help' for help.",
                      f"詳しくは '{command} --help' を実行してください。"))
    lines.append(pick(lang, f"Error: {_clean(exc.format_message())}",
                      f"エラー: {usage_message_ja(exc)}"))
    typer.echo("\n".join(lines), err=True)


def main() -> None:
    """Entry point of the console script."""
    from typer.main import get_command

    args = sys.argv[1:]
    lang = argv_lang(args)
    command = get_command(create_app())
    if lang == "ja":
        use_japanese_help(command)
    try:
        # not standalone: usage errors reach us, to be told in the user's language
        code = command(args=help_args(command, args), standalone_mode=False)
    except NoArgsIsHelpError as exc:  # a bare command group: its help
        exc.show()
        sys.exit(exc.exit_code)
    except UsageError as exc:
        if argv_wants_json(args):  # standard output holds JSON, whatever happens
            message = _clean(exc.format_message()) if lang == "en" else usage_message_ja(exc)
            typer.echo(json.dumps({"error": message, "language": lang}, ensure_ascii=False,
                                  indent=2))
        report_usage_error(exc, lang, _command_path(command, args))
        sys.exit(exc.exit_code)
    except ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo(pick(lang, "Aborted!", "中断しました。"), err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug: say so plainly, keep the traceback for debugging
        if os.environ.get("OPMODEL_DEBUG"):
            raise
        err_console().print(pick(
            lang,
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in opmodel; run again with OPMODEL_DEBUG=1 for details.",
            f"内部エラー: {type(exc).__name__}: {exc}\n"
            "opmodel の不具合です。詳細は OPMODEL_DEBUG=1 を付けて再実行してください。",
        ))
        sys.exit(70)
    # a command that stops with typer.Exit(code) returns its code when not standalone
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
