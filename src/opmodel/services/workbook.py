"""The Excel round trip: a model's inventories (applications, vendors, contracts, initiatives
with their costs, dependencies, demand and impact, KPIs, stakeholders, the decision-rights
matrix) read back from the workbook that ``workbook_export`` writes, as a new model or as a
change set on an existing one.

A sheet in the book is the whole list: a row keeps its entry's id, a row taken away removes
the entry, an empty cell clears its field; fields without a column stay as they were. All
or nothing: any problem, placed at its sheet, row and column, means no model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from opmodel.document.changes import ChangeSet, changes
from opmodel.document.io import validate_data
from opmodel.document.model import API_VERSION, OperatingModel
from opmodel.document.paths import Key, format_path
from opmodel.document.problems import DocumentError
from opmodel.engines.kpi.intake import RowIssue
from opmodel.interop.guards import DEFAULT_MAX_BYTES
from opmodel.interop.inventory_sheets import InventorySheet
from opmodel.interop.survey_sheets import normalise
from opmodel.interop.workbook_read import read_book
from opmodel.knowledge.texts import has_label
from opmodel.services.sheet_entries import (
    FIELD_LABELS,
    MAPPING_KEY,
    InventoryColumn,
    RowPlace,
    id_header,
    issue,
    match_headers,
    merge_rows,
    place_problems,
    read_choice,
    sort_issues,
    spellings,
)
from opmodel.services.workbook_sheets import (
    DECISIONS,
    LISTS,
    AnyList,
    ChildList,
    SheetKind,
    find_list,
    get_list,
    is_sheet,
    metadata_rows,
    set_list,
)


class SheetChanges(BaseModel):
    """What one sheet does to its list: entries added, updated and removed (by id; a child
    by its initiative and key, ``initiative/cost``), and the problems of its cells."""

    kind: SheetKind
    sheet: str = Field(description="The sheet's title as the book names it.")
    added: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    issues: list[RowIssue] = Field(default_factory=list)
    ignored_columns: list[str] = Field(default_factory=list)


class PathProblem(BaseModel):
    """A problem of the model that no row explains (a removed entry still referred to)."""

    path: str
    code: str
    params: dict[str, Any] = Field(default_factory=dict)


class WorkbookImport(BaseModel):
    """What importing a workbook does: per sheet, the entries added, updated and removed,
    the problems (then no model), the sheets skipped; the change set against the model
    imported into."""

    source: str
    sheets: list[SheetChanges]
    skipped: dict[str, int] = Field(
        description="Sheets that hold none of the lists, with their rows.")
    problems: list[PathProblem] = Field(default_factory=list)
    changes: ChangeSet | None = Field(
        default=None, description="The operations that turn the model imported into into "
                                  "the new one; none for a new model or with problems.")
    model: OperatingModel | None = Field(
        default=None, exclude=True, description="The new model, when there is no problem.")

    @property
    def issues(self) -> list[RowIssue]:
        """Every cell's problem, sheet after sheet."""
        return [i for s in self.sheets for i in s.issues]

    @property
    def ok(self) -> bool:
        """True when the book is imported (no problem anywhere)."""
        return not self.problems and not self.issues


def _diff(before: list[dict[str, Any]], after: list[dict[str, Any]], found: SheetChanges,
          prefix: str = "", key: str = "id") -> None:
    old = {e[key]: e for e in before}
    new = {e[key]: e for e in after}
    found.added += [prefix + i for i in new if i not in old]
    found.removed += [prefix + i for i in old if i not in new]
    found.updated += [prefix + i for i in new if i in old and new[i] != old[i]]


