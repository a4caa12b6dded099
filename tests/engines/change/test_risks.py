"""The risk register: scores, heat map and templates suggested from the model."""

from __future__ import annotations

from opmodel.engines.change.risks import analyse_risks, suggest_risks
from support.change_sample import sample, sample_data


def _suggested(data: dict | None = None) -> dict[str, list[str]]:  # type: ignore[type-arg]
    return {s.template: [r.text("en") for r in s.reasons] for s in suggest_risks(sample(data))}


def test_register_sorted_by_score_closed_last() -> None:
    rows = analyse_risks(sample()).risks
    assert [(r.id, r.score, r.level) for r in rows] == [
        ("desk-resistance", 16, "high"), ("data-migration", 15, "high"), ("old-risk", 2, "low")]


def test_heatmap_counts_open_risks_only() -> None:
    result = analyse_risks(sample())
    assert len(result.heatmap) == 25
    filled = {(c.likelihood, c.impact): c.ids for c in result.heatmap if c.count}
    assert filled == {(4, 4): ["desk-resistance"], (3, 5): ["data-migration"]}
    assert result.per_level == {"low": 0, "medium": 0, "high": 2, "critical": 0}


def test_model_type_drawbacks_follow_the_design() -> None:
    found = _suggested()
    assert {"federated-unclear-responsibilities", "hybrid-vendor-lock-in",
            "hybrid-know-how-loss"} <= set(found)
    assert not any(t.startswith(("decentralized-", "centralized-", "platform-")) for t in found)
    data = sample_data()
    data["design"]["model"] = {"structure": "decentralized", "sourcing": "in_house"}
    found = _suggested(data)
    assert "decentralized-security-drift" in found
    assert not any(t.startswith(("hybrid-", "federated-")) for t in found)


def test_article_challenges_are_suggested_with_reasons() -> None:
    found = _suggested()
    assert found["legacy-integration"] == ["legacy systems core-banking must be migrated or integrated"]
    assert "outsourced staff are part of the change: msp-staff" in found["partner-staff-adoption"]
    # training is planned (courses with costs), the other hidden costs are not
    assert "budget-training-missing" not in found
    assert {"budget-productivity-dip", "budget-parallel-running", "budget-no-contingency"} <= set(found)


def test_budgeted_hidden_costs_are_not_suggested() -> None:
    data = sample_data()
    data["roadmap"]["initiatives"][0]["costs"] = [
        {"id": "cost-7", "category": "productivity", "amount": 1}, {"id": "cost-8", "category": "parallel_running", "amount": 1}]
    data["budget"] = {"contingency": {"percent": 10}}
    found = _suggested(data)
    assert not any(t.startswith("budget-") for t in found)


def test_templates_in_the_register_are_marked() -> None:
    marks = {s.template: s.in_register for s in suggest_risks(sample())}
    assert marks["change-resistance"] is True and marks["legacy-integration"] is False


def test_resistance_links_the_heavily_hitting_initiatives() -> None:
    opposition = next(s for s in suggest_risks(sample()) if s.template == "stakeholder-opposition")
    assert opposition.initiatives == ["itsm-rollout"]


def test_suggestions_come_highest_score_first() -> None:
    scores = [s.likelihood * s.impact for s in suggest_risks(sample())]
    assert len(scores) > 2 and scores == sorted(scores, reverse=True)
