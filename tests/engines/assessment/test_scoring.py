"""Assessment scoring, its document rule and the question bank it relies on."""

from __future__ import annotations

import statistics
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opmodel.document.io import validate_data
from opmodel.document.problems import DocumentError
from opmodel.engines.assessment.scoring import assess
from opmodel.knowledge.catalog import get_catalog
from opmodel.knowledge.questions import COMPONENTS, question_bank
from support.builders import document

# capability tags the bank uses beside ITIL 4 practice ids
CAPABILITY_TAGS = {"decision-rights", "data-governance", "api-management", "cloud-native",
                   "automation", "devops", "data-platform", "platform-engineering",
                   "application-portfolio-management"}


def answers(**levels: int | None) -> list[dict[str, Any]]:
    return [{"question": q.replace("_", "-"), **({"level": v} if v is not None else
                                                  {"dont_know": True})}
            for q, v in levels.items()]


def person(rid: str, group: str = "it", employment: str = "internal", **levels: int | None
           ) -> dict[str, Any]:
    return {"id": rid, "group": group, "employment": employment, "answers": answers(**levels)}


# --- the question bank ---------------------------------------------------------------------

def test_bank_has_sixty_questions_ten_per_component_six_levels_each() -> None:
    bank = question_bank()
    assert len(bank.questions) >= 60
    for component in COMPONENTS:
        assert len(bank.for_component(component)) >= 10, component
    for q in bank.questions:
        assert len(q.levels) == 6 and len({lv.en for lv in q.levels}) == 6, q.id
        assert q.evidences, q.id


def test_bank_evidences_are_itil_practices_or_named_capabilities() -> None:
    practices = set(get_catalog().practices.ids())
    used = {e for q in question_bank().questions for e in q.evidences}
    assert used - practices <= CAPABILITY_TAGS
    assert len(used & practices) >= 25  # most ITIL practices are evidenced somewhere


# --- scoring ---------------------------------------------------------------------------------

def test_median_dispersion_and_component_scores() -> None:
    model = validate_data(document(assessment={
        "targets": {"process": {"target": 4, "importance": 2}},
        "respondents": [
            person("a", proc_incident=1, proc_change=2),
            person("b", proc_incident=2, proc_change=2),
            person("c", proc_incident=4, proc_change=None),
        ]}))
    model.assessment.respondents[0].answers[0].evidence = "ticket report 2026-09"
    result = assess(model)
    incident = next(q for q in result.questions if q.id == "proc-incident")
    assert incident.score == statistics.median([1, 2, 4])
    assert incident.dispersion == pytest.approx(statistics.pstdev([1, 2, 4]), abs=0.01)
    change = next(q for q in result.questions if q.id == "proc-change")
    assert (change.score, change.answers, change.dont_know) == (2, 2, 1)
    assert (incident.evidenced, change.evidenced) == (1, 0)
    bank = question_bank().by_id()
    w1, w2 = bank["proc-incident"].importance, bank["proc-change"].importance
    process = result.components["process"]
    assert process.score == pytest.approx((2 * w1 + 2 * w2) / (w1 + w2), abs=0.01)
    assert process.target == 4 and process.gap == pytest.approx(4 - process.score, abs=0.01)
    assert result.components["governance"].score is None
    assert result.overall.score == process.score


def test_json_has_the_keys_the_issue_names() -> None:
    model = validate_data(document(assessment={"respondents": [person("a", gov_it_strategy=2)]}))
    data = assess(model).model_dump(mode="json")
    assert {"components", "overall", "strengths", "weaknesses", "disagreements"} <= set(data)
    assert set(data["components"]) == set(COMPONENTS)
    for component in data["components"].values():
        assert {"score", "target", "gap", "dispersion"} <= set(component)


