"""The columns of each inventory, pinned field by field (how each cell is read, whether a row
needs it, the collection it names, its choices), and a cell of each kind read for the
document."""

from __future__ import annotations

from typing import Any

import pytest

from opmodel.services.inventory_columns import KINDS, inventory_columns, read_cell
from support.builders import unchecked

LIFECYCLE = ["plan", "active", "phase_out", "retired"]
TIME = ["tolerate", "invest", "migrate", "eliminate"]
COMPONENT = ["governance", "organization", "process", "technology", "sourcing"]
UNITS, PLATFORMS = "design.organization.units", "design.technology.platforms"
VENDORS, CONTRACTS = "design.sourcing.vendors", "design.sourcing.contracts"

# field, how its cells are read, required, the collection it names, its label kind, choices
COLUMNS: dict[str, list[tuple[str, str, bool, str | None, str | None, list[str]]]] = {
    "applications": [
        ("id", "text", True, None, None, []),
        ("name", "text", False, None, None, []),
        ("description", "text", False, None, None, []),
        ("owner", "text", False, UNITS, None, []),
        ("platform", "text", False, PLATFORMS, None, []),
        ("vendor", "text", False, VENDORS, None, []),
        ("capabilities", "list", False, "strategy.capabilities", None, []),
        ("lifecycle", "choice", False, None, "lifecycle", LIFECYCLE),
        ("functional_fit", "number", False, None, None, []),
        ("technical_fit", "number", False, None, None, []),
        ("time", "choice", False, None, "time_disposition", TIME),
        ("annual_cost", "number", False, None, None, []),
        ("users", "number", False, None, None, []),
    ],
    "vendors": [
        ("id", "text", True, None, None, []),
        ("name", "text", False, None, None, []),
        ("description", "text", False, None, None, []),
        ("services", "list", False, None, None, []),
        ("country", "text", False, None, None, []),
    ],
    "contracts": [
        ("id", "text", True, None, None, []),
        ("name", "text", False, None, None, []),
        ("description", "text", False, None, None, []),
        ("vendor", "text", True, VENDORS, None, []),
        ("start", "date", False, None, None, []),
        ("end", "date", False, None, None, []),
        ("annual_value", "number", False, None, None, []),
        ("initiatives", "list", False, "roadmap.initiatives", None, []),
    ],
    "service_levels": [
        ("contract", "text", True, CONTRACTS, None, []),
        ("metric", "text", True, None, None, []),
        ("target", "number", True, None, None, []),
        ("unit", "text", False, None, None, []),
        ("kpi", "text", False, "kpis.definitions", None, []),
    ],
    "capabilities": [
        ("id", "text", True, None, None, []),
        ("name", "text", False, None, None, []),
        ("description", "text", False, None, None, []),
        ("component", "choice", False, None, "component", COMPONENT),
        ("current_level", "number", False, None, None, []),
        ("target_level", "number", False, None, None, []),
        ("importance", "number", False, None, None, []),
        # a yes/no drop-down (はい/いいえ), as in the workbook
        ("differentiating", "bool", False, None, "yes_no", ["true", "false"]),
    ],
}
# with a model, a column naming one entity offers the ids of its collection
IDS = {UNITS: ["u-it"], PLATFORMS: ["p-cloud"], VENDORS: ["v-a"], CONTRACTS: ["c-a"],
       "kpis.definitions": ["kpi-a"]}


def _pinned(column: Any) -> tuple[str, str, bool, str | None, str | None, list[str]]:
    return (column.field, column.type, column.required, column.ref, column.label_kind,
            column.choices)


def test_every_inventory_is_pinned() -> None:
    assert set(COLUMNS) == set(KINDS)


@pytest.mark.parametrize("kind", sorted(COLUMNS))
def test_the_columns_of_an_inventory(kind: str) -> None:
    assert [_pinned(c) for c in inventory_columns(kind)] == COLUMNS[kind]


@pytest.mark.parametrize("kind", sorted(COLUMNS))
def test_with_a_model_a_column_naming_one_entity_offers_its_ids(kind: str) -> None:
    document = unchecked(
        design={"organization": {"units": [{"id": "u-it", "name": "IT"}]},
                "technology": {"platforms": [{"id": "p-cloud"}]},
                "sourcing": {"vendors": [{"id": "v-a"}],
                             "contracts": [{"id": "c-a", "vendor": "v-a"}]}},
        strategy={"capabilities": [{"id": "cap-a"}]}, roadmap={"initiatives": [{"id": "i-a"}]},
        kpis={"definitions": [{"id": "kpi-a"}]})
    expected = [(f, t, r, ref, k, IDS[ref] if t == "text" and ref else choices)
                for f, t, r, ref, k, choices in COLUMNS[kind]]
    assert [_pinned(c) for c in inventory_columns(kind, document)] == expected


@pytest.mark.parametrize(("kind", "field", "text", "value"), [
    ("applications", "lifecycle", "段階的廃止", "phase_out"),
    ("applications", "lifecycle", "Phase out", "phase_out"),
    ("applications", "lifecycle", "phase-out", "phase_out"),
    ("applications", "time", "INVEST", "invest"),
    ("applications", "lifecycle", "someday", None),
    ("applications", "capabilities", "cap-a、cap-b; cap-c\ncap-d", ["cap-a", "cap-b", "cap-c",
                                                                    "cap-d"]),
    ("applications", "annual_cost", "1,200,000", "1200000"),
    ("applications", "annual_cost", "１ ２００", "1200"),
    ("contracts", "start", "2027-04-01 00:00:00", "2027-04-01"),
    ("contracts", "start", "2027/04/01", "2027/04/01"),
    ("capabilities", "differentiating", "yes", "true"),
    ("capabilities", "differentiating", "はい", "true"),
    ("capabilities", "differentiating", "0", "false"),
    ("capabilities", "differentiating", "False", "false"),
    ("capabilities", "differentiating", "maybe", None),
    ("vendors", "name", " SIer ", " SIer "),
])
def test_a_cell_is_read_for_the_document(kind: str, field: str, text: str, value: Any) -> None:
    [column] = [c for c in inventory_columns(kind) if c.field == field]
    assert read_cell(text, column) == value
