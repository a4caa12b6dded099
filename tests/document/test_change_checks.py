"""Bad change and risk inputs: each error names the entity and the place, in English and Japanese."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from opmodel.document import DocumentError, loads
from support.change_sample import SAMPLE, sample_data


def _errors(edit: Any) -> DocumentError:
    data = sample_data()
    edit(data)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    with pytest.raises(DocumentError) as caught:
        loads(text, source="plan.yaml")
    return caught.value


def _assert_names(error: DocumentError, path: str, *words: str) -> None:
    for lang in ("en", "ja"):
        text = error.render(lang)
        assert "plan.yaml:" in text and path in text, text
        for word in words:
            assert word in text, (lang, text)


def test_sample_is_valid() -> None:
    loads(SAMPLE.read_text(encoding="utf-8"))


def test_unknown_stakeholder_in_a_message() -> None:
    error = _errors(lambda d: d["change"]["communications"][1]["audience"].append("ghost"))
    _assert_names(error, "change.communications[weekly-update].audience[ghost]", "'ghost'", "change.stakeholders")
    assert "does not name" in error.render("en") and "ID でもありません" in error.render("ja")


def test_unknown_owner_of_a_message() -> None:
    error = _errors(lambda d: d["change"]["communications"][0].update(owner="nobody"))
    _assert_names(error, "change.communications[kickoff].owner", "'nobody'")


def test_message_ending_before_it_starts_by_date() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["change"]["communications"][1].update(start={"date": "2026-09-01"},
                                                end={"date": "2026-08-01"})
    error = _errors(edit)
    _assert_names(error, "change.communications[weekly-update].end", "'weekly-update'", "2026-08-01")
    assert "comes before the start" in error.render("en")
    assert "開始（2026-09-01）より前" in error.render("ja")


def test_message_ending_before_it_starts_by_roadmap_anchors() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["change"]["communications"][1].update(start={"phase": "rollout"},
                                                end={"milestone": "go-live", "offset_days": -100})
    error = _errors(edit)
    _assert_names(error, "change.communications[weekly-update].end", "'weekly-update'", "2026-06-23")


def test_course_session_ending_before_it_starts() -> None:
    error = _errors(lambda d: d["change"]["courses"][1]["sessions"][0].update(end="2027-03-01"))
    _assert_names(error, "change.courses[partner-briefing].sessions[2027-03-15].end", "'partner-briefing'")


def test_likelihood_out_of_range_names_the_risk() -> None:
    error = _errors(lambda d: d["risks"]["items"][1].update(likelihood=7))
    _assert_names(error, "risks.items[data-migration].likelihood", "'data-migration'", "7")
    assert "outside 1–5" in error.render("en") and "範囲外" in error.render("ja")


def test_influence_out_of_range_names_the_stakeholder() -> None:
    error = _errors(lambda d: d["change"]["stakeholders"][2].update(influence=0))
    _assert_names(error, "change.stakeholders[desk-staff].influence", "'desk-staff'")


def test_anchor_must_name_one_point() -> None:
    error = _errors(lambda d: d["change"]["communications"][0]["start"].update(date="2026-04-01"))
    _assert_names(error, "change.communications[kickoff].start", "'kickoff'", "date, phase")


def test_unknown_group() -> None:
    error = _errors(lambda d: d["change"]["communications"][0]["groups"].append("sales"))
    _assert_names(error, "change.communications[kickoff].groups[sales]", "'kickoff'", "'sales'",
                  "change.groups")


def test_impact_without_target() -> None:
    error = _errors(lambda d: d["change"]["impacts"][2].pop("group"))
    _assert_names(error, "change.impacts[cloud-move]", "'cloud-move'")


def test_more_completed_than_enrolled() -> None:
    error = _errors(lambda d: d["change"]["completions"][0].update(completed=13))
    _assert_names(error, "change.completions[itsm-basics/service-desk].completed", "'itsm-basics'", "13", "12")


def test_unknown_completion_course() -> None:
    error = _errors(lambda d: d["change"]["completions"][0].update(course="itsm-advanced"))
    _assert_names(error, "change.completions[itsm-advanced/service-desk].course", "'itsm-advanced'", "change.courses")


def test_unknown_risk_template() -> None:
    error = _errors(lambda d: d["risks"]["items"][0].update(template="meteor-strike"))
    _assert_names(error, "risks.items[desk-resistance].template", "'desk-resistance'", "'meteor-strike'")


def test_offset_beyond_ten_years_is_refused() -> None:
    error = _errors(lambda d: d["change"]["communications"][0]["start"].update(offset_days=10**9))
    _assert_names(error, "change.communications[kickoff].start.offset_days", "3660")
