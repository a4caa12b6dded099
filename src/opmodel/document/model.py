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
    kind: Literal["OperatingModel"] = "OperatingModel"
    metadata: Metadata
    profile: Profile | None = None
    strategy: Strategy | None = None
    assessment: Assessment | None = None
    design: Design | None = None
    roadmap: Roadmap | None = None
    budget: Budget | None = None
    change: Change | None = None
    kpis: Kpis | None = None
    risks: Risks | None = None

    def dump_data(self) -> dict[str, object]:
        """The document as plain data, keys in schema order, fields never set left out."""
        mark_changed_fields(self)
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)
