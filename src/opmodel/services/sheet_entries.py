"""Entries of the document as rows of a sheet: the columns of an entry's model (a value, a
list of values, or a field of a small sub-model such as a duration estimate), headers and
choices read in ja or en, a row's cells turned into the entry's fields, and the document's
problems placed back at their row and column."""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field

from opmodel.document.messages import problem
from opmodel.document.paths import Key, Path
from opmodel.document.problems import DocumentError
from opmodel.document.shapes import label_kind, shapes
from opmodel.engines.kpi.intake import RowIssue
from opmodel.interop.inventory_sheets import InventoryRow, InventorySheet
from opmodel.interop.measurements import THOUSANDS
from opmodel.interop.survey_sheets import normalise
from opmodel.knowledge.texts import has_label, label, labels_catalog

FIELD_LABELS = "inventory_field"
BOOLEAN = "yes_no"
_YAML_BOOLEANS = {**dict.fromkeys(("true", "yes", "y", "on", "1"), "true"),
                  **dict.fromkeys(("false", "no", "n", "off", "0"), "false")}
_LIST_SPLIT = re.compile(r"[,、，;；\n]")
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]00:00(?::00)?$")
# where a problem of a mapping's key is: the last part of its path (pydantic's name for it)
MAPPING_KEY = "[key]"
_REFERENCES = frozenset({"document.dangling_reference", "document.dangling_reference_in"})


class InventoryColumn(BaseModel):
    """A column of an inventory sheet: the field it fills (``duration.most_likely`` for a
    field of a sub-model), how its cells are read (text, number, date, a choice, a list
    separated by commas, yes or no), whether a row needs it, the collection its values name,
    and, for a choice, the values and the label kind that names them."""

    field: str
    type: Literal["text", "number", "date", "choice", "list", "bool"]
    required: bool = Field(default=False, description="A row needs it (an inventory's).")
    ref: str | None = Field(default=None, description="The collection its values name.")
    choices: list[str] = Field(default_factory=list)
    label_kind: str | None = None


def column_type(annotation: Any) -> str:
    """How the cells of a field with this annotation are read: bool, date, number or text."""
    args = typing.get_args(annotation) or (annotation,)
    found = {a for a in args if a is not type(None)}
    flat = {typing.get_origin(a) or a for a in found}
    if bool in found:
        return "bool"
    if any(isinstance(a, type) and issubclass(a, dt.date) for a in flat) or any(
            dt.date in typing.get_args(a) for a in found):
        return "date"
    if any(a in (int, float) or (typing.get_origin(a) is typing.Annotated
                                 and typing.get_args(a)[0] in (int, float)) for a in found):
        return "number"
    return "text"


def _flat(model: type[BaseModel]) -> bool:
    """A sub-model whose every field is a plain value: its fields become columns."""
    return all(s.container == "value" and s.model is None for s in shapes(model).values())


def entry_columns(model: type[BaseModel], prefix: str = "") -> list[InventoryColumn]:
    """The columns of a list of ``model``: each field that holds a value or a list of values,
    and each field of a sub-model of values (nested lists, such as a contract's service
    levels, and mappings stay in the YAML)."""
    columns = []
    for shape in shapes(model).values():
        name = prefix + shape.alias
        if shape.container == "model" and shape.model is not None and not prefix \
                and _flat(shape.model):
            columns += entry_columns(shape.model, f"{name}.")
            continue
        if shape.model is not None or shape.container not in ("value", "list"):
            continue
        choices = [str(e.value) for e in shape.enum] if shape.enum is not None else []
        kind = label_kind(shape.enum) if shape.enum is not None else None
        if shape.container == "list":
            columns.append(InventoryColumn(field=name, type="list", choices=choices,
                                           label_kind=kind, ref=shape.ref))
        elif shape.enum is not None:
            columns.append(InventoryColumn(field=name, type="choice", choices=choices,
                                           label_kind=kind))
        else:
            kind_of = column_type(model.model_fields[shape.name].annotation)
            if kind_of == "bool":
                columns.append(InventoryColumn(field=name, type="bool",
                                               choices=["true", "false"], label_kind=BOOLEAN))
            else:
                columns.append(InventoryColumn(field=name, type=kind_of, ref=shape.ref))
    return columns


