"""A workbook import as the exchange registry reports it: the entries read per list, the
change counts of each sheet as notes, or, when a cell is wrong, an error that carries every
problem by sheet, row and column."""

from __future__ import annotations

from pathlib import Path

from opmodel.document.model import OperatingModel
from opmodel.interop.files import DEFAULT_MAX_BYTES
from opmodel.interop.table_errors import TableError
from opmodel.knowledge.texts import Message
from opmodel.services.workbook import WorkbookImport, import_workbook
from opmodel.services.workbook_sheets import LISTS


class WorkbookProblems(TableError):
    """A workbook with problems in its cells (or a model they break): nothing is imported;
    ``result`` holds each problem at its sheet, row and column."""

    def __init__(self, result: WorkbookImport) -> None:
        count = len(result.issues) + len(result.problems)
        super().__init__(Message(code="workbook.problems",
                                 params={"file": result.source, "count": count}))
        self.result = result


def _notes(result: WorkbookImport) -> list[Message]:
    notes = []
    for sheet in result.sheets:
        notes.append(Message(code="workbook.sheet_changes", params={
            "sheet": sheet.sheet, "added": len(sheet.added), "updated": len(sheet.updated),
            "removed": len(sheet.removed)}))
        for code, ids in (("workbook.added", sheet.added), ("workbook.updated", sheet.updated),
                          ("workbook.removed", sheet.removed)):
            if ids:
                notes.append(Message(code=code, params={"ids": ids}))
        if sheet.ignored_columns:
            notes.append(Message(code="workbook.columns_not_read", params={
                "sheet": sheet.sheet, "columns": sheet.ignored_columns}))
    return notes


def read_xlsx(data: bytes | Path, name: str, into: OperatingModel | None, *,
              max_bytes: int = DEFAULT_MAX_BYTES
              ) -> tuple[WorkbookImport, dict[str, int], list[Message]]:
    """A workbook imported, the entries read per list and the notes of its changes;
    :class:`WorkbookProblems` when a cell is wrong."""
    from opmodel.interop.workbook_read import read_book_file

    raw = read_book_file(data, max_bytes=max_bytes) if isinstance(data, Path) else data
    result = import_workbook(raw, name, into, max_bytes=max_bytes)
    if not result.ok or result.model is None:
        raise WorkbookProblems(result)
    lists = {b.kind: b for b in LISTS}
    model = result.model.dump_data()
    counts = {".".join(lists[s.kind].where): lists[s.kind].count(model) for s in result.sheets}
    return result, counts, _notes(result)


__all__ = ["WorkbookProblems", "read_xlsx"]
