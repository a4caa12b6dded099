"""`opmodel schedule`: PSPLIB instances and roadmaps, JSON and text, errors, usage and Ctrl-C."""

from __future__ import annotations

import json
import re
from pathlib import Path

from support.builders import document, estimate, initiative, roadmap, write_document
from support.cli import run

DATA = Path(__file__).parents[1] / "data" / "psplib"


def test_psplib_json_has_exactly_the_four_fields() -> None:
    code, out, _ = run("schedule", "--psplib", str(DATA / "j301_1.sm"), "--time-limit", "2",
                        "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"makespan", "status", "lower_bound", "seconds"}
    assert (data["makespan"], data["status"], data["lower_bound"]) == (43, "optimal", 43)
    assert isinstance(data["seconds"], float)


def test_psplib_heuristic_text_in_japanese() -> None:
    code, out, _ = run("schedule", "--psplib", str(DATA / "j301_2.sm"), "--method",
                        "heuristic", "--lang", "ja")
    assert code == 0
    assert "j301_2: 所要期間" in out and "下界" in out


def test_malformed_psplib_names_file_and_line(tmp_path: Path) -> None:
    lines = (DATA / "j301_1.sm").read_text().splitlines()
    lines[-2] = "   12   13    4"
    bad = tmp_path / "bad.sm"
    bad.write_text("\n".join(lines))
    code, _, err = run("schedule", "--psplib", str(bad), "--format", "json", "--lang", "en")
    assert code == 1
    assert f"bad.sm:{len(lines) - 1}:" in err
    assert "4 renewable resources are declared but 3 availabilities" in err


def test_usage_errors_exit_2() -> None:
    assert run("schedule")[0] == 2
    assert run("schedule", "x.yaml", "--psplib", "y.sm")[0] == 2
    assert run("schedule", "--psplib", str(DATA / "j301_1.sm"), "--method", "magic")[0] == 2


def _write_model(tmp_path: Path, initiatives: list[dict[str, object]], **fields: object
                 ) -> str:
    """A document in English whose roadmap of ``initiatives`` shares one team from MONDAY on."""
    return write_document(tmp_path, document(language="en", roadmap=roadmap(
        initiatives, resources=[{"id": "team", "capacity": 1}], **fields)))


def test_roadmap_json_and_text(tmp_path: Path) -> None:
    path = _write_model(tmp_path, [
        initiative("a", estimate(2, 2, 3), demand={"team": 1}),
        initiative("b", estimate(2, 2, 3), demand={"team": 1}, deadline="2026-04-10")])
    code, out, _ = run("schedule", path, "--time-limit", "2", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["makespan_weeks"] == 4
    assert len(data["violations"]) == 1  # b needs two weeks; its deadline is the first Friday
    code, out, _ = run("schedule", path, "--select", "a", "--method", "heuristic")
    assert code == 0
    assert "2 working weeks" in out


def test_a_late_milestone_is_reported_in_json_and_text(tmp_path: Path) -> None:
    path = _write_model(tmp_path, [
        initiative("a", estimate(2, 2, 3), demand={"team": 1}),
        initiative("b", estimate(2, 2, 3), demand={"team": 1})],
        milestones=[{"id": "ms-live", "date": "2026-04-24", "initiatives": ["a", "b"]}])
    code, out, _ = run("schedule", path, "--time-limit", "2", "--format", "json")
    assert code == 0
    data = json.loads(out)
    # both need the one team for two weeks: the last finishes Friday 1 May, a week late
    assert data["milestone_violations"] == [
        {"milestone": "ms-live", "due": "2026-04-24", "date": "2026-05-01", "late_days": 7}]
    assert data["milestones"][0]["late_days"] == 7
    code, out, _ = run("schedule", path, "--time-limit", "2")
    assert code == 0
    assert "late: milestone ms-live is reached 2026-05-01, 7 days after its date 2026-04-24" in out
    code, out, _ = run("schedule", path, "--time-limit", "2", "--lang", "ja")
    assert code == 0
    assert "マイルストーン ms-live の到達日 2026-05-01 は予定日 2026-04-24 の 7 日後" in out


def test_roadmap_error_names_the_initiative(tmp_path: Path) -> None:
    path = _write_model(tmp_path, [{"id": "a", "demand": {"team": 1}}])
    code, _, err = run("schedule", path, "--lang", "en")
    assert code == 1
    assert "initiative 'a' has no duration" in err
    assert re.search(r"model\.yaml:\d+:\d+: roadmap\.initiatives\[a\]", err), err


def test_help_ends_with_an_example() -> None:
    code, out, _ = run("schedule", "--help")
    assert code == 0 and "Example: opmodel schedule" in out


def test_ctrl_c_on_a_terminal_prints_the_best_schedule_so_far() -> None:
    from support.terminal import interrupt_on

    # j6013_1 is open: no search proves it within the minute allowed
    ended = interrupt_on("schedule", "--psplib", str(DATA / "j6013_1.sm"), "--time-limit",
                         "60", "--format", "json", marker="scheduling")
    assert ended.pressed and ended.code == 0, ended.screen
    assert "Stopping: keeping the best answer found so far" in ended.screen
    data = json.loads(ended.out)
    assert data["status"] == "feasible" and data["makespan"] >= 104
    assert data["seconds"] < 40
