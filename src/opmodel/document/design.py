"""The design section: model type and the five components of the operating model."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import Field

from opmodel.document.base import Component, Date, DocumentModel, Entity, Maturity, Slug
from opmodel.document.refs import (
    BodyRef,
    CapabilityRef,
    InitiativeRef,
    KpiRef,
    PlatformRef,
    RoleRef,
    SkillRef,
    TeamRef,
    UnitRef,
    VendorRef,
)


class Structure(StrEnum):
    """Who holds IT decisions and resources (article)."""

    centralized = "centralized"
    decentralized = "decentralized"
    federated = "federated"
    platform = "platform"


class SourcingStance(StrEnum):
    """How much of IT is delivered by partners (article: hybrid is about sourcing)."""

    in_house = "in_house"
    hybrid = "hybrid"
    outsourced = "outsourced"


class ModelChoice(DocumentModel):
    """The chosen model type: a structure plus a sourcing stance, with the reason."""

    structure: Structure | None = None
    sourcing: SourcingStance | None = None
    rationale: str | None = None


class Raci(StrEnum):
    """Responsible, accountable, consulted, informed."""

    R = "R"
    A = "A"
    C = "C"
    I = "I"  # noqa: E741


class GovernanceBody(Entity):
    """A steering committee, architecture board, investment council ..."""

    chair: RoleRef | None = None
    members: list[RoleRef] = Field(default_factory=list)
    cadence: str | None = None


class Decision(Entity):
    """A recurring IT decision, its Weill & Ross domain, archetype and decision rights."""

    domain: Slug | None = None
    archetype: Slug | None = None
    body: BodyRef | None = None
    rights: dict[Slug, Raci] = Field(
        default_factory=dict,
        description="RACI per holder: a role id or a governance body id (checked on load).")


class Governance(DocumentModel):
    """Governance bodies, decisions and decision rights."""

    bodies: list[GovernanceBody] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)


class UnitKind(StrEnum):
    """What kind of organisational unit this is."""

    corporate = "corporate"
    business_unit = "business_unit"
    region = "region"
    it = "it"
    coe = "coe"
    partner = "partner"


class OrgUnit(Entity):
    """A unit of the organisation: corporate IT, a business unit, a region, a CoE."""

    kind: UnitKind | None = None
    parent: UnitRef | None = None


class Team(Entity):
    """A team that does IT work, in house or at a partner."""

    unit: UnitRef | None = Field(default=None, description="Organisational unit the team sits in.")
    size: Annotated[float, Field(ge=0)] | None = Field(
        default=None, description="Number of people (FTE)."
    )
    vendor: VendorRef | None = Field(
        default=None, description="Partner the team works for, when it is not in house."
    )
    capabilities: list[CapabilityRef] = Field(default_factory=list)


class SkillLevel(DocumentModel):
    """A skill at a proficiency level 0–5."""

    key_fields: ClassVar[tuple[str, ...]] = ("skill",)

    skill: SkillRef
    level: Maturity


class RoleSide(StrEnum):
    """Which side of the house a role decides for (Weill & Ross archetypes)."""

    executive = "executive"
    business_unit = "business_unit"
    it = "it"


class Role(Entity):
    """A role, the team it sits in, how many hold it and the skills it needs."""

    team: TeamRef | None = None
    side: RoleSide | None = Field(
        default=None, description="executive, business_unit or it; default: from the team's unit.")
    headcount: Annotated[float, Field(ge=0)] | None = None
    required_skills: list[SkillLevel] = Field(default_factory=list)
    current_skills: list[SkillLevel] = Field(default_factory=list)


class Skill(Entity):
    """A skill that roles need."""

    category: str | None = None


class Organization(DocumentModel):
    """Units, teams, roles and skills."""

    units: list[OrgUnit] = Field(default_factory=list)
    teams: list[Team] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)


class Practice(Entity):
    """An ITIL practice in use (id from the knowledge base or custom), owner and targets."""

    practice: Slug | None = None
    owner: RoleRef | None = None
    current_level: Maturity | None = None
    target_level: Maturity | None = None


class Lifecycle(StrEnum):
    """Where an application stands in its life."""

    plan = "plan"
    active = "active"
    phase_out = "phase_out"
    retired = "retired"


class TimeDisposition(StrEnum):
    """Gartner's TIME disposition of an application."""

    tolerate = "tolerate"
    invest = "invest"
    migrate = "migrate"
    eliminate = "eliminate"


