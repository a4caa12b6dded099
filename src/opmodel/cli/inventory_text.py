"""The text of `opmodel inventory import`: which column feeds which field, what is not read,
and how many entries each sheet adds and updates (shown before anything is written)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opmodel.cli.common import console, pick

if TYPE_CHECKING:
    from opmodel.services.inventory import InventoryImport

TITLES = {"applications": ("applications", "アプリケーション"), "vendors": ("vendors", "ベンダー"),
          "contracts": ("contracts", "契約"), "service_levels": ("service levels", "サービスレベル"),
          "capabilities": ("capabilities", "ケイパビリティ")}


def print_match(result: InventoryImport, lang: str) -> None:
    """Each sheet: the inventory it fills, each column and its field, the columns not read,
    and the counts; then the sheets of nothing we read."""
    from opmodel.cli.tables import new_table
    from opmodel.knowledge.texts import label

    out = console()
    for sheet in result.sheets:
        title = pick(lang, *TITLES[sheet.kind])
        where = f"{result.source}" + (f" [{sheet.sheet}]" if sheet.sheet else "")
        table = new_table(f"{where} → {title}", pick(lang, "column", "列"),
                          pick(lang, "field", "項目"))
        for header, field in sheet.columns.items():
            table.add_row(header, f"{label('inventory_field', field, lang)} ({field})")
        if sheet.source_id:
            table.add_row(sheet.source_id, pick(lang, "the tool's id (to make ids and find "
                                                      "references)",
                                                "ツール側の ID（ID の作成と参照の照合に使用）"))
        out.print(table)
        if sheet.ignored_columns:
            out.print(pick(lang, "Columns not read: ", "読み込まない列: ")
                      + ", ".join(sheet.ignored_columns), markup=False)
        out.print(pick(lang, f"{sheet.rows} rows: {len(sheet.added)} to add, "
                             f"{len(sheet.updated)} to update.",
                       f"{sheet.rows} 行: 追加 {len(sheet.added)} 件、更新 "
                       f"{len(sheet.updated)} 件。"), markup=False)
    for name, rows in result.skipped_sheets.items():
        out.print(pick(lang, f"Not read: {name} ({rows} rows), no inventory of ours.",
                       f"読み込まないシート: {name}（{rows} 行）。対応する台帳がありません。"),
                  markup=False)


def summary(result: InventoryImport, written: str, lang: str) -> str:
    """What an import without problems wrote."""
    parts = [f"{pick(lang, *TITLES[s.kind])} +{len(s.added)}/~{len(s.updated)}"
             for s in result.sheets]
    return pick(lang, f"Wrote {', '.join(parts)} (added/updated) into {written}.",
                f"{', '.join(parts)}（+ 追加 / ~ 更新）を {written} に書き込みました。")