def _count(found: SheetChanges, listed: AnyList, old: dict[str, Any],
           new: dict[str, Any]) -> None:
    """The entries of one list added, updated and removed, between two validated models (a
    child as ``parent/key``)."""
    if not isinstance(listed, ChildList):
        # a change of an entry's children is its child sheet's, not its own
        held = {c.field for c in LISTS if isinstance(c, ChildList) and c.parent == listed.where}
        was, now = ([{k: v for k, v in e.items() if k not in held}
                     for e in get_list(d, listed.where)] for d in (old, new))
        _diff(was, now, found)
        return
    before = {p["id"]: listed.entries(p) for p in get_list(old, listed.parent)}
    after = {p["id"]: listed.entries(p) for p in get_list(new, listed.parent)}
    for key in dict.fromkeys([*before, *after]):
        _diff(before.get(key, []), after.get(key, []), found, f"{key}/", listed.key)


class _Book:
    """The lists of a book merged, sheet by sheet, into one plain document."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.places: dict[tuple[Any, ...], RowPlace] = {}

    def merge(self, book: AnyList, sheet: InventorySheet, title: str) -> SheetChanges:
        found = SheetChanges(kind=book.kind, sheet=title)
        if isinstance(book, ChildList):
            owner = next((h for h in sheet.headers if _is_owner(h, book)), None)
            heads = match_headers([h for h in sheet.headers if h != owner], book.columns(),
                                  book.kind)
            self._children(book, sheet, title, owner, heads, found)
        else:
            owner = None
            heads = match_headers(sheet.headers, book.columns(), book.kind)
            entries = {e["id"]: e for e in get_list(self.document, book.where)}
            merged = merge_rows(sheet.rows, heads, id_header(sheet, heads, book.where),
                                entries, whole=True)
            found.issues += merged.issues
            names = {c.field: h for h, c in heads.items()}
            if book.kind == "decision_rights":
                rest = [h for h in sheet.headers if h not in heads and h.strip()]
                self._rights(merged.rows, entries, rest, found)
                names |= {f"rights.{h.strip()}": h for h in rest}
            set_list(self.document, book.where, list(entries.values()))
            for eid, row in merged.rows.items():
                self.places[(*book.where, Key(eid))] = RowPlace(title, row, names)
        used = set(heads) | ({h for h in sheet.headers if h.strip()}
                             if book.kind == "decision_rights" else set())
        found.ignored_columns = [h for h in sheet.headers if h not in used and h != owner]
        return found

    def _rights(self, rows: dict[str, Any], entries: dict[str, dict[str, Any]],
                holders: list[str], found: SheetChanges) -> None:
        raci = InventoryColumn(field="rights", type="choice", choices=["R", "A", "C", "I"],
                               label_kind="raci")
        for eid, row in rows.items():
            rights = {}
            for header in holders:
                text = row.cells.get(header)
                if not text:
                    continue
                letter = read_choice(text, raci)
                if letter is None:
                    found.issues.append(issue(row.row, header, "inventory_sheet.bad_choice",
                                              text, kind="raci", choices=raci.choices))
                else:
                    rights[header.strip()] = letter
            entry = {k: v for k, v in entries[eid].items() if k != "rights"}
            entries[eid] = {**entry, "rights": rights} if rights else entry

    def _children(self, book: ChildList, sheet: InventorySheet, title: str, owner: str | None,
                  heads: dict[str, InventoryColumn], found: SheetChanges) -> None:
        """A sheet of child rows: each row to its parent (the owner column), then each
        parent's rows merged into its children as a whole list."""
        key_column = next((h for h, c in heads.items() if c.field == book.key), None)
        if owner is None or key_column is None:
            code = "workbook.no_initiative_column" if owner is None else "workbook.no_key_column"
            own = f"{book.kind}_field"  # the kind of labels that names the key's column
            raise DocumentError([_problem(
                code, book.where, file=sheet.source, sheet=title, field=book.key,
                labels=own if has_label(own, book.key) else FIELD_LABELS)])
        parents = {p["id"]: p for p in get_list(self.document, book.parent)}
        groups: dict[str, list[Any]] = {p: [] for p in parents}
        for row in sheet.rows:
            key = row.cells.get(owner)
            if key is None:
                found.issues.append(issue(row.row, owner, "workbook.no_initiative_cell", None))
            elif key not in parents:
                found.issues.append(issue(row.row, owner, "workbook.unknown_initiative", key))
            else:
                groups[key].append(row)
        names = {c.field: h for h, c in heads.items()}
        if book.value is not None:  # a mapping: its key's problems at the key's column
            names[MAPPING_KEY] = key_column
        entry = book.value or book.key
        for key, rows in groups.items():
            entries = {c[book.key]: c for c in book.entries(parents[key])}
            merged = merge_rows(rows, heads, key_column, entries, whole=True, key=book.key)
            found.issues += merged.issues
            book.put(parents[key], list(entries.values()))
            for first in list(merged.rows.values())[:1]:  # a problem of the whole list
                self.places[(*book.parent, Key(key), book.field)] = RowPlace(
                    title, first, names, book.key)
            for child, row in merged.rows.items():
                self.places[(*book.where[:-1], Key(key), book.field, Key(child))] = RowPlace(
                    title, row, names, entry)


