"""What `opmodel import` of a workbook prints when its cells are wrong: each problem at its
sheet, row and column, and that nothing was imported."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opmodel.cli.common import console, pick

if TYPE_CHECKING:
    from opmodel.services.workbook import WorkbookImport

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


__all__ = ["print_problems"]
