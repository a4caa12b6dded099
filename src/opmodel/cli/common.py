"""What every command shares: the language, loading with friendly errors, output."""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from opmodel.document import OperatingModel


class Lang(StrEnum):
    """Languages of the interface."""

    ja = "ja"
    en = "en"


class Format(StrEnum):
    """Output formats of report commands."""

    text = "text"
    json = "json"


LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", help="ja or en; default: the document's metadata.language, then the locale."),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text or json.")]


def locale_lang() -> str:
    """ja when the environment's locale is Japanese, else en."""
    for var in ("OPMODEL_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def resolve_lang(option: Lang | None, document_lang: str | None = None) -> str:
    """The language to speak: --lang, then the document's, then the locale's."""
    if option is not None:
        return option.value
    return document_lang or locale_lang()


def pick(lang: str, en: str, ja: str) -> str:
    """The text in the language in use."""
    return ja if lang == "ja" else en


_consoles: dict[tuple[bool, int, str], Console] = {}


UNCUT_WIDTH = 10_000  # columns of output that does not go to a terminal


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def _console_for(stderr: bool) -> Console:
    # One console per output stream and terminal width: a command run in-process (tests,
    # the tour) may swap sys.stdout or COLUMNS between runs, and a stale console would
    # keep writing to the old stream at the old width.
    stream = sys.stderr if stderr else sys.stdout
    key = (stderr, id(stream), os.environ.get("COLUMNS", ""))
    found = _consoles.get(key)
    if found is None:
        from opmodel.cli.wrapping import PhrasingConsole

        # no emoji codes (":100:" in "file.yaml:100:20" would become an emoji); output that
        # goes to a file or a pipe is not cut to a terminal's width (COLUMNS still decides)
        wide = not os.environ.get("COLUMNS") and not _is_terminal(stream)
        found = PhrasingConsole(stderr=stderr, highlight=False, soft_wrap=False, emoji=False,
                                width=UNCUT_WIDTH if wide else None)
        if len(_consoles) > 16:
            _consoles.clear()
        _consoles[key] = found
    return found


def console() -> Console:
    """The Rich console for standard output."""
    return _console_for(stderr=False)


def err_console() -> Console:
    """The Rich console for standard error."""
    return _console_for(stderr=True)


def fail(lang: str, en: str, ja: str, code: int = 1) -> NoReturn:
    """Print an error in the user's language and exit; under ``--format json`` also print
    ``{"error": ..., "language": ...}`` on standard output, so that a script gets JSON."""
    if requested_format() is Format.json:
        print_json({"error": pick(lang, en, ja), "language": lang})
    err_console().print(f"[red]{pick(lang, 'error', 'エラー')}:[/red] {pick(lang, en, ja)}",
                        markup=True)
    raise typer.Exit(code)


def fail_message(message: Any, lang: str, code: int = 1) -> NoReturn:
    """:func:`fail` with a :class:`opmodel.knowledge.texts.Message` and its hint."""

    def said(language: str) -> str:
        hint: str = message.hint(language)
        return str(message.text(language)) + (f" — {hint}" if hint else "")

    fail(lang, said("en"), said("ja"), code)


def date_option(text: str | None, option: str, lang: str) -> dt.date | None:
    """The date an option gives, or a usage error (exit 2) naming the option."""
    from opmodel.document.base import read_day

    if text is None:
        return None
    try:
        day = read_day(text)
    except ValueError:
        fail(lang, f"{option} '{text}': that day does not exist; check the month and the day",
             f"{option} '{text}' という日は存在しません。月と日を確認してください", code=2)
    if day is None:
        fail(lang, f"{option} '{text}' is not a date: write it as YYYY-MM-DD (or YYYY/MM/DD)",
             f"{option} '{text}' は日付ではありません。YYYY-MM-DD（または YYYY/MM/DD）で指定してください",
             code=2)
    return day


def requested_format() -> Format:
    """The ``--format`` of the command being run; text outside a command or without one."""
    from typer._click.globals import get_current_context  # Typer bundles its own click

    ctx = get_current_context(silent=True)
    if ctx is None:
        return Format.text
    for param in ctx.command.params:
        if "--format" in getattr(param, "opts", ()) and param.name:
            value = ctx.params.get(param.name)
            return Format.json if value == Format.json else Format.text
    return Format.text


def max_file_size(source: str | None = None) -> int:
    """The size limit of files read: OPMODEL_MAX_FILE_SIZE (bytes) if set, else 50 MB.

    A value that is not a positive number of bytes is refused (a DocumentError), not
    ignored: a typo must neither lift nor hide the limit.
    """
    from opmodel.document.parsing import fail
    from opmodel.interop.files import DEFAULT_MAX_BYTES

    raw = os.environ.get("OPMODEL_MAX_FILE_SIZE", "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    if not raw.isdigit() or int(raw) == 0:
        raise fail("document.max_size_setting", source, value=raw)
    return int(raw)


def read_file_text(path: str | os.PathLike[str]) -> str:
    """A file's text within the size limit (problems as a DocumentError)."""
    from opmodel.interop.files import read_text

    return read_text(path, max_bytes=max_file_size(str(path)))


def load_model(path: str, lang_option: Lang | None,
               fmt: Format | None = None) -> tuple[OperatingModel, str]:
    """Load a document, or report its problems in the user's language and exit 1.

    With ``fmt`` json (by default, the running command's ``--format``), the problems are also
    printed on standard output as one JSON object, so that a script always gets JSON.
    """
    from opmodel.document import DocumentError
    from opmodel.interop.model_files import load

    try:
        model = load(path, max_bytes=max_file_size(path))
    except DocumentError as exc:
        lang = resolve_lang(lang_option, exc.language)
        report_document_error(exc, lang, fmt, file=path)
        raise typer.Exit(1) from None
    lang = resolve_lang(lang_option, model.metadata.language.value if model.metadata.language
                        else None)
    return model, lang


def document_problems(exc: Any, lang: str, file: str | None = None) -> dict[str, Any]:
    """An invalid file as data: ``file``, ``valid``, ``language`` and its ``problems``."""
    return {
        "file": exc.source or file,
        "valid": False,
        "language": lang,
        "problems": [{**p.as_data(), "message": p.message(lang), "hint": p.hint(lang)}
                     for p in exc.problems],
    }


def report_document_error(exc: Any, lang: str, fmt: Format | None = None,
                          file: str | None = None) -> None:
    """Print every problem of a DocumentError, one per line, on standard error.

    With ``fmt`` json (by default, the running command's ``--format``), also print them on
    standard output as the JSON object of :func:`document_problems`.
    """
    if (fmt or requested_format()) is Format.json:
        print_json(document_problems(exc, lang, file))
    out = err_console()
    for problem in exc.problems:
        out.print(problem.render(lang, exc.source), markup=False)
    count = len(exc.problems)
    out.print(pick(lang, f"{count} problem(s) found.", f"{count} 件の問題が見つかりました。"),
              style="red")


def print_json(data: Any) -> None:
    """Print a result (a model, a list of models or plain data) as indented JSON on standard
    output: the same JSON the REST API returns."""
    from opmodel.services.results import to_json

    sys.stdout.write(to_json(data) + "\n")


def run_use_case(file: str | os.PathLike[str], lang: str, use_case: Any, *args: Any,
                 **kwargs: Any) -> Any:
    """Call a use case; a problem it finds in the document (a precondition, an input only it
    needs) is reported like a validation problem, placed in ``file``, and the command exits 1."""
    from opmodel.document import DocumentError
    from opmodel.document.locating import locate

    try:
        return use_case(*args, **kwargs)
    except DocumentError as exc:
        try:
            text: str | None = read_file_text(file)
        except DocumentError:
            text = None
        located = DocumentError(locate(exc.problems, text), str(file), exc.language)
        report_document_error(located, lang)
        raise typer.Exit(1) from None
