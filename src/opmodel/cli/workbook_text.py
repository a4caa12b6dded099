"""What `opmodel import` of a workbook prints: each problem at its sheet, row and column, or
the change set in counts per sheet and the entries by id, then what was written (or, with
--dry-run, that nothing was)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from opmodel.cli.common import console, pick

if TYPE_CHECKING:
    from opmodel.services.workbook import WorkbookImport

_SHOWN = 8  # ids listed per line before "and N more"


def _ids(ids: list[str], lang: str) -> str:
    shown = ", ".join(ids[:_SHOWN])
    more = len(ids) - _SHOWN
    return shown + (pick(lang, f" and {more} more", f" ほか {more} 件") if more > 0 else "")


def print_problems(result: WorkbookImport, lang: str) -> None:
    """Each cell's problem, sheet by sheet, and the model's problems no row explains."""
    from opmodel.cli.kpi_text import print_row_issues
    from opmodel.knowledge.texts import render

    out = console()
    for sheet in result.sheets:
        where = pick(lang, f"{result.source}, sheet '{sheet.sheet}'",
                     f"{result.source} のシート「{sheet.sheet}」")
        print_row_issues(where, sheet.issues, lang)
    for found in result.problems:
        out.print(f"{result.source}: {found.path}: {render(found.code, found.params, lang)}",
                  markup=False)
    count = len(result.issues) + len(result.problems)
    out.print(pick(lang, f"{count} problem(s); nothing was imported. Fix them and import "
                         "again.",
                   f"{count} 件の問題があるため、何も取り込んでいません。修正してからもう一度"
                   "取り込んでください。"), markup=False)


def print_changes(result: WorkbookImport, lang: str) -> None:
    """The change set in counts per sheet, then the entries added, updated and removed."""
    out = console()
    for sheet in result.sheets:
        counts = (len(sheet.added), len(sheet.updated), len(sheet.removed))
        out.print(pick(lang, f"{sheet.sheet}: {counts[0]} added, {counts[1]} updated, "
                             f"{counts[2]} removed",
                       f"{sheet.sheet}: 追加 {counts[0]} 件、更新 {counts[1]} 件、"
                       f"削除 {counts[2]} 件"), markup=False)
        for ids, en, ja in ((sheet.added, "added", "追加"), (sheet.updated, "updated", "更新"),
                            (sheet.removed, "removed", "削除")):
            if ids:
                out.print(f"  {pick(lang, en, ja)}: {_ids(ids, lang)}", markup=False)
        if sheet.ignored_columns:
            out.print("  " + pick(lang, "columns not read: ", "読み込まなかった列: ")
                      + ", ".join(sheet.ignored_columns), markup=False)
    if result.skipped:
        out.print(pick(lang, "Sheets not read: ", "読み込まなかったシート: ")
                  + ", ".join(result.skipped), markup=False)
    if result.changes is not None:
        n = len(result.changes.operations)
        out.print(pick(lang, f"Change set: {n} operation(s).", f"変更セット: {n} 件の操作。"),
                  markup=False)


def print_import(result: WorkbookImport, written: Path | None, lang: str) -> None:
    """Problems, or the change set and where the model was written (None: a dry run)."""
    if not result.ok:
        print_problems(result, lang)
        return
    print_changes(result, lang)
    if written is None:
        console().print(pick(lang, "Dry run: nothing was written.",
                             "確認のみ（--dry-run）のため、何も書き込んでいません。"),
                        markup=False)
    else:
        console().print(pick(lang, f"Wrote {written}.", f"{written} に書き込みました。"),
                        markup=False)


__all__ = ["print_changes", "print_import", "print_problems"]
