"""The inventories a sheet can fill (where each sits in the document, the model of its entries,
the field that tells them apart) and their columns: which field each fills, how its cells are
read, and the choices of its drop-down."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from opmodel.document.design import Application, Contract, ServiceLevel, Vendor
from opmodel.document.model import OperatingModel
from opmodel.document.shapes import label_kind, shapes
from opmodel.document.strategy import Capability
from opmodel.services.sheet_entries import (
    BOOLEAN,
    FIELD_LABELS,
    InventoryColumn,
    column_type,
    read_cell,
    spellings,
)

InventoryKind = Literal["applications", "vendors", "contracts", "service_levels",
                        "capabilities"]


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
            kind_of = column_type(inventory.model.model_fields[shape.name].annotation)
            if kind_of == "bool":  # a yes/no drop-down, as in the workbook
                columns.append(InventoryColumn(field=shape.alias, required=required,
                                               type="bool", choices=["true", "false"],
                                               label_kind=BOOLEAN))
                continue
            columns.append(InventoryColumn(
                field=shape.alias, required=required, ref=shape.ref, type=kind_of,
                choices=_ids(model, shape.ref) if model and shape.ref else []))
    return columns


__all__ = ["FIELD_LABELS", "KINDS", "Inventory", "InventoryColumn", "InventoryKind",
           "inventory_columns", "read_cell", "spellings"]
