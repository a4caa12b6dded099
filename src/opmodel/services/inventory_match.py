"""Which column of an inventory sheet fills which field: matched by the headers people write
(our field names in Japanese or English) and, for a tool's export, by the tool's own headers
(its dialect: LeanIX, ServiceNow), overridden by a mapping; which sheet holds which
inventory; and, for a tool's export, the ids made from its names."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from opmodel.document.base import SLUG_PATTERN
from opmodel.document.messages import problem
from opmodel.document.problems import DocumentError
from opmodel.interop.inventory_sheets import InventoryRow, InventorySheet
from opmodel.interop.survey_sheets import normalise
from opmodel.knowledge.base import Text
from opmodel.knowledge.inventory_dialects import Dialect, inventory_dialects
from opmodel.services.inventory_columns import (
    FIELD_LABELS,
    KINDS,
    InventoryColumn,
    inventory_columns,
    spellings,
)

SOURCE_ID = "source_id"  # the pseudo-field of a tool's own id
# the order sheets are merged in: what others refer to first
ORDER = ("vendors", "capabilities", "contracts", "service_levels", "applications")
_PREFIX = {"applications": "app", "vendors": "vendor", "contracts": "contract",
           "capabilities": "cap"}
# a mapping file: for each inventory (or for the one inventory), our field → their column
ColumnMapping = dict[str, dict[str, str | None]]


def compact(text: str) -> str:
    """Text compared as a header: folded (NFKC), case, spaces, hyphens and underscores
    ignored."""
    return re.sub(r"[\s_\-]", "", normalise(text))


def _texts(texts: list[Text]) -> set[str]:
    return {compact(t) for text in texts for t in (text.ja, text.en)}


@dataclass
class SheetPlan:
    """One sheet to merge: its rows, the inventory they fill, the column of each header,
    and the header of the tool's own id (a tool's export)."""

    sheet: InventorySheet
    kind: str
    heads: dict[str, InventoryColumn]
    source_id: str | None = None
    skipped_fields: set[str] = field(default_factory=set)

    @property
    def ignored(self) -> list[str]:
        """The headers that fill no field."""
        return [h for h in self.sheet.headers if h not in self.heads and h != self.source_id]


def _mapped(header: str, headers: list[str]) -> str | None:
    return next((h for h in headers if h == header), None) or next(
        (h for h in headers if compact(h) == compact(header)), None)


def match_columns(sheet: InventorySheet, kind: str, dialect: Dialect | None,
                  mapping: dict[str, str | None]) -> SheetPlan:
    """The column of each header of ``sheet`` for the inventory ``kind``: the mapping's
    choices first (a field mapped to nothing is left unread), then each field by the
    headers that name it. A mapping that names an unknown field or an absent column is a
    problem at ``mapping.FIELD``."""
    columns = {c.field: c for c in inventory_columns(kind)}
    plan = SheetPlan(sheet, kind, {})
    taken: set[str] = set()
    for name, header in mapping.items():
        if name not in columns and not (name == SOURCE_ID and dialect is not None):
            raise DocumentError([problem("inventory_sheet.mapping_field", ("mapping", name),
                                         field=name, fields=[*columns, SOURCE_ID])])
        if header is None:
            plan.skipped_fields.add(name)
            continue
        found = _mapped(str(header), sheet.headers)
        if found is None:
            raise DocumentError([problem("inventory_sheet.mapping_column", ("mapping", name),
                                         field=name, column=header, file=sheet.source,
                                         columns=sheet.headers)])
        taken.add(found)
        if name == SOURCE_ID:
            plan.source_id = found
        else:
            plan.heads[found] = columns[name]
    known = {c.field for c in plan.heads.values()} | plan.skipped_fields
    aliases = dialect.fields.get(kind, {}) if dialect else {}
    for name, column in columns.items():
        if name in known:
            continue
        names = [compact(t) for text in aliases.get(name, []) for t in (text.en, text.ja)]
        if dialect is None or name != "id":  # a tool's ids are not ours: made from names
            names += sorted(compact(s) for s in spellings(FIELD_LABELS, name))
        free = {compact(h): h for h in reversed(sheet.headers) if h not in taken}
        found = next((free[n] for n in names if n in free), None)  # the dialect's first
        if found is not None:
            plan.heads[found] = column
            taken.add(found)
    if dialect is not None and plan.source_id is None and SOURCE_ID not in plan.skipped_fields:
        ids = _texts(dialect.source_id)
        plan.source_id = next((h for h in sheet.headers
                               if h not in taken and compact(h) in ids), None)
    return plan


def _kind_of(name: str | None, dialect: Dialect) -> str | None:
    key = compact(name or "")
    return next((k for k, names in dialect.sheets.items() if key in _texts(names)), None)


def _by_type(sheet: InventorySheet, dialect: Dialect) -> list[tuple[str | None, InventorySheet]]:
    """A sheet of several fact-sheet types split by its type column, each part with the
    inventory of its type (None: a type we do not read)."""
    types = _texts(dialect.type_column)
    column = next((h for h in sheet.headers if compact(h) in types), None)
    if column is None:
        return [(None, sheet)]
    parts: dict[str, list[InventoryRow]] = {}
    for row in sheet.rows:
        parts.setdefault(row.cells.get(column, ""), []).append(row)
    return [(_kind_of(name, dialect), InventorySheet(sheet.source, sheet.headers, rows,
                                                     name or sheet.sheet))
            for name, rows in parts.items()]


def _pairs(mapping: ColumnMapping, kind: str) -> dict[str, str | None]:
    """The mapping of one inventory: its section, else the file's pairs for any."""
    return mapping.get(kind) or mapping.get("*", {})