def test_respondents_two_levels_apart_are_flagged_with_names() -> None:
    model = validate_data(document(assessment={"respondents": [
        person("cio", tech_cloud=4, tech_automation=2),
        person("cfo", group="business", tech_cloud=1, tech_automation=3)]}))
    flagged = [d for d in assess(model).disagreements if d.kind == "respondents"]
    assert [d.question for d in flagged] == ["tech-cloud"]
    assert (flagged[0].respondents_low, flagged[0].respondents_high) == (["cfo"], ["cio"])
    assert flagged[0].difference == 3


def test_it_rating_itself_higher_than_business_is_a_systematic_group_difference() -> None:
    it = {"gov_it_strategy": 4, "gov_decision_rights": 4, "gov_risk_management": 3}
    biz = {"gov_it_strategy": 2, "gov_decision_rights": 3, "gov_risk_management": 1}
    model = validate_data(document(assessment={"respondents": [
        person("it1", **it), person("it2", **it),
        person("b1", group="business", **biz), person("b2", group="business", **biz)]}))
    groups = [d for d in assess(model).disagreements if d.kind == "groups"]
    assert len(groups) == 1
    g = groups[0]
    assert (g.dimension, g.component, g.questions) == ("group", "governance", 3)
    assert g.groups["it"] > g.groups["business"] and g.difference == pytest.approx(5 / 3, abs=0.01)


def test_mixed_signs_are_not_systematic() -> None:
    model = validate_data(document(assessment={"respondents": [
        person("i", employment="internal", src_lock_in=4, src_partnership=1),
        person("o", employment="outsourced", src_lock_in=1, src_partnership=4)]}))
    assert not [d for d in assess(model).disagreements if d.kind == "groups"]


def test_weaknesses_ranked_by_gap_times_importance_strengths_above_target() -> None:
    model = validate_data(document(assessment={
        "targets": {"governance": {"target": 4, "importance": 3},
                    "sourcing": {"target": 2, "importance": 1}},
        "respondents": [person("a", gov_it_strategy=1, gov_compliance=3,
                               src_lock_in=1, src_partnership=4)]}))
    result = assess(model)
    bank = question_bank().by_id()
    priorities = [w.priority for w in result.weaknesses]
    assert priorities == sorted(priorities, reverse=True)
    top = result.weaknesses[0]
    assert top.question == "gov-it-strategy"
    assert top.priority == pytest.approx(3 * 3 * bank["gov-it-strategy"].importance, abs=0.01)
    assert [s.question for s in result.strengths] == ["src-partnership"]


def test_missing_targets_use_reference_level_and_say_so() -> None:
    model = validate_data(document(assessment={"respondents": [person("a", org_training=1)]}))
    (weak,) = assess(model).weaknesses
    assert weak.target == 3 and weak.target_source == "reference"
    assert assess(model).components["organization"].gap is None


def test_kpi_baselines_count_as_evidence() -> None:
    kpis = {"definitions": [
        {"id": "mttr", "component": "process", "baseline": 10, "target": 8, "direction": "lower",
         "aggregation": "mean"},
        {"id": "fcr", "component": "process", "baseline": 40, "target": 80,
         "direction": "higher", "aggregation": "mean"},
        {"id": "no-baseline", "component": "process", "target": 80, "direction": "higher",
         "aggregation": "mean"}]}
    model = validate_data(document(assessment={"respondents": [person("a", proc_incident=2)]},
                                   kpis=kpis))
    process = assess(model).components["process"]
    assert [k.kpi for k in process.kpis] == ["mttr", "fcr"]
    # no target for the component: a KPI on target counts as the reference level 3
    assert [k.level for k in process.kpis] == [2.4, 1.5]
    w = question_bank().by_id()["proc-incident"].importance
    assert process.score == pytest.approx((2 * w + 2.4 + 1.5) / (w + 2), abs=0.01)


