"""Named consistency checks whose logic goes beyond one minimal case each."""

from __future__ import annotations

from typing import Any

import pytest

from opmodel.engines.consistency.checks import run_rule
from opmodel.knowledge.rules import rule_book
from support import builders

RULES = {r.id: r for r in rule_book().rules}


# --- a contract ending before the work that relies on it --------------------------------

def _contract(end: str, initiative: dict[str, Any], **roadmap: Any) -> list[dict[str, Any]]:
    """The contract findings of a contract ending on ``end`` that ``initiative`` relies on."""
    model = builders.model(
        design={"sourcing": {"vendors": [{"id": "v"}], "contracts": [
            {"id": "k", "vendor": "v", "end": end, "initiatives": [initiative["id"]]}]}},
        roadmap={"calendar": {"start": "2027-01-04"}, "initiatives": [initiative], **roadmap})
    return [{k: str(v) for k, v in f.message.params.items()}
            for f in run_rule(RULES["contract-ends-before-initiative"], model)]


WEEKS_26 = {"optimistic": 20, "most_likely": 26, "pessimistic": 40}


def test_without_a_deadline_the_planned_finish_counts() -> None:
    (found,) = _contract("2027-03-31", {"id": "i", "duration": WEEKS_26})
    # 26 weeks from Monday 2027-01-04: the last day is Sunday 2027-07-04
    assert (found["due"], found["basis"]) == ("2027-07-04", "planned_finish")
    assert _contract("2027-07-31", {"id": "i", "duration": WEEKS_26}) == []


def test_the_planned_finish_follows_earliest_starts_and_prerequisites() -> None:
    late = {"id": "i", "duration": WEEKS_26, "earliest_start": "2027-06-07"}
    (found,) = _contract("2027-09-30", late)
    assert found["basis"] == "planned_finish" and found["due"] > "2027-09-30"
    model = builders.model(
        design={"sourcing": {"vendors": [{"id": "v"}], "contracts": [
            {"id": "k", "vendor": "v", "end": "2027-09-30", "initiatives": ["i"]}]}},
        roadmap={"calendar": {"start": "2027-01-04"}, "initiatives": [
            {"id": "first", "duration": WEEKS_26},
            {"id": "i", "duration": WEEKS_26, "depends_on": ["first"]}]})
    (finding,) = run_rule(RULES["contract-ends-before-initiative"], model)
    assert str(finding.message.params["due"]) > "2027-12-31"  # after both 26-week runs


@pytest.mark.parametrize(("deadline", "due", "basis"), [
    ("2027-12-31", "2027-12-31", "deadline"),        # the deadline is later than the estimate
    ("2027-05-31", "2027-07-04", "planned_finish"),  # the work cannot be done by its deadline
])
def test_the_later_of_deadline_and_planned_finish_counts(deadline: str, due: str,
                                                         basis: str) -> None:
    (found,) = _contract("2027-04-30", {"id": "i", "duration": WEEKS_26, "deadline": deadline})
    assert (found["due"], found["basis"]) == (due, basis)


def test_without_deadline_or_duration_the_phase_end_counts() -> None:
    phases = [{"id": "p", "start": "2027-01-04", "end": "2027-12-31"}]
    (found,) = _contract("2027-06-30", {"id": "i", "phase": "p"}, phases=phases)
    assert (found["due"], found["basis"]) == ("2027-12-31", "phase_end")
    assert _contract("2027-06-30", {"id": "i"}) == []  # nothing says when it ends
