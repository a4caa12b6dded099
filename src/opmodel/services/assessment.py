"""Steps 1–3 as use cases: score the assessment, recommend a model type, trace alignment."""

from __future__ import annotations

from pydantic import BaseModel, Field

from opmodel.document.messages import problem
from opmodel.document.model import OperatingModel
from opmodel.document.problems import DocumentError
from opmodel.engines.alignment.coverage import AlignmentResult
from opmodel.engines.alignment.coverage import align as trace
from opmodel.engines.assessment.comparison import Grouping
from opmodel.engines.assessment.scoring import AssessmentResult
from opmodel.engines.assessment.scoring import assess as score
from opmodel.engines.recommendation.ranking import Recommendation
from opmodel.engines.recommendation.ranking import recommend as rank


class AssessOptions(BaseModel):
    """How to score an assessment: also compare the groups of respondents ``by`` one of their
    attributes."""

    by: Grouping | None = Field(default=None, description="business_unit, role, employment "
                                                          "or it_or_business.")


def assess(model: OperatingModel, by: Grouping | None = None) -> AssessmentResult:
    """Score the assessment per question, component and overall, with gaps and disagreements;
    ``by`` also compares the groups of respondents (business units, roles, IT and business,
    internal and outsourced staff).

    A model without respondents has nothing to score: a problem at
    ``assessment.respondents``.
    """
    if model.assessment is None or not model.assessment.respondents:
        raise DocumentError([problem("assess.no_respondents", ("assessment", "respondents"))])
    return score(model, by)


def recommend(model: OperatingModel, current: OperatingModel | None = None) -> Recommendation:
    """The structures ranked for the profile, the recommended structure and, apart, the
    sourcing stance. ``current``: the current model when ``model`` is a target, to report
    the context facts the target states differently."""
    return rank(model.profile, current=current.profile if current else None)


def align(model: OperatingModel) -> AlignmentResult:
    """Objectives → outcomes → capabilities → initiatives: coverage and what is orphaned."""
    return trace(model)
