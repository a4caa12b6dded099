"""Step 3 review of a design: the governance matrix, sourcing per capability and TIME table."""

from __future__ import annotations

from pydantic import BaseModel

from opmodel.document.model import OperatingModel
from opmodel.engines.design.applications import ApplicationsResult, dispose
from opmodel.engines.design.governance import GovernanceResult, govern
from opmodel.engines.design.sourcing import SourcingResult, source
from opmodel.engines.names import EntityNames, entity_names


class DesignReview(BaseModel):
    """Governance, sourcing and applications together: the json of ``opmodel design``."""

    governance: GovernanceResult
    sourcing: SourcingResult
    applications: ApplicationsResult
    names: EntityNames


def review(model: OperatingModel) -> DesignReview:
    """Run the governance, sourcing and application engines over one document."""
    return DesignReview(governance=govern(model), sourcing=source(model),
                        applications=dispose(model), names=entity_names(model))
