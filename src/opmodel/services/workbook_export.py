"""A model's inventories as a workbook to edit in Excel: a sheet per list with headers and
choices in the book's language, a drop-down per enumerated column and per column naming an
entry (a predecessor, a resource, an objective, a vendor), a sheet of rows per initiative
and child (costs, dependencies, demand, impact), the decision-rights matrix as a row per
decision and a column per holder, and a ``model`` sheet naming the model;
``workbook.import_workbook`` reads it back."""

from __future__ import annotations

import datetime as dt
from typing import Any

from opmodel.document.model import OperatingModel
from opmodel.interop.workbook_write import BookColumn, BookSheet, CellValue, write_book
from opmodel.knowledge.texts import label
from opmodel.services.sheet_entries import FIELD_LABELS, InventoryColumn, field_label
from opmodel.services.workbook_sheets import (
    LISTS,
    METADATA_FIELDS,
    MONEY,
    SHEET_LABELS,
    AnyList,
    BookList,
    ChildList,
    get_list,
    holders,
)

RACI = ("R", "A", "C", "I")


def _field(entry: dict[str, Any], name: str) -> Any:
    head, _, tail = name.partition(".")
    value = entry.get(head)
    return value.get(tail) if tail and isinstance(value, dict) else value


def _cell(value: Any, column: InventoryColumn, lang: str) -> CellValue:
    """A field's value as the sheet shows it: a choice by its label, a list joined by
    commas, a date as a date, a number as a number."""
    if value is None or value == []:
        return None
    if column.type == "bool":
        return label(column.label_kind or "", str(value).lower(), lang)
    if isinstance(value, list):  # by value: a label may hold the commas that part a list
        return ", ".join(str(v) for v in value)
    if column.label_kind is not None:
        return label(column.label_kind, value, lang)
    if column.type == "date":
        return dt.date.fromisoformat(str(value))
    if column.type == "number":
        return value if isinstance(value, int | float) else str(value)
    return str(value)


def _book_column(column: InventoryColumn, lang: str, kind: str,
                 sheets: dict[str, tuple[str, str]], document: dict[str, Any]) -> BookColumn:
    """A column as the book writes it; a column naming one entry of a collection offers its
    ids: those of the collection's sheet when the book has one, else those of the model."""
    shown = "money" if column.field in MONEY else (
        "number" if column.type == "number" else "date" if column.type == "date" else "text")
    header = field_label(column.field, lang, kind)
    if column.type == "text" and column.ref is not None:
        if column.ref in sheets:
            return BookColumn(header, source=sheets[column.ref])
        return BookColumn(header, choices=tuple(
            e["id"] for e in get_list(document, tuple(column.ref.split(".")))))
    choices = () if column.type == "list" else tuple(
        label(column.label_kind or "", v, lang) for v in column.choices)
    return BookColumn(header, shown, choices)  # type: ignore[arg-type]


def _sheet(book: AnyList, document: dict[str, Any], lang: str,
           sheets: dict[str, tuple[str, str]]) -> BookSheet:
    columns = book.columns()
    title = label(SHEET_LABELS, book.kind, lang)
    heads = [_book_column(c, lang, book.kind, sheets, document) for c in columns]
    if isinstance(book, ChildList):
        heads.insert(0, BookColumn(label(FIELD_LABELS, book.owner, lang),
                                   source=sheets[".".join(book.parent)]))
        rows = [[p["id"], *(_cell(_field(c, col.field), col, lang) for col in columns)]
                for p in get_list(document, book.parent) for c in book.entries(p)]
        return BookSheet(title, heads, rows)
    entries = get_list(document, book.where)
    rows = [[_cell(_field(e, c.field), c, lang) for c in columns] for e in entries]
    if book.kind == "decision_rights":
        named = holders(document)
        heads += [BookColumn(h, "text", RACI) for h in named]
        for row, entry in zip(rows, entries, strict=True):
            row += [entry.get("rights", {}).get(h) for h in named]
    return BookSheet(title, heads, rows)


def export_workbook(model: OperatingModel, lang: str) -> bytes:
    """The model's inventories as XLSX bytes, headed and labelled in ``lang`` (ja or en)."""
    document = model.dump_data()
    meta = model.metadata.model_dump(mode="json")
    about = BookSheet(label(SHEET_LABELS, "model", lang),
                      [BookColumn(label(FIELD_LABELS, "field", lang)),
                       BookColumn(label(FIELD_LABELS, "value", lang))],
                      [[label(FIELD_LABELS, f, lang), meta.get(f)] for f in METADATA_FIELDS
                       if meta.get(f) is not None])
    # the lists the book holds, by where they are: the title of their sheet and its id header
    titled = {".".join(b.where): (label(SHEET_LABELS, b.kind, lang), field_label("id", lang))
              for b in LISTS if isinstance(b, BookList)}
    sheets = [_sheet(book, document, lang, titled) for book in LISTS]
    return write_book([about, *sheets], label(SHEET_LABELS, "choices", lang))


__all__ = ["export_workbook"]