class Application(Entity):
    """An application in the portfolio."""

    owner: UnitRef | None = None
    platform: PlatformRef | None = None
    vendor: VendorRef | None = None
    capabilities: list[CapabilityRef] = Field(default_factory=list)
    lifecycle: Lifecycle | None = None
    functional_fit: Maturity | None = Field(
        default=None,
        description="How well it serves the business, 0–5; with technical fit, suggests a TIME disposition.",
    )
    technical_fit: Maturity | None = Field(
        default=None,
        description="Technical health, 0–5; with functional fit, suggests a TIME disposition.",
    )
    time: TimeDisposition | None = None
    annual_cost: Annotated[float, Field(ge=0)] | None = Field(
        default=None, description="Yearly cost in the document's currency."
    )
    users: Annotated[int, Field(ge=0)] | None = Field(default=None, description="Number of users.")


class Platform(Entity):
    """A shared platform offered to the organisation (self-service where possible)."""

    owner: TeamRef | None = None
    self_service: bool = False
    capabilities: list[CapabilityRef] = Field(default_factory=list)


class Principle(Entity):
    """An architecture or technology principle."""

    statement: str | None = None


class Standard(Entity):
    """A technology standard: what is allowed, preferred or retired."""

    category: str | None = None
    status: str | None = None


class Technology(DocumentModel):
    """Principles, standards, applications and platforms."""

    principles: list[Principle] = Field(default_factory=list)
    standards: list[Standard] = Field(default_factory=list)
    applications: list[Application] = Field(default_factory=list)
    platforms: list[Platform] = Field(default_factory=list)


class SourcingOption(StrEnum):
    """In-house, co-sourced or outsourced delivery of a capability."""

    in_house = "in_house"
    co_source = "co_source"
    outsource = "outsource"


class SourcingDecision(DocumentModel):
    """How one capability is sourced, and by whom."""

    key_fields: ClassVar[tuple[str, ...]] = ("capability",)

    capability: CapabilityRef
    option: SourcingOption | None = Field(default=None, description="The planned option.")
    vendors: list[VendorRef] = Field(default_factory=list)
    rationale: str | None = None
    criteria: dict[Slug, Maturity] = Field(
        default_factory=dict,
        description="Score 0–5 per sourcing criterion (ids in the knowledge base).")


class Vendor(Entity):
    """A partner: MSP, contractor, cloud or software provider."""

    services: list[str] = Field(default_factory=list)
    country: str | None = None


class ServiceLevel(DocumentModel):
    """A service-level target in a contract."""

    key_fields: ClassVar[tuple[str, ...]] = ("metric",)

    metric: str
    target: float
    unit: str | None = None
    kpi: KpiRef | None = Field(default=None, description="The KPI that measures this level.")


class Contract(Entity):
    """A contract with a vendor, its term, value and service levels."""

    vendor: VendorRef = Field(description="The vendor contracted.")
    start: Date | None = Field(default=None, description="Start of the contract term.")
    end: Date | None = Field(default=None, description="End of the contract term.")
    annual_value: Annotated[float, Field(ge=0)] | None = Field(
        default=None, description="Yearly value in the document's currency."
    )
    service_levels: list[ServiceLevel] = Field(default_factory=list)
    initiatives: list[InitiativeRef] = Field(
        default_factory=list, description="Initiatives that rely on this contract.")


class Sourcing(DocumentModel):
    """Sourcing per capability, vendors and contracts."""

    decisions: list[SourcingDecision] = Field(default_factory=list)
    vendors: list[Vendor] = Field(default_factory=list)
    contracts: list[Contract] = Field(default_factory=list)


class Design(DocumentModel):
    """The operating model as designed: type and five components."""

    model: ModelChoice | None = None
    governance: Governance | None = None
    organization: Organization | None = None
    processes: list[Practice] = Field(default_factory=list)
    technology: Technology | None = None
    sourcing: Sourcing | None = None
    components: dict[Component, str] = Field(
        default_factory=dict, description="Free-text notes per component."
    )
