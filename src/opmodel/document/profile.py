"""The profile section: the design factors that decide which model type fits."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

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

    devops: Maturity | None = Field(
        default=None, description="Present IT state: DevOps maturity today, 0–5.")
    automation: Maturity | None = Field(
        default=None, description="Present IT state: automation maturity today, 0–5.")
    api_management: Maturity | None = Field(
        default=None, description="Present IT state: API management maturity today, 0–5.")
    cloud_native: Maturity | None = Field(
        default=None, description="Present IT state: cloud-native maturity today, 0–5.")


Count = Annotated[int, Field(ge=0)]


def _fact(description: str) -> Any:
    """An optional profile fact with its description (its kind first)."""
    return Field(default=None, description=description)


class Profile(DocumentModel):
    """Design factors of the organisation; any field may be left out (unknown).

    Each field is context (the organisation itself, the same in its current and target
    models), a need (what the business asks of IT) or the present IT state.
    """

    industry: Industry | None = _fact("Context: the industry the organisation works in.")
    employees: Count | None = _fact("Context: number of employees of the whole organisation.")
    it_staff: Count | None = _fact("Present IT state: number of IT staff, employed or contracted.")
    business_units: Count | None = _fact("Context: number of business units.")
    developer_teams: Count | None = _fact(
        "Present IT state: number of software development teams.")
    digital_product_focus: Level3 | None = _fact(
        "Context: how much of the business lives on digital products and services "
        "(high: digital-first).")
    geography: Geography | None = _fact("Context: how far the organisation spreads.")
    bu_diversity: Level3 | None = _fact(
        "Context: how different the business units' needs are from each other.")
    regulatory_intensity: Level3 | None = _fact("Context: how strictly the business is regulated.")
    security_criticality: Level3 | None = _fact(
        "Context: how much harm a security breach would do to the business.")
    agility_need: Level3 | None = _fact("Need: how fast the business needs IT to respond.")
    cost_pressure: Level3 | None = _fact("Need: how hard the business presses on IT cost.")
    innovation_priority: Level3 | None = _fact(
        "Need: how much the business expects IT to experiment and innovate.")
    skills_gap: Level3 | None = _fact(
        "Present IT state: how many of the skills needed IT lacks today.")
    hiring_difficulty: Level3 | None = _fact(
        "Context: how hard it is to hire IT staff in the organisation's labour market.")
    budget_flexibility_need: Level3 | None = _fact(
        "Need: how much IT cost should follow demand rather than stay fixed.")
    standardization_level: Level3 | None = _fact(
        "Need: how much the business needs common technology standards across units "
        "(what it asks of IT, not how standardised IT is today).")
    it_maturity: ITMaturity | None = Field(
        default=None, description="Present IT state: the technical maturity platforms depend on.")
