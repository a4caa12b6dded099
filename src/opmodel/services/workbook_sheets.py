"""The lists a workbook of inventories holds, each a sheet: where each sits in the document,
the model of its entries, and how its sheet is titled in ja and en. A child list (an
initiative's costs, dependencies, demand or impact) is one sheet of rows keyed by the parent's
id and the child's key."""

from __future__ import annotations

import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from opmodel.document.change import Stakeholder
from opmodel.document.design import Application, Contract, Decision, Vendor
from opmodel.document.kpis import KpiDefinition
from opmodel.document.roadmap import Initiative
from opmodel.document.shapes import shapes
from opmodel.interop.inventory_sheets import InventorySheet
from opmodel.interop.survey_sheets import normalise
from opmodel.services.sheet_entries import (
    InventoryColumn,
    column_type,
    entry_columns,
    spellings,
)

SheetKind = Literal["applications", "vendors", "contracts", "initiatives", "costs",
                    "dependencies", "demand", "impact", "kpis", "stakeholders",
                    "decision_rights"]
SHEET_LABELS = "workbook_sheet"
INITIATIVES = ("roadmap", "initiatives")
DECISIONS = ("design", "governance", "decisions")
MONEY = frozenset({"annual_cost", "annual_value", "amount", "low", "high", "annual_benefit"})
METADATA_FIELDS = ("name", "organisation", "state", "language", "currency")


@dataclass(frozen=True)
class BookList:
    """A list of the document kept as a sheet."""

    kind: SheetKind
    where: tuple[str, ...]
    model: type[BaseModel]

    def columns(self) -> list[InventoryColumn]:
        """The columns of its sheet (a decision's rights get a column per holder besides)."""
        if self.kind == "decision_rights":
            return [c for c in entry_columns(Decision) if c.field in ("id", "name")]
        return entry_columns(self.model)

    def count(self, document: dict[str, Any]) -> int:
        """How many entries the list holds in ``document``."""
        return len(get_list(document, self.where))


@dataclass(frozen=True)
class ChildList:
    """A field of each entry of a parent list kept as one sheet: a row per child, keyed by
    the parent's id (the ``owner`` column) and the child's ``key``. The field is a list of
    sub-models (costs, dependencies) or a mapping whose key and ``value`` are the row's two
    columns (demand: resource → units, impact: objective → score)."""

    kind: SheetKind
    parent: tuple[str, ...]
    model: type[BaseModel]
    field: str
    key: str
    value: str | None = None
    owner: str = "initiative"

    @property
    def where(self) -> tuple[str, ...]:
        """The list's place in the document, as its parent's field."""
        return (*self.parent, self.field)

    def _item(self) -> type[BaseModel] | None:
        return shapes(self.model)[self.field].model

    def columns(self) -> list[InventoryColumn]:
        """The columns of its sheet after the owner's: the sub-model's, or a mapping's key
        (naming an entry of the collection it refers to) and value."""
        item = self._item()
        if self.value is None and item is not None:
            return entry_columns(item)
        shape = shapes(self.model)[self.field]
        _, value = typing.get_args(self.model.model_fields[self.field].annotation)
        return [InventoryColumn(field=self.key, type="text", ref=shape.ref),
                InventoryColumn(field=str(self.value), type=column_type(value))]

    def entries(self, parent: dict[str, Any]) -> list[dict[str, Any]]:
        """The children of one parent (plain data) as rows: a shorthand written out, and
        each default a field has shown (a dependency is finish-to-start with no lag)."""
        found = parent.get(self.field)
        if self.value is not None:
            return [{self.key: k, self.value: v} for k, v in (found or {}).items()]
        item = self._item()
        assert item is not None
        shorthand: str = getattr(item, "shorthand_field", self.key)
        defaults = {n: f.default.value if isinstance(f.default, Enum) else f.default
                    for n, f in item.model_fields.items()
                    if f.default not in (None, PydanticUndefined)}
        return [{**defaults, **({shorthand: e} if isinstance(e, str) else e)}
                for e in found or []]

    def put(self, parent: dict[str, Any], rows: list[dict[str, Any]]) -> None:
        """Set the children of one parent from its rows; none where there were none adds
        no field."""
        if not rows and self.field not in parent:
            return
        parent[self.field] = ({r[self.key]: r.get(self.value) for r in rows}
                              if self.value is not None else rows)

    def count(self, document: dict[str, Any]) -> int:
        """How many children the parents hold in ``document``."""
        return sum(len(self.entries(p)) for p in get_list(document, self.parent))


