"""The ``opmodel`` command: assembles the command modules into one Typer app."""

from __future__ import annotations

import importlib
import os
import sys

import typer

from opmodel.cli.common import CommandError, err_console, locale_lang, pick

# Each module exposes ``register(app)``; they import heavy libraries only inside commands.
COMMAND_MODULES = [
    "opmodel.cli.document_cmds",
    "opmodel.cli.assess_cmds",
    "opmodel.cli.design_cmd",
    "opmodel.cli.check_cmd",
    "opmodel.cli.change_cmds",
    "opmodel.cli.knowledge_cmd",
    "opmodel.cli.kpi_cmds",
    "opmodel.cli.plan_cmd",
    "opmodel.cli.schedule_cmd",
    "opmodel.cli.tour_cmd",
]

HELP = """opmodel: design, plan and run an IT operating model (ja/en).

Example: opmodel new "Target model" --org "Example Bank" --lang en > target.yaml
"""


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
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)
    return app


def main() -> None:
    """Entry point of the console script."""
    app = create_app()
    try:
        app()
    except CommandError as exc:
        lang = locale_lang()
        err_console().print(f"{pick(lang, 'error', 'エラー')}: {pick(lang, exc.en, exc.ja)}")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug: say so plainly, keep the traceback for debugging
        if os.environ.get("OPMODEL_DEBUG"):
            raise
        lang = locale_lang()
        err_console().print(pick(
            lang,
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in opmodel; run again with OPMODEL_DEBUG=1 for details.",
            f"内部エラー: {type(exc).__name__}: {exc}\n"
            "opmodel の不具合です。詳細は OPMODEL_DEBUG=1 を付けて再実行してください。",
        ))
        sys.exit(70)


if __name__ == "__main__":
    main()