def _is_owner(header: str, book: ChildList) -> bool:
    return normalise(header) in spellings("inventory_field", book.owner)


def _problem(code: str, where: tuple[str, ...], **params: Any) -> Any:
    from opmodel.document.messages import problem

    return problem(code, where, **params)


def _new_document(sheets: dict[str, InventorySheet], name: str) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": Path(name).stem}
    for title, sheet in sheets.items():
        if is_sheet(title, "model"):
            meta |= metadata_rows(sheet)
    return {"apiVersion": API_VERSION, "kind": "OperatingModel", "metadata": meta}


# the order the lists are merged in: a child list after the parents it belongs to
_ORDER = [b.kind for b in LISTS]


def import_workbook(data: bytes, name: str, into: OperatingModel | None = None, *,
                    max_bytes: int = DEFAULT_MAX_BYTES) -> WorkbookImport:
    """The workbook's lists as a model: merged into ``into`` (then with the change set
    against it), or as a new model whose metadata comes from the ``model`` sheet. Raises
    :class:`opmodel.interop.tables.TableError` for a file that is no usable workbook."""
    sheets = read_book(data, name, max_bytes=max_bytes)
    book = _Book(into.dump_data() if into is not None else _new_document(sheets, name))
    found: list[tuple[AnyList, InventorySheet, str]] = []
    skipped: dict[str, int] = {}
    for title, sheet in sheets.items():
        listed = find_list(title)
        if listed is not None:
            found.append((listed, sheet, title))
        elif not (is_sheet(title, "model") or is_sheet(title, "choices")):
            skipped[title] = len(sheet.rows)
    found.sort(key=lambda f: _ORDER.index(f[0].kind))
    results = [book.merge(listed, sheet, title) for listed, sheet, title in found]
    result = WorkbookImport(source=name, sheets=results, skipped=skipped)
    try:
        checked = validate_data(book.document)
    except DocumentError as exc:
        placed = place_problems(exc, book.places)
        for changed, (_, sheet, _) in zip(results, found, strict=True):
            refused = {(i.row, i.column) for i in changed.issues}  # said once per cell
            more = [i for i in placed.by_sheet.get(changed.sheet, [])
                    if (i.row, i.column) not in refused]
            changed.issues = sort_issues(changed.issues + more, sheet)
        result.problems = [PathProblem(path=format_path(p.path), code=p.code, params=p.params)
                           for p in placed.elsewhere]
        return result
    old = into.dump_data() if into is not None else {}
    new = checked.dump_data()
    for changed, (listed, sheet, _) in zip(results, found, strict=True):
        changed.issues = sort_issues(changed.issues, sheet)
        _count(changed, listed, old, new)
    if result.ok:
        result.model = checked
        result.changes = changes(into, checked) if into is not None else None
    return result


__all__ = ["DECISIONS", "PathProblem", "SheetChanges", "WorkbookImport", "import_workbook"]
