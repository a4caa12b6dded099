"""Writing what a command made: a file written atomically or a plain reason why not, and what
the spreadsheet imports into a model (`survey import`, `inventory import`) do alike once
their use case has answered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import typer

from opmodel.cli.common import Format, fail, pick, print_json


def cannot_write(out: Path, exc: OSError, language: str) -> NoReturn:
    """Stop, saying in the user's language why ``out`` cannot be written."""
    reason = exc.strerror or str(exc)
    fail(language, f"cannot write {out}: {reason}", f"{out} に書き込めません: {reason}")


def write_file(out: Path, content: str | bytes, language: str) -> None:
    """Write ``content`` (text, or a binary file's bytes) to ``out`` atomically, or say
    plainly why it cannot be written."""
    from opmodel.interop.files import write_bytes_atomic, write_text_atomic

    try:
        if isinstance(content, bytes):
            write_bytes_atomic(out, content)
        else:
            write_text_atomic(out, content)
    except OSError as exc:
        cannot_write(out, exc, language)


def refuse_folder(out: Path, language: str, kind: str = ".xlsx") -> None:
    """Stop (a usage error) when ``out``, the ``kind`` file to write, is a folder."""
    if out.is_dir():
        fail(language, f"--out {out} is a folder; give the {kind} file to write",
             f"--out {out} はフォルダーです。書き出す {kind} ファイルを指定してください", code=2)


def finish_import(result: Any, target: Path, fmt: Format, language: str,
                  summary: Callable[[], str], *, write: bool = True) -> None:
    """After a spreadsheet import: the model written to ``target`` (only when the import had
    no problem, and ``write``), then the result as JSON, or each row problem and what was
    written (the line ``summary`` gives); exit 1 when there were problems."""
    from opmodel.cli.common import console
    from opmodel.cli.kpi_text import print_row_issues
    from opmodel.document.io import dumps, format_of

    if result.model is not None and write:
        write_file(target, dumps(result.model, format_of(str(target))), language)
    if fmt is Format.json:
        print_json(result)
    else:
        out = console()
        print_row_issues(result.source, result.issues, language)
        if result.issues:
            out.print(pick(language, f"{len(result.issues)} problem(s); nothing was written. "
                                     "Fix them and import again.",
                           f"{len(result.issues)} 件の問題があるため、何も書き込んでいません。"
                           "修正してからもう一度取り込んでください。"), markup=False)
        elif write:
            out.print(summary(), markup=False)
        else:
            out.print(pick(language, "No problem found; nothing was written (--dry-run).",
                           "問題はありません。--dry-run のため何も書き込んでいません。"),
                      markup=False)
    if result.issues:
        raise typer.Exit(1)
