"""Measurement import: encodings, Japanese headers, decimal commas, row-level validation, storage."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from opmodel.document import loads
from opmodel.engines.kpi.intake import ImportResult
from opmodel.interop.measurements import (
    MappingError,
    ParquetMeasurementStore,
    empty_measurements,
    measurements_path,
    merge_measurements,
    parse_column_pairs,
    read_column_mapping,
    read_measurements,
    resolve_columns,
)
from opmodel.interop.tables import TableError
from opmodel.knowledge.texts import render
from opmodel.services.kpi import import_measurements

# availability: a ratio (scale 100), csat: a mean, incidents: a sum
MODEL = loads("""apiVersion: opmodel/v1
kind: OperatingModel
metadata: {name: Import test}
kpis:
  definitions:
    - {id: availability, kpi: service-availability}
    - {id: csat, name: CSAT, direction: higher, aggregation: mean}
    - {id: incidents, name: Incidents, direction: lower, aggregation: sum}
""")
JA_MAP = {"kpi": "指標", "scope": "サービス", "period": "年月", "value": "値"}
JA_CSV = "指標,サービス,年月,値\ncsat,給与,2026-04,4.1\ncsat,給与,2026/05,4.3\nincidents,会計,2026年6月,12\n"


def run(tmp: Path, name: str, data: bytes, mapping: dict[str, str] | None = None, *,
        skip_invalid: bool = False, **kw: object) -> tuple[ImportResult, Path]:
    """Parse ``data`` as the file ``name`` and import it into the store beside the model."""
    source = tmp / name
    source.write_bytes(data)
    store = ParquetMeasurementStore(tmp / "model.measurements.parquet")
    parsed = read_measurements(source, mapping or {}, **kw)  # type: ignore[arg-type]
    return import_measurements(MODEL, parsed, store, skip_invalid=skip_invalid), store.path


def load_measurements(path: Path) -> pl.DataFrame:
    return ParquetMeasurementStore(path).read()


def text(issue: object, lang: str) -> str:
    return render(issue.code, issue.params, lang)  # type: ignore[attr-defined]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_encodings_and_japanese_headers(tmp_path: Path, encoding: str) -> None:
    result, store = run(tmp_path, "m.csv", JA_CSV.encode(encoding), JA_MAP)
    assert (result.imported, result.issues) == (3, [])
    frame = load_measurements(store)
    assert sorted(frame["scope"].unique().to_list()) == ["会計", "給与"]
    assert frame.filter(pl.col("kpi") == "incidents")["at"][0] == dt.datetime(2026, 6, 1)


def test_headers_are_recognised_without_a_mapping() -> None:
    assert resolve_columns(["KPI", "スコープ", "期間", "値"], {}, "m.csv") == {
        "kpi": "KPI", "scope": "スコープ", "period": "期間", "value": "値"}


def test_mapping_to_a_missing_column_is_refused_by_name() -> None:
    with pytest.raises(TableError, match="mapping value: column '実績' is not in the file"):
        resolve_columns(["kpi", "period", "値"], {"value": "実績"}, "m.csv")
    with pytest.raises(TableError, match="unknown field 'amount'"):
        resolve_columns(["kpi", "period", "value"], {"amount": "value"}, "m.csv")


def test_decimal_commas_are_off_by_default(tmp_path: Path) -> None:
    data = b"kpi;scope;period;value\ncsat;a;2026-04-01;4,5\n"
    result, store = run(tmp_path, "m.csv", data)
    assert result.imported == 0 and not store.exists()
    assert [(i.row, i.column, i.code) for i in result.issues] == [
        (2, "value", "measurement.decimal_comma")]
    assert "--decimal-comma" in text(result.issues[0], "en")
    result, store = run(tmp_path, "m.csv", b"kpi;scope;period;value\ncsat;a;2026-04-01;1.234,5\n",
                        decimal_comma=True)
    assert result.imported == 1 and load_measurements(store)["value"][0] == 1234.5


BAD = ("kpi,scope,period,value,numerator,denominator\n"
       "csat,a,2026-04-01,4.0,,\n"            # ok
       "nope,a,2026-04-01,1,,\n"              # unknown KPI
       ",a,2026-04-01,1,,\n"                  # missing KPI
       "csat,a,someday,4.0,,\n"               # bad date
       "csat,a,2026-04-02,high,,\n"           # bad number
       "availability,a,2026-04-01,,5,\n"      # ratio without denominator
       "availability,a,2026-04-02,,5,-1\n"    # negative denominator
       "availability,b,2026-04-01,,999,1000\n")  # ok


def test_invalid_rows_are_reported_and_nothing_is_imported(tmp_path: Path) -> None:
    result, store = run(tmp_path, "m.csv", BAD.encode())
    found = [(i.row, i.column, i.code) for i in result.issues]
    assert found == [(3, "kpi", "measurement.unknown_kpi"), (4, "kpi", "measurement.missing"),
                     (5, "period", "measurement.bad_date"), (6, "value", "measurement.bad_number"),
                     (7, "numerator", "measurement.ratio_parts"),
                     (8, "denominator", "measurement.negative_denominator")]
    assert all(text(i, "ja") != text(i, "en") for i in result.issues)
    assert result.imported == 0 and not store.exists()


def test_skip_invalid_imports_the_rest_and_reports_what_was_skipped(tmp_path: Path) -> None:
    result, store = run(tmp_path, "m.csv", BAD.encode(), skip_invalid=True)
    assert (result.imported, result.skipped, len(result.issues)) == (2, 6, 6)
    frame = load_measurements(store).sort("kpi")
    assert frame["kpi"].to_list() == ["availability", "csat"]
    # a ratio row without a value gets numerator / denominator × scale
    assert frame["value"][0] == pytest.approx(99.9)


def test_reimport_replaces_same_key_and_keeps_order_deterministic(tmp_path: Path) -> None:
    first = "kpi,scope,period,value\ncsat,b,2026-05-01,3\ncsat,a,2026-04-01,4\n"
    _, store = run(tmp_path, "m.csv", first.encode())
    again = "kpi,scope,period,value\ncsat,a,2026-04-01,5\ncsat,a,2026-06-01,1\n"
    result, store = run(tmp_path, "m2.csv", again.encode())
    frame = load_measurements(store)
    assert result.stored == 3
    assert list(zip(frame["scope"], frame["value"], strict=True)) == [("a", 5.0), ("a", 1.0), ("b", 3.0)]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_xlsx_with_dates_and_numbers(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["指標", "サービス", "年月", "値"])
    sheet.append(["csat", "給与", dt.datetime(2026, 4, 1), 4.25])
    sheet.append(["incidents", "給与", dt.date(2026, 4, 2), 7])
    book.save(tmp_path / "m.xlsx")
    store = tmp_path / "s.parquet"
    parsed = read_measurements(tmp_path / "m.xlsx", JA_MAP)
    result = import_measurements(MODEL, parsed, ParquetMeasurementStore(store))
    assert result.imported == 2
    frame = load_measurements(store).sort("kpi")
    assert frame["value"].to_list() == [4.25, 7.0]
    assert frame["at"].to_list() == [dt.datetime(2026, 4, 1), dt.datetime(2026, 4, 2)]


def test_timestamps_with_offsets_are_stored_in_utc(tmp_path: Path) -> None:
    data = "kpi,scope,timestamp,value\ncsat,a,2026-04-01T09:00:00+09:00,4\n"
    _, store = run(tmp_path, "m.csv", data.encode())
    assert load_measurements(store)["at"][0] == dt.datetime(2026, 4, 1, 0, 0)


def test_binary_input_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="neither UTF-8 nor CP932"):
        run(tmp_path, "m.csv", b"kpi,value\n\xff\xfe\xfd\x80\x81,1\n")


def test_measurements_live_beside_the_model() -> None:
    assert measurements_path(Path("x/target.yaml")) == Path("x/target.measurements.parquet")


def test_cp932_found_only_deep_in_a_large_file(tmp_path: Path) -> None:
    rows = "".join(f"csat,s{i // 28},2026-04-{1 + i % 28:02d},4\n" for i in range(4000))  # > 64 KB
    data = ("kpi,scope,period,value\n" + rows + "csat,給与,2026-05-01,3\n").encode("cp932")
    result, store = run(tmp_path, "m.csv", data)
    assert result.imported == 4001 and "給与" in load_measurements(store)["scope"].to_list()


rows = st.lists(st.tuples(st.sampled_from(["csat", "incidents"]), st.sampled_from(["a", "b", "給与"]),
                          st.integers(1, 28), st.integers(0, 100)), max_size=30)


@settings(max_examples=40, deadline=None)
@given(rows, rows)
def test_merging_is_deterministic_and_last_write_wins(first: list, second: list) -> None:
    def frame(items: list) -> pl.DataFrame:
        return pl.DataFrame(
            {"kpi": [k for k, *_ in items], "scope": [s for _, s, *_ in items],
             "at": [dt.datetime(2026, 4, d) for *_, d, _ in items],
             "value": [float(v) for *_, v in items], "numerator": [None] * len(items),
             "denominator": [None] * len(items)},
            schema=empty_measurements().schema)

    merged = merge_measurements(merge_measurements(empty_measurements(), frame(first)), frame(second))
    again = merge_measurements(merge_measurements(empty_measurements(), frame(first)), frame(second))
    assert merged.equals(again)
    expected = {(k, s, d): float(v) for k, s, d, v in first + second}  # later rows win
    got = {(k, s, a.day): v for k, s, a, v in merged.select("kpi", "scope", "at", "value").iter_rows()}
    assert got == expected
    assert merged.select("kpi", "scope", "at").is_duplicated().sum() == 0
    assert merged.equals(merged.sort("kpi", "scope", "at"))


def test_two_rows_for_the_same_kpi_scope_and_time_are_refused(tmp_path: Path) -> None:
    data = b"kpi,scope,period,value\ncsat,a,2026-04,1\ncsat,b,2026-04,2\ncsat,a,2026-04,3\n"
    result, store = run(tmp_path, "m.csv", data)
    assert [(i.row, i.code) for i in result.issues] == [(4, "measurement.duplicate")]
    assert not store.exists()


SLASHES = "kpi,scope,period,value\ncsat,a,01/04/2027,4\ncsat,a,04/05/2027 09:00,4\ncsat,b,2027/04/01,3\n"


def test_day_or_month_first_dates_are_refused_unless_the_order_is_given(tmp_path: Path) -> None:
    result, store = run(tmp_path, "m.csv", SLASHES.encode())
    assert [(i.row, i.column, i.code, i.value) for i in result.issues] == [
        (2, "period", "measurement.ambiguous_date", "01/04/2027"),
        (3, "period", "measurement.ambiguous_date", "04/05/2027 09:00")]
    assert "--dayfirst" in text(result.issues[0], "en") and "YYYY-MM-DD" in text(result.issues[0], "ja")
    assert not store.exists()


@pytest.mark.parametrize(("dayfirst", "april", "may"), [
    (True, dt.datetime(2027, 4, 1), dt.datetime(2027, 5, 4, 9)),
    (False, dt.datetime(2027, 1, 4), dt.datetime(2027, 4, 5, 9)),
])
def test_dayfirst_and_monthfirst_read_slashes_their_way(tmp_path: Path, dayfirst: bool,
                                                        april: dt.datetime, may: dt.datetime) -> None:
    result, store = run(tmp_path, "m.csv", SLASHES.encode(), dayfirst=dayfirst)
    assert result.issues == [] and result.imported == 3
    frame = load_measurements(store)
    assert frame.filter(pl.col("scope") == "a")["at"].sort().to_list() == sorted([april, may])
    # year first (as written in Japan) is read the same either way
    assert frame.filter(pl.col("scope") == "b")["at"].to_list() == [dt.datetime(2027, 4, 1)]


def test_a_date_impossible_in_the_order_given_says_so(tmp_path: Path) -> None:
    result, _ = run(tmp_path, "m.csv", b"kpi,period,value\ncsat,13/04/2027,4\n", dayfirst=False)
    assert [(i.row, i.code) for i in result.issues] == [(2, "measurement.date_order")]
    assert "--monthfirst" in text(result.issues[0], "en")


def test_a_missing_column_names_the_file_and_the_columns_it_has() -> None:
    with pytest.raises(TableError) as caught:
        resolve_columns(["a", "b"], {}, "sla.csv")
    assert caught.value.message.code == "measurement.no_kpi_column"
    assert str(caught.value).startswith("sla.csv: no column for 'kpi' (columns: a, b)")
    assert caught.value.message.text("ja").startswith("sla.csv: 'kpi' の列がありません（列: a, b）")
    with pytest.raises(TableError, match=r"no column for 'period' or 'timestamp' \(columns: kpi, value\)"):
        resolve_columns(["kpi", "value"], {}, "sla.csv")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_store_gets_the_permissions_a_user_expects(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        _, store = run(tmp_path, "m.csv", b"kpi,period,value\ncsat,2026-04,4\n")
        assert stat.S_IMODE(os.stat(store).st_mode) == 0o644
        os.chmod(store, 0o640)
        run(tmp_path, "m.csv", b"kpi,period,value\ncsat,2026-05,4\n")
        assert stat.S_IMODE(os.stat(store).st_mode) == 0o640 and load_measurements(store).height == 2
    finally:
        os.umask(old)


def test_a_folder_given_as_the_table_is_named_as_a_folder(tmp_path: Path) -> None:
    for name in ("d.csv", "d.xlsx"):
        (tmp_path / name).mkdir()
        with pytest.raises(TableError) as caught:
            read_measurements(tmp_path / name)
        assert "is a folder, not a file" in str(caught.value) and name in str(caught.value)
        ja = caught.value.message.text("ja")
        assert "フォルダー" in ja and "Errno" not in ja


def test_a_ratio_given_as_its_value_is_one_observation(tmp_path: Path) -> None:
    from opmodel.document.kpis import Period
    from opmodel.engines.kpi.rollup import rollup

    data = ("kpi,scope,period,value\navailability,a,2026-04,99.9\n"
            "availability,a,2026-05,99.7\n")
    result, store = run(tmp_path, "m.csv", data.encode())
    assert result.imported == 2 and not result.issues
    frame = load_measurements(store)
    assert frame["numerator"].to_list() == pytest.approx([0.999, 0.997])
    assert frame["denominator"].to_list() == [1.0, 1.0]
    kpis = pl.DataFrame({"kpi": ["availability"], "aggregation": ["ratio"], "scale": [100.0]})
    quarter = rollup(frame, kpis, Period.quarter)
    assert quarter["value"][0] == pytest.approx(99.8)  # each month weighs the same


def test_counts_and_values_of_one_ratio_kpi_are_not_mixed(tmp_path: Path) -> None:
    data = ("kpi,scope,period,value,numerator,denominator\n"
            "availability,a,2026-04,,999,1000\navailability,a,2026-05,99.7,,\n")
    result, store = run(tmp_path, "m.csv", data.encode())
    assert [(i.row, i.column, i.code) for i in result.issues] == [(3, "value", "measurement.ratio_mixed")]
    assert "not both" in text(result.issues[0], "en") and "どちらか一方" in text(result.issues[0], "ja")
    assert result.imported == 0 and not store.exists()


def test_parsing_needs_no_model_and_no_store(tmp_path: Path) -> None:
    source = tmp_path / "m.csv"
    source.write_text("kpi,period,value\nanything,2026-04,1\n,someday,x\n", encoding="utf-8")
    parsed = read_measurements(source)
    assert parsed.source == str(source) and parsed.rows.height == 2
    assert parsed.rows["kpi"].to_list() == ["anything", None]  # which KPIs exist: the use case's
    assert [(i.row, i.column, i.code) for i in parsed.issues] == [
        (3, "kpi", "measurement.missing"), (3, "period", "measurement.bad_date"),
        (3, "value", "measurement.bad_number")]
    assert list(tmp_path.iterdir()) == [source]


@pytest.mark.parametrize(("text", "code", "params"), [
    ("kpi: 指標\nfoo: 値\n", "measurement.mapping_unknown_field", {"field": "foo", "column": "値"}),
    ("kpi: [a, b]\n", "measurement.mapping_column", {"field": "kpi"}),
    ("- kpi\n", "measurement.mapping_shape", {}),
    ("kpi: [\n", "measurement.mapping_unreadable", {}),
])
def test_a_mapping_file_is_checked_and_its_errors_name_the_file_and_key(
        tmp_path: Path, text: str, code: str, params: dict[str, str]) -> None:
    path = tmp_path / "columns.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError) as caught:
        read_column_mapping(path)
    message = caught.value.message
    assert message.code == code and message.params["file"] == str(path)
    assert params.items() <= message.params.items()
    assert str(path) in message.text("ja") and str(path) in message.text("en")


def test_a_mapping_file_and_map_pairs_give_field_to_column(tmp_path: Path) -> None:
    path = tmp_path / "columns.yaml"
    path.write_text("\ufeffkpi: 指標\nvalue: ' 実績 '\n", encoding="utf-8")
    assert read_column_mapping(path) == {"kpi": "指標", "value": "実績"}
    assert parse_column_pairs(["kpi = 指標", "period=年月"]) == {"kpi": "指標", "period": "年月"}
    with pytest.raises(MappingError) as caught:
        parse_column_pairs(["kpi"])
    assert caught.value.message.code == "measurement.map_pair"
    with pytest.raises(MappingError) as caught:
        read_column_mapping(tmp_path / "nope.yaml")
    assert caught.value.message.code == "measurement.mapping_not_found"


def test_the_store_reads_some_kpis_and_counts(tmp_path: Path) -> None:
    store = ParquetMeasurementStore(tmp_path / "m.parquet")
    assert store.count() == 0 and store.read().columns == empty_measurements().columns
    _, path = run(tmp_path, "m.csv", JA_CSV.encode(), JA_MAP)
    store = ParquetMeasurementStore(path)
    assert store.count() == 3
    assert store.read(["incidents"])["kpi"].to_list() == ["incidents"]
    assert store.read([]).height == 0 and store.read().height == 3


def test_a_damaged_store_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "m.parquet"
    path.write_bytes(b"not parquet")
    store = ParquetMeasurementStore(path)
    for action in (store.read, store.count):
        with pytest.raises(TableError) as caught:
            action()
        assert caught.value.message.code == "measurement.store_unreadable"
        assert "--measurements" in caught.value.message.hint("ja")


def test_a_store_that_cannot_be_written_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    store = ParquetMeasurementStore(blocker / "m.parquet")
    with pytest.raises(TableError) as caught:
        store.add(empty_measurements())
    assert caught.value.message.code == "measurement.store_unwritable"
    assert str(blocker) in str(caught.value)


def test_thousands_separators_are_read_when_they_group_three_digits(tmp_path: Path) -> None:
    data = 'kpi,scope,period,value\nincidents,a,2026-04-01,"1,234"\nincidents,b,2026-04-01,"12,345,678.5"\n'
    result, store = run(tmp_path, "m.csv", data.encode())
    assert result.issues == [] and result.imported == 2
    assert sorted(load_measurements(store)["value"].to_list()) == [1234.0, 12345678.5]


def test_a_comma_that_separates_no_thousands_is_refused_with_a_hint(tmp_path: Path) -> None:
    result, store = run(tmp_path, "m.csv", b'kpi,scope,period,value\ncsat,a,2026-04-01,"12,34"\n')
    (issue,) = result.issues
    assert issue.code == "measurement.decimal_comma" and not store.exists()
    assert "thousands" in text(issue, "en") and "3 桁区切り" in text(issue, "ja")


def test_following_the_hint_never_reads_thousands_as_decimals(tmp_path: Path) -> None:
    # with --decimal-comma, 4,5 is 4.5 but 1,234 could be either: it is refused, not 1.234
    data = b"kpi;scope;period;value\ncsat;a;2026-04-01;4,5\nincidents;a;2026-04-01;1,234\n"
    result, store = run(tmp_path, "m.csv", data, decimal_comma=True)
    assert [(i.row, i.code) for i in result.issues] == [(3, "measurement.ambiguous_comma")]
    assert "1234" in text(result.issues[0], "en") and not store.exists()


def test_full_width_digits_are_read_with_a_note(tmp_path: Path) -> None:
    data = "kpi,scope,period,value\nincidents,a,２０２６／０４／０１,１２\n"
    result, store = run(tmp_path, "m.csv", data.encode("cp932"))
    assert result.issues == [] and result.imported == 1
    frame = load_measurements(store)
    assert frame["value"].to_list() == [12.0]
    assert frame["at"].to_list() == [dt.datetime(2026, 4, 1)]
    assert {(n.row, n.column, n.code) for n in result.notes} == {
        (2, "period", "measurement.full_width"), (2, "value", "measurement.full_width")}
    assert "１２" in text(result.notes[-1], "ja") or "１２" in text(result.notes[0], "ja")


def test_excel_percentages_are_percent_points_for_a_kpi_in_percent(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["kpi", "scope", "period", "value"])
    sheet.append(["availability", "a", dt.date(2026, 4, 1), 0.95])
    sheet.append(["csat", "a", dt.date(2026, 4, 1), 0.8])
    sheet["D2"].number_format = "0%"
    sheet["D3"].number_format = "0.0%"
    book.save(tmp_path / "m.xlsx")
    store = tmp_path / "s.parquet"
    result = import_measurements(MODEL, read_measurements(tmp_path / "m.xlsx", {}),
                                 ParquetMeasurementStore(store))
    assert result.issues == [] and result.imported == 2
    values = dict(zip(*load_measurements(store).select("kpi", "value"), strict=True))
    assert values["availability"] == pytest.approx(95.0)  # not 0.95
    assert values["csat"] == pytest.approx(0.8)  # csat is not in %: the cell's fraction
    (note,) = result.notes
    assert (note.row, note.code) == (3, "measurement.percent_cell")
    assert "0.8" in text(note, "en") and "csat" in text(note, "ja")
