"""Step 3 as use cases: review the design, check every consistency rule, list the rules."""

from __future__ import annotations

from opmodel.document.model import OperatingModel
from opmodel.engines.consistency.checks import CheckResult, RuleInfo, locate_findings
from opmodel.engines.consistency.checks import check as run_rules
from opmodel.engines.consistency.checks import list_rules as rules
from opmodel.engines.design.review import DesignReview
from opmodel.engines.design.review import review as run_review


def review(model: OperatingModel) -> DesignReview:
    """The decision-rights matrix and archetypes, sourcing advice and the TIME table."""
    return run_review(model)


def check(model: OperatingModel, text: str | None = None) -> CheckResult:
    """Every consistency rule over the document, errors first.

    ``text``: the YAML or JSON the document was read from, to give each finding the line
    and column of its path (without it, they stay empty).
    """
    return locate_findings(run_rules(model), text)


def list_rules() -> list[RuleInfo]:
    """Every consistency rule: id, severity, section, kind and its texts in both languages."""
    return rules()
