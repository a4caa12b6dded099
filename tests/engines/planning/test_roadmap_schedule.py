"""The roadmap as a schedule: working weeks and holidays, fs/ss lags, capacity periods,
deadlines, selections, phases and milestones, and clear errors naming the initiative."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from opmodel.document import DocumentError, OperatingModel, validate_data
from opmodel.engines.planning.roadmap_schedule import schedule_roadmap
from support import builders
from support.builders import (
    MONDAY,
    document,
    estimate,
    initiative,
    roadmap,
)


def _roadmap(initiatives: list[dict[str, Any]], resources: list[dict[str, Any]] | None = None,
             **fields: Any) -> dict[str, Any]:
    """A roadmap of ``initiatives`` sharing ``resources``, from MONDAY on."""
    return roadmap(initiatives, resources=resources or [], **fields)


def _model(*args: Any, **kwargs: Any) -> OperatingModel:
    return builders.model(language="en", roadmap=_roadmap(*args, **kwargs))


def _unchecked(*args: Any, **kwargs: Any) -> OperatingModel:
    """A model built without the document rules, as a program might build one."""
    return builders.unchecked(language="en", roadmap=_roadmap(*args, **kwargs))


def _by_id(result: Any) -> dict[str, Any]:
    return {item.id: item for item in result.items}


def test_finish_to_start_with_lag_and_dates() -> None:
    model = _model([initiative("a", 2),
                    initiative("b", 1, depends_on=[{"initiative": "a", "lag": 1}])])
    result = schedule_roadmap(model, time_limit=1.0)
    items = _by_id(result)
    assert (items["a"].start_week, items["a"].finish_week) == (0, 2)
    assert (items["b"].start_week, items["b"].finish_week) == (3, 4)
    assert items["a"].start == dt.date(2026, 4, 6)
    assert items["a"].finish == dt.date(2026, 4, 17)  # the Friday of the second week
    assert items["b"].start == dt.date(2026, 4, 27)
    assert result.makespan_weeks == 4 and result.status == "optimal"
    assert result.finish == dt.date(2026, 5, 1)


def test_start_to_start_and_fractional_estimates_round_up() -> None:
    model = _model([initiative("a", 2.5), initiative("b", 1, depends_on=[
        {"initiative": "a", "type": "ss", "lag": 1}])])
    items = _by_id(schedule_roadmap(model, time_limit=1.0))
    assert items["a"].finish_week == 3
    assert items["b"].start_week == 1


def test_holidays_push_dates_back_not_capacity_down() -> None:
    model = _model([initiative("a", 2)], calendar={"start": MONDAY, "holidays": ["2026-04-15"]})
    item = schedule_roadmap(model, method="heuristic").items[0]
    # week 1 runs 13, 14, 16, 17, 20 April: the holiday moves the finish to the Monday
    assert item.finish == dt.date(2026, 4, 20)


def test_working_days_set_the_week_length() -> None:
    model = _model([initiative("a", 1), initiative("b", 1, depends_on=["a"])],
                   calendar={"start": MONDAY, "working_days": [0, 1, 2]})
    items = _by_id(schedule_roadmap(model, method="heuristic"))
    assert items["a"].finish == dt.date(2026, 4, 8)  # Mon-Wed
    assert items["b"].start == dt.date(2026, 4, 13)


def test_team_capacity_serialises_initiatives() -> None:
    team = [{"id": "team", "capacity": 1.5}]
    model = _model([initiative("a", 3, demand={"team": 1}), initiative("b", 2, demand={"team": 1}),
                    initiative("c", 2, demand={"team": 0.5})], team)
    result = schedule_roadmap(model, time_limit=1.0)
    items = _by_id(result)
    assert result.makespan_weeks == 5
    assert {items["a"].start_week, items["b"].start_week} == {0, 3} or \
        {items["a"].start_week, items["b"].start_week} == {0, 2}
    assert result.lower_bound_weeks == 5 and result.status == "optimal"


def test_capacity_period_opens_a_team_later() -> None:
    team = [{"id": "msp", "capacity": 0, "periods": [{"start": "2026-05-04", "capacity": 4}]}]
    model = _model([initiative("a", 2, demand={"msp": 3})], team)
    item = schedule_roadmap(model, method="heuristic").items[0]
    assert item.start == dt.date(2026, 5, 4) and item.start_week == 4


def test_a_period_starting_mid_week_counts_from_the_next_week() -> None:
    team = [{"id": "msp", "capacity": 0, "periods": [{"start": "2026-05-06", "capacity": 4}]}]
    model = _model([initiative("a", 1, demand={"msp": 3})], team)
    assert schedule_roadmap(model, method="heuristic").items[0].start_week == 5


def test_earliest_start_and_missed_deadline() -> None:
    model = _model([initiative("a", 4, earliest_start="2026-04-08", deadline="2026-05-01")])
    result = schedule_roadmap(model, time_limit=1.0)
    item = result.items[0]
    assert item.start_week == 1  # the first week beginning on or after the earliest start
    assert item.finish == dt.date(2026, 5, 8)
    assert item.late_days == 7
    assert [(v.initiative, v.late_days) for v in result.violations] == [("a", 7)]


def test_deadline_decides_the_order_when_the_makespan_does_not() -> None:
    team = [{"id": "team", "capacity": 1}]
    model = _model([initiative("a", 2, demand={"team": 1}), initiative("b", 2, demand={"team": 1}),
                    initiative("c", 2, demand={"team": 1}, deadline="2026-04-17")], team)
    result = schedule_roadmap(model, time_limit=2.0)
    assert result.violations == []
    assert _by_id(result)["c"].start_week == 0


def test_selection_drops_dependencies_on_unselected_with_a_note() -> None:
    model = _model([initiative("a", 5), initiative("b", 2, depends_on=["a"]), initiative("c", 1)])
    result = schedule_roadmap(model, ["b", "c"], time_limit=1.0)
    assert [i.id for i in result.items] == ["b", "c"]
    assert _by_id(result)["b"].start_week == 0
    assert [(n.initiative, n.depends_on) for n in result.notes] == [("b", "a")]
    note = result.notes[0].message
    assert note.code == "schedule.dependency_left_out"
    assert "not selected" in note.text("en") and "選定されていない" in note.text("ja")


def test_phases_and_milestones_follow_their_initiatives() -> None:
    model = _model(
        [initiative("a", 2, phase="p1"), initiative("b", 3, phase="p2", depends_on=["a"]),
         initiative("c", 1, phase="p2")],
        phases=[{"id": "p1"}, {"id": "p2"}, {"id": "p3"}],
        milestones=[{"id": "m1", "initiatives": ["a", "b"]},
                    {"id": "m2", "date": "2027-01-01"}])
    result = schedule_roadmap(model, time_limit=1.0)
    phases = {p.id: p for p in result.phases}
    assert set(phases) == {"p1", "p2"}
    assert phases["p2"].start == dt.date(2026, 4, 6)  # c starts at once
    assert phases["p2"].finish == _by_id(result)["b"].finish
    dates = {m.id: m.date for m in result.milestones}
    assert dates == {"m1": _by_id(result)["b"].finish, "m2": dt.date(2027, 1, 1)}


def test_a_milestone_reached_after_its_own_date_is_a_violation() -> None:
    model = _model(
        [initiative("a", 2), initiative("b", 3, depends_on=["a"])],
        milestones=[{"id": "late", "date": "2026-04-24", "initiatives": ["a", "b"]},
                    {"id": "on-time", "date": "2026-04-17", "initiatives": ["a"]},
                    {"id": "undated", "initiatives": ["b"]},
                    {"id": "fixed", "date": "2026-05-01"}])
    result = schedule_roadmap(model, time_limit=1.0)
    finish = _by_id(result)["b"].finish
    assert finish == dt.date(2026, 5, 8)  # five working weeks from Monday 6 April
    milestones = {m.id: m for m in result.milestones}
    assert (milestones["late"].date, milestones["late"].due) == (finish, dt.date(2026, 4, 24))
    assert milestones["late"].late_days == 14
    assert [m.late_days for m in result.milestones] == [14, 0, 0, 0]
    assert [(v.milestone, v.due, v.date, v.late_days) for v in result.milestone_violations] == [
        ("late", dt.date(2026, 4, 24), finish, 14)]
    assert result.violations == []  # no initiative has a deadline of its own


def test_a_milestone_of_work_left_out_is_not_reached() -> None:
    model = _model(
        [initiative("a", 2), initiative("b", 3)],
        milestones=[{"id": "dropped", "date": "2027-01-01", "initiatives": ["a", "b"]},
                    {"id": "kept", "initiatives": ["a"]}])
    result = schedule_roadmap(model, ["a"], time_limit=1.0)
    milestones = {m.id: m for m in result.milestones}
    # its own date has passed or not, it is not met: b, which it waits for, is not planned
    assert (milestones["dropped"].reached, milestones["dropped"].date) == (False, None)
    assert milestones["dropped"].not_selected == ["b"]
    assert milestones["kept"].reached and milestones["kept"].date == _by_id(result)["a"].finish
    assert result.milestone_violations == []


def test_a_phase_that_runs_past_its_end_is_reported() -> None:
    model = _model(
        [initiative("a", 4, phase="p1"), initiative("b", 1, phase="p2")],
        phases=[{"id": "p1", "end": "2026-04-24"}, {"id": "p2", "end": "2026-12-31"}])
    result = schedule_roadmap(model, time_limit=1.0)
    # a takes four working weeks from Monday 6 April: to Friday 1 May, a week past the end
    assert [(p.id, p.end, p.late_days) for p in result.phase_overruns] == [
        ("p1", dt.date(2026, 4, 24), 7)]


def test_the_bank_example_misses_its_24x7_milestone() -> None:
    from pathlib import Path

    from opmodel.interop.model_files import load

    path = Path(__file__).parents[3] / "examples" / "regional-bank" / "target.yaml"
    result = schedule_roadmap(load(path), method="heuristic")
    late = {v.milestone: v for v in result.milestone_violations}
    assert "ms-24x7-start" in late  # docs/examples.md: a deliberate imperfection
    assert late["ms-24x7-start"].due == dt.date(2028, 1, 4)
    assert late["ms-24x7-start"].late_days == (late["ms-24x7-start"].date
                                               - dt.date(2028, 1, 4)).days > 0


def test_given_durations_override_the_estimates() -> None:
    model = _model([initiative("a", 2), initiative("b", 1, depends_on=["a"])])
    result = schedule_roadmap(model, durations={"a": 6}, method="heuristic")
    assert _by_id(result)["b"].start_week == 6


def test_start_falls_back_to_phase_start_then_as_of() -> None:
    doc = document(language="en", roadmap=_roadmap([initiative("a", 1)], calendar=None,
                                                   phases=[{"id": "p", "start": "2026-07-01"}]))
    assert schedule_roadmap(validate_data(doc), method="heuristic").start == dt.date(2026, 7, 1)
    doc = document(language="en", roadmap=_roadmap([initiative("a", 1)], calendar=None))
    doc["metadata"]["as_of"] = "2026-10-01"
    assert schedule_roadmap(validate_data(doc), method="heuristic").start == dt.date(2026, 10, 1)


def test_result_serialises_to_json() -> None:
    model = _model([initiative("a", 1, deadline="2026-04-10")])
    data = json.loads(schedule_roadmap(model, method="heuristic").model_dump_json())
    assert data["items"][0]["start"] == "2026-04-06"
    assert {"status", "lower_bound_weeks", "makespan_weeks", "start", "items", "phases",
            "milestones", "violations", "milestone_violations", "notes"} <= set(data)


def _codes(exc: DocumentError) -> list[str]:
    return [p.render("en") for p in exc.problems]


@pytest.mark.parametrize(("build", "kwargs", "expected"), [
    (lambda: _unchecked([initiative("a", 1, demand={"team": 1})], [{"id": "team", "capacity": 0}]),
     {}, "team 'team' has no capacity"),
    (lambda: _unchecked([initiative("a", 1, demand={"team": 3})], [{"id": "team", "capacity": 2}]),
     {}, "initiative 'a' needs 3"),
    (lambda: _unchecked([{"id": "a"}]), {}, "initiative 'a' has no duration"),
    (lambda: _unchecked([initiative("a", 1)]), {"selected": ["zz"]}, "'zz' is not an initiative"),
    (lambda: _unchecked([initiative("a", 1)]), {"durations": {"a": -2}}, "duration is negative"),
    (lambda: _unchecked([initiative("a", estimate(5, 4, 3))]),
     {}, "initiative 'a': the estimate must satisfy"),
    (lambda: builders.unchecked(language="en", roadmap=roadmap([initiative("a", 1)], start=None)),
     {}, "no start date"),
    (lambda: _unchecked([initiative("a", 4, demand={"team": 2})], [
        {"id": "team", "capacity": 2, "periods": [{"start": "2026-04-13", "capacity": 1}]}]),
     {}, "initiative 'a' never fits"),
])
def test_bad_inputs_name_the_initiative(build: Any, kwargs: dict[str, Any], expected: str
                                        ) -> None:
    with pytest.raises(DocumentError) as err:
        schedule_roadmap(build(), time_limit=1.0, **kwargs)
    assert any(expected in text for text in _codes(err.value)), _codes(err.value)
    assert all(p.message("ja") for p in err.value.problems)


def test_unknown_team_is_a_reference_error_on_load() -> None:
    with pytest.raises(DocumentError) as err:
        _model([initiative("a", 1, demand={"ghost": 1})])
    assert "ghost" in err.value.render("en")


def test_progress_and_stop_reach_the_solver() -> None:
    team = [{"id": "team", "capacity": 2}]
    model = _model([initiative(f"i{k}", 1 + k % 3, demand={"team": 1 + k % 2})
                    for k in range(8)], team)
    seen: list[Any] = []
    result = schedule_roadmap(model, time_limit=30.0, progress=seen.append,
                              should_stop=lambda: True)
    assert seen and seen[0].detail.params["makespan"] == result.makespan_weeks
    assert result.method == "heuristic" or result.status == "optimal"
    assert result.stopped == (result.status != "optimal")


def test_an_initiative_starts_no_earlier_than_its_phase() -> None:
    model = _model([initiative("a", 2, phase="p1"), initiative("b", 1, phase="p2"),
                    initiative("c", 1, phase="p2", earliest_start="2026-06-01")],
                   phases=[{"id": "p1"}, {"id": "p2", "start": "2026-05-04"}])
    items = _by_id(schedule_roadmap(model, time_limit=1.0))
    assert items["a"].start == dt.date(2026, 4, 6)
    assert items["b"].start == dt.date(2026, 5, 4)  # the phase begins four weeks in
    assert items["c"].start == dt.date(2026, 6, 1)  # its own later earliest start wins
