"""`opmodel inventory …`: applications, vendors, contracts, service levels and capabilities
from spreadsheets (ours, or a tool's export read as a column dialect) into the model, and the
blank inventory (XLSX, a drop-down per column of choices) to fill in."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from opmodel.cli.common import (
    Format,
    FormatOption,
    LangOption,
    fail,
    fail_message,
    load_model,
    pick,
    resolve_lang,
    run_use_case,
)
from opmodel.cli.inventory_text import TITLES, summary
from opmodel.cli.model_writes import cannot_write, finish_import, refuse_folder

inventory_app = typer.Typer(help="Applications, vendors, contracts, service levels and "
                            "capabilities from spreadsheets (ours, or a LeanIX or ServiceNow "
                            "export), and the blank inventory to fill in.\n\n"
                            "Example: opmodel inventory import apps.xlsx --into current.yaml "
                            "--kind applications", no_args_is_help=True)


class Kind(StrEnum):
    """The inventories a sheet can fill."""

    applications = "applications"
    vendors = "vendors"
    contracts = "contracts"
    service_levels = "service-levels"
    capabilities = "capabilities"


class Tool(StrEnum):
    """The tools whose exports are read as a column dialect."""

    leanix = "leanix"
    servicenow = "servicenow"


_KIND_HELP = "Which inventory: applications, vendors, contracts, service-levels or capabilities."
KindOption = Annotated[Kind, typer.Option("--kind", help=_KIND_HELP)]


def _kind(kind: Kind | None) -> str | None:
    return kind.value.replace("-", "_") if kind else None


@inventory_app.command("import")
def import_(
    table: Annotated[Path, typer.Argument(help="The inventory: a .csv (UTF-8, BOM or CP932) or "
                                               ".xlsx file, a row per entry.")],
    into: Annotated[Path, typer.Option("--into", help="The model to write the entries into.")],
    kind: Annotated[Kind | None, typer.Option(
        "--kind", help=_KIND_HELP + " Needed unless --from tells it.")] = None,
    tool: Annotated[Tool | None, typer.Option(
        "--from", help="Read a tool's export: leanix (a sheet per fact-sheet type) or "
                       "servicenow (cmdb_ci_business_app).")] = None,
    mapping: Annotated[Path | None, typer.Option(
        "--mapping", help="YAML: our field → their column, overriding the automatic match.")
    ] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Show the match and the counts; write nothing.")] = False,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Write the model here instead of over --into.")] = None,
    sheet: Annotated[str | None, typer.Option(
        "--sheet", help="XLSX sheet (default: the first; with --from, every sheet).")] = None,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Read an inventory from a spreadsheet into the model, showing first which column feeds
    which field: a row whose id is in the model updates it (an empty cell clears its
    field), other rows are added; all or nothing, each problem named by sheet, row and
    column. YAML comments of the model are not kept.

    Example: opmodel inventory import apps.xlsx --into current.yaml --kind applications
    """
    from opmodel.interop.inventory_sheets import (
        load_column_mapping,
        read_inventory,
        read_inventory_book,
    )
    from opmodel.interop.tables import TableError
    from opmodel.services.inventory import import_inventory

    model, language = load_model(str(into), lang)
    if kind is None and tool is None:
        fail(language, "give --kind (or --from for a tool's export)",
             "--kind（ツールのエクスポートなら --from）を指定してください", code=2)
    try:
        columns = load_column_mapping(mapping) if mapping else None
        book = [read_inventory(table, sheet)] if tool is None or sheet else \
            read_inventory_book(table)
    except TableError as exc:
        fail_message(exc.message, language)
    result = run_use_case(table, language, import_inventory, model, book, _kind(kind),
                          dialect=tool.value if tool else None, mapping=columns)
    target = out or into
    if fmt is Format.text:
        from opmodel.cli.inventory_text import print_match

        print_match(result, language)
    finish_import(result, target, fmt, language,
                  lambda: summary(result, str(target), language), write=not dry_run)


@inventory_app.command("template")
def template(
    kind: KindOption,
    file: Annotated[Path | None, typer.Argument(
        help="A model: its ids (contracts, vendors, KPIs …) become the drop-downs of the "
             "columns that name one.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The .xlsx file to write.")] = Path(
        "inventory.xlsx"),
    lang: LangOption = None,
) -> None:
    """Write the blank inventory: a row per entry, a column per field headed in the language
    asked, a drop-down for each column of choices (with a model, also of its ids); it reads
    back with opmodel inventory import.

    Example: opmodel inventory template --kind service-levels current.yaml --out sla.xlsx
    """
    from opmodel.interop.inventory_sheets import TemplateColumn, write_inventory_template
    from opmodel.knowledge.texts import label
    from opmodel.services.inventory import FIELD_LABELS, inventory_columns

    model, language = load_model(str(file), lang) if file else (None, resolve_lang(lang))
    refuse_folder(out, language)
    name = _kind(kind) or ""
    columns = [TemplateColumn(label(FIELD_LABELS, c.field, language),
                              tuple(label(c.label_kind, v, language) if c.label_kind else v
                                    for v in c.choices))
               for c in inventory_columns(name, model)]
    try:
        titles = (pick(language, *TITLES[name]), pick(language, "choices", "選択肢"))
        write_inventory_template(titles, columns, out)
    except OSError as exc:
        cannot_write(out, exc, language)
    from opmodel.cli.common import err_console

    err_console().print(pick(language, f"Wrote {out}: {len(columns)} columns.",
                             f"{out} に {len(columns)} 列の台帳を書き出しました。"), markup=False)


def register(app: typer.Typer) -> None:
    """Add the ``inventory`` command group."""
    app.add_typer(inventory_app, name="inventory")
