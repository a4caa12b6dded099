"""The profile section: the design factors that decide which model type fits."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from opmodel.document.base import DocumentModel, Level3, Maturity


class Industry(StrEnum):
    """Industries, a fixed vocabulary other tools may rely on."""

    banking = "banking"
    insurance = "insurance"
    healthcare = "healthcare"
    government = "government"
    education = "education"
    research = "research"
    manufacturing = "manufacturing"
    retail = "retail"
    hospitality = "hospitality"
    logistics = "logistics"
    energy = "energy"
    telecom = "telecom"
    media = "media"
    software = "software"
    professional_services = "professional_services"
    conglomerate = "conglomerate"
    other = "other"


class Geography(StrEnum):
    """How far the organisation spreads."""

    single_country = "single_country"
    regional = "regional"
    global_ = "global"


class ITMaturity(DocumentModel):
    """Technical maturity that platform operating models depend on (article), each 0–5."""

    devops: Maturity | None = None
    automation: Maturity | None = None
    api_management: Maturity | None = None
    cloud_native: Maturity | None = None


Count = Annotated[int, Field(ge=0)]


class Profile(DocumentModel):
    """Design factors of the organisation; any field may be left out (unknown)."""

    industry: Industry | None = None
    employees: Count | None = None
    it_staff: Count | None = None
    business_units: Count | None = None
    developer_teams: Count | None = None
    geography: Geography | None = None
    bu_diversity: Level3 | None = None
    regulatory_intensity: Level3 | None = None
    security_criticality: Level3 | None = None
    agility_need: Level3 | None = None
    cost_pressure: Level3 | None = None
    innovation_priority: Level3 | None = None
    skills_gap: Level3 | None = None
    hiring_difficulty: Level3 | None = None
    budget_flexibility_need: Level3 | None = None
    standardization_level: Level3 | None = None
    it_maturity: ITMaturity | None = None
