"""`opmodel change report|calendar|templates` end to end, in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from icalendar import Calendar
from typer.testing import CliRunner

from opmodel.cli.app import create_app

SAMPLE = Path(__file__).parents[1] / "engines" / "data" / "change_sample.yaml"
runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(create_app(), list(args))
    return result.exit_code, result.stdout, result.stderr


def test_report_json_has_every_part() -> None:
    code, out, _ = _run("change", "report", str(SAMPLE), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"stakeholders", "calendar", "training", "adoption", "risks"}
    assert data["calendar"]["events"] == 14
    assert data["stakeholders"]["gaps"][0]["stakeholder"] == "desk-staff"
    assert data["adoption"]["groups"][0]["weakest"] == "desire"


def test_report_text_in_both_languages() -> None:
    code, out, _ = _run("change", "report", str(SAMPLE), "--lang", "en")
    assert code == 0
    for heading in ("Power/interest grid", "Change impact", "Communication calendar",
                    "Training needs", "Adoption", "Risk register", "Heat map", "Suggested risks"):
        assert heading in out
    code, out, _ = _run("change", "report", str(SAMPLE), "--lang", "ja")
    assert code == 0
    for heading in ("権力／関心グリッド", "研修ニーズ", "定着度", "リスク登録簿", "重点的に関与"):
        assert heading in out


def test_calendar_writes_an_ics_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    code, _, err = _run("change", "calendar", str(SAMPLE), "--out", str(target), "--lang", "en")
    assert code == 0 and "Wrote 14 events" in err
    cal = Calendar.from_ical(target.read_bytes())
    assert len(cal.walk("VEVENT")) == 14


def test_calendar_to_stdout_with_rrule() -> None:
    code, out, _ = _run("change", "calendar", str(SAMPLE), "--rrule")
    assert code == 0
    assert out.count("BEGIN:VEVENT") == 2
    rule = next(line for line in out.splitlines() if line.startswith("RRULE:"))
    assert "FREQ=WEEKLY" in rule and "INTERVAL=2" in rule


def test_bad_time_zone_is_reported_not_raised(tmp_path: Path) -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["change"]["timezone"] = "Nowhere/City"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, _, err = _run("change", "calendar", str(bad), "--lang", "en")
    assert code == 1 and "Nowhere/City" in err and "Traceback" not in err


def test_bad_document_names_the_place_and_exits_1(tmp_path: Path) -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["risks"]["items"][0]["likelihood"] = 9
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, _, err = _run("change", "report", str(bad), "--lang", "ja")
    assert code == 1
    assert "risks.items[desk-resistance].likelihood" in err and "'desk-resistance'" in err and "範囲外" in err


def test_templates_list_and_suggest() -> None:
    code, out, _ = _run("change", "templates", "--format", "json")
    assert code == 0
    listed = {t["template"] for t in json.loads(out)}
    code, out, _ = _run("change", "templates", str(SAMPLE), "--format", "json")
    suggested = {t["template"] for t in json.loads(out)}
    assert code == 0 and suggested < listed
    assert "hybrid-vendor-lock-in" in suggested and "decentralized-security-drift" not in suggested


def test_help_ends_with_examples() -> None:
    for command in ("report", "calendar", "templates"):
        code, out, _ = _run("change", command, "--help")
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
    code, out, _ = _run("change", "report", str(model), "--lang", "en")
    assert code == 0 and "Training cost: none (no course has a cost)" in out
    assert "(total 0)" not in out
    code, out, _ = _run("change", "report", str(model), "--lang", "ja")
    assert "研修費用: なし" in out
