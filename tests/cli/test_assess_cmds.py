"""`opmodel assess|recommend|align` end to end: json shapes, text in ja/en, clean errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opmodel.knowledge.texts import render
from support.builders import document, write_document
from support.cli import run

MODEL = document(
    name="Sample", language="en",
    profile={"industry": "banking", "employees": 4000, "business_units": 3,
             "geography": "single_country", "security_criticality": "high",
             "regulatory_intensity": "high", "skills_gap": "high"},
    strategy={
        "objectives": [{"id": "trust", "weight": 2}, {"id": "speed"}],
        "outcomes": [{"id": "secure", "objectives": ["trust"], "capabilities": ["iam"]}],
        "capabilities": [{"id": "iam"}, {"id": "portal"}]},
    roadmap={"initiatives": [{"id": "mfa", "capabilities": ["iam"]}, {"id": "move"}]},
    assessment={
        "targets": {"governance": {"target": 4}},
        "respondents": [
            {"id": "cio", "group": "it", "answers": [
                {"question": "gov-it-strategy", "level": 4},
                {"question": "proc-incident", "level": 1}]},
            {"id": "coo", "group": "business", "answers": [
                {"question": "gov-it-strategy", "level": 1},
                {"question": "proc-incident", "dont_know": True}]}]})


def test_assess_json_has_the_named_keys(tmp_path: Path) -> None:
    code, out, _ = run("assess", write_document(tmp_path, MODEL), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {"components", "overall", "strengths", "weaknesses", "disagreements"} <= set(data)
    gov = data["components"]["governance"]
    assert (gov["score"], gov["target"], gov["gap"]) == (2.5, 4.0, 1.5)
    assert data["disagreements"][0]["question"] == "gov-it-strategy"


def test_recommend_json_has_the_named_keys(tmp_path: Path) -> None:
    code, out, _ = run("recommend", write_document(tmp_path, MODEL), "-f", "json", "--lang", "ja")
    assert code == 0
    data = json.loads(out)
    assert {"structures", "structure", "sourcing", "confidence", "missing", "sensitivity"} <= set(data)
    assert len(data["structures"]) == 4 and data["structure"] == "centralized"
    assert {"stance", "confidence", "toward_partners", "to_fill_in"} <= set(data["sourcing"])
    contribution = data["structures"][0]["why"][0]
    assert set(contribution) == {"factor", "value", "points", "reason"}
    assert contribution["reason"]["code"].startswith(f"fit.{contribution['factor']}.")
    _, text, _ = run("recommend", write_document(tmp_path, MODEL), "--lang", "ja")
    reason = render(contribution["reason"]["code"], contribution["reason"]["params"], "ja")
    assert any("\u3040" <= ch <= "\u9fff" for ch in reason) and reason in text


def test_recommend_text_shows_the_sourcing_stance_apart_and_the_nearest_flips(
        tmp_path: Path) -> None:
    richer = json.loads(json.dumps(MODEL))
    richer["profile"].update(hiring_difficulty="high", budget_flexibility_need="medium",
                             bu_diversity="medium", agility_need="medium")
    path = write_document(tmp_path, richer)
    code, out, _ = run("recommend", path, "--lang", "en")
    assert code == 0 and "Structures ranked" in out and "Hybrid" not in out.split("Why")[0]
    assert "Sourcing stance: hybrid" in out and "Stays in-house whatever partners take on" in out
    assert "Nearest changes that give another structure" in out
    code, out, _ = run("recommend", path, "--lang", "ja")
    assert "調達方針: ハイブリッド" in out and "構造が変わる最も近い変化" in out


def test_recommend_with_the_current_model_warns_about_changed_context(tmp_path: Path) -> None:
    current = write_document(tmp_path, MODEL, "current.yaml")
    target = json.loads(json.dumps(MODEL))
    target["metadata"]["state"] = "target"
    target["profile"]["geography"] = "global"
    path = write_document(tmp_path, target, "target.yaml")
    code, out, _ = run("recommend", path, "--current", current, "--lang", "en")
    assert code == 0 and "Warning: Geography (profile.geography) is global" in out
    code, out, _ = run("recommend", path, "--current", current, "-f", "json")
    assert [c["factor"] for c in json.loads(out)["context_changes"]] == ["geography"]


def test_align_json(tmp_path: Path) -> None:
    code, out, _ = run("align", write_document(tmp_path, MODEL), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["unserved_objectives"] == ["speed"] and data["orphan_initiatives"] == ["move"]
    assert data["matrix"] == {"trust": {"mfa": "capability"}, "speed": {}}


@pytest.mark.parametrize(("command", "en", "ja"), [
    ("assess", "Maturity by component", "構成要素別の成熟度"),
    ("recommend", "Recommended: Centralized", "推奨: 構造は集中型"),
    ("align", "Alignment score", "整合性スコア"),
])
def test_text_output_in_both_languages(tmp_path: Path, command: str, en: str, ja: str) -> None:
    path = write_document(tmp_path, MODEL)
    code, out, _ = run(command, path, "--lang", "en")
    assert code == 0 and en in out
    code, out, _ = run(command, path, "--lang", "ja")
    assert code == 0 and ja in out


def test_assess_without_respondents_fails_cleanly(tmp_path: Path) -> None:
    data = {k: v for k, v in MODEL.items() if k != "assessment"}
    code, _, err = run("assess", write_document(tmp_path, data), "--lang", "en")
    assert code == 1 and "no assessment respondents" in err and "Traceback" not in err


def test_bad_answer_is_reported_with_respondent_question_and_line(tmp_path: Path) -> None:
    data = json.loads(json.dumps(MODEL))
    data["assessment"]["respondents"][1]["answers"][0]["level"] = 7
    code, _, err = run("assess", write_document(tmp_path, data), "--lang", "en")
    assert code == 1
    assert "'coo'" in err and "'gov-it-strategy'" in err and "level 7" in err
    assert "model.yaml:" in err and "Traceback" not in err


@pytest.mark.parametrize("command", ["assess", "recommend", "align"])
def test_help_ends_with_an_example(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and "Example: opmodel " + command in out


def test_recommend_on_an_empty_profile_says_what_to_fill_in(tmp_path: Path) -> None:
    empty = document(name="x")
    code, out, _ = run("recommend", write_document(tmp_path, empty), "--lang", "en")
    assert code == 0
    assert "No recommendation yet" in out and "Recommended:" not in out
    assert "Unknown facts that matter most" in out and "(profile.employees)" in out
    code, out, _ = run("recommend", write_document(tmp_path, MODEL), "--lang", "en")
    assert "Recommended: Centralized structure" in out and "No recommendation yet" not in out


def test_assess_by_business_unit_compares_the_units_by_name() -> None:
    path = Path(__file__).parents[2] / "examples" / "regional-bank" / "current.yaml"
    out = run("assess", str(path), "--by", "business_unit", "--lang", "ja",
              env={"COLUMNS": "100"}).out
    assert "部門別の成熟度" in out
    for unit in ("IT統括部", "個人営業部", "法人営業部"):
        assert unit in out
    assert "r-retail" not in out  # disagreements name people, not ids
    bad = run("assess", str(path), "--by", "team")
    assert bad.code == 2 and "business_unit" in bad.err


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_reference_target_is_named_as_cobit_2019_defines_it(tmp_path: Path, lang: str) -> None:
    # proc-incident has no target: compared with level 3, which COBIT 2019 (CMMI-based) calls
    # "defined"; "established" is ISO/IEC 33020's name and must not be attributed to COBIT 2019
    from opmodel.knowledge.texts import label

    code, out, _ = run("assess", write_document(tmp_path, MODEL), "--lang", lang)
    assert code == 0
    flat = " ".join(out.split())
    assert label("capability_level", 3, lang) in flat and "COBIT 2019" in flat
    assert "established" not in flat and "確立" not in flat


def test_every_capability_level_has_a_name_in_both_languages() -> None:
    from opmodel.knowledge.texts import label

    for level in range(6):
        assert label("capability_level", level, "en") != str(level)
        assert label("capability_level", level, "ja") != label("capability_level", level, "en")