def spellings(kind: str, value: str) -> set[str]:
    """A field or enum value as people write it: itself, with spaces, and its labels (long
    and short)."""
    found = {normalise(value), normalise(value.replace("_", " ")),
             normalise(value.replace("_", "-"))}
    for names in (kind, f"{kind}_short"):  # the short names too (技術 for the component)
        text = labels_catalog().get(names, {}).get(value)
        if text is not None:
            found |= {normalise(text.ja), normalise(text.en)}
    return found


def field_label(field: str, lang: str, kind: str | None = None) -> str:
    """A column's header: the field's label for the list ``kind`` (``initiatives_field``)
    when it has one of its own, else the label all inventories share."""
    own = f"{kind}_field"
    return label(own if kind and has_label(own, field) else FIELD_LABELS, field, lang)


def match_headers(headers: list[str], columns: list[InventoryColumn], kind: str | None = None
                  ) -> dict[str, InventoryColumn]:
    """The columns the headers name (by field, or its label in ja or en; for the list
    ``kind``, its own label too)."""
    names = {s: c for c in columns for s in spellings(FIELD_LABELS, c.field)}
    if kind is not None:
        names |= {s: c for c in columns for s in spellings(f"{kind}_field", c.field)
                  if has_label(f"{kind}_field", c.field)}
    return {h: names[normalise(h)] for h in headers if normalise(h) in names}


def read_choice(text: str, column: InventoryColumn) -> str | None:
    """The choice of ``column`` that ``text`` names (its value or a label), if any."""
    key = normalise(text)
    return next((v for v in column.choices
                 if key in spellings(column.label_kind or "", v)), None)


def read_cell(text: str, column: InventoryColumn) -> Any:
    """The value of a cell for the document (validated with the whole model); None when it
    is none of the column's choices."""
    if column.type == "bool":  # はい/いいえ, yes/no, or what a YAML file takes (true, 1, on …)
        return read_choice(text, column) or _YAML_BOOLEANS.get(normalise(text))
    if column.type == "choice":
        return read_choice(text, column)
    if column.type == "list":
        parts = [part.strip() for part in _LIST_SPLIT.split(text) if part.strip()]
        if not column.choices:
            return parts
        found = [read_choice(part, column) for part in parts]
        return None if None in found else found
    if column.type == "number":
        plain = normalise(text).replace(" ", "")
        return plain.replace(",", "") if re.match(THOUSANDS, plain) else plain
    if column.type == "date":
        day = _MIDNIGHT.match(text)
        return day.group(1) if day else text
    return text


def issue(row: int, column: str, code: str, value: str | None, **params: Any) -> RowIssue:
    """A problem at a cell."""
    return RowIssue(row=row, column=column, code=code, params=params, value=value)


def row_fields(found: InventoryRow, heads: Mapping[str, InventoryColumn],
               issues: list[RowIssue]) -> dict[str, Any]:
    """The fields a row's cells give, by column field; a cell that is none of its column's
    choices is an issue."""
    fields: dict[str, Any] = {}
    for header, text in found.cells.items():
        column = heads.get(header)
        if column is None:
            continue
        value = read_cell(text, column)
        if value is None:
            issues.append(issue(found.row, header, "inventory_sheet.bad_choice", text,
                                kind=column.label_kind, choices=column.choices))
        else:
            fields[column.field] = value
    return fields


