"""Rules on the risk register: a risk's template is one of the knowledge base's."""

from __future__ import annotations

from collections.abc import Iterator

from opmodel.document.messages import nearest_ids, problem
from opmodel.document.model import OperatingModel
from opmodel.document.problems import Problem
from opmodel.knowledge.change_catalog import risk_catalog


def risk_rules(model: OperatingModel) -> Iterator[Problem]:
    """A risk's template must be one of the knowledge base's risk templates."""
    if model.risks is None:
        return
    catalog = risk_catalog()
    for n, risk in enumerate(model.risks.items):
        if risk.template and catalog.template(risk.template) is None:
            known = nearest_ids(risk.template, (t.id for t in catalog.templates), 6)
            yield problem("document.unknown_risk_template", ("risks", "items", n, "template"), id=risk.id,
                          template=risk.template, known=known)


RULES = [risk_rules]
