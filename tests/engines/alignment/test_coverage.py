"""Alignment: objectives → outcomes → capabilities → initiatives, gaps and the score."""

from __future__ import annotations

import pytest

from opmodel.engines.alignment.coverage import (
    COVERAGE_SHARE,
    FOCUS_SHARE,
    IMPACT_ONLY_CREDIT,
    align,
)
from support.builders import model

STRATEGY = {
    "objectives": [{"id": "growth", "weight": 3}, {"id": "cost", "weight": 1},
                   {"id": "trust", "weight": 2}],
    "outcomes": [
        {"id": "fast-release", "objectives": ["growth"], "capabilities": ["ci-cd"]},
        {"id": "self-service", "objectives": ["growth"], "capabilities": ["portal"]},
        {"id": "lean-run", "objectives": ["cost"], "capabilities": ["automation"]},
        {"id": "secure", "objectives": ["trust"], "capabilities": ["iam"]},
        {"id": "stray", "capabilities": []},
    ],
    "capabilities": [{"id": c} for c in ("ci-cd", "portal", "automation", "iam", "data")]
    + [{"id": "legacy", "current_level": 1, "target_level": 3}],
}


def test_trace_matrix_and_gaps() -> None:
    result = align(model(strategy=STRATEGY, roadmap={"initiatives": [
        {"id": "pipeline", "outcomes": ["fast-release"]},
        {"id": "runbooks", "capabilities": ["automation"]},
        {"id": "office-move"},
        {"id": "audit", "impact": {"trust": 5}},
    ]}))
    assert result.matrix == {"growth": {"pipeline": "outcome"},
                             "cost": {"runbooks": "capability"},
                             "trust": {"audit": "impact"}}
    growth, cost, trust = result.objectives
    assert (growth.outcomes_covered, growth.coverage) == (1, 0.5)
    assert cost.coverage == 1.0 and trust.coverage == IMPACT_ONLY_CREDIT
    assert result.orphan_initiatives == ["office-move"]
    assert result.unserved_objectives == []
    assert [c.capability for c in result.untargeted_capabilities] == [
        "ci-cd", "portal", "iam", "data", "legacy"]
    assert next(c for c in result.untargeted_capabilities if c.capability == "legacy").gap == 2
    assert result.outcomes_without_objective == ["stray"]
    assert result.outcomes_without_initiative == ["self-service", "secure", "stray"]
    coverage = (3 * 0.5 + 1 * 1.0 + 2 * IMPACT_ONLY_CREDIT) / 6
    assert result.objective_coverage == pytest.approx(coverage, abs=1e-3)
    assert result.initiative_focus == 0.75
    assert result.score == pytest.approx(100 * (COVERAGE_SHARE * coverage + FOCUS_SHARE * 0.75),
                                         abs=0.05)


def test_objective_with_nothing_is_unserved_and_full_alignment_scores_100() -> None:
    partial = align(model(strategy=STRATEGY, roadmap={"initiatives": [
        {"id": "pipeline", "outcomes": ["fast-release"]}]}))
    assert partial.unserved_objectives == ["cost", "trust"]
    full = align(model(strategy=STRATEGY, roadmap={"initiatives": [
        {"id": "a", "outcomes": ["fast-release", "self-service"]},
        {"id": "b", "capabilities": ["automation", "iam"]}]}))
    assert full.score == 100.0 and not full.unserved_objectives and not full.orphan_initiatives


def test_objective_without_outcomes_is_covered_only_by_claimed_impact() -> None:
    strategy = {"objectives": [{"id": "brand"}, {"id": "esg"}]}
    result = align(model(strategy=strategy,
                         roadmap={"initiatives": [{"id": "site", "impact": {"brand": 3}}]}))
    assert [t.coverage for t in result.objectives] == [1.0, 0.0]
    assert result.unserved_objectives == ["esg"]


def test_no_objectives_gives_no_score() -> None:
    result = align(model(strategy={"capabilities": [{"id": "x"}]},
                         roadmap={"initiatives": [{"id": "a"}]}))
    assert result.score is None and result.orphan_initiatives == ["a"]


def test_zero_weights_count_equally() -> None:
    strategy = {"objectives": [{"id": "a", "weight": 0}, {"id": "b", "weight": 0}]}
    result = align(model(strategy=strategy,
                         roadmap={"initiatives": [{"id": "i", "impact": {"a": 1}}]}))
    assert result.objective_coverage == 0.5


def test_a_capability_already_at_its_target_needs_no_initiative() -> None:
    strategy = {"objectives": [{"id": "o"}], "capabilities": [
        {"id": "done", "current_level": 4, "target_level": 4},
        {"id": "todo", "current_level": 2, "target_level": 4},
        {"id": "unknown"}]}
    result = align(model(strategy=strategy,
                         roadmap={"initiatives": [{"id": "x", "impact": {"o": 3}}]}))
    assert [c.capability for c in result.untargeted_capabilities] == ["todo", "unknown"]
