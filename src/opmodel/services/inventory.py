"""Inventories without typing YAML: applications, vendors and contracts imported from a
spreadsheet with a row per entry (all or nothing, each problem named by row and column), and
the columns of the blank sheet to fill in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field

from opmodel.document.design import Application, Contract, Vendor
from opmodel.document.io import validate_data
from opmodel.document.messages import problem
from opmodel.document.model import OperatingModel
from opmodel.document.paths import Key
from opmodel.document.problems import DocumentError
from opmodel.engines.kpi.intake import RowIssue
from opmodel.interop.inventory_sheets import InventoryRow, InventorySheet
from opmodel.services.sheet_entries import (
    FIELD_LABELS,
    InventoryColumn,
    RowPlace,
    entry_columns,
    issue,
    match_headers,
    place_problems,
    put_fields,
    row_fields,
    sort_issues,
)

InventoryKind = Literal["applications", "vendors", "contracts"]
# where each inventory sits in the document, and the model of its entries
KINDS: dict[str, tuple[tuple[str, ...], type[BaseModel]]] = {
    "applications": (("design", "technology", "applications"), Application),
    "vendors": (("design", "sourcing", "vendors"), Vendor),
    "contracts": (("design", "sourcing", "contracts"), Contract),
}


class InventoryImport(BaseModel):
    """What an inventory import read and wrote: entries added and updated, and the problems
    by row and column (then nothing is written)."""

    source: str
    kind: InventoryKind
    added: list[str]
    updated: list[str]
    issues: list[RowIssue]
    ignored_columns: list[str] = Field(
        description="Columns that name no field of the inventory.")
    model: OperatingModel | None = Field(
        default=None, exclude=True, description="The model with the entries, when no issue.")


def inventory_columns(kind: InventoryKind) -> list[InventoryColumn]:
    """The columns of an inventory: each field of its entries that holds a value or a list of
    values (nested lists such as a contract's service levels stay in the YAML)."""
    return entry_columns(KINDS[kind][1])


@dataclass
class MergedRows:
    """What a sheet's rows did to a list of entries: the rows by entry id, the ids added,
    updated and (for a sheet that is the whole list) removed, and the problems of its cells."""

    rows: dict[str, InventoryRow] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)


def id_header(sheet: InventorySheet, heads: dict[str, InventoryColumn],
              where: tuple[str, ...]) -> str:
    """The header of the id column; a sheet without one is refused."""
    found = next((h for h, c in heads.items() if c.field == "id"), None)
    if found is None:
        raise DocumentError([problem("inventory_sheet.no_id", where, file=sheet.source)])
    return found


def merge_rows(rows: list[InventoryRow], heads: dict[str, InventoryColumn], id_column: str,
               entries: dict[str, dict[str, Any]], *, whole: bool = False) -> MergedRows:
    """The rows merged into ``entries`` (plain data by id, changed in place): a row whose id
    is there sets the fields the row gives, other rows are added. With ``whole``, the rows are
    the whole list: an empty cell clears its field and an entry without a row is removed."""
    merged = MergedRows()
    cleared = [c.field for c in heads.values() if c.field != "id"] if whole else []
    for found in rows:
        fields = row_fields(found, heads, merged.issues)
        eid = fields.get("id")
        if eid is None:
            merged.issues.append(issue(found.row, id_column, "inventory_sheet.no_id_cell",
                                       None))
            continue
        if eid in merged.rows:
            merged.issues.append(issue(found.row, id_column, "inventory_sheet.duplicate_id",
                                       eid, first=merged.rows[eid].row))
            continue
        merged.rows[eid] = found
        before = entries.get(eid)
        entries[eid] = put_fields(before or {}, fields, cleared)
        if before is None:
            merged.added.append(eid)
        elif entries[eid] != before or not whole:
            merged.updated.append(eid)
    if whole:
        merged.removed = [eid for eid in entries if eid not in merged.rows]
        for eid in merged.removed:
            del entries[eid]
    return merged


def section_list(document: dict[str, Any], where: tuple[str, ...]) -> list[dict[str, Any]]:
    """The list at ``where`` in the plain document, made (empty) when absent."""
    section = document
    for part in where[:-1]:
        section = section.setdefault(part, {})
    found: list[dict[str, Any]] = section.setdefault(where[-1], [])
    return found


def import_inventory(model: OperatingModel, sheet: InventorySheet, kind: InventoryKind
                     ) -> InventoryImport:
    """The sheet's rows merged into the inventory ``kind``: a row whose id is in the model
    replaces the fields the sheet gives, other rows are added; the whole model is validated.
    All or nothing: with any issue, ``model`` is None and nothing is to be written."""
    where, _ = KINDS[kind]
    heads = match_headers(sheet.headers, inventory_columns(kind))
    id_column = id_header(sheet, heads, where)
    document: dict[str, Any] = model.dump_data()
    listed = section_list(document, where)
    entries = {e["id"]: e for e in listed}
    merged = merge_rows(sheet.rows, heads, id_column, entries)
    if not merged.rows and not merged.issues:
        raise DocumentError([problem("inventory_sheet.nothing", where, file=sheet.source)])
    listed[:] = entries.values()
    issues = merged.issues
    checked = None
    try:
        checked = validate_data(document)
    except DocumentError as exc:
        columns = {c.field: h for h, c in heads.items()}
        placed = place_problems(exc, {(*where, Key(eid)): RowPlace(sheet.source, row, columns)
                                      for eid, row in merged.rows.items()})
        if placed.elsewhere:
            raise
        issues += placed.by_sheet.get(sheet.source, [])
    return InventoryImport(source=sheet.source, kind=kind, added=merged.added,
                           updated=merged.updated, issues=sort_issues(issues, sheet),
                           ignored_columns=[h for h in sheet.headers if h not in heads],
                           model=None if issues else checked)


__all__ = ["FIELD_LABELS", "KINDS", "InventoryColumn", "InventoryImport", "MergedRows",
           "id_header", "import_inventory", "inventory_columns", "merge_rows", "section_list"]
