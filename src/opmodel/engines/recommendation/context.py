"""Context facts a target model states differently from its current model.

Context facts describe the organisation itself (size, units, industry, geography ...): a
new IT operating model does not change them, so a target that does is describing another
organisation, and its recommendation is not comparable with the current one's.
"""

from __future__ import annotations

from pydantic import BaseModel

from opmodel.document.profile import Profile
from opmodel.engines.recommendation.scoring import profile_facts
from opmodel.knowledge.fit import FitRules, Scalar
from opmodel.knowledge.texts import Message


class ContextChange(BaseModel):
    """A context fact whose target value differs from the current model's."""

    factor: str
    current: Scalar | None
    target: Scalar | None
    message: Message


def context_changes(current: Profile | None, target: Profile | None,
                    rules: FitRules) -> list[ContextChange]:
    """The context facts of ``target`` that differ from ``current``: a different value, or
    for a count a value in another band of the fit rules (growth within a band is normal)."""
    before, after = profile_facts(current, rules), profile_facts(target, rules)
    found = []
    for factor in rules.factors:
        if factor.kind != "context":
            continue
        old, new = before[factor.id], after[factor.id]
        if old == new:
            continue
        if old is not None and new is not None and factor.scale == "count" \
                and factor.case_for(old) is factor.case_for(new):
            continue
        found.append(ContextChange(
            factor=factor.id, current=old, target=new,
            message=Message(code="recommend.context_changed",
                            params={"field": f"profile.{factor.id}", "factor": factor.id,
                                    "current": "—" if old is None else old,
                                    "target": "—" if new is None else new})))
    return found
