"""Inventories without typing YAML: applications, vendors, contracts, their service levels and
capabilities merged from a spreadsheet with a row per entry, ours or a tool's export (LeanIX,
ServiceNow: its columns matched as a dialect), all or nothing, each problem named by sheet, row
and column.

The rule of a cell: a filled cell sets its field; an empty cell, in a row of an entry the model
already has, clears its field (a list becomes empty, a field with a default takes it back); an
empty cell of a field every entry needs is a problem; a column the sheet does not have leaves
its field as it is."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from opmodel.document.io import validate_data
from opmodel.document.messages import problem
from opmodel.document.model import OperatingModel
from opmodel.document.problems import DocumentError
from opmodel.engines.kpi.intake import RowIssue
from opmodel.interop.inventory_sheets import InventoryRow, InventorySheet
from opmodel.knowledge.inventory_dialects import Dialect, inventory_dialects
from opmodel.services.inventory_columns import (
    FIELD_LABELS,
    KINDS,
    InventoryColumn,
    InventoryKind,
    inventory_columns,
    read_cell,
)
from opmodel.services.inventory_match import (
    ColumnMapping,
    SheetPlan,
    compact,
    made_id,
    names_of,
    plan_sheets,
    slug,
    tool_value,
)

Where = tuple[str, ...]


class SheetImport(BaseModel):
    """What one sheet (or one fact-sheet type of a sheet) filled: the inventory, the field
    each column fills, the columns read for nothing, and the entries added and updated."""

    sheet: str | None = Field(description="The workbook's sheet (None for a CSV file).")
    kind: InventoryKind
    columns: dict[str, str] = Field(description="The field each column fills, by header.")
    source_id: str | None = Field(
        default=None, description="The column of the tool's own id (a tool's export).")
    ignored_columns: list[str] = Field(description="Columns that fill no field.")
    rows: int
    added: list[str]
    updated: list[str]


class InventoryImport(BaseModel):
    """What an inventory import read and wrote: each sheet's match and entries, the sheets
    of nothing we read, and the problems by sheet, row and column (then nothing is
    written)."""

    source: str
    dialect: str | None = Field(default=None, description="The tool whose export was read.")
    sheets: list[SheetImport]
    skipped_sheets: dict[str, int] = Field(
        default_factory=dict, description="Sheets or fact-sheet types of no inventory we "
                                          "read, with their number of rows.")
    issues: list[RowIssue]
    model: OperatingModel | None = Field(
        default=None, exclude=True, description="The model with the entries, when no issue.")


class _Merge:
    """The document being merged into: each list of entries by key, and the sheet row that
    wrote each entry (to place the document's problems)."""

    def __init__(self, model: OperatingModel) -> None:
        self.document: dict[str, Any] = model.dump_data()
        self.tables: dict[Where, dict[str, dict[str, Any]]] = {}
        self.keys: dict[Where, str] = {}
        self.rows: dict[Where, tuple[SheetPlan, InventoryRow]] = {}
        self.sources: dict[Where, dict[str, str]] = {}

    def table(self, where: Where, key: str = "id") -> dict[str, dict[str, Any]]:
        if where not in self.tables:
            if where[:-2] in self.tables:  # entries nested in an entry: its list field
                items = self.tables[where[:-2]][where[-2]].get(where[-1], [])
            else:
                section: Any = self.document
                for part in where:
                    section = section.get(part, {}) if isinstance(section, dict) else {}
                items = section if isinstance(section, list) else []
            self.tables[where] = {str(e.get(key)): e for e in items}
            self.keys[where] = key
        return self.tables[where]

    def names(self, where: Where) -> dict[str, str]:
        """The ids of a list's entries by id, name and the tool's id of their row."""
        return {**names_of(list(self.table(where).values())), **self.sources.get(where, {})}

    def write_back(self) -> None:
        for where in sorted(self.tables, key=len, reverse=True):  # nested lists first
            entries = list(self.tables[where].values())
            if where[:-2] in self.tables:
                self.tables[where[:-2]][where[-2]][where[-1]] = entries
                continue
            section = self.document
            for part in where[:-1]:
                section = section.setdefault(part, {})
            section[where[-1]] = entries


def _issue(plan: SheetPlan, row: int, column: str, code: str, value: str | None,
           **params: Any) -> RowIssue:
    return RowIssue(row=row, column=column, code=code, params=params, value=value,
                    sheet=plan.sheet.sheet)


def _reference(value: str, column: InventoryColumn, merge: _Merge) -> str:
    """A tool's reference (a name, the tool's id) as the id of the entry it names."""
    where = tuple(str(column.ref).split("."))
    return merge.names(where).get(compact(value)) or slug(value) or value


def _fields(found: InventoryRow, plan: SheetPlan, dialect: Dialect | None, merge: _Merge,
            issues: list[RowIssue]) -> tuple[dict[str, Any], set[str]]:
    """The fields the row's filled cells give, and the fields its empty cells clear."""
    fields: dict[str, Any] = {}
    for header, text in found.cells.items():
        column = plan.heads.get(header)
        if column is None:
            continue
        value = read_cell(tool_value(text, column, dialect), column)
        if value is None:
            issues.append(_issue(plan, found.row, header, "inventory_sheet.bad_choice", text,
                                 kind=column.label_kind, choices=column.choices))
            continue
        if dialect is not None and column.ref is not None:
            value = [_reference(v, column, merge) for v in value] if isinstance(value, list) \
                else _reference(value, column, merge)
        fields[column.field] = value
    cleared = set()
    for header in found.blanks:
        column = plan.heads.get(header)
        if column is not None and column.field == KINDS[plan.kind].key:
            continue  # a row without its key is a problem of its own
        if column is not None and column.required:
            issues.append(_issue(plan, found.row, header, "inventory_sheet.required_empty",
                                 None, field=column.field))
        elif column is not None:
            cleared.add(column.field)
    return fields, cleared


def _require(plan: SheetPlan, field: str, where: Where) -> str:
    """The header of the column of ``field``; a sheet without one is refused."""
    header = next((h for h, c in plan.heads.items() if c.field == field), None)
    if header is None:
        code = "inventory_sheet.no_id" if field == "id" else "inventory_sheet.no_key"
        raise DocumentError([problem(code, where, file=plan.sheet.source, field=field,
                                     sheet=plan.sheet.sheet or "")])
    return header


def _merge_sheet(plan: SheetPlan, dialect: Dialect | None, merge: _Merge,
                 issues: list[RowIssue]) -> SheetImport:
    inventory = KINDS[plan.kind]
    made = dialect is not None and inventory.key == "id" and not any(
        c.field == "id" for c in plan.heads.values())
    key_header = (plan.source_id or next(iter(plan.heads), "id")) if made else \
        _require(plan, inventory.key, inventory.where)
    parent_header = _require(plan, inventory.parent, inventory.where) if inventory.parent \
        else None
    added: list[str] = []
    updated: list[str] = []
    seen: dict[str, int] = {}
    for found in plan.sheet.rows:
        fields, cleared = _fields(found, plan, dialect, merge, issues)
        where = inventory.where
        if parent_header is not None:
            parent = fields.pop(str(inventory.parent), None)
            if parent is None:
                continue  # its empty cell is a problem already
            if parent not in merge.table(where):
                issues.append(_issue(plan, found.row, parent_header,
                                     "inventory_sheet.unknown_parent", parent,
                                     field=inventory.parent, id=parent))
                continue
            where = (*where, parent, str(inventory.field))
        source = found.cells.get(plan.source_id or "")
        key = made_id(plan.kind, fields.get("name"), source, merge.names(where)) if made \
            else fields.get(inventory.key)
        if key is None:
            issues.append(_issue(plan, found.row, key_header, "inventory_sheet.no_id_cell",
                                 None, field=inventory.key))
            continue
        label = "/".join((*where[len(inventory.where):len(inventory.where) + 1], key))
        if label in seen:
            issues.append(_issue(plan, found.row, key_header, "inventory_sheet.duplicate_id",
                                 key, first=seen[label]))
            continue
        seen[label] = found.row
        table = merge.table(where, inventory.key)
        old = table.get(key)
        entry = {**(old or {}), **fields, inventory.key: key}
        for name in cleared if old is not None else ():
            entry.pop(name, None)
        table[key] = entry
        merge.rows[(*where, key)] = (plan, found)
        if source:
            merge.sources.setdefault(where, {})[compact(source)] = key
        (updated if old is not None else added).append(label)
    return SheetImport(sheet=plan.sheet.sheet, kind=plan.kind, source_id=plan.source_id,
                       columns={h: c.field for h, c in plan.heads.items()},
                       ignored_columns=plan.ignored, rows=len(plan.sheet.rows),
                       added=added, updated=updated)


def _row_issues(error: DocumentError, merge: _Merge) -> list[RowIssue]:
    """The document's problems with the entries of the sheets, at their rows and columns,
    with the cell's text; a problem elsewhere is raised as it is."""
    issues = []
    for found in error.problems:
        path = tuple(str(p) for p in found.path)
        at = next((path[:n] for n in range(len(path), 0, -1) if path[:n] in merge.rows), None)
        if at is None:
            raise error
        plan, row = merge.rows[at]
        field = path[len(at)] if len(path) > len(at) else merge.keys[at[:-1]]
        column = next((h for h, c in plan.heads.items() if c.field == field), field)
        issues.append(_issue(plan, row.row, column, found.code, row.cells.get(column),
                             **found.params))
    return issues


def import_inventory(model: OperatingModel, sheets: InventorySheet | list[InventorySheet],
                     kind: str | None = None, *, dialect: str | None = None,
                     mapping: ColumnMapping | None = None) -> InventoryImport:
    """The sheets' rows merged into the model: without ``dialect`` every sheet fills the
    inventory ``kind``; with one (``leanix``, ``servicenow``), each sheet the inventory its
    name or type says, ids made from names and references found by name. A row whose key
    is in the model updates it, other rows are added; the whole model is validated. All or
    nothing: with any issue, ``model`` is None and nothing is to be written."""
    book = [sheets] if isinstance(sheets, InventorySheet) else sheets
    spoken = inventory_dialects()[dialect] if dialect else None
    plans, skipped = plan_sheets(book, kind, dialect, mapping or {})
    merge = _Merge(model)
    issues: list[RowIssue] = []
    done = [_merge_sheet(plan, spoken, merge, issues) for plan in plans]
    source = book[0].source if book else ""
    if not any(plan.sheet.rows for plan in plans) and not issues:
        raise DocumentError([problem("inventory_sheet.nothing", (), file=source)])
    merge.write_back()
    checked = None
    try:
        checked = validate_data(merge.document)
    except DocumentError as exc:
        issues += _row_issues(exc, merge)
    order = {id(p.sheet): n for n, p in enumerate(plans)}
    sheet_of = {p.sheet.sheet: order[id(p.sheet)] for p in plans}
    columns = {(p.sheet.sheet, h): n for p in plans for n, h in enumerate(p.sheet.headers)}
    issues.sort(key=lambda i: (sheet_of.get(i.sheet, 0), i.row,
                               columns.get((i.sheet, i.column), 0)))
    return InventoryImport(source=source, dialect=dialect, sheets=done, skipped_sheets=skipped,
                           issues=issues, model=None if issues else checked)


__all__ = ["FIELD_LABELS", "KINDS", "InventoryColumn", "InventoryImport", "SheetImport",
           "import_inventory", "inventory_columns"]
