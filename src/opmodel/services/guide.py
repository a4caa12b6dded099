"""Where a model stands on the six steps: the workspace page's guided path and
``opmodel progress``."""

from __future__ import annotations

from opmodel.document.model import OperatingModel
from opmodel.engines.guide.steps import Standing, standing
from opmodel.services.design import check


def progress(model: OperatingModel) -> Standing:
    """Each step's share done, its checks, and the consistency findings in its sections."""
    return standing(model, check(model).findings)
