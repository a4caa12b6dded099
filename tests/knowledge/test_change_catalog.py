"""The change catalogues: engagement grid, ADKAR and risk templates, tied to the model types."""

from __future__ import annotations

from opmodel.knowledge.base import load_resource
from opmodel.knowledge.change_catalog import adkar_catalog, engagement_catalog, risk_catalog


def test_grid_has_one_quadrant_per_corner() -> None:
    corners = {(q.high_influence, q.high_interest) for q in engagement_catalog().quadrants}
    assert corners == {(True, True), (True, False), (False, True), (False, False)}


def test_stances_match_the_document_scale() -> None:
    from opmodel.document.change import Stance

    assert [s.id for s in engagement_catalog().stances] == [s.value for s in Stance]


def test_adkar_elements_in_order_each_with_actions() -> None:
    catalog = adkar_catalog()
    assert [e.id for e in catalog.elements] == ["awareness", "desire", "knowledge", "ability",
                                                "reinforcement"]
    assert all(len(e.actions) >= 2 for e in catalog.elements)
    assert set(catalog.scoring.weights) == {"stance", "impact", "adoption"}
    assert abs(sum(catalog.scoring.weights.values()) - 1) < 1e-9
    assert [lv.below for lv in catalog.levels] == sorted(lv.below for lv in catalog.levels)


def test_every_model_type_drawback_has_a_template_and_no_template_invents_one() -> None:
    drawbacks = {(m["id"], d["id"]) for m in load_resource("model_types")["model_types"]
                 for d in m["drawbacks"]}
    templates = {(t.model_type, t.drawback) for t in risk_catalog().templates if t.model_type}
    assert templates == drawbacks


def test_the_article_challenges_have_templates() -> None:
    challenges = {c["id"] for c in load_resource("challenges")["challenges"]}
    used = {t.challenge for t in risk_catalog().templates if t.challenge}
    assert used == challenges
    hidden = {c for t in risk_catalog().templates for c in t.when.missing_costs}
    assert hidden == {"training", "productivity", "parallel_running", "contingency"}


def test_template_ratings_and_levels() -> None:
    catalog = risk_catalog()
    assert all(1 <= t.likelihood <= 5 and 1 <= t.impact <= 5 for t in catalog.templates)
    assert catalog.level(25).id == "critical" and catalog.level(1).id == "low"
    assert [lv.max_score for lv in catalog.levels][-1] == 25


def test_every_condition_has_a_reason_text() -> None:
    from opmodel.knowledge.change_catalog import RiskCondition

    ids = {c.id for c in risk_catalog().conditions}
    assert set(RiskCondition.model_fields) | {"always"} == ids
