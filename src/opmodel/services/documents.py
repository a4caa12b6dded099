"""Comparing documents as a use case: the semantic diff of two models."""

from __future__ import annotations

from opmodel.document.diff import ModelDiff, diff_models
from opmodel.document.model import OperatingModel


def diff(before: OperatingModel, after: OperatingModel) -> ModelDiff:
    """What changed from ``before`` to ``after``: entities added, removed and changed per
    collection (matched by id), and the other field changes, each at its path by key."""
    return diff_models(before, after)
