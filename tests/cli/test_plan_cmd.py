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


def test_without_impacts_there_is_no_score_to_rank_by(tmp_path: Path) -> None:
    data = copy.deepcopy(MODEL)
    for entry in data["roadmap"]["initiatives"]:
        entry.pop("impact")
    path = write_document(tmp_path, data)
    en = run("plan", path, "--time-limit", "1", "--iterations", "0")
    assert en.code == 0, en.output
    assert "so there is no score to rank by; WSJF ranks them" in en.out
    rows = [line for line in en.out.splitlines() if "Governance board" in line]
    assert [cell.strip() for cell in rows[0].split("│")[1:3]] == ["—", "—"]  # not 0.00, 1st
    ja = run("plan", path, "--time-limit", "1", "--iterations", "0", "--lang", "ja")
    assert "スコアによる順位はつけていません" in ja.out
    (tmp_path / "scored").mkdir()
    scored = run("plan", write_document(tmp_path / "scored", MODEL), "--time-limit", "1",
                 "--iterations", "0")
    assert "no score to rank by" not in scored.out


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
    # with the default contingency of 10%
    assert "need 23,100,000 of the budget of FY2026, more than its 20,000,000" in r.output
    data["budget"] = {"contingency": {"method": "percent", "percent": 0}}
    r = run("plan", write_document(tmp_path, data), "--iterations", "100", "--time-limit", "1")
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


def test_the_selection_counts_shared_costs_and_contingency_as_the_budget_does(
        tmp_path: Path) -> None:
    data = json.loads(json.dumps(MODEL))
    data["budget"] = {"contingency": {"method": "percent", "percent": 10},
                      "items": [{"id": "licences", "category": "opex", "amount": 9_000_000,
                                 "fiscal_year": 2026}]}
    path = write_document(tmp_path, data)
    r = run("plan", path, "--time-limit", "1", "--iterations", "0", "--format", "json")
    assert r.code == 0, r.output
    result = r.json()
    # gov and cloud (12,000,000) with the item and 10% contingency would cost 23,100,000
    assert result["portfolio"]["selected"] == ["gov"]
    assert result["portfolio"]["reasons"]["cloud"]["code"] == "portfolio.over_limit"
    assert result["within_limits"] and result["budget"]["over_limits"] == []
    fy2026 = next(u for u in result["budget"]["limits"] if u["fiscal_year"] == 2026)
    assert fy2026["amount"] == pytest.approx((2_000_000 + 9_000_000) * 1.1, abs=1)
    selection = next(u for u in result["portfolio"]["uses"] if u["fiscal_year"] == 2026)
    assert selection["used"] == pytest.approx(fy2026["amount"], abs=2)
    en = run("plan", path, "--time-limit", "1", "--iterations", "0")
    assert "budget FY2026: 12,100,000 / 20,000,000" in en.out
    assert "OVER" not in en.out and "over the limit" not in en.out


def _pushed_past_its_window(tmp_path: Path) -> str:
    """A plan whose selection places costs by likely windows (one initiative has no duration,
    so no start dates can be chosen) and whose schedule pushes work into FY2027."""
    data = json.loads(json.dumps(MODEL))
    data["roadmap"]["initiatives"][2] = initiative(
        "late", estimate(48), name="Long job", impact={"speed": 9}, demand={"infra": 2},
        costs=[{"id": "cost-40", "category": "capex", "amount": 5_000_000}])
    data["roadmap"]["initiatives"].append(
        {"id": "vague", "impact": {"speed": 1},
         "costs": [{"id": "cost-41", "category": "capex", "amount": 90_000_000}]})
    data["roadmap"]["budget_limits"].append({"fiscal_year": 2027, "amount": 100_000})
    data["budget"] = {"contingency": {"method": "percent", "percent": 0}}
    return write_document(tmp_path, data)


def test_a_plan_over_a_limit_says_so_first_and_fails_under_strict(tmp_path: Path) -> None:
    path = _pushed_past_its_window(tmp_path)
    r = run("plan", path, "--time-limit", "1", "--iterations", "0", "--format", "json")
    assert r.code == 0, r.output
    result = r.json()
    assert result["portfolio"]["method"] == "fixed_windows"
    assert not result["within_limits"]
    assert [u["fiscal_year"] for u in result["budget"]["over_limits"]] == [2027]
    en = run("plan", path, "--time-limit", "1", "--iterations", "0")
    assert en.out.startswith("OVER THE BUDGET LIMIT: FY2027: the plan costs JPY")
    ja = run("plan", path, "--time-limit", "1", "--iterations", "0", "--lang", "ja")
    assert ja.out.startswith("予算上限超過: 2027年度の計画費用 JPY")
    strict = run("plan", path, "--time-limit", "1", "--iterations", "0", "--strict")
    assert strict.code == 1


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_an_infeasible_plan_says_only_what_is_true(tmp_path: Path, lang: str) -> None:
    data = json.loads(json.dumps(MODEL))
    data["roadmap"]["initiatives"][2]["mandatory"] = True  # gov + gold: 21M > 20M
    data["budget"] = {"contingency": {"method": "percent", "percent": 0}}
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
    # the time-aware selection places the work: the schedule keeps its dates, no search
    assert "portfolio selection" in ended.screen and "value 54.73" in ended.screen
    data = json.loads(ended.out)
    assert data["stopped"] is True and data["feasible"] is True
    assert 0 < data["risk"]["iterations"] < 10_000_000
    assert data["portfolio"]["status"] == "optimal"  # found before the interruption

