"""The communication calendar: anchors, recurrence, working days, UIDs and the roadmap schedule."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from opmodel.engines.change.communication import MAX_EVENTS, plan_communications
from support.builders import estimate
from support.change_sample import sample, sample_data

D = dt.date


def _events(data: dict[str, Any], comm: str) -> list[dt.date]:
    return [e.date for e in plan_communications(sample(data)).events if e.communication == comm]


def test_once_at_the_phase_start() -> None:
    plan = plan_communications(sample())
    kickoff = [e for e in plan.events if e.communication == "kickoff"]
    assert [(e.date, e.time, e.sequence) for e in kickoff] == [(D(2026, 4, 6), None, 1)]
    assert kickoff[0].groups == ["service-desk", "partners"]


def test_biweekly_until_the_day_before_the_milestone() -> None:
    days = _events(sample_data(), "weekly-update")
    assert days[0] == D(2026, 4, 6) and days[-1] == D(2026, 9, 21)
    assert all((b - a).days == 14 for a, b in itertools.pairwise(days))
    series = next(s for s in plan_communications(sample()).series if s.communication == "weekly-update")
    assert series.until == D(2026, 9, 30) and series.until_from == "end"
    assert series.rrule == "FREQ=WEEKLY;INTERVAL=2;UNTIL=20260930"


def test_monthly_clamps_to_the_end_of_short_months() -> None:
    data = sample_data()
    data["change"]["communications"][1].update(frequency="monthly", start={"date": "2026-01-31"},
                                                end={"date": "2026-05-31"})
    data["roadmap"]["calendar"] = {"working_days": [0, 1, 2, 3, 4, 5, 6]}
    assert _events(data, "weekly-update") == [D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31),
                                              D(2026, 4, 30), D(2026, 5, 31)]


def test_weekend_and_holiday_events_move_to_the_next_working_day() -> None:
    data = sample_data()
    data["change"]["communications"][0]["start"] = {"date": "2026-05-02"}  # a Saturday
    data["roadmap"]["calendar"] = {"holidays": ["2026-05-04", "2026-05-05", "2026-05-06"]}
    assert _events(data, "kickoff") == [D(2026, 5, 7)]


def test_daily_skips_non_working_days() -> None:
    data = sample_data()
    data["change"]["communications"][1].update(frequency="daily", start={"date": "2026-04-03"},
                                                end={"date": "2026-04-07"})
    assert _events(data, "weekly-update") == [D(2026, 4, 3), D(2026, 4, 6), D(2026, 4, 7)]


def test_anchor_offsets_and_edges() -> None:
    data = sample_data()
    data["change"]["communications"][0]["start"] = {"phase": "pilot", "edge": "end",
                                                    "offset_days": -2}
    assert _events(data, "kickoff") == [D(2026, 6, 29)]  # 28 June is a Sunday → Monday


def test_recurring_without_end_runs_to_the_end_of_the_roadmap() -> None:
    data = sample_data()
    del data["change"]["communications"][1]["end"]
    data["change"]["communications"][1]["frequency"] = "quarterly"
    series = next(s for s in plan_communications(sample(data)).series
                  if s.communication == "weekly-update")
    assert (series.until, series.until_from, series.events) == (D(2027, 3, 31), "roadmap", 4)


def test_an_undated_phase_leaves_the_message_unscheduled() -> None:
    data = sample_data()
    data["roadmap"]["phases"][0].pop("start")
    plan = plan_communications(sample(data))
    unscheduled = {s.communication: s.unscheduled for s in plan.series if s.unscheduled}
    assert unscheduled == {"kickoff": "start_unresolved", "weekly-update": "start_unresolved"}
    # the schedule was tried and says why it could not help (no duration estimates)
    problem = plan.schedule_problem
    assert problem is not None and problem.code == "schedule.no_duration"
    assert "itsm-rollout" in problem.text("en") and "施策" in problem.text("ja")


def test_uids_are_stable_and_unique() -> None:
    first = plan_communications(sample())
    again = plan_communications(sample())
    uids = [e.uid for e in first.events]
    assert uids == [e.uid for e in again.events]
    assert len(set(uids)) == len(uids)
    data = sample_data()
    data["metadata"]["name"] = "another model"
    assert {e.uid for e in plan_communications(sample(data)).events}.isdisjoint(uids)


def test_events_are_capped() -> None:
    data = sample_data()
    data["change"]["communications"][1].update(frequency="daily", start={"date": "2020-01-01"},
                                                end={"date": "2035-12-31"})
    data["roadmap"]["calendar"] = {"working_days": [0, 1, 2, 3, 4, 5, 6]}
    assert len(_events(data, "weekly-update")) == MAX_EVENTS


def test_per_month_counts_every_event() -> None:
    plan = plan_communications(sample())
    assert sum(plan.per_month.values()) == len(plan.events) == 14
    assert plan.per_month["2026-04"] == 3


def test_undated_phases_take_the_roadmap_schedule_dates() -> None:
    from opmodel.engines.planning.roadmap_schedule import schedule_roadmap

    data = sample_data()
    roadmap = data["roadmap"]
    roadmap["phases"] = [{"id": "pilot"}, {"id": "rollout"}]
    roadmap["milestones"] = [{"id": "go-live", "initiatives": ["cloud-move"]}]
    roadmap["calendar"] = {"start": "2026-04-06"}
    roadmap["resources"] = [{"id": "team", "capacity": 2}]
    for item in roadmap["initiatives"]:
        item.update(duration=estimate(4, 6, 8), demand={"team": 1})
    roadmap["initiatives"][1]["depends_on"] = ["itsm-rollout"]
    model = sample(data)
    schedule = schedule_roadmap(model, method="heuristic")
    pilot = next(p for p in schedule.phases if p.id == "pilot")
    go_live = next(m.date for m in schedule.milestones if m.id == "go-live")
    assert go_live is not None
    plan = plan_communications(model)
    assert plan.timeline_from == "schedule"
    assert [e.date for e in plan.events if e.communication == "kickoff"] == [pilot.start]
    update = next(s for s in plan.series if s.communication == "weekly-update")
    assert update.until == go_live - dt.timedelta(days=1)


def test_dates_at_the_end_of_the_calendar_do_not_overflow() -> None:
    data = sample_data()
    data["roadmap"]["calendar"] = {"working_days": [0, 1, 2, 3, 4, 5, 6]}
    data["change"]["communications"][0].update(frequency="monthly", start={"date": "9999-11-30"})
    data["change"]["communications"][1].update(start={"date": "9999-12-20"},
                                                end={"date": "9999-12-31"})
    plan = plan_communications(sample(data))
    assert _events(data, "kickoff") == [D(9999, 11, 30), D(9999, 12, 30)]
    assert [s.until for s in plan.series] == [D(9999, 12, 31), D(9999, 12, 31)]
