"""`opmodel export` and `opmodel import`: a model to and from the files of other tools (an
ArchiMate exchange file, Archi's CSV …), through the formats of services/exchange.py."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from opmodel.cli.common import (
    LangOption,
    fail_message,
    load_model,
    max_file_size,
    print_json,
    report_document_error,
    resolve_lang,
)
from opmodel.cli.model_writes import write_file

if TYPE_CHECKING:
    from opmodel.document.model import OperatingModel
    from opmodel.services.exchange import Exported, ImportOutcome

FormatName = Annotated[str | None, typer.Option(
    "--format", "-f", help="archimate, archi-csv or xlsx; default: from the file's extension "
                           "(.xml, .csv, .zip or a folder, .xlsx).")]


def _refuse(code: str, language: str, **params: object) -> NoReturn:
    from opmodel.knowledge.texts import Message

    fail_message(Message(code=code, params=params), language, code=2)


def _text(code: str, language: str, **params: object) -> str:
    from opmodel.knowledge.texts import render

    return render(code, params, language)


def _format(given: str | None, path: Path, language: str, several: bool) -> str:
    """The registry's format: --format, else the one the path's extension says (``several``:
    the path names a set of files, a folder or a prefix)."""
    from opmodel.services.exchange import FORMATS, format_for

    name = given or format_for(path, several)
    if name is None or name not in FORMATS:
        _refuse("exchange.format_unknown", language, file=str(path),
                formats=", ".join(FORMATS))
    return name


def _csv_prefix(out: Path) -> tuple[Path, str]:
    """The folder and the name prefix of a set of files written at ``out``: a prefix when
    the name ends in -, _ or . (``out/bank-`` → out/bank-elements.csv) or in .csv
    (``bank.csv`` → bank-elements.csv), else a folder."""
    name = out.name
    if out.is_dir() or not name.lower().endswith((".csv", "-", "_", ".")):
        return out, ""
    if name.lower().endswith(".csv"):
        name = name[:-4].removesuffix("elements")
        name += "-" if name and not name.endswith(("-", "_", ".")) else ""
    return out.parent, name


def _write_export(exported: Exported, out: Path, language: str) -> list[Path]:
    if isinstance(exported, bytes):
        write_file(out, exported, language)
        return [out]
    if out.suffix.lower() == ".zip":
        from opmodel.services.exchange import archive

        write_file(out, archive(exported), language)
        return [out]
    folder, prefix = _csv_prefix(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / f"{prefix}{name}" for name in exported]
    for path, data in zip(written, exported.values(), strict=True):
        write_file(path, data, language)
    return written


def export(
    file: Annotated[Path, typer.Argument(help="The model (YAML or JSON).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write (.xml, .xlsx, "
                                      "or for archi-csv a folder, a .zip or a name prefix).")],
    fmt: FormatName = None,
    lang: LangOption = None,
) -> None:
    """Write the model for another tool: an ArchiMate exchange file (Archi, BiZZdesign …),
    Archi's CSV files (elements, relations, properties) or an Excel workbook. The format
    follows from --out's extension unless --format is given.

    Example: opmodel export target.yaml --format archimate --out target.xml
    """
    from opmodel.services.exchange import export_model

    model, language = load_model(str(file), lang)
    name = _format(fmt, out, language, several=out.is_dir() or not out.suffix)
    written = _write_export(export_model(model, name, language), out, language)
    from opmodel.cli.common import err_console

    err_console().print(_text("exchange.exported", language, format=name,
                              files=", ".join(map(str, written))), markup=False)


def _say(outcome: ImportOutcome, language: str, into: Path | None, dry_run: bool,
         existing: OperatingModel | None) -> None:
    """The text of an import: what was read, left out and noted, and what changes."""
    from opmodel.cli.common import console
    from opmodel.knowledge.texts import label

    out = console()
    comma = "、" if language == "ja" else ", "
    counted = "{} {} 件" if language == "ja" else "{}: {}"
    read = comma.join(counted.format(label("exchange_collection", where, language), count)
                      for where, count in outcome.imported.items())
    said = _text("exchange.read", language, file=outcome.source, read=read) if read else _text(
        "exchange.read_nothing", language, file=outcome.source)
    out.print(said, markup=False)
    if outcome.skipped:
        left = comma.join(f"{kind} × {count}" for kind, count in outcome.skipped.items())
        out.print(_text("exchange.skipped", language, types=left), markup=False)
    for note in outcome.notes:
        out.print(note.text(language), markup=False)
    if outcome.changes is not None:
        out.print(_text("exchange.changes", language, count=len(outcome.changes.operations),
                        into=str(into)), markup=False)
        if dry_run and existing is not None and outcome.model is not None:
            from opmodel.cli.diff_text import render_tree
            from opmodel.services import documents

            # what would change, entity by entity, as `opmodel diff` shows it
            diffed = documents.diff(existing, outcome.model)
            out.print(render_tree(diffed, str(into), outcome.source, language), markup=True)


def import_(
    path: Annotated[Path, typer.Argument(help="The file to read: .xml (ArchiMate), .csv, .zip "
                                              "or a folder (Archi's CSV), .xlsx.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="The model to write (YAML, "
                                             "or JSON when it ends in .json); default: the "
                                             "--into model, updated in place.")] = None,
    into: Annotated[Path | None, typer.Option(
        "--into", help="Merge into this model: an entity with the same id gets the fields "
                       "read, the others are added (a workbook's sheet replaces its list).")
    ] = None,
    fmt: FormatName = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Say what would be read and changed, write nothing.")] = False,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the outcome as JSON.")] = False,
    lang: LangOption = None,
) -> None:
    """Read a model from another tool's file: the elements opmodel maps become entities, the
    others are counted by type. With --into, the entities are merged into that model and the
    changes listed (all of them with --dry-run). An Excel workbook's sheet is the whole list:
    rows keep their ids, a row taken away removes its entry, and the changes are counted per
    sheet; a wrong cell is named by sheet, row and column. Nothing is written on an error.

    Example: opmodel import model.xml --into current.yaml --out merged.yaml --dry-run
    """
    from opmodel.document import DocumentError
    from opmodel.interop.guards import read_bounded
    from opmodel.interop.table_errors import TableError
    from opmodel.services.exchange import FORMATS, import_file
    from opmodel.services.workbook_outcome import WorkbookProblems

    existing, language = load_model(str(into), lang) if into is not None else (
        None, resolve_lang(lang))
    out = out or into  # --into alone updates that model in place, as the other imports do
    if out is None and not dry_run:
        _refuse("exchange.no_out", language)
    name = _format(fmt, path, language, several=path.is_dir())
    limit = max_file_size(str(path))
    try:
        data: bytes | Path = path if FORMATS[name].several else read_bounded(path, limit)
        outcome = import_file(data, str(path), name, existing, max_bytes=limit)
    except WorkbookProblems as exc:  # each problem at its sheet, row and column
        from opmodel.cli.workbook_text import print_problems

        print_json(exc.result) if as_json else print_problems(exc.result, language)
        raise typer.Exit(1) from None
    except TableError as exc:
        fail_message(exc.message, language)
    except DocumentError as exc:
        report_document_error(exc, language, file=str(path))
        raise typer.Exit(1) from None
    if as_json:
        print_json(outcome)
    else:
        _say(outcome, language, into, dry_run, existing)
    if out is not None and not dry_run:
        from opmodel.document.io import dumps, format_of

        write_file(out, dumps(outcome.model, format_of(str(out))), language)
        if not as_json:
            from opmodel.cli.common import console

            console().print(_text("exchange.wrote", language, file=str(out)), markup=False)


def register(app: typer.Typer) -> None:
    """Add ``export`` and ``import``."""
    app.command("export")(export)
    app.command("import")(import_)
