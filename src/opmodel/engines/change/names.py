"""The names a document gives the ids that change results refer to, so that what people
read shows names while the results keep ids."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

from opmodel.document.base import Entity
from opmodel.document.model import OperatingModel


class ChangeNames(BaseModel):
    """Names by id of the groups, stakeholders, messages, initiatives, roles, skills and
    applications a change result mentions; an entity without a name is left out."""

    groups: dict[str, str]
    outsourced_groups: list[str]
    """Ids of the groups that work for a partner."""
    stakeholders: dict[str, str]
    communications: dict[str, str]
    initiatives: dict[str, str]
    roles: dict[str, str]
    skills: dict[str, str]
    applications: dict[str, str]


def _named(entities: Iterable[Entity]) -> dict[str, str]:
    return {e.id: e.name for e in entities if e.name}


def change_names(model: OperatingModel) -> ChangeNames:
    """The names of every entity a change result may mention."""
    change, roadmap, design = model.change, model.roadmap, model.design
    org = design.organization if design else None
    tech = design.technology if design else None
    return ChangeNames(
        groups=_named(change.groups if change else []),
        outsourced_groups=[g.id for g in change.groups if g.outsourced] if change else [],
        stakeholders=_named(change.stakeholders if change else []),
        communications=_named(change.communications if change else []),
        initiatives=_named(roadmap.initiatives if roadmap else []),
        roles=_named(org.roles if org else []),
        skills=_named(org.skills if org else []),
        applications=_named(tech.applications if tech else []))
