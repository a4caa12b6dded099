"""The operating-model document: every section, each optional."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from opmodel.document.assessment import Assessment
from opmodel.document.base import DocumentModel, mark_changed_fields
from opmodel.document.budget import Budget
from opmodel.document.change import Change
from opmodel.document.design import Design
from opmodel.document.kpis import Kpis
from opmodel.document.metadata import Metadata
from opmodel.document.profile import Profile
from opmodel.document.risks import Risks
from opmodel.document.roadmap import Roadmap
from opmodel.document.strategy import Strategy

API_VERSION = "opmodel/v1"


class OperatingModel(DocumentModel):
    """An organisation's IT operating model, as data."""

    api_version: Literal["opmodel/v1"] = Field(default="opmodel/v1", alias="apiVersion")
    kind: Literal["OperatingModel"] = Field(
        default="OperatingModel", description="Always OperatingModel."
    )
    metadata: Metadata
    profile: Profile | None = Field(
        default=None,
        description="Design factors of the organisation (size, industry, pressures ...).",
    )
    strategy: Strategy | None = Field(
        default=None, description="Business objectives and what IT must achieve for them."
    )
    assessment: Assessment | None = Field(
        default=None, description="Where IT stands: a questionnaire, who answered it and how."
    )
    design: Design | None = Field(
        default=None, description="The operating model as designed: type and five components."
    )
    roadmap: Roadmap | None = Field(
        default=None, description="Initiatives, their order and the capacity to do them."
    )
    budget: Budget | None = Field(
        default=None, description="What the change costs and what it saves."
    )
    change: Change | None = Field(
        default=None, description="How the organisation is brought along."
    )
    kpis: Kpis | None = Field(default=None, description="The KPIs the organisation watches.")
    risks: Risks | None = Field(default=None, description="The risk register.")

    def dump_data(self) -> dict[str, object]:
        """The document as plain data, keys in schema order, fields never set left out."""
        mark_changed_fields(self)
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)
