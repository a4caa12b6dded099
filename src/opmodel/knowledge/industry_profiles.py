"""Starting profiles per industry, for scaffolding a new model (``opmodel new --from``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from opmodel.knowledge.base import load_resource


@cache
def industry_profiles() -> dict[str, dict[str, Any]]:
    """The typical design factors of each industry, by industry id."""
    data = load_resource("industry_profiles")["templates"]
    return {industry: dict(facts or {}) for industry, facts in data.items()}
