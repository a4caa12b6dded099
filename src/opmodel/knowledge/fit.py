"""Fit rules of the model-type recommender: typed access to ``model_type_fit.yaml``."""

from __future__ import annotations

from functools import cache
from typing import Annotated, Literal

from pydantic import Field, model_validator

from opmodel.knowledge.base import KnowledgeId, KnowledgeModel, Text, load_resource

Scalar = str | int | float
FactKind = Literal["context", "need", "it_state"]
"""What a profile fact describes: the organisation, what it asks of IT, or IT as it is."""


class FitCase(KnowledgeModel):
    """One case of a factor: a value (or values), a numeric range, or the default."""

    model_config = KnowledgeModel.model_config | {"populate_by_name": True}

    value: str | tuple[str, ...] | None = None
    from_: float | None = Field(default=None, alias="from")
    to: float | None = None
    points: dict[KnowledgeId, float]
    reason: Text
    sourcing_reason: Text | None = None  # why the case moves the sourcing type, when not ``reason``

    @property
    def is_default(self) -> bool:
        """True for the catch-all case (no value, no range)."""
        return self.value is None and self.from_ is None and self.to is None

    def values(self) -> tuple[str, ...]:
        """The values this case matches by equality."""
        if self.value is None:
            return ()
        return (self.value,) if isinstance(self.value, str) else self.value

    def matches(self, fact: Scalar) -> bool:
        """Whether a known profile value falls into this case."""
        if self.value is not None:
            return str(fact) in self.values()
        if self.from_ is None and self.to is None:
            return True
        if isinstance(fact, str):
            return False
        low = self.from_ if self.from_ is not None else float("-inf")
        high = self.to if self.to is not None else float("inf")
        return low <= fact < high

    def representative(self, near: Scalar | None = None) -> Scalar | None:
        """A profile value in this case, the nearest to ``near`` (used to propose changes)."""
        if self.value is not None:
            return self.values()[0]
        if self.from_ is None and self.to is None:
            return None
        if (self.to is not None and isinstance(near, int | float) and near >= self.to) \
                or self.from_ is None:
            return int(self.to) - 1 if self.to is not None else None
        return int(self.from_)


class FitFactor(KnowledgeModel):
    """A design factor: a profile field and how each of its values favours the types."""

    id: KnowledgeId = Field(description="The field's dotted path in the profile.")
    scale: Literal["ordinal", "count", "nominal"]
    kind: FactKind
    step_cost: Annotated[int, Field(ge=1)] = 1  # what one step of change costs
    label: Text
    cases: tuple[FitCase, ...]

    def case_for(self, fact: Scalar) -> FitCase | None:
        """The first case that matches a known value, or None."""
        return next((c for c in self.cases if c.matches(fact)), None)


class FitType(KnowledgeModel):
    """A model type and what it competes for: the structure or the sourcing stance."""

    id: KnowledgeId
    role: Literal["structure", "sourcing"]


class SourcingBand(KnowledgeModel):
    """A sourcing stance, chosen when the sourcing type's score is below ``below`` and at
    least ``min_coverage`` of the sourcing evidence is known (else the band before it)."""

    id: Literal["in_house", "hybrid", "outsourced"]
    below: float | None = None
    min_coverage: Annotated[float, Field(ge=0, le=1)] = 0


class InHouseCore(KnowledgeModel):
    """Work that stays in-house whatever is sourced outside (article: core work inside)."""

    id: KnowledgeId
    label: Text


class SourcingRule(KnowledgeModel):
    """Which type's score decides the sourcing stance, and the stances by threshold."""

    type: KnowledgeId
    min_coverage: Annotated[float, Field(ge=0, le=1)]
    stances: tuple[SourcingBand, ...]
    stays_in_house: tuple[InHouseCore, ...]


class SensitivityRule(KnowledgeModel):
    """Which changes of the profile the sensitivity analysis proposes."""

    max_cost: Annotated[int, Field(ge=1)]
    flips_shown: Annotated[int, Field(ge=1)]


class FitRules(KnowledgeModel):
    """Everything the recommender needs, as data."""

    neutral: Annotated[float, Field(ge=0, le=100)] = 50
    half_confidence_lead: Annotated[float, Field(gt=0)]
    sensitivity: SensitivityRule
    types: tuple[FitType, ...]
    sourcing: SourcingRule
    factors: tuple[FitFactor, ...]

    @model_validator(mode="after")
    def _consistent(self) -> FitRules:
        ids = [t.id for t in self.types]
        factor_ids = [f.id for f in self.factors]
        if len(set(factor_ids)) != len(factor_ids):
            raise ValueError("each profile field may have only one factor")
        for factor in self.factors:
            for case in factor.cases:
                unknown = set(case.points) - set(ids)
                if unknown:
                    raise ValueError(f"factor {factor.id}: unknown types {sorted(unknown)}")
                moves_structure = any(v for t, v in case.points.items() if t != self.sourcing.type)
                if moves_structure and case.points.get(self.sourcing.type) \
                        and case.sourcing_reason is None:
                    raise ValueError(f"factor {factor.id}: a case that moves a structure and the "
                                     "sourcing type needs a sourcing_reason")
        if self.sourcing.type not in ids:
            raise ValueError(f"sourcing type {self.sourcing.type} is not a type")
        return self

    def factor(self, factor_id: str) -> FitFactor:
        """The factor of a profile field."""
        return next(f for f in self.factors if f.id == factor_id)

    def type_ids(self, role: str | None = None) -> list[str]:
        """Ids of the types, optionally only those of one role."""
        return [t.id for t in self.types if role is None or t.role == role]


@cache
def fit_rules() -> FitRules:
    """The packaged fit rules (parsed and validated once)."""
    return FitRules.model_validate(load_resource("model_type_fit"))
