"""The names a document gives its ids, by collection, so that what people read shows names
(in Japanese as readily as in English) while results keep the ids."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from opmodel.document.base import Entity
from opmodel.document.model import OperatingModel


class EntityNames(BaseModel):
    """Display names by id of the entities a result may mention; an entity without a name
    is left out (people then read its id)."""

    respondents: dict[str, str] = Field(default_factory=dict)
    units: dict[str, str] = Field(default_factory=dict)
    teams: dict[str, str] = Field(default_factory=dict)
    roles: dict[str, str] = Field(default_factory=dict)
    bodies: dict[str, str] = Field(default_factory=dict)
    decisions: dict[str, str] = Field(default_factory=dict)
    capabilities: dict[str, str] = Field(default_factory=dict)
    vendors: dict[str, str] = Field(default_factory=dict)
    applications: dict[str, str] = Field(default_factory=dict)
    initiatives: dict[str, str] = Field(default_factory=dict)
    groups: dict[str, str] = Field(default_factory=dict)

    def holder(self, key: str) -> str:
        """A decision-rights holder (a role or a governance body) by its name."""
        return self.roles.get(key) or self.bodies.get(key) or key


def _named(entities: Iterable[Entity] | None) -> dict[str, str]:
    return {e.id: e.name for e in entities or () if e.name}


def entity_names(model: OperatingModel) -> EntityNames:
    """The names of the document's people, organisation, governance, sourcing and roadmap."""
    design = model.design
    org = design.organization if design else None
    gov = design.governance if design else None
    src = design.sourcing if design else None
    tech = design.technology if design else None
    return EntityNames(
        respondents=_named(model.assessment.respondents if model.assessment else None),
        units=_named(org.units if org else None), teams=_named(org.teams if org else None),
        roles=_named(org.roles if org else None), bodies=_named(gov.bodies if gov else None),
        decisions=_named(gov.decisions if gov else None),
        capabilities=_named(model.strategy.capabilities if model.strategy else None),
        vendors=_named(src.vendors if src else None),
        applications=_named(tech.applications if tech else None),
        initiatives=_named(model.roadmap.initiatives if model.roadmap else None),
        groups=_named(model.change.groups if model.change else None))
