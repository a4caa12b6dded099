"""Where a model stands on the six steps: the workspace page's guided path and
``opmodel progress``."""

from __future__ import annotations

from opmodel.document.model import OperatingModel
from opmodel.engines.consistency.checks import CheckResult
from opmodel.engines.guide.steps import Standing, standing
from opmodel.services.design import check


def progress(model: OperatingModel, checked: CheckResult | None = None) -> Standing:
    """Each step's share done, its checks, and the consistency findings in its sections.

    ``checked``: ``check(model)`` when the caller already has it (the server keeps one per
    revision), so that it is not run twice.
    """
    return standing(model, (checked or check(model)).findings)
