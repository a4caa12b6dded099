"""The inventories a sheet can fill (where each sits in the document, the model of its entries,
the field that tells them apart) and their columns: which field each fills, how its cells are
read, and the choices of its drop-down."""

from __future__ import annotations

import datetime as dt
import re
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from opmodel.document.design import Application, Contract, ServiceLevel, Vendor
from opmodel.document.model import OperatingModel
from opmodel.document.shapes import label_kind, shapes
from opmodel.document.strategy import Capability
from opmodel.interop.measurements import THOUSANDS
from opmodel.interop.survey_sheets import normalise
from opmodel.knowledge.texts import labels_catalog
from opmodel.services.sheet_entries import InventoryColumn

InventoryKind = Literal["applications", "vendors", "contracts", "service_levels",
                        "capabilities"]
FIELD_LABELS = "inventory_field"
_LIST_SPLIT = re.compile(r"[,、，;；\n]")
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]00:00(?::00)?$")


@dataclass(frozen=True)
class Inventory:
    """Where an inventory's entries sit: the list at ``where`` (for entries nested in
    another inventory's entries, such as a contract's service levels: the parents' list,
    the ``parent`` column naming the parent, and its list ``field``), their model, and the
    field that tells them apart."""

    where: tuple[str, ...]
    model: type[BaseModel]
    key: str = "id"
    parent: str | None = None
    field: str | None = None


KINDS: dict[str, Inventory] = {
    "applications": Inventory(("design", "technology", "applications"), Application),
    "vendors": Inventory(("design", "sourcing", "vendors"), Vendor),
    "contracts": Inventory(("design", "sourcing", "contracts"), Contract),
    "service_levels": Inventory(("design", "sourcing", "contracts"), ServiceLevel,
                                key="metric", parent="contract", field="service_levels"),
    "capabilities": Inventory(("strategy", "capabilities"), Capability),
}
# the collection the parent column of a nested inventory refers to
_PARENT_REFS = {"contract": "design.sourcing.contracts"}


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


def _ids(model: OperatingModel, collection: str) -> list[str]:
    """The ids of the entities of ``collection`` (a dotted path) in ``model``."""
    data: Any = model.dump_data()
    for part in collection.split("."):
        data = data.get(part, {}) if isinstance(data, dict) else {}
    return [e["id"] for e in data if isinstance(e, dict) and "id" in e] \
        if isinstance(data, list) else []


def inventory_columns(kind: str, model: OperatingModel | None = None) -> list[InventoryColumn]:
    """The columns of an inventory: each field of its entries that holds a value or a list of
    values (deeper lists stay in the YAML; a contract's service levels are an inventory of
    their own). With ``model``, a column naming one entity offers its ids as choices."""
    inventory = KINDS[kind]
    columns = []
    if inventory.parent is not None:
        ref = _PARENT_REFS[inventory.parent]
        columns.append(InventoryColumn(field=inventory.parent, type="text", required=True,
                                       ref=ref, choices=_ids(model, ref) if model else []))
    for shape in shapes(inventory.model).values():
        if shape.model is not None or shape.container not in ("value", "list"):
            continue
        required = inventory.model.model_fields[shape.name].is_required()
        if shape.enum is not None:
            columns.append(InventoryColumn(field=shape.alias, type="choice", required=required,
                                           choices=[str(e.value) for e in shape.enum],
                                           label_kind=label_kind(shape.enum)))
        elif shape.container == "list":
            columns.append(InventoryColumn(field=shape.alias, type="list", ref=shape.ref))
        else:
            columns.append(InventoryColumn(
                field=shape.alias, required=required, ref=shape.ref,
                type=_type(inventory.model.model_fields[shape.name].annotation),
                choices=_ids(model, shape.ref) if model and shape.ref else []))
    return columns


def spellings(kind: str, value: str) -> set[str]:
    """A field or enum value as people write it: itself, with spaces, and its labels."""
    found = {normalise(value), normalise(value.replace("_", " ")),
             normalise(value.replace("_", "-"))}
    text = labels_catalog().get(kind, {}).get(value)
    if text is not None:
        found |= {normalise(text.ja), normalise(text.en)}
    return found


def _choice(text: str, column: InventoryColumn) -> str | None:
    key = normalise(text)
    return next((v for v in column.choices
                 if key in spellings(column.label_kind or "", v)), None)


def read_cell(text: str, column: InventoryColumn) -> Any:
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


__all__ = ["FIELD_LABELS", "KINDS", "Inventory", "InventoryColumn", "InventoryKind",
           "inventory_columns", "read_cell", "spellings"]
