"""`opmodel inventory …`: applications, vendors and contracts from spreadsheets into the
model, and the blank inventory (XLSX, a drop-down per enumerated column) to fill in."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from opmodel.cli.common import (
    Format,
    FormatOption,
    LangOption,
    fail_message,
    load_model,
    pick,
    resolve_lang,
    run_use_case,
)
from opmodel.cli.model_writes import cannot_write, finish_import, refuse_folder

if TYPE_CHECKING:
    from opmodel.services.inventory import InventoryImport

inventory_app = typer.Typer(help="Applications, vendors and contracts from spreadsheets, and the "
                            "blank inventory to fill in.\n\n"
                            "Example: opmodel inventory import apps.xlsx --into current.yaml "
                            "--kind applications", no_args_is_help=True)


class Kind(StrEnum):
    """The inventories a sheet can fill."""

    applications = "applications"
    vendors = "vendors"
    contracts = "contracts"


KindOption = Annotated[Kind, typer.Option(
    "--kind", help="Which inventory: applications, vendors or contracts.")]
_TITLES = {"applications": ("applications", "アプリケーション"), "vendors": ("vendors", "ベンダー"),
           "contracts": ("contracts", "契約")}


def _summary(result: InventoryImport, written: Path, lang: str) -> str:
    """What an import without problems wrote."""
    title = pick(lang, *_TITLES[result.kind])
    return pick(lang, f"Wrote {len(result.added)} new and {len(result.updated)} updated "
                      f"{title} into {written}.",
                f"{title}を {len(result.added)} 件追加、{len(result.updated)} 件更新して "
                f"{written} に書き込みました。")


@inventory_app.command("import")
def import_(
    table: Annotated[Path, typer.Argument(help="The inventory: a .csv (UTF-8, BOM or CP932) or "
                                               ".xlsx file, a row per entry.")],
    into: Annotated[Path, typer.Option("--into", help="The model to write the entries into.")],
    kind: KindOption,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Write the model here instead of over --into.")] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="XLSX sheet (default: the first).")] = None,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Read applications, vendors or contracts from a spreadsheet into the model: a row whose
    id is in the model updates the fields given, other rows are added; all or nothing, each
    problem named by row and column. YAML comments of the model are not kept.

    Example: opmodel inventory import apps.xlsx --into current.yaml --kind applications
    """
    from opmodel.interop.inventory_sheets import read_inventory
    from opmodel.interop.tables import TableError
    from opmodel.services.inventory import import_inventory

    model, language = load_model(str(into), lang)
    try:
        parsed = read_inventory(table, sheet)
    except TableError as exc:
        fail_message(exc.message, language)
    result = run_use_case(table, language, import_inventory, model, parsed, kind.value)
    target = out or into
    finish_import(result, target, fmt, language, lambda: _summary(result, target, language))


@inventory_app.command("template")
def template(
    kind: KindOption,
    out: Annotated[Path, typer.Option("--out", "-o", help="The .xlsx file to write.")] = Path(
        "inventory.xlsx"),
    lang: LangOption = None,
) -> None:
    """Write the blank inventory: a row per entry, a column per field headed in the language
    asked, a drop-down for each column of choices; it reads back with opmodel inventory import.

    Example: opmodel inventory template --kind applications --lang ja --out apps.xlsx
    """
    from opmodel.interop.inventory_sheets import TemplateColumn, write_inventory_template
    from opmodel.knowledge.texts import label
    from opmodel.services.inventory import FIELD_LABELS, inventory_columns

    language = resolve_lang(lang)
    refuse_folder(out, language)
    columns = [TemplateColumn(label(FIELD_LABELS, c.field, language),
                              tuple(label(c.label_kind or "", v, language) for v in c.choices))
               for c in inventory_columns(kind.value)]
    try:
        titles = (pick(language, *_TITLES[kind.value]), pick(language, "choices", "選択肢"))
        write_inventory_template(titles, columns, out)
    except OSError as exc:
        cannot_write(out, exc, language)
    from opmodel.cli.common import err_console

    err_console().print(pick(language, f"Wrote {out}: {len(columns)} columns.",
                             f"{out} に {len(columns)} 列の台帳を書き出しました。"), markup=False)


def register(app: typer.Typer) -> None:
    """Add the ``inventory`` command group."""
    app.add_typer(inventory_app, name="inventory")
