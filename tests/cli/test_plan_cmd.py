"""`opmodel plan` end to end: text, JSON, languages and bad input."""

import copy
import json
from pathlib import Path

import pytest

from support.builders import document, estimate, initiative, roadmap, write_document
from support.cli import run

INITIATIVES = [
    initiative("gov", estimate(2, 3, 5), name="Governance board", phase="ph-1", mandatory=True,
               impact={"speed": 4}, demand={"infra": 1},
               costs=[{"id": "cost-37", "category": "opex", "amount": 2_000_000.4}]),
    initiative("cloud", estimate(4, 6, 10), name="Cloud landing zone", phase="ph-1",
               impact={"speed": 8}, depends_on=["gov"], demand={"infra": 2},
               costs=[{"id": "cost-38", "category": "capex", "amount": 10_000_000,
                       "low": 8_000_000, "high": 14_000_000}]),
    initiative("gold", estimate(4, 6, 10), name="Gold plating", impact={"speed": 9},
               costs=[{"id": "cost-39", "category": "capex", "amount": 19_000_000}]),
]
MODEL = document(
    name="plan test", language="en",
    metadata={"currency": "JPY", "fiscal_year_start_month": 4},
    strategy={"objectives": [{"id": "speed", "weight": 1}]},
    roadmap=roadmap(INITIATIVES, start="2026-04-01", phases=[{"id": "ph-1"}],
                    resources=[{"id": "infra", "capacity": 2}],
                    budget_limits=[{"fiscal_year": 2026, "amount": 20_000_000}]))


def test_json_output_is_the_plan_result(tmp_path: Path) -> None:
    r = run("plan", write_document(tmp_path, MODEL), "--time-limit", "1", "--iterations", "2000",
            "--seed", "4", "--format", "json")
    assert r.code == 0, r.output
    data = r.json()
    assert data["portfolio"]["selected"] == ["gov", "cloud"]  # gold does not fit the budget
    assert data["portfolio"]["status"] == "optimal"
    assert data["risk"]["iterations"] == 2000 and data["risk"]["seed"] == 4
    assert set(data["budget"]["by_category"]) >= {"capex", "training", "contingency"}
    assert data["budget"]["decimals"] == 0


def test_text_output_in_english_and_japanese(tmp_path: Path) -> None:
    path = write_document(tmp_path, MODEL)
    en = run("plan", path, "--time-limit", "2", "--iterations", "1000")
    assert en.code == 0, en.output
    for text in ("Portfolio: 2 of 3", "Governance board", "P80", "Budget (JPY)", "FY2026",
                 "2,000,000", "no cost for training"):
        assert text in en.out, text
    assert "2,000,000.4" not in en.out  # JPY has no decimals
    ja = run("plan", path, "--time-limit", "2", "--iterations", "1000", "--lang", "ja")
    assert ja.code == 0, ja.output
    for text in ("ポートフォリオ", "予算（JPY）", "2026年度", "研修費の費用がありません"):
        assert text in ja.out, text


@pytest.mark.parametrize(("change", "expected"), [
    (lambda m: m["roadmap"]["initiatives"][0]["duration"].update(optimistic=-1),
     "initiative 'gov': the optimistic duration is negative"),
    (lambda m: m["roadmap"]["initiatives"][1]["duration"].update(pessimistic=1),
     "initiative 'cloud': the estimate must satisfy"),
    (lambda m: m["roadmap"]["resources"][0].update(capacity=0),
     "team 'infra' has no capacity, yet it is needed by gov, cloud"),
    (lambda m: m["roadmap"]["initiatives"][1]["demand"].update({"dev": 1}),
     "'dev' does not name any entry of roadmap.resources"),
])
def test_bad_input_names_the_initiative_and_exits_1(tmp_path: Path, change, expected: str
                                                     ) -> None:
    data = json.loads(json.dumps(MODEL))
    change(data)
    r = run("plan", write_document(tmp_path, data), "--iterations", "100")
    assert r.code == 1
    assert expected in r.output
    assert "Traceback" not in r.output


