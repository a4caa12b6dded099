"""`opmodel serve | worker | db upgrade | user create | user unlock | demo load`: run the
server.

These commands start Django with the server's settings module and call its management
commands by name; the command line imports nothing of the server itself.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from opmodel.cli.common import LangOption, fail, pick, resolve_lang

SETTINGS = "opmodel.server.settings"

db_app = typer.Typer(help="The server's database.\n\nExample: opmodel db upgrade",
                     no_args_is_help=True)
user_app = typer.Typer(help="The server's users.\n\nExample: opmodel user create alice "
                            "--password-stdin", no_args_is_help=True)
demo_app = typer.Typer(help="Demo data on the server.\n\nExample: opmodel demo load "
                            "--owner alice", no_args_is_help=True)


LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def _django(lang: str, *command: str, local: bool = True) -> None:
    """Run one of the server's management commands; a setting that stops it is an error.

    ``local``: only this machine reaches the server, so it may keep its own secret.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    if local:
        os.environ.setdefault("OPMODEL_LOCAL", "1")
    try:
        import django
        from django.core.management import call_command
        from django.core.management.base import CommandError

        django.setup()
    except Exception as exc:  # ConfigError, or a database URL that is not one
        fail(lang, f"the server cannot start: {exc}", f"サーバーを起動できません: {exc}")
    from django.utils import translation

    try:
        with translation.override(lang):  # what the command says, in the user's language
            call_command(*command)
    except CommandError as exc:
        fail(lang, str(exc), str(exc))


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Web worker processes.")] = 1,
    no_job_worker: Annotated[bool, typer.Option(
        "--no-job-worker", help="Run no job worker here (run `opmodel worker` elsewhere).")] = False,
    lang: LangOption = None,
) -> None:
    """Serve the web application and the REST API, with a job worker alongside.

    Settings come from the environment: OPMODEL_DATABASE_URL, OPMODEL_SECRET_KEY,
    OPMODEL_DATA_DIR, OPMODEL_ALLOWED_HOSTS, OPMODEL_DEBUG.

    Example: opmodel serve --host 0.0.0.0 --port 8000 --workers 4
    """
    args = ["opmodel_serve", "--host", host, "--port", str(port), "--workers", str(workers)]
    _django(resolve_lang(lang), *args, *(["--no-job-worker"] if no_job_worker else []),
            local=host in LOOPBACK)


def worker(lang: LangOption = None) -> None:
    """Run a job worker: plans, simulations and other long work queued by the server.

    Example: opmodel worker
    """
    _django(resolve_lang(lang), "db_worker", "--no-reload", "--interval", "0.5")


@db_app.command("upgrade")
def db_upgrade(lang: LangOption = None) -> None:
    """Create or upgrade the server's database tables (safe to run again).

    Example: opmodel db upgrade
    """
    _django(resolve_lang(lang), "migrate", "--no-input", "--verbosity", "1")


@user_app.command("create")
def user_create(
    username: Annotated[str, typer.Argument(help="The user's name.")],
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from standard input (required).")] = False,
    email: Annotated[str, typer.Option("--email", help="E-mail address.")] = "",
    superuser: Annotated[bool, typer.Option("--superuser", help="May use the admin site.")] = False,
    update: Annotated[bool, typer.Option("--update", help="Set an existing user's password.")] = False,
    lang: LangOption = None,
) -> None:
    """Create a user of the server; the password is read from standard input.

    Example: printf '%s\\n' "$PASSWORD" | opmodel user create alice --password-stdin
    """
    language = resolve_lang(lang)
    if not password_stdin:
        fail(language, "give the password on standard input with --password-stdin",
             "パスワードは --password-stdin を付けて標準入力から渡してください", code=2)
    args = ["opmodel_user", username, "--email", email]
    _django(language, *args, *(["--superuser"] if superuser else []),
            *(["--update"] if update else []))


@user_app.command("unlock")
def user_unlock(
    username: Annotated[str, typer.Argument(help="The user's name.")],
    lang: LangOption = None,
) -> None:
    """Let a user log in again after too many failed attempts (from any address).

    Example: opmodel user unlock alice
    """
    _django(resolve_lang(lang), "opmodel_unlock", username)


@demo_app.command("load")
def demo_load(
    owner: Annotated[str, typer.Option("--owner", help="Owner of the demo workspaces (created when missing).")] = "admin",
    lang: LangOption = None,
) -> None:
    """Load the example organisations as demo workspaces, with their measurements.

    Example: opmodel demo load --owner alice
    """
    language = resolve_lang(lang)
    _django(language, "opmodel_demo", "--owner", owner)
    sys.stdout.flush()
    typer.echo(pick(language, "Log in at http://127.0.0.1:8000/ after `opmodel serve`.",
                    "`opmodel serve` の後、http://127.0.0.1:8000/ でログインしてください。"))


def register(app: typer.Typer) -> None:
    """Add the server's commands."""
    app.command("serve")(serve)
    app.command("worker")(worker)
    app.add_typer(db_app, name="db")
    app.add_typer(user_app, name="user")
    app.add_typer(demo_app, name="demo")
