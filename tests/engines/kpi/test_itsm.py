"""ITSM KPIs from event logs: each definition on tiny logs, and a pandas cross-check on real data."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pandas as pd
import polars as pl
import pytest

from opmodel.engines.kpi.itsm import case_table, itsm_kpis
from opmodel.interop.itsm_log import load_mapping, read_event_log

DATA = Path(__file__).parents[2] / "data" / "itsm"
DONE = ["Resolved", "Closed"]


def t(day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 1, day, hour, minute)


def log(*events: tuple, columns: tuple[str, ...] = ("case", "at", "state", "group")) -> pl.DataFrame:
    """Events in file order; ``row`` is their position in the file."""
    rows = [dict(zip(columns, e, strict=True), row=i + 1) for i, e in enumerate(events)]
    schema = {"row": pl.Int64, "case": pl.Utf8, "at": pl.Datetime("us"), "state": pl.Utf8,
              "group": pl.Utf8, "priority": pl.Utf8, "opened_at": pl.Datetime("us"),
              "sla_met": pl.Boolean}
    return pl.DataFrame(rows, schema={c: schema[c] for c in ("row", *columns)})


def cases(frame: pl.DataFrame) -> dict[str, dict]:
    return {r["case"]: r for r in case_table(frame, DONE).to_dicts()}


def test_ties_keep_file_order() -> None:
    # Same time: resolved then active (in the file) is a reopen; active then resolved is not.
    c = cases(log(("a", t(5, 9), "Active", None), ("a", t(5, 10), "Resolved", None),
                  ("a", t(5, 10), "Active", None),
                  ("b", t(5, 9), "Active", None), ("b", t(5, 10), "Active", None),
                  ("b", t(5, 10), "Resolved", None)))
    assert c["a"]["reopened"] is True
    assert c["b"]["reopened"] is False


def test_events_are_ordered_by_time_not_by_file() -> None:
    # Listed out of order: the resolution really comes last, so no reopen; resolved at 12:00.
    c = cases(log(("a", t(5, 12), "Resolved", None), ("a", t(5, 8), "New", None),
                  ("a", t(5, 10), "Active", None)))
    assert c["a"]["reopened"] is False
    assert c["a"]["resolved_at"] == t(5, 12)
    assert c["a"]["hours"] == pytest.approx(4.0)


def test_resolution_starts_at_opened_at_when_mapped() -> None:
    frame = log(("a", t(5, 10), "Active", None, t(5, 6)), ("a", t(5, 12), "Resolved", None, None),
                ("a", t(6, 12), "Closed", None, None),
                columns=("case", "at", "state", "group", "opened_at"))
    c = cases(frame)
    assert c["a"]["hours"] == pytest.approx(6.0)  # first resolved state, from opened_at


def test_handoffs_ignore_events_without_group() -> None:
    c = cases(log(*[("a", t(5, h), "Active", g) for h, g in
                    enumerate(["A", None, "A", "B", None, "B", "A"])]))
    assert c["a"]["handoffs"] == 2  # A→B, B→A; gaps do not count as changes


def test_reopen_rate_is_over_resolved_cases() -> None:
    result = itsm_kpis(log(("a", t(5), "Resolved", None), ("a", t(6), "Active", None),
                           ("b", t(5), "Resolved", None), ("c", t(5), "Active", None)), DONE)
    assert (result.cases, result.resolved) == (3, 2)
    assert result.reopen_rate == pytest.approx(0.5)


def test_sla_met_is_the_last_events_flag_over_all_cases() -> None:
    frame = log(("a", t(5), "Active", None, True), ("a", t(6), "Resolved", None, False),
                ("b", t(5), "Active", None, False), ("b", t(6), "Resolved", None, True),
                ("c", t(5), "Active", None, None),
                ("d", t(5), "Active", None, True),
                columns=("case", "at", "state", "group", "sla_met"))
    assert itsm_kpis(frame, DONE).sla_met_rate == pytest.approx(2 / 4)


def test_resolution_percentiles_interpolate_linearly() -> None:
    hours = [1, 2, 3, 4, 10]
    frame = log(*[e for i, h in enumerate(hours) for e in
                  ((f"c{i}", t(5), "New", None), (f"c{i}", t(5) + dt.timedelta(hours=h), "Resolved", None))])
    r = itsm_kpis(frame, DONE).resolution_hours
    assert (r.median, r.mean) == (pytest.approx(3.0), pytest.approx(4.0))
    assert r.p90 == pytest.approx(4 + 0.6 * (10 - 4))


def test_backlog_counts_cases_open_at_each_week_end() -> None:
    # 2026-01-05 is a Monday. a: open in week 1, resolved in week 2. b: opened week 2, never resolved.
    frame = log(("a", t(5), "New", None), ("a", t(13), "Resolved", None),
                ("b", t(14), "New", None), ("b", t(20), "Active", None))
    backlog = [(w.week, w.open) for w in itsm_kpis(frame, DONE).backlog]
    assert backlog == [(dt.date(2026, 1, 5), 1), (dt.date(2026, 1, 12), 1), (dt.date(2026, 1, 19), 1)]


def test_breakdowns_by_priority_and_group_use_each_cases_last_value() -> None:
    frame = log(("a", t(5), "New", "L1", "3"), ("a", t(6), "Resolved", "L2", "2"),
                ("b", t(5), "New", None, None),
                columns=("case", "at", "state", "group", "priority"))
    result = itsm_kpis(frame, DONE)
    assert set(result.by_priority) == {"2", "(none)"}
    assert result.by_group["L2"].cases == 1 and result.by_group["L2"].mean_handoffs == 1
    assert result.by_group["(none)"].resolved == 0


def test_an_empty_log_gives_zero_cases() -> None:
    assert itsm_kpis(log(), DONE).cases == 0


def test_figures_match_an_independent_pandas_computation_on_real_events() -> None:
    mapping = load_mapping(DATA / "servicenow.mapping.yaml")
    result = itsm_kpis(read_event_log(DATA / "incident_event_log.sample.csv.gz", mapping),
                       mapping.resolved_states)
    raw = pd.read_csv(DATA / "incident_event_log.sample.csv.gz", dtype=str, keep_default_na=False)
    raw["row"] = range(len(raw))
    raw["ts"] = pd.to_datetime(raw["sys_updated_at"], format="%d/%m/%Y %H:%M")
    raw["opened"] = pd.to_datetime(raw["opened_at"].replace("?", None), format="%d/%m/%Y %H:%M")
    raw = raw.sort_values(["number", "ts", "row"], kind="stable")
    raw["done"] = raw["incident_state"].isin(DONE)
    hours, reopened, handoffs, sla = [], [], [], []
    for _, ev in raw.groupby("number", sort=False):
        done = ev["done"].to_numpy()
        sla.append(ev["made_sla"].iloc[-1] == "true")
        groups = [g for g in ev["assignment_group"] if g != "?"]
        handoffs.append(sum(a != b for a, b in itertools.pairwise(groups)))
        if done.any():
            first = done.argmax()
            start = ev["opened"].dropna().iloc[0] if ev["opened"].notna().any() else ev["ts"].iloc[0]
            hours.append((ev["ts"].iloc[first] - start).total_seconds() / 3600)
            reopened.append(bool((~done[first:]).any()))
    hours_s = pd.Series(hours)
    assert result.cases == raw["number"].nunique() == 149
    assert result.resolved == len(hours)
    assert result.resolution_hours.median == pytest.approx(hours_s.median())
    assert result.resolution_hours.mean == pytest.approx(hours_s.mean())
    assert result.resolution_hours.p90 == pytest.approx(hours_s.quantile(0.9))
    assert result.reopen_rate == pytest.approx(sum(reopened) / len(reopened))
    assert sum(reopened) > 0
    assert result.mean_handoffs == pytest.approx(sum(handoffs) / len(handoffs))
    assert result.sla_met_rate == pytest.approx(sum(sla) / len(sla))


def test_groups_and_priorities_are_listed_in_natural_order() -> None:
    from opmodel.engines.kpi.itsm import natural_key

    names = ["Group 10", "Group 2", "group 1", "(none)", "3 - Moderate", "1 - Critical"]
    assert sorted(names, key=natural_key) == ["1 - Critical", "3 - Moderate", "(none)",
                                              "group 1", "Group 2", "Group 10"]