def put_fields(entry: dict[str, Any], fields: Mapping[str, Any],
               cleared: typing.Iterable[str] = ()) -> dict[str, Any]:
    """``entry`` (plain data) with ``fields`` set and the ``cleared`` fields taken away; a
    field ``a.b`` is the field ``b`` of the sub-model ``a``."""
    out = {k: dict(v) if isinstance(v, dict) else v for k, v in entry.items()}
    for name in cleared:
        head, _, tail = name.partition(".")
        if tail and isinstance(out.get(head), dict):
            out[head].pop(tail, None)
            if not out[head]:
                del out[head]
        elif not tail:
            out.pop(head, None)
    for name, value in fields.items():
        head, _, tail = name.partition(".")
        if tail:
            out.setdefault(head, {})[tail] = value
        else:
            out[head] = value
    return out


@dataclass
class RowPlace:
    """Where an entry came from: its sheet, its row, the header of each field, and the field
    whose column a problem of the entry as a whole is placed at (its id; for a row of a
    mapping, the value, its key being under ``MAPPING_KEY``)."""

    sheet: str
    row: InventoryRow
    columns: dict[str, str]
    entry: str = "id"


@dataclass
class PlacedIssues:
    """Problems of the document placed at rows, by sheet; and those no row explains."""

    by_sheet: dict[str, list[RowIssue]] = field(default_factory=dict)
    elsewhere: list[Any] = field(default_factory=list)


def _key(part: Any) -> str:
    return part.value if isinstance(part, Key) else str(part)


def place_problems(error: DocumentError, places: Mapping[Path, RowPlace]) -> PlacedIssues:
    """The document's problems at the rows and columns of the entries they are about: the
    longest path of ``places`` (keys as text) that starts the problem's path gives the row;
    the part after it, the field and so the column (none: the place's ``entry`` column, or a
    mapping's key column for a reference that names nothing)."""
    placed = PlacedIssues()
    keyed = {tuple(_key(p) for p in path): place for path, place in places.items()}
    for found in error.problems:
        path = tuple(_key(p) for p in found.path)
        at = next((n for n in range(len(path), 0, -1) if path[:n] in keyed), None)
        if at is None:
            placed.elsewhere.append(found)
            continue
        place = keyed[path[:at]]
        rest = list(path[at:])
        two = ".".join(rest[:2])
        if rest:
            name = two if len(rest) > 1 and two in place.columns else rest[0]
        elif found.code in _REFERENCES and MAPPING_KEY in place.columns:
            name = MAPPING_KEY  # a mapping's key naming nothing: at the key's cell
        else:
            name = place.entry
        column = place.columns.get(name, name)
        placed.by_sheet.setdefault(place.sheet, []).append(
            issue(place.row.row, column, found.code, place.row.cells.get(column),
                  **found.params))
    return placed


def sort_issues(issues: list[RowIssue], sheet: InventorySheet) -> list[RowIssue]:
    """Issues in the order of the sheet's rows, then its columns."""
    order = {h: n for n, h in enumerate(sheet.headers)}
    return sorted(issues, key=lambda i: (i.row, order.get(i.column, 0)))


__all__ = [
    "FIELD_LABELS",
    "MAPPING_KEY",
    "InventoryColumn",
    "PlacedIssues",
    "RowPlace",
    "column_type",
    "entry_columns",
    "field_label",
    "issue",
    "match_headers",
    "place_problems",
    "put_fields",
    "read_cell",
    "read_choice",
    "row_fields",
    "sort_issues",
    "spellings",
]


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
               entries: dict[str, dict[str, Any]], *, whole: bool = False,
               key: str = "id") -> MergedRows:
    """The rows merged into ``entries`` (plain data by ``key``, changed in place): a row whose
    key is there sets the fields the row gives, other rows are added. With ``whole``, the rows
    are the whole list: an empty cell clears its field and an entry without a row is
    removed."""
    merged = MergedRows()
    cleared = [c.field for c in heads.values() if c.field != key] if whole else []
    for found in rows:
        fields = row_fields(found, heads, merged.issues)
        eid = fields.get(key)
        if eid is None:
            merged.issues.append(
                issue(found.row, id_column, "inventory_sheet.no_id_cell", None) if key == "id"
                else issue(found.row, id_column, "inventory_sheet.required_empty", None,
                           field=id_column))
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
