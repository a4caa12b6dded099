"""Rules on a structurally valid document that the schema alone cannot express, one module
per section; ``check_document`` runs them all."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from opmodel.document.model import OperatingModel
from opmodel.document.problems import Problem
from opmodel.document.references import check_references
from opmodel.document.rules import assessment, change, design, kpis, risks, roadmap

Rule = Callable[[OperatingModel], Iterator[Problem]]

RULES: list[Rule] = [
    check_references,
    *roadmap.RULES,
    *assessment.RULES,
    *kpis.RULES,
    *design.RULES,
    *change.RULES,
    *risks.RULES,
]


def check_document(model: OperatingModel) -> list[Problem]:
    """Every problem the rules find in a structurally valid document."""
    return [p for rule in RULES for p in rule(model)]
