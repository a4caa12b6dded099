"""How far a model has come in each of the six steps: the share of what each step produces
that the document holds (``knowledge/data/step_checks.yaml``), and the consistency findings
that fall in the step's sections of the document."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from pydantic import BaseModel, Field

from opmodel.document.base import is_written
from opmodel.document.model import OperatingModel
from opmodel.document.shapes import by_alias
from opmodel.engines.consistency.checks import RuleFinding
from opmodel.knowledge.base import load_resource
from opmodel.knowledge.catalog import get_catalog
from opmodel.knowledge.rules import Severity


class StepCheck(BaseModel):
    """One thing a step produces: where it lives in the document, how many entries it needs,
    how many the model has. Its name is the message ``guide.check.<id>``."""

    id: str
    path: str
    need: int
    found: int
    met: bool


class StepStanding(BaseModel):
    """One step: its checks, the share met, and the findings in its sections by severity."""

    step: str
    number: int
    sections: list[str]
    checks: list[StepCheck]
    completeness: float = Field(ge=0, le=1)
    findings: dict[Severity, int]
    open_findings: list[RuleFinding] = Field(
        description="The consistency findings in the step's sections, most serious first.")
    done: bool = Field(description="Every check met and no error in the step's sections.")


class Standing(BaseModel):
    """The six steps in order, the share of all checks met, and the first step not done
    (a check not met, or an error in its sections)."""

    steps: list[StepStanding]
    steps_done: int
    completeness: float = Field(ge=0, le=1)
    next_step: str | None


@cache
def _checks() -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = load_resource("step_checks")
    return data


def count(data: Any, path: str) -> int:
    """How many non-empty entries ``path`` reaches in the document or its plain data: a list
    counts its items, a mapping or a value counts one; ``*`` walks every item of a list. A
    document counts as its plain data would (``dump_data``: the fields never set left out),
    without dumping it (a large model's dump takes longer than the rest of the page)."""
    found = [data]
    for part in path.split("."):
        step: list[Any] = []
        for value in found:
            if part == "*":
                step.extend(value if isinstance(value, list) else [])
            elif (held := _held(value, part)) is not None:
                step.append(held)
        found = step
    return sum(len(v) if isinstance(v, list) else 1 for v in found)


def _held(value: Any, key: str) -> Any:
    """What ``value`` (plain data or a document model) holds at ``key`` as its plain data
    would hold it; None when that is left out or empty."""
    if isinstance(value, BaseModel):
        shape = by_alias(type(value)).get(key)
        found = value.__dict__.get(shape.name) if shape is not None and is_written(
            value, shape.name) else None
    else:
        found = value.get(key) if isinstance(value, dict) else None
    if isinstance(found, BaseModel):
        return found if any(is_written(found, name) for name in type(found).model_fields) \
            else None
    return None if found in (None, "", [], {}) else found


def _section(path: str) -> str:
    return path.split(".", 1)[0].split("[", 1)[0]


def standing(model: OperatingModel, findings: Sequence[RuleFinding]) -> Standing:
    """Where ``model`` stands on each step, with ``findings`` (of the consistency rules) put
    under the step whose sections hold their paths."""
    steps = []
    for step in sorted(get_catalog().steps.entries, key=lambda s: s.number):
        checks = []
        for entry in _checks().get(step.id, []):
            found, need = count(model, entry["path"]), int(entry.get("min", 1))
            checks.append(StepCheck(id=entry["id"], path=entry["path"], need=need,
                                    found=found, met=found >= need))
        sections = list(step.sections)
        mine = [f for f in findings if _section(f.path) in sections]
        counts = {s: sum(f.severity == s for f in mine) for s in Severity}
        steps.append(StepStanding(
            step=step.id, number=step.number, sections=sections, checks=checks,
            completeness=sum(c.met for c in checks) / len(checks) if checks else 1.0,
            findings=counts, open_findings=mine,
            done=all(c.met for c in checks) and counts[Severity.error] == 0))
    every = [c for s in steps for c in s.checks]
    return Standing(steps=steps, steps_done=sum(s.done for s in steps),
                    completeness=sum(c.met for c in every) / len(every) if every else 1.0,
                    next_step=next((s.step for s in steps if not s.done), None))
