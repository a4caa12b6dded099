"""The change-management sample document shared by the change engine tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from opmodel.document import OperatingModel, validate_data

SAMPLE = Path(__file__).parents[1] / "data" / "change_sample.yaml"


def sample_data() -> dict[str, Any]:
    """The sample as plain data, to change in a test."""
    return dict(yaml.safe_load(SAMPLE.read_text(encoding="utf-8")))


def sample(data: dict[str, Any] | None = None) -> OperatingModel:
    """The sample (or changed sample data) as a validated document."""
    return validate_data(data if data is not None else sample_data())
