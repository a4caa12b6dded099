"""Step 5 as use cases: the command line prints (or writes) exactly what they return."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from opmodel.document import DocumentError
from opmodel.interop.icalendar_export import to_ics
from opmodel.interop.model_files import load
from opmodel.knowledge.change_catalog import risk_catalog
from opmodel.services import change
from support.builders import write_document
from support.change_sample import SAMPLE, sample, sample_data
from support.cli import run
from support.results import assert_json_is_the_result

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*/*.yaml"))
EXAMPLE_IDS = [f"{p.parent.name}/{p.stem}" for p in EXAMPLES]
STAMP = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("path", EXAMPLES, ids=EXAMPLE_IDS)
def test_the_report_prints_the_use_case_result(path: Path) -> None:
    data = assert_json_is_the_result(["change", "report", str(path)], change.report(load(path)))
    assert data["stakeholders"]["positions"]


@pytest.mark.parametrize("path", [None, *EXAMPLES], ids=["catalogue", *EXAMPLE_IDS])
def test_templates_print_the_use_case_result(path: Path | None) -> None:
    args = ["change", "templates"] + ([str(path)] if path else [])
    result = change.risk_templates(load(path) if path else None)
    assert_json_is_the_result(args, result)


def _without_stamp(ics: bytes) -> bytes:
    return re.sub(rb"DTSTAMP:\d{8}T\d{6}Z\r\n", b"", ics)


@pytest.mark.parametrize("rrule", [False, True], ids=["events", "rrule"])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("path", EXAMPLES, ids=EXAMPLE_IDS)
def test_the_calendar_file_is_the_use_case_result(path: Path, lang: str, rrule: bool,
                                                  tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    printed = run("change", "calendar", str(path), "--out", str(out), "--lang", lang,
                  *(["--rrule"] if rrule else []))
    assert printed.code == 0, printed.err
    result = change.calendar(load(path), change.CalendarOptions(rrule=rrule))
    expected = to_ics(result, lang, STAMP)
    written = out.read_bytes()
    assert b"DTSTAMP:" in written
    assert _without_stamp(written) == _without_stamp(expected)


def test_the_calendar_result_holds_names_emails_and_notes() -> None:
    data = sample_data()
    data["change"]["stakeholders"][1]["email"] = "bu@example.com"
    data["change"]["communications"][0].pop("start")
    result = change.calendar(sample(data))
    assert result.name == "変革計画サンプル" and result.rrule is False
    assert result.stakeholders["cio"] == "山田 CIO" and result.stakeholders["bu-head"] == "bu-head"
    assert result.emails == {"bu-head": "bu@example.com"}
    assert result.groups == {"executives": "経営層", "service-desk": "サービスデスク",
                             "partners": "委託先"}
    (note,) = result.notes
    assert (note.code, note.params) == ("calendar.no_start",
                                        {"communication": "kickoff", "name": "kickoff"})
    assert "kickoff" in note.text("ja") and "日程未確定" in note.text("ja")


def test_an_unknown_time_zone_is_a_problem_at_change_timezone(tmp_path: Path) -> None:
    data = sample_data()
    data["change"]["timezone"] = "Nowhere/City"
    with pytest.raises(DocumentError) as caught:
        change.calendar(sample(data))
    (found,) = caught.value.problems
    assert (found.path, found.code) == (("change", "timezone"), "calendar.unknown_timezone")
    bad = write_document(tmp_path, data, "bad.yaml")
    printed = run("change", "calendar", bad, "--lang", "ja")
    line = 1 + next(n for n, text in enumerate(Path(bad).read_text(encoding="utf-8").splitlines())
                    if "Nowhere/City" in text)
    assert printed.code == 1
    assert f"{bad}:{line}:" in printed.err and "change.timezone" in printed.err
    assert "不明なタイムゾーン" in printed.err and "Traceback" not in printed.err


def test_without_a_model_every_template_is_listed_without_reasons() -> None:
    listed = change.risk_templates(None)
    assert [s.template for s in listed] == [t.id for t in risk_catalog().templates]
    assert all(s.reasons == [] and s.initiatives == [] and not s.in_register for s in listed)
    suggested = change.risk_templates(load(SAMPLE))
    assert {s.template for s in suggested} < {s.template for s in listed}
    legacy = next(s for s in suggested if s.template == "legacy-integration")
    assert [(r.code, r.params) for r in legacy.reasons] == [
        ("risk.condition.legacy", {"value": ["core-banking"]})]
