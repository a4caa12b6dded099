"""Typed reference aliases: a slug that must name an entity of a given collection."""

from __future__ import annotations

from typing import Annotated

from opmodel.document.base import RefTo, Slug

ObjectiveRef = Annotated[Slug, RefTo("strategy.objectives")]
OutcomeRef = Annotated[Slug, RefTo("strategy.outcomes")]
CapabilityRef = Annotated[Slug, RefTo("strategy.capabilities")]
RequirementRef = Annotated[Slug, RefTo("strategy.requirements")]
RespondentRef = Annotated[Slug, RefTo("assessment.respondents")]
QuestionRef = Annotated[Slug, RefTo("assessment.questions")]
BodyRef = Annotated[Slug, RefTo("design.governance.bodies")]
UnitRef = Annotated[Slug, RefTo("design.organization.units")]
TeamRef = Annotated[Slug, RefTo("design.organization.teams")]
RoleRef = Annotated[Slug, RefTo("design.organization.roles")]
SkillRef = Annotated[Slug, RefTo("design.organization.skills")]
ApplicationRef = Annotated[Slug, RefTo("design.technology.applications")]
PlatformRef = Annotated[Slug, RefTo("design.technology.platforms")]
VendorRef = Annotated[Slug, RefTo("design.sourcing.vendors")]
ContractRef = Annotated[Slug, RefTo("design.sourcing.contracts")]
InitiativeRef = Annotated[Slug, RefTo("roadmap.initiatives")]
PhaseRef = Annotated[Slug, RefTo("roadmap.phases")]
MilestoneRef = Annotated[Slug, RefTo("roadmap.milestones")]
ResourceRef = Annotated[Slug, RefTo("roadmap.resources")]
StakeholderRef = Annotated[Slug, RefTo("change.stakeholders")]
GroupRef = Annotated[Slug, RefTo("change.groups")]
CourseRef = Annotated[Slug, RefTo("change.courses")]
KpiRef = Annotated[Slug, RefTo("kpis.definitions")]
RiskRef = Annotated[Slug, RefTo("risks.items")]