AnyList = BookList | ChildList

LISTS: tuple[AnyList, ...] = (
    BookList("applications", ("design", "technology", "applications"), Application),
    BookList("vendors", ("design", "sourcing", "vendors"), Vendor),
    BookList("contracts", ("design", "sourcing", "contracts"), Contract),
    BookList("initiatives", INITIATIVES, Initiative),
    ChildList("costs", INITIATIVES, Initiative, "costs", key="id"),
    ChildList("dependencies", INITIATIVES, Initiative, "depends_on", key="initiative"),
    ChildList("demand", INITIATIVES, Initiative, "demand", key="resource", value="units"),
    ChildList("impact", INITIATIVES, Initiative, "impact", key="objective", value="score"),
    BookList("kpis", ("kpis", "definitions"), KpiDefinition),
    BookList("stakeholders", ("change", "stakeholders"), Stakeholder),
    BookList("decision_rights", DECISIONS, Decision),
)


def find_list(title: str) -> AnyList | None:
    """The list a sheet's title names (in ja or en), if any."""
    key = normalise(title)
    return next((b for b in LISTS if key in spellings(SHEET_LABELS, b.kind)), None)


def is_sheet(title: str, kind: str) -> bool:
    """Whether ``title`` names the sheet ``kind`` (``model``, ``choices``) in ja or en."""
    return normalise(title) in spellings(SHEET_LABELS, kind)


def get_list(document: dict[str, Any], where: tuple[str, ...]) -> list[dict[str, Any]]:
    """The list at ``where`` in the plain document, empty when absent."""
    node: Any = document
    for part in where:
        node = node.get(part) if isinstance(node, dict) else None
    return list(node or [])


def set_list(document: dict[str, Any], where: tuple[str, ...],
             items: list[dict[str, Any]]) -> None:
    """Put ``items`` at ``where``; an empty list where there was none adds no section."""
    node = document
    for part in where[:-1]:
        if part not in node:
            if not items:
                return
            node[part] = {}
        node = node[part]
    if items or where[-1] in node:
        node[where[-1]] = items


def holders(document: dict[str, Any]) -> list[str]:
    """Who may hold a decision right: every role and governance body, and any holder the
    decisions name already, in that order."""
    found = [r["id"] for r in get_list(document, ("design", "organization", "roles"))]
    found += [b["id"] for b in get_list(document, ("design", "governance", "bodies"))]
    for decision in get_list(document, DECISIONS):
        found += list(decision.get("rights", {}))
    return list(dict.fromkeys(found))


def metadata_rows(sheet: InventorySheet) -> dict[str, str]:
    """The metadata a ``model`` sheet gives: field → value, its first column naming the
    field (in ja or en) and its second the value."""
    names = {s: f for f in METADATA_FIELDS for s in spellings("inventory_field", f)}
    found = {}
    for row in sheet.rows:
        cells = [row.cells.get(h) for h in sheet.headers[:2]]
        if len(cells) == 2 and cells[0] and cells[1] and normalise(cells[0]) in names:
            found[names[normalise(cells[0])]] = cells[1]
    return found


__all__ = ["LISTS", "MONEY", "AnyList", "BookList", "ChildList", "SheetKind", "find_list", "get_list", "holders",
           "is_sheet", "metadata_rows", "set_list"]