def test_an_initiative_the_scheduler_cannot_place_is_named(tmp_path: Path) -> None:
    data = json.loads(json.dumps(MODEL))
    del data["roadmap"]["initiatives"][1]["duration"]
    r = run("plan", write_document(tmp_path, data), "--iterations", "100", "--time-limit", "1")
    assert r.code == 1, r.output
    assert "cloud" in r.output and "model.yaml:" in r.output
    assert "Traceback" not in r.output


def test_mandatory_initiatives_over_budget_exit_1_with_the_reason(tmp_path: Path) -> None:
    data = json.loads(json.dumps(MODEL))
    data["roadmap"]["initiatives"][2]["mandatory"] = True  # gov + gold: 21M > 20M
    r = run("plan", write_document(tmp_path, data), "--iterations", "100", "--time-limit", "1")
    assert r.code == 1
    assert "need 21,000,000 of the budget of FY2026, more than its 20,000,000" in r.output


def test_a_roadmap_without_initiatives_is_a_clear_error(tmp_path: Path) -> None:
    r = run("plan", write_document(tmp_path, document(name="x")))
    assert r.code == 1
    assert "model.yaml" in r.output and "roadmap.initiatives: the roadmap has no initiatives" \
        in r.output


def test_bad_start_date_is_a_clear_error(tmp_path: Path) -> None:
    r = run("plan", write_document(tmp_path, MODEL), "--start", "next week")
    assert r.code == 2 and "YYYY-MM-DD" in r.output  # a usage error


def test_help_ends_with_an_example() -> None:
    r = run("plan", "--help")
    assert r.code == 0 and "Example: opmodel plan" in r.out


def test_distribution_and_correlation_reach_the_simulation(tmp_path: Path) -> None:
    path = write_document(tmp_path, MODEL)
    r = run("plan", path, "--time-limit", "1", "--iterations", "3000", "--format", "json",
            "--distribution", "triangular", "--correlation", "0.8")
    assert r.code == 0, r.output
    risk = r.json()["risk"]
    assert (risk["distribution"], risk["correlation"]) == ("triangular", 0.8)
    bad = run("plan", path, "--correlation", "1.5")
    assert bad.code == 2  # out of range: a usage error


def test_a_milestone_the_schedule_misses_is_reported(tmp_path: Path) -> None:
    data = json.loads(json.dumps(MODEL))
    # gov (3 weeks) then cloud (6 weeks) from Wednesday 1 April: done 2026-06-02
    data["roadmap"]["milestones"] = [{"id": "ms-cloud", "date": "2026-05-29",
                                      "initiatives": ["gov", "cloud"]}]
    path = write_document(tmp_path, data)
    r = run("plan", path, "--time-limit", "1", "--iterations", "0", "--format", "json")
    assert r.code == 0, r.output
    late = r.json()["schedule"]["milestone_violations"]
    assert late == [{"milestone": "ms-cloud", "due": "2026-05-29", "date": "2026-06-02",
                     "late_days": 4}]
    en = run("plan", path, "--time-limit", "1", "--iterations", "0")
    assert "! milestone ms-cloud is reached 2026-06-02, 4 days after its date 2026-05-29" in en.out
    ja = run("plan", path, "--time-limit", "1", "--iterations", "0", "--lang", "ja")
    assert ("! マイルストーン ms-cloud の到達日 2026-06-02 は予定日 2026-05-29 より 4 日遅れます"
            in ja.out)


