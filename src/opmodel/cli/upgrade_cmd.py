"""`opmodel upgrade`: rewrite a model written for an earlier shape of the schema."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer

from opmodel.cli.common import (
    LangOption,
    err_console,
    fail,
    pick,
    read_file_text,
    report_document_error,
    resolve_lang,
)


def upgrade(
    file: Annotated[Path, typer.Argument(help="Model file (YAML or JSON) to rewrite.")],
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Write here (default: the file itself, the original kept as FILE.bak).")] = None,
    lang: LangOption = None,
) -> None:
    """Rewrite a model in today's shape: ids for cost lines, stakeholder groups declared in
    change.groups, kpis.measurements taken out. Comments in the YAML are not kept.

    Example: opmodel upgrade target.yaml --out target-new.yaml
    """
    from opmodel.document import DocumentError
    from opmodel.document.io import document_language, dumps, format_of, parse, validate_data
    from opmodel.document.locating import locate
    from opmodel.document.upgrade import upgrade_data
    from opmodel.interop.files import write_text_atomic

    try:
        text = read_file_text(file)
        data = parse(text, str(file), format_of(str(file)))
    except DocumentError as exc:
        report_document_error(exc, resolve_lang(lang, exc.language))
        raise typer.Exit(1) from None
    language = resolve_lang(lang, document_language(data))
    new, done = upgrade_data(data)
    notes = err_console()
    if not done:
        notes.print(pick(language, f"{file} is already in today's shape; nothing to do.",
                         f"{file} はすでに現在の形式です。変更はありません。"), markup=False)
        return
    for change in done:
        notes.print("- " + change.message(language), markup=False)
    try:
        model = validate_data(new, source=str(file))
        written = dumps(model, format_of(str(out or file)))
    except DocumentError as exc:  # problems the old shape did not cause: write what is there
        import json

        from pydantic_core import to_jsonable_python

        from opmodel.document.emitting import emit_yaml

        plain = to_jsonable_python(new)
        written = (emit_yaml(plain) if format_of(str(out or file)) == "yaml"
                   else json.dumps(plain, ensure_ascii=False, indent=2) + "\n")
        remaining: DocumentError | None = DocumentError(locate(exc.problems, text), str(file),
                                                        exc.language)
    else:
        remaining = None
    target = out or file
    try:
        if out is None:
            shutil.copyfile(file, f"{file}.bak")
        write_text_atomic(target, written)
    except OSError as exc:
        fail(language, f"cannot write {target}: {exc.strerror}",
             f"{target} に書き込めません: {exc.strerror}")
    notes.print(pick(language, f"Wrote {target} (comments are not kept"
                     + (f"; the original is {file}.bak)." if out is None else ")."),
                     f"{target} を書き出しました（コメントは保持されません"
                     + (f"。元のファイルは {file}.bak）。" if out is None else "）。")),
                markup=False)
    if remaining is not None:
        notes.print(pick(language, "Other problems remain; fix them next:",
                         "ほかにも問題があります。続けて修正してください:"), markup=False)
        report_document_error(remaining, language)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the ``upgrade`` command."""
    app.command("upgrade")(upgrade)
