"""Inventories without typing YAML: applications, vendors and contracts imported from a
spreadsheet with a row per entry (all or nothing, each problem named by row and column), and
the columns of the blank sheet to fill in."""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Any, Literal

from pydantic import BaseModel, Field

from opmodel.document.design import Application, Contract, Vendor
from opmodel.document.io import validate_data
from opmodel.document.messages import problem
from opmodel.document.model import OperatingModel
from opmodel.document.paths import Key
from opmodel.document.problems import DocumentError
from opmodel.document.shapes import label_kind, shapes
from opmodel.engines.kpi.intake import RowIssue
from opmodel.interop.inventory_sheets import InventoryRow, InventorySheet
from opmodel.interop.measurements import THOUSANDS
from opmodel.interop.survey_sheets import normalise
from opmodel.knowledge.texts import labels_catalog

InventoryKind = Literal["applications", "vendors", "contracts"]
# where each inventory sits in the document, and the model of its entries
KINDS: dict[str, tuple[tuple[str, ...], type[BaseModel]]] = {
    "applications": (("design", "technology", "applications"), Application),
    "vendors": (("design", "sourcing", "vendors"), Vendor),
    "contracts": (("design", "sourcing", "contracts"), Contract),
}
FIELD_LABELS = "inventory_field"
_LIST_SPLIT = re.compile(r"[,、，;；\n]")
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]00:00(?::00)?$")


class InventoryColumn(BaseModel):
    """A column of an inventory sheet: the field it fills, how its cells are read
    (text, number, date, a choice, a list separated by commas) and, for a choice, the values
    and the label kind that names them."""

    field: str
    type: Literal["text", "number", "date", "choice", "list"]
    choices: list[str] = Field(default_factory=list)
    label_kind: str | None = None


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


def _type(annotation: Any) -> str:
    args = typing.get_args(annotation) or (annotation,)
    found = {a for a in args if a is not type(None)}
    flat = {typing.get_origin(a) or a for a in found}
    if any(isinstance(a, type) and issubclass(a, dt.date) for a in flat) or any(
            dt.date in typing.get_args(a) for a in found):
        return "date"
    if any(a in (int, float) or (typing.get_origin(a) is typing.Annotated
                                 and typing.get_args(a)[0] in (int, float)) for a in found):
        return "number"
    return "text"


def inventory_columns(kind: InventoryKind) -> list[InventoryColumn]:
    """The columns of an inventory: each field of its entries that holds a value or a list of
    values (nested lists such as a contract's service levels stay in the YAML)."""
    model = KINDS[kind][1]
    columns = []
    for shape in shapes(model).values():
        if shape.model is not None or shape.container not in ("value", "list"):
            continue
        if shape.enum is not None:
            columns.append(InventoryColumn(field=shape.alias, type="choice",
                                           choices=[str(e.value) for e in shape.enum],
                                           label_kind=label_kind(shape.enum)))
        elif shape.container == "list":
            columns.append(InventoryColumn(field=shape.alias, type="list"))
        else:
            columns.append(InventoryColumn(
                field=shape.alias, type=_type(model.model_fields[shape.name].annotation)))
    return columns


def _spellings(kind: str, value: str) -> set[str]:
    """A field or enum value as people write it: itself, with spaces, and its labels."""
    found = {normalise(value), normalise(value.replace("_", " ")),
             normalise(value.replace("_", "-"))}
    text = labels_catalog().get(kind, {}).get(value)
    if text is not None:
        found |= {normalise(text.ja), normalise(text.en)}
    return found


def _headers(sheet: InventorySheet, columns: list[InventoryColumn]) -> dict[str, InventoryColumn]:
    names = {s: c for c in columns for s in _spellings(FIELD_LABELS, c.field)}
    return {h: names[normalise(h)] for h in sheet.headers if normalise(h) in names}


def _choice(text: str, column: InventoryColumn) -> str | None:
    key = normalise(text)
    return next((v for v in column.choices
                 if key in _spellings(column.label_kind or "", v)), None)


