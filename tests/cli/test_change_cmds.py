"""`opmodel change report|calendar|templates` end to end, in both languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from support.builders import write_document
from support.change_sample import SAMPLE, sample_data
from support.cli import run


def test_report_json_has_every_part() -> None:
    code, out, _ = run("change", "report", str(SAMPLE), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"currency", "names", "stakeholders", "calendar", "training", "adoption",
                         "risks"}
    assert data["calendar"]["events"] == 14
    # ids in JSON, names beside them
    assert data["stakeholders"]["groups"] == ["executives", "service-desk", "partners"]
    assert data["names"]["groups"]["service-desk"] == "サービスデスク"
    assert data["names"]["outsourced_groups"] == ["partners"]
    assert data["stakeholders"]["gaps"][0]["stakeholder"] == "desk-staff"
    assert data["adoption"]["groups"][0]["weakest"] == "desire"


def test_report_text_in_both_languages() -> None:
    code, out, _ = run("change", "report", str(SAMPLE), "--lang", "en")
    assert code == 0
    for heading in ("Power/interest grid", "Change impact", "Communication calendar",
                    "Training needs", "Adoption", "Risk register", "Heat map", "Suggested risks"):
        assert heading in out
    code, out, _ = run("change", "report", str(SAMPLE), "--lang", "ja")
    assert code == 0
    for heading in ("影響力／関心度マトリクス", "研修ニーズ", "定着度", "リスク登録簿", "重点的に関与"):
        assert heading in out


def _raw_values() -> set[str]:
    """Every raw enum value and catalogue id a change report could show instead of its label."""
    from enum import StrEnum

    from opmodel.document import change, design, risks
    from opmodel.document.budget import CostCategory
    from opmodel.knowledge.change_catalog import adkar_catalog, engagement_catalog, risk_catalog

    enums = [e for module in (change, design, risks) for e in vars(module).values()
             if isinstance(e, type) and issubclass(e, StrEnum) and e is not StrEnum]
    values = {v.value for e in [*enums, CostCategory] for v in e if len(v.value) > 1}  # not RACI
    values |= {q.id for q in engagement_catalog().quadrants}
    values |= {e.id for e in adkar_catalog().elements} | {lv.id for lv in adkar_catalog().levels}
    values |= {lv.id for lv in risk_catalog().levels}
    return values | {"skill_gap", "no_start", "start_unresolved", "ungrouped", "schedule"}


JAPANESE_MODELS = [SAMPLE, *(Path(__file__).parents[2] / "examples" / "regional-bank").glob("*.yaml")]


@pytest.mark.parametrize("path", JAPANESE_MODELS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_japanese_text_shows_labels_not_raw_values(path: Path) -> None:
    code, out, _ = run("change", "report", str(path), "--lang", "ja")
    assert code == 0
    word = "[A-Za-z0-9_-]"  # a value inside an id (hybrid-vendor-lock-in) is not shown raw
    found = {v for v in _raw_values() if re.search(rf"(?<!{word}){re.escape(v)}(?!{word})", out)}
    assert found == set()
    assert "影響力／関心度マトリクス" in out


def test_text_shows_groups_and_people_by_name() -> None:
    _, out, _ = run("change", "report", str(SAMPLE), "--lang", "ja")
    assert "サービスデスク" in out and "委託先（委託先）" in out
    assert "姿勢の差が大きい順: サービスデスク担当 (+3)" in out
    # the reason names the people and groups, not their ids
    assert "サービスデスク担当" in out.split("想定されるリスク")[1]
    _, out, _ = run("change", "report", str(SAMPLE), "--lang", "en")
    assert "Largest engagement gaps: サービスデスク担当 (+3), bu-head (+2)" in out


def test_unscheduled_messages_say_why_in_the_readers_language(tmp_path: Path) -> None:
    data = sample_data()
    data["roadmap"]["phases"][0].pop("start")
    undated = write_document(tmp_path, data, "undated.yaml")
    code, _, err = run("change", "calendar", undated, "--lang", "ja",
                        "--out", str(tmp_path / "x.ics"))
    assert code == 0
    assert "ロードマップのスケジュールでメッセージの日付を決められません" in err
    assert "「kickoff」は日程未確定です" in err and "start_unresolved" not in err
    code, out, _ = run("change", "report", undated, "--lang", "en")
    assert "'weekly-update' is not scheduled: its start has no date yet" in out


def test_calendar_writes_an_ics_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    code, _, err = run("change", "calendar", str(SAMPLE), "--out", str(target), "--lang", "en")
    assert code == 0 and "Wrote 14 events" in err
    cal = Calendar.from_ical(target.read_bytes())
    assert len(cal.walk("VEVENT")) == 14


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_calendar_with_rrule_says_how_many_recurring_events_it_wrote(tmp_path: Path,
                                                                      lang: str) -> None:
    target = tmp_path / "plan.ics"
    code, _, err = run("change", "calendar", str(SAMPLE), "--rrule", "--out", str(target),
                       "--lang", lang)
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    recurring = sum(1 for e in events if "RRULE" in e)
    assert code == 0 and recurring >= 1
    said = " ".join(err.split())
    if lang == "en":
        assert f"Wrote {len(events)} events" in said and f"{recurring} recurring" in said
        assert "14 occurrences" in said
    else:
        assert f"繰り返しの予定 {recurring} 件" in said and "合計 14 回" in said


def test_calendar_to_stdout_with_rrule() -> None:
    code, out, _ = run("change", "calendar", str(SAMPLE), "--rrule")
    assert code == 0
    assert out.count("BEGIN:VEVENT") == 2
    rule = next(line for line in out.splitlines() if line.startswith("RRULE:"))
    assert "FREQ=WEEKLY" in rule and "INTERVAL=2" in rule


def test_bad_time_zone_is_reported_not_raised(tmp_path: Path) -> None:
    data = sample_data()
    data["change"]["timezone"] = "Nowhere/City"
    code, _, err = run("change", "calendar", write_document(tmp_path, data), "--lang", "en")
    assert code == 1 and "Nowhere/City" in err and "Traceback" not in err


def test_bad_document_names_the_place_and_exits_1(tmp_path: Path) -> None:
    data = sample_data()
    data["risks"]["items"][0]["likelihood"] = 9
    code, _, err = run("change", "report", write_document(tmp_path, data), "--lang", "ja")
    assert code == 1
    assert "risks.items[desk-resistance].likelihood" in err and "'desk-resistance'" in err and "範囲外" in err


def test_templates_list_and_suggest() -> None:
    code, out, _ = run("change", "templates", "--format", "json")
    assert code == 0
    listed = {t["template"] for t in json.loads(out)}
    code, out, _ = run("change", "templates", str(SAMPLE), "--format", "json")
    suggested = {t["template"] for t in json.loads(out)}
    assert code == 0 and suggested < listed
    assert "hybrid-vendor-lock-in" in suggested and "decentralized-security-drift" not in suggested


def test_help_ends_with_examples() -> None:
    for command in ("report", "calendar", "templates"):
        code, out, _ = run("change", command, "--help")
        assert code == 0 and "Example: opmodel change" in out


def test_docs_cover_every_command_and_rule() -> None:
    import inspect
    import re

    from opmodel.cli.change_cmds import change_app
    from opmodel.document.rules import change, risks

    docs = (Path(__file__).parents[2] / "docs" / "change.md").read_text(encoding="utf-8")
    for command in change_app.registered_commands:
        assert f"opmodel change {command.name}" in docs
    codes = {code for module in (change, risks)
             for code in re.findall(r'problem\("([\w.]+)"', inspect.getsource(module))}
    assert len(codes) >= 5
    for code in [*codes, "validation.rating_range"]:
        assert f"`{code}`" in docs


def test_training_without_any_cost_says_so(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    free = "\n".join(line for line in text.splitlines()
                     if not line.strip().startswith(("cost_per_seat:", "cost_per_session:")))
    model = tmp_path / "free.yaml"
    model.write_text(free + "\n", encoding="utf-8")
    code, out, _ = run("change", "report", str(model), "--lang", "en")
    assert code == 0 and "Training cost: none (no course has a cost)" in out
    assert "(total 0)" not in out
    code, out, _ = run("change", "report", str(model), "--lang", "ja")
    assert "研修費用: なし" in out
