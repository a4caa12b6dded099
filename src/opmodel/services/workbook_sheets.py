"""The lists a workbook of inventories holds, each a sheet: where each sits in the document,
the model of its entries, and how its sheet is titled in ja and en."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from opmodel.document.change import Stakeholder
from opmodel.document.design import Application, Contract, Decision, Vendor
from opmodel.document.kpis import KpiDefinition
from opmodel.document.roadmap import CostItem, Initiative
from opmodel.interop.inventory_sheets import InventorySheet
from opmodel.interop.survey_sheets import normalise
from opmodel.services.sheet_entries import InventoryColumn, entry_columns, spellings

SheetKind = Literal["applications", "vendors", "contracts", "initiatives", "costs", "kpis",
                    "stakeholders", "decision_rights"]
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


LISTS = (
    BookList("applications", ("design", "technology", "applications"), Application),
    BookList("vendors", ("design", "sourcing", "vendors"), Vendor),
    BookList("contracts", ("design", "sourcing", "contracts"), Contract),
    BookList("initiatives", INITIATIVES, Initiative),
    BookList("costs", (*INITIATIVES, "costs"), CostItem),
    BookList("kpis", ("kpis", "definitions"), KpiDefinition),
    BookList("stakeholders", ("change", "stakeholders"), Stakeholder),
    BookList("decision_rights", DECISIONS, Decision),
)


def find_list(title: str) -> BookList | None:
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


__all__ = ["LISTS", "MONEY", "BookList", "SheetKind", "find_list", "get_list", "holders",
           "is_sheet", "metadata_rows", "set_list"]
