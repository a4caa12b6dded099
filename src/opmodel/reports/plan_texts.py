"""A plan's ids as people read them: the names of initiatives, phases, milestones and teams,
and planning messages with those names in place of ids (the command line and the pages)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opmodel.knowledge.texts import Message

if TYPE_CHECKING:
    from opmodel.document import OperatingModel

# parameters of planning messages that hold the id of an initiative or a team
ID_PARAMS = frozenset({"other", "prerequisite", "first", "second", "team", "initiative",
                       "depends_on", "kept", "id"})


def names_of(model: OperatingModel) -> dict[str, str]:
    """The name of every initiative, phase, milestone and team by its id."""
    roadmap = model.roadmap
    entities = ([*roadmap.initiatives, *roadmap.phases, *roadmap.milestones, *roadmap.resources]
                if roadmap else [])
    return {e.id: e.name or e.id for e in entities}


def named(found: Message, names: dict[str, str]) -> Message:
    """``found`` with the names of the initiatives and teams it mentions instead of their ids."""
    params = {k: (named(v, names) if isinstance(v, Message)
                  else names.get(v, v) if k in ID_PARAMS and isinstance(v, str) else v)
              for k, v in found.params.items()}
    return Message(code=found.code, params=params)
