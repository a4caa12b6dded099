"""Options a steering committee chooses between, made from the global manufacturer's target:
the federated target as it is, a centralized one with a single big-bang ERP cut-over, and a
copy of the federated one under another name (level with it on every figure)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from opmodel.document import OperatingModel, validate_data

EXAMPLE = Path(__file__).parents[2] / "examples" / "global-manufacturer"
FEDERATED = EXAMPLE / "target.yaml"
CURRENT = EXAMPLE / "current.yaml"


def federated_data() -> dict[str, Any]:
    """The example's target as plain data."""
    data: dict[str, Any] = yaml.safe_load(FEDERATED.read_text(encoding="utf-8"))
    return data


def centralized_data() -> dict[str, Any]:
    """The same organisation, centralized, cutting over to the global ERP at once."""
    data = copy.deepcopy(federated_data())
    data["metadata"]["name"] = "Kestrel — centralized, big-bang ERP"
    data["design"]["model"]["structure"] = "centralized"
    for ini in data["roadmap"]["initiatives"]:
        if ini["id"] == "ini-big-bang":
            ini["mandatory"] = True
    data["risks"]["items"].append({
        "id": "rsk-big-bang", "title": "A single cut-over stops order entry in every region",
        "category": "technology", "likelihood": 4, "impact": 5, "owner": "Group CIO",
        "status": "open", "initiatives": ["ini-big-bang"]})
    return data


def twin_data() -> dict[str, Any]:
    """The federated target under another name: level with it everywhere."""
    data = copy.deepcopy(federated_data())
    data["metadata"]["name"] = "Kestrel — federated (copy)"
    return data


def as_model(data: dict[str, Any]) -> OperatingModel:
    """The data as a document."""
    return validate_data(data)


def write(data: dict[str, Any], path: Path) -> Path:
    """The data as a YAML file at ``path``."""
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
