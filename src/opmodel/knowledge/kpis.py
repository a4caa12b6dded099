"""The KPI library: typed entries loaded from ``kpi_library.yaml``."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Annotated

from pydantic import Field, StringConstraints

from opmodel.knowledge.base import KnowledgeId, KnowledgeModel, Text, load_resource

AGGREGATION_PATTERN = r"^(mean|sum|ratio|last|p(?:[1-9]|[1-9][0-9]))$"
Aggregation = Annotated[str, StringConstraints(pattern=AGGREGATION_PATTERN)]
"""mean, sum, ratio (of sums), last, or pNN (a linear percentile, p1 to p99)."""


class KpiKind(StrEnum):
    """Measured from data, or from people's judgement (surveys, ratings)."""

    quantitative = "quantitative"
    qualitative = "qualitative"


class StepId(StrEnum):
    """The six steps of building an operating model (article)."""

    assess = "assess"
    align = "align"
    design = "design"
    roadmap = "roadmap"
    change = "change"
    measure = "measure"


class ComponentId(StrEnum):
    """The five components of an operating model (article)."""

    governance = "governance"
    organization = "organization"
    process = "process"
    technology = "technology"
    sourcing = "sourcing"


class LibraryKpi(KnowledgeModel):
    """One KPI of the library: what it measures, how it rolls up, what is good."""

    id: KnowledgeId
    name: Text
    definition: Text
    formula: Text | None = None
    unit: Text
    kind: KpiKind
    direction: Annotated[str, StringConstraints(pattern=r"^(higher|lower)$")]
    aggregation: Aggregation
    scale: float = Field(default=1.0, gt=0)
    target: float
    component: ComponentId
    step: StepId


class KpiLibrary(KnowledgeModel):
    """Every KPI of the library, in file order."""

    kpis: tuple[LibraryKpi, ...]

    def get(self, kpi_id: str) -> LibraryKpi | None:
        """The entry with ``kpi_id``, or None."""
        return _index(self).get(kpi_id)


@cache
def _index(library: KpiLibrary) -> dict[str, LibraryKpi]:
    return {k.id: k for k in library.kpis}


@cache
def kpi_library() -> KpiLibrary:
    """The KPI library (loaded and validated once per process)."""
    return KpiLibrary.model_validate(load_resource("kpi_library"))


def percentile_of(aggregation: str) -> float | None:
    """0.9 for ``p90``; None for an aggregation that is not a percentile."""
    if aggregation.startswith("p"):
        return int(aggregation[1:]) / 100
    return None