def test_a_kpi_on_target_counts_as_the_component_target_not_as_level_5() -> None:
    kpis = {"definitions": [
        {"id": "uptime", "component": "process", "baseline": 99.9, "target": 99.95,
         "direction": "higher", "aggregation": "mean"}]}
    model = validate_data(document(assessment={"respondents": [person("a", proc_incident=2)],
                                               "targets": {"process": {"target": 4}}},
                                   kpis=kpis))
    (evidence,) = assess(model).components["process"].kpis
    assert evidence.level == pytest.approx(4 * 99.9 / 99.95, abs=0.01)


def test_custom_questions_are_scored_and_bank_subset_respected() -> None:
    model = validate_data(document(assessment={
        "bank": ["proc-incident"],
        "questions": [{"id": "q-mainframe", "component": "technology", "text": "Mainframe?",
                       "importance": 2}],
        "respondents": [person("a", proc_incident=3, q_mainframe=1)]}))
    result = assess(model)
    assert {q.id for q in result.questions} == {"proc-incident", "q-mainframe"}
    assert result.components["technology"].score == 1


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.none() | st.integers(0, 5), min_size=3, max_size=3),
                min_size=1, max_size=12))
def test_scores_stay_within_levels_and_match_statistics(rows: list[list[int | None]]) -> None:
    qs = ["tech_cloud", "tech_automation", "tech_ci_cd"]
    model = validate_data(document(assessment={"respondents": [
        person(f"r{i}", **dict(zip(qs, row, strict=True))) for i, row in enumerate(rows)]}))
    result = assess(model)
    for q in result.questions:
        given_levels = [row[qs.index(q.id.replace("-", "_"))] for row in rows]
        levels = [v for v in given_levels if v is not None]
        assert q.score == (statistics.median(levels) if levels else None)
        assert q.dont_know == len(given_levels) - len(levels)
    score = result.components["technology"].score
    assert score is None or 0 <= score <= 5


# --- the document rule -----------------------------------------------------------------------

@pytest.mark.parametrize(("respondent", "needle_en", "needle_ja"), [
    ({"id": "cfo", "answers": []}, "respondent 'cfo' has no answers", "回答者 'cfo'"),
    ({"id": "cfo", "answers": [{"question": "no-such-question", "level": 2}]},
     "'no-such-question'", "設問 'no-such-question'"),
    ({"id": "cfo", "answers": [{"question": "proc-incident", "level": 6}]},
     "level 6 is outside 0–5", "レベル 6"),
    ({"id": "cfo", "answers": [{"question": "proc-incident"}]}, "neither a level", "dont_know"),
    ({"id": "cfo", "answers": [{"question": "proc-incident", "level": 2},
                               {"question": "proc-incident", "level": 3}]},
     "have the same question (proc-incident)", "proc-incident"),
])
def test_bad_answers_are_errors_naming_respondent_and_question(
        respondent: dict[str, Any], needle_en: str, needle_ja: str) -> None:
    with pytest.raises(DocumentError) as err:
        validate_data(document(assessment={"respondents": [respondent]}))
    (found,) = err.value.problems
    assert "cfo" in found.render("en") and needle_en in found.message("en")
    assert needle_ja in found.message("ja")
    assert found.at[:3] == ("assessment", "respondents", 0)


def test_answer_to_a_bank_question_left_out_of_the_subset_is_unknown() -> None:
    with pytest.raises(DocumentError) as err:
        validate_data(document(assessment={"bank": ["proc-incident"],
                                           "respondents": [person("a", proc_change=2)]}))
    assert "proc-change" in err.value.problems[0].message("en")


def test_well_formed_assessment_passes_the_rule() -> None:
    validate_data(document(assessment={"respondents": [
        person("a", proc_incident=0, proc_change=5, proc_problem=None)]}))


def test_every_assessment_problem_code_is_documented() -> None:
    from pathlib import Path

    from opmodel.knowledge.texts import messages_catalog

    text = (Path(__file__).parents[3] / "docs" / "assess.md").read_text(encoding="utf-8")
    codes = [c for c in messages_catalog() if c.startswith("document.assessment_")]
    assert len(codes) >= 5
    for code in codes:
        assert f"`{code}`" in text, code