def plan_sheets(book: list[InventorySheet], kind: str | None, dialect: str | None,
                mapping: ColumnMapping) -> tuple[list[SheetPlan], dict[str, int]]:
    """The sheets to merge, in the order references need, and the sheets (or fact-sheet
    types) of no inventory we read with their count of rows. Without a dialect every sheet
    fills ``kind``; with one, each sheet the inventory its name or type column says (a CSV
    file: ``kind``, or the dialect's only inventory)."""
    if dialect is None:
        assert kind is not None
        return [match_columns(s, kind, None, _pairs(mapping, kind)) for s in book], {}
    spoken = inventory_dialects()[dialect]
    plans, skipped = [], {}
    only = next(iter(spoken.sheets)) if len(spoken.sheets) == 1 else None
    for sheet in book:
        found = _kind_of(sheet.sheet, spoken)
        parts = [(found, sheet)] if found else _by_type(sheet, spoken)
        for part_kind, part in parts:
            chosen = part_kind
            if chosen is None and part is sheet:  # neither its name nor a type column says
                chosen = kind or (only if len(book) == 1 else None)
            if chosen is None:
                skipped[part.sheet or part.source] = len(part.rows)
                continue
            plans.append(match_columns(part, chosen, spoken, _pairs(mapping, chosen)))
    plans.sort(key=lambda p: ORDER.index(p.kind))
    return plans, skipped


def slug(text: str) -> str | None:
    """A slug made of ``text`` (ASCII letters and digits, lower-case, joined by hyphens);
    None when nothing of it is left."""
    plain = unicodedata.normalize("NFKC", text).encode("ascii", "ignore").decode().lower()
    made = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60].strip("-")
    return made if len(made) >= 2 and re.match(SLUG_PATTERN, made) else None


def made_id(kind: str, name: str | None, source: str | None,
            named: dict[str, str]) -> str | None:
    """The id of a row of a tool's export: the id of the entry of the same name when there
    is one, else a slug of its name, else a slug of the tool's id."""
    if name and compact(name) in named:
        return named[compact(name)]
    made = slug(name) if name else None
    if made is None and source:
        made = slug(source)
        if made is not None and not made[0].isalpha():
            made = f"{_PREFIX.get(kind, kind)}-{made}"
    return made


def names_of(entries: list[dict[str, Any]]) -> dict[str, str]:
    """Entries' ids by each way a sheet may name them: their id and their name."""
    found: dict[str, str] = {}
    for entry in entries:
        if "id" in entry:
            found.setdefault(compact(str(entry["id"])), str(entry["id"]))
            if entry.get("name"):
                found.setdefault(compact(str(entry["name"])), str(entry["id"]))
    return found


def tool_value(text: str, column: InventoryColumn, dialect: Dialect | None) -> str:
    """A cell of a tool's export in our words: the tool's value of an enumeration (LeanIX's
    phaseOut, ServiceNow's Installed) as ours; other text as it is."""
    if dialect is None:
        return text
    key = compact(text)
    for ours, theirs in dialect.values.get(column.field, {}).items():
        if key in _texts(theirs):
            return ours
    return text


__all__ = ["KINDS", "ORDER", "SOURCE_ID", "ColumnMapping", "SheetPlan", "compact", "made_id",
           "match_columns", "names_of", "plan_sheets", "slug", "tool_value"]
