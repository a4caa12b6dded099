"""Rules on the design section: every holder of a decision right is a role or a body."""

from __future__ import annotations

from collections.abc import Iterator

from opmodel.document.messages import problem
from opmodel.document.model import OperatingModel
from opmodel.document.problems import Problem


def decision_rights_holders(model: OperatingModel) -> Iterator[Problem]:
    """Every holder of a decision right names a role or a governance body."""
    design = model.design
    if design is None or design.governance is None:
        return
    roles = {r.id for r in design.organization.roles} if design.organization else set()
    known = roles | {b.id for b in design.governance.bodies}
    for n, decision in enumerate(design.governance.decisions):
        for holder in decision.rights:
            if holder not in known:
                yield problem("document.rights_holder_unknown",
                              ("design", "governance", "decisions", n, "rights", holder),
                              decision=decision.id, holder=holder)


RULES = [decision_rights_holders]
