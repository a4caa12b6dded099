"""Reading incident event logs through a mapping: any tool's columns, offsets, gzip, clear errors."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

from opmodel.engines.kpi.itsm import itsm_kpis
from opmodel.interop.itsm_log import load_mapping, read_event_log
from opmodel.interop.tables import TableError
from support.datasets import shared_file

DATA = Path(__file__).parents[1] / "data" / "itsm"

OTHER_TOOL = """ticket_id;changed;status;team;sev;breached
T-1;2026-03-02T09:00:00+09:00;open;Desk;P2;no
T-1;2026-03-02T01:30:00+00:00;in progress;;P2;no
T-1;2026-03-02T12:00:00+09:00;in progress;Network;P2;no
T-1;2026-03-02T05:00:00Z;done;Network;P1;no
T-2;2026-03-03T10:00:00-05:00;open;Desk;P3;no
T-2;2026-03-03T16:00:00+01:00;done;Desk;P3;yes
T-3;2026-03-04T08:00:00+09:00;open;?;P3;?
"""
OTHER_MAP = """case: ticket_id
timestamp: changed
state: status
resolved_states: [done]
group: team
priority: sev
sla_met: breached
"""


def write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def test_another_tools_export_works_through_the_mapping_alone(tmp_path: Path) -> None:
    mapping = load_mapping(write(tmp_path, "map.yaml", OTHER_MAP))
    events = read_event_log(write(tmp_path, "tickets.csv", OTHER_TOOL), mapping)
    # offsets compared in UTC: 09:00+09:00 = 00:00Z comes before 01:30Z; 12:00+09:00 = 03:00Z
    t1 = events.filter(events["case"] == "T-1").sort("at")
    assert t1["at"].to_list()[0] == dt.datetime(2026, 3, 2, 0, 0)
    result = itsm_kpis(events, mapping.resolved_states)
    assert (result.cases, result.resolved) == (3, 2)
    # T-1: 00:00Z → done 05:00Z = 5 h; T-2: 15:00Z → 15:00Z = 0 h
    assert result.resolution_hours.median == pytest.approx(2.5)
    assert result.by_group["Network"].mean_handoffs == 1  # Desk → (empty) → Network
    assert result.by_group["(none)"].cases == 1  # '?' is missing, not a group
    # the column means "met" only by name here; yes/no are read as booleans
    assert result.sla_met_rate == pytest.approx(1 / 3)


def test_dayfirst_decides_ambiguous_dates(tmp_path: Path) -> None:
    log = write(tmp_path, "log.csv", "id,at,state\na,4/5/2026 10:00,New\na,4/5/2026 12:00,Closed\n")
    base = "case: id\ntimestamp: at\nstate: state\nresolved_states: [Closed]\n"
    day_first = read_event_log(log, load_mapping(write(tmp_path, "d.yaml", base + "dayfirst: true\n")))
    month_first = read_event_log(log, load_mapping(write(tmp_path, "m.yaml", base)))
    assert day_first["at"][0] == dt.datetime(2026, 5, 4, 10)
    assert month_first["at"][0] == dt.datetime(2026, 4, 5, 10)


def test_gzip_and_cp932_logs_are_read(tmp_path: Path) -> None:
    text = "番号,更新日時,状態\nA,2026-01-05 09:00,受付\nA,2026-01-05 11:00,解決\n"
    log = tmp_path / "log.csv.gz"
    log.write_bytes(gzip.compress(text.encode("cp932")))
    mapping = load_mapping(write(tmp_path, "m.yaml",
                                 "case: 番号\ntimestamp: 更新日時\nstate: 状態\nresolved_states: [解決]\n"))
    result = itsm_kpis(read_event_log(log, mapping), mapping.resolved_states)
    assert result.resolution_hours.mean == pytest.approx(2.0)


def test_unknown_column_names_the_mapping_key_and_the_column(tmp_path: Path) -> None:
    mapping = load_mapping(write(tmp_path, "map.yaml", OTHER_MAP.replace("team", "assignment_grp")))
    with pytest.raises(TableError) as err:
        read_event_log(write(tmp_path, "tickets.csv", OTHER_TOOL), mapping)
    message = err.value.message
    assert message.code == "itsm.column_absent"
    assert (message.params["key"], message.params["column"]) == ("group", "assignment_grp")
    assert "mapping key 'group'" in message.text("en") and "'assignment_grp'" in message.text("en")
    assert "'group'" in message.text("ja") and "assignment_grp" in message.text("ja")


@pytest.mark.parametrize(("text", "key"), [
    ("case: a\ntimestamp: b\nstate: c\n", "resolved_states"),
    ("case: a\ntimestamp: b\nstate: c\nresolved_states: [x]\nassignee: d\n", "assignee"),
    ("case: a\ntimestamp: b\nstate: c\nresolved_states: []\n", "resolved_states"),
])
def test_bad_mapping_keys_are_named(tmp_path: Path, text: str, key: str) -> None:
    with pytest.raises(TableError, match=f"mapping key '{key}'") as err:
        load_mapping(write(tmp_path, "map.yaml", text))
    ja = err.value.message.text("ja")
    assert f"マッピングのキー '{key}'" in ja and "map.yaml" in ja


def test_a_wrong_value_in_the_mapping_is_told_in_japanese_too(tmp_path: Path) -> None:
    text = "case: a\ntimestamp: b\nstate: c\nresolved_states: [x]\ndayfirst: maybe\n"
    with pytest.raises(TableError) as err:
        load_mapping(write(tmp_path, "map.yaml", text))
    assert "'dayfirst'" in str(err.value) and "maybe" in str(err.value)
    assert "true または false" in err.value.message.text("ja")


def test_unreadable_timestamps_are_refused_with_their_lines(tmp_path: Path) -> None:
    log = write(tmp_path, "log.csv", "id,at,state\na,2026-01-05 09:00,New\na,yesterday,Closed\n")
    mapping = load_mapping(write(tmp_path, "m.yaml",
                                 "case: id\ntimestamp: at\nstate: state\nresolved_states: [Closed]\n"))
    with pytest.raises(TableError, match=r"line 3 \('yesterday'\)") as err:
        read_event_log(log, mapping)
    assert "3 行目（'yesterday'）" in err.value.message.text("ja")
    assert "dayfirst" in err.value.message.text("ja")


def test_missing_log_is_a_clear_error(tmp_path: Path) -> None:
    mapping = load_mapping(DATA / "servicenow.mapping.yaml")
    with pytest.raises(TableError, match="file not found"):
        read_event_log(tmp_path / "nope.csv.gz", mapping)


def test_full_servicenow_log() -> None:
    mapping = load_mapping(DATA / "servicenow.mapping.yaml")
    events = read_event_log(shared_file("itsm/incident_event_log.csv.gz"), mapping)
    result = itsm_kpis(events, mapping.resolved_states)
    assert events.height == 119_998
    assert result.cases == 20_769  # as the data set's description says
    assert set(result.by_priority) == {"1 - Critical", "2 - High", "3 - Moderate", "4 - Low"}
    assert result.resolved <= result.cases and 0 < result.reopen_rate < 0.1
    assert sum(f.cases for f in result.by_group.values()) == result.cases


INVENTORY = Path(__file__).parents[1] / "data" / "inventory"


def test_a_servicenow_incident_export_is_read_as_events() -> None:
    from opmodel.interop.itsm_log import read_incident_export
    from opmodel.services.kpi import incident_columns, itsm

    events, read = read_incident_export(INVENTORY / "servicenow-incidents.csv",
                                        incident_columns("servicenow"))
    assert read == {"case": "number", "opened_at": "opened_at", "resolved_at": "resolved_at",
                    "closed_at": "closed_at", "priority": "priority",
                    "group": "assignment_group", "sla_met": "made_sla"}
    assert events.height == 3 + 2 + 1  # opened, resolved, closed
    result = itsm(events, None)
    assert (result.cases, result.resolved) == (3, 2)
    assert result.resolution_hours.median == pytest.approx((4 + 24) / 2)
    assert result.reopen_rate == 0 and result.sla_met_rate == pytest.approx(2 / 3)
    assert set(result.by_group) == {"Service Desk", "Infrastructure"}


def test_japanese_incident_headers_are_read_too() -> None:
    from opmodel.interop.itsm_log import read_incident_export
    from opmodel.services.kpi import incident_columns, itsm

    events, read = read_incident_export(INVENTORY / "servicenow-incidents-ja.csv",
                                        incident_columns("servicenow"))
    assert read["case"] == "番号" and read["group"] == "割り当てグループ"
    assert itsm(events, None).resolution_hours.median == pytest.approx(2)


def test_an_export_without_its_opening_time_is_refused(tmp_path: Path) -> None:
    from opmodel.interop.itsm_log import read_incident_export
    from opmodel.interop.tables import TableError
    from opmodel.services.kpi import incident_columns

    path = tmp_path / "incidents.csv"
    path.write_text("number,priority\nINC1,1\n", encoding="utf-8")
    with pytest.raises(TableError) as caught:
        read_incident_export(path, incident_columns("servicenow"))
    assert caught.value.message.params["key"] == "opened_at"


def test_the_command_reads_an_incident_export(tmp_path: Path) -> None:
    from opmodel.interop.itsm_log import read_incident_export
    from opmodel.services.kpi import incident_columns, itsm
    from support.results import assert_json_is_the_result

    source = INVENTORY / "servicenow-incidents.csv"
    events, _ = read_incident_export(source, incident_columns("servicenow"))
    assert_json_is_the_result(["kpi", "itsm", str(source), "--from", "servicenow"],
                              itsm(events, None))
