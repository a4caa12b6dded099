"""Applications: TIME from functional × technical fit, and plans that contradict it."""

from __future__ import annotations

import pytest

from opmodel.engines.design.applications import derive_time, dispose
from opmodel.knowledge.rules import design_rules
from support.builders import model

RULES = design_rules().time


@pytest.mark.parametrize(("functional", "technical", "expected"), [
    (5, 5, "invest"), (3, 3, "invest"), (2, 5, "tolerate"), (4, 2, "migrate"),
    (0, 0, "eliminate"), (2, 2, "eliminate"), (3, 2, "migrate"), (2, 3, "tolerate"),
    (None, 4, None), (4, None, None),
])
def test_time_quadrants_with_the_threshold_from_data(functional: int | None,
                                                     technical: int | None,
                                                     expected: str | None) -> None:
    assert RULES.threshold == 3
    assert derive_time(functional, technical, RULES) == expected


def test_contradictions_planned_and_investment() -> None:
    result = dispose(model(
        design={"technology": {"applications": [
            {"id": "old", "functional_fit": 1, "technical_fit": 1, "time": "migrate"},
            {"id": "doomed", "functional_fit": 4, "technical_fit": 4, "time": "eliminate"},
            {"id": "good", "functional_fit": 4, "technical_fit": 4, "time": "invest"},
            {"id": "unrated"}]}},
        roadmap={"initiatives": [{"id": "upgrade", "applications": ["old", "good"]},
                                 {"id": "polish", "applications": ["doomed"]}]}))
    rows = {r.application: r for r in result.applications}
    assert rows["old"].derived == "eliminate" and rows["old"].agrees is False
    assert rows["good"].agrees is True and rows["unrated"].derived is None
    assert rows["old"].initiatives == ["upgrade"]
    found = {(c.kind, c.application, c.initiative, c.basis) for c in result.contradictions}
    assert found == {("planned", "old", None, "derived"),
                     ("planned", "doomed", None, "derived"),
                     ("investment", "old", "upgrade", "derived"),
                     ("investment", "doomed", "polish", "planned")}
    assert result.counts == {"invest": 2, "tolerate": 0, "migrate": 0, "eliminate": 1}