def test_a_budget_over_its_limit_after_shared_costs_is_warned(tmp_path: Path) -> None:
    data = json.loads(json.dumps(MODEL))
    data["budget"] = {"contingency": {"method": "percent", "percent": 10},
                      "items": [{"id": "licences", "category": "opex", "amount": 9_000_000,
                                 "fiscal_year": 2026}]}
    path = write_document(tmp_path, data)
    r = run("plan", path, "--time-limit", "1", "--iterations", "0", "--format", "json")
    assert r.code == 0, r.output
    result = r.json()
    # the selection counts gov and cloud only (12,000,000 of 20,000,000) ...
    assert result["portfolio"]["selected"] == ["gov", "cloud"]
    # ... the budget adds the item and 10% contingency: 23,100,000
    assert result["budget"]["over_limits"] == [{
        "fiscal_year": 2026, "limit": 20_000_000, "amount": 23_100_000, "over": 3_100_000,
        "not_in_selection": 11_100_000}]
    assert "budget.over_limit" in {w["code"] for w in result["budget"]["warnings"]}
    en = run("plan", path, "--time-limit", "1", "--iterations", "0")
    assert ("! FY2026: the budget JPY 23,100,000 is over the limit JPY 20,000,000 by "
            "JPY 3,100,000") in en.out
    assert "which the portfolio selection does not" in " ".join(en.out.split())
    ja = run("plan", path, "--time-limit", "1", "--iterations", "0", "--lang", "ja")
    assert ("2026年度の予算 JPY 23,100,000 は上限 JPY 20,000,000 を JPY 3,100,000 超えています"
            in ja.out)
    assert "ポートフォリオ選定では数えていません" in "".join(ja.out.split())


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_an_infeasible_plan_says_only_what_is_true(tmp_path: Path, lang: str) -> None:
    data = json.loads(json.dumps(MODEL))
    data["roadmap"]["initiatives"][2]["mandatory"] = True  # gov + gold: 21M > 20M
    path = write_document(tmp_path, data)
    r = run("plan", path, "--iterations", "100", "--time-limit", "1", "--lang", lang)
    assert r.code == 1
    out = r.output
    for absent in ("greedy", "貪欲法", "no cost for", "の費用がありません", "total の予算",
                   "はFY2026", "budget of total"):
        assert absent not in out, absent
    if lang == "ja":
        assert "必須施策（前提施策を含む）は2026年度の予算を 21,000,000 必要としますが" in out
        assert "必須施策（前提施策を含む）は全年度合計の予算を 21,000,000 必要としますが" in out
    else:
        assert "need 21,000,000 of the budget of FY2026" in out
        assert "need 21,000,000 of the budget of all fiscal years together" in out
    data_out = json.loads(run("plan", path, "--iterations", "0", "--time-limit", "1",
                              "--format", "json").out)
    assert data_out["portfolio"]["greedy_value"] is None
    assert data_out["budget"]["warnings"] == []
    assert data_out["feasible"] is False and data_out["notes"]


def test_a_negative_seed_is_a_usage_error(tmp_path: Path) -> None:
    r = run("plan", write_document(tmp_path, MODEL), "--seed", "-1")
    assert r.code == 2
    assert "internal error" not in r.output and "--seed" in r.output


def test_text_names_phases_and_milestones_by_their_names(tmp_path: Path) -> None:
    data = copy.deepcopy(MODEL)
    data["roadmap"]["phases"] = [{"id": "ph-1", "name": "Foundation"}]
    data["roadmap"]["milestones"] = [{"id": "ms-1", "name": "Board live", "initiatives": ["gov"]}]
    r = run("plan", write_document(tmp_path, data), "--time-limit", "1", "--iterations", "100")
    assert r.code == 0, r.output
    assert "phase Foundation" in r.output and "milestone Board live" in r.output


def test_ctrl_c_on_a_terminal_prints_the_best_plan_so_far() -> None:
    from support.terminal import interrupt_on

    target = Path(__file__).parents[2] / "examples" / "regional-bank" / "target.yaml"
    # ten million iterations take seconds: Ctrl-C once the simulation shows its progress
    ended = interrupt_on("plan", str(target), "--iterations", "10000000", "--time-limit", "5",
                         "--format", "json", "--lang", "en", marker="/ 10,000,000 iterations")
    assert ended.pressed and ended.code == 0, ended.screen
    assert "portfolio selection" in ended.screen and "makespan 71, lower bound 71" in ended.screen
    data = json.loads(ended.out)
    assert data["stopped"] is True and data["feasible"] is True
    assert 0 < data["risk"]["iterations"] < 10_000_000
    assert data["portfolio"]["status"] == "optimal"  # found before the interruption