def _cell(text: str, column: InventoryColumn) -> Any:
    """The value of a cell for the document (validated with the whole model); None when it
    is none of the column's choices."""
    if column.type == "choice":
        return _choice(text, column)
    if column.type == "list":
        return [part.strip() for part in _LIST_SPLIT.split(text) if part.strip()]
    if column.type == "number":
        plain = normalise(text).replace(" ", "")
        return plain.replace(",", "") if re.match(THOUSANDS, plain) else plain
    if column.type == "date":
        day = _MIDNIGHT.match(text)
        return day.group(1) if day else text
    return text


def _issue(row: int, column: str, code: str, value: str | None, **params: Any) -> RowIssue:
    return RowIssue(row=row, column=column, code=code, params=params, value=value)


def _fields(found: InventoryRow, heads: dict[str, InventoryColumn],
            issues: list[RowIssue]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for header, text in found.cells.items():
        column = heads.get(header)
        if column is None:
            continue
        value = _cell(text, column)
        if value is None:
            issues.append(_issue(found.row, header, "inventory_sheet.bad_choice", text,
                                 kind=column.label_kind, choices=column.choices))
        else:
            fields[column.field] = value
    return fields


def _row_issues(error: DocumentError, where: tuple[str, ...], rows: dict[str, InventoryRow],
                columns: dict[str, str]) -> list[RowIssue]:
    """The document's problems with the entries of the sheet, at their rows and columns,
    with the cell's text; a problem elsewhere is raised as it is."""
    issues = []
    for found in error.problems:
        path = tuple(found.path)
        entry = path[len(where)] if path[:len(where)] == where and len(path) > len(where) \
            else None
        row = rows.get(str(entry)) if isinstance(entry, Key | str) else None
        if row is None:
            raise error
        field = str(path[len(where) + 1]) if len(path) > len(where) + 1 else "id"
        column = columns.get(field, field)
        issues.append(_issue(row.row, column, found.code, row.cells.get(column),
                             **found.params))
    return issues


def import_inventory(model: OperatingModel, sheet: InventorySheet, kind: InventoryKind
                     ) -> InventoryImport:
    """The sheet's rows merged into the inventory ``kind``: a row whose id is in the model
    replaces the fields the sheet gives, other rows are added; the whole model is validated.
    All or nothing: with any issue, ``model`` is None and nothing is to be written."""
    where, _ = KINDS[kind]
    heads = _headers(sheet, inventory_columns(kind))
    if "id" not in {c.field for c in heads.values()}:
        raise DocumentError([problem("inventory_sheet.no_id", where, file=sheet.source)])
    id_header = next(h for h, c in heads.items() if c.field == "id")
    document: dict[str, Any] = model.dump_data()
    section = document
    for part in where[:-1]:
        section = section.setdefault(part, {})
    entries = {e["id"]: e for e in section.get(where[-1], [])}
    issues: list[RowIssue] = []
    added: list[str] = []
    updated: list[str] = []
    rows: dict[str, InventoryRow] = {}
    for found in sheet.rows:
        fields = _fields(found, heads, issues)
        eid = fields.get("id")
        if eid is None:
            issues.append(_issue(found.row, id_header, "inventory_sheet.no_id_cell", None))
            continue
        if eid in rows:
            issues.append(_issue(found.row, id_header, "inventory_sheet.duplicate_id", eid,
                                 first=rows[eid].row))
            continue
        rows[eid] = found
        (updated if eid in entries else added).append(eid)
        entries[eid] = {**entries.get(eid, {}), **fields}
    if not rows and not issues:
        raise DocumentError([problem("inventory_sheet.nothing", where, file=sheet.source)])
    section[where[-1]] = list(entries.values())
    checked = None
    try:
        checked = validate_data(document)
    except DocumentError as exc:
        columns = {c.field: h for h, c in heads.items()}
        issues += _row_issues(exc, where, rows, columns)
    order = {h: n for n, h in enumerate(sheet.headers)}
    issues.sort(key=lambda i: (i.row, order.get(i.column, 0)))
    return InventoryImport(source=sheet.source, kind=kind, added=added, updated=updated,
                           issues=issues, ignored_columns=[h for h in sheet.headers
                                                           if h not in heads],
                           model=None if issues else checked)


__all__ = ["KINDS", "InventoryColumn", "InventoryImport", "import_inventory",
           "inventory_columns"]
