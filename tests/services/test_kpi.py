"""Step 6 as use cases: the command line prints exactly what they return, measurements go
through a store the use cases know only as a protocol, and an import is all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path

import polars as pl
import pytest

from opmodel.document import DocumentError, loads
from opmodel.interop.itsm_log import load_mapping, read_event_log
from opmodel.interop.measurements import (
    ParquetMeasurementStore,
    empty_measurements,
    merge_measurements,
    read_measurements,
)
from opmodel.interop.model_files import load
from opmodel.services import kpi
from opmodel.services.measurements import MeasurementStore
from support.cli import run
from support.results import assert_json_is_the_result

ROOT = Path(__file__).parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*/*.yaml"))
ITSM = ROOT / "tests" / "data" / "itsm"


class MemoryStore:
    """Measurements in memory: a store that is no file, as a server's would be."""

    def __init__(self) -> None:
        self.rows = empty_measurements()
        self.reads: list[list[str] | None] = []
        self.adds = 0

    def read(self, kpis: Collection[str] | None = None) -> pl.DataFrame:
        self.reads.append(None if kpis is None else sorted(kpis))
        return self.rows if kpis is None else self.rows.filter(pl.col("kpi").is_in(list(kpis)))

    def add(self, rows: pl.DataFrame) -> None:
        self.adds += 1
        self.rows = merge_measurements(self.rows, rows)

    def count(self) -> int:
        return self.rows.height


def _imported(path: Path, store: MeasurementStore) -> MeasurementStore:
    """``store`` with the measurements*.csv files of ``path``'s example imported."""
    model = load(path)
    for csv in sorted(path.parent.glob("measurements*.csv")):
        kpi.import_measurements(model, read_measurements(csv), store, skip_invalid=True)
    return store


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_report_and_status_print_the_use_case_results(path: Path, tmp_path: Path) -> None:
    store = _imported(path, ParquetMeasurementStore(tmp_path / "m.parquet"))
    assert store.count() > 0
    model = load(path)
    where = ["--measurements", str(tmp_path / "m.parquet")]
    assert_json_is_the_result(["kpi", "report", str(path), *where], kpi.report(model, store))
    quarters = kpi.KpiReportOptions(period="quarter", as_of=dt.date(2028, 6, 30))
    assert_json_is_the_result(["kpi", "report", str(path), *where, "--period", "quarter",
                               "--as-of", "2028-06-30"], kpi.report(model, store, quarters))
    card = kpi.status(model, store, today=dt.date.today())
    data = assert_json_is_the_result(["kpi", "status", str(path), *where], card)
    assert data["kpis"] and data["components"]
    later = kpi.StatusOptions(as_of=dt.date(2028, 12, 31), trend_periods=4)
    assert_json_is_the_result(["kpi", "status", str(path), *where, "--as-of", "2028-12-31",
                               "--trend", "4"], kpi.status(model, store, later, today=dt.date.today()))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_import_prints_the_use_case_result(path: Path, tmp_path: Path) -> None:
    csv = path.parent / "measurements.csv"
    expected = kpi.import_measurements(load(path), read_measurements(csv),
                                       ParquetMeasurementStore(tmp_path / "a.parquet"))
    data = assert_json_is_the_result(
        ["kpi", "import", str(path), str(csv), "--measurements", str(tmp_path / "b.parquet")],
        expected)
    if path.stem == "target":
        assert data["imported"] == data["rows"] > 0
    else:  # today's model lacks some of the file's KPIs: nothing is imported
        assert data["imported"] == 0 and data["issues"]


def test_library_prints_the_use_case_result() -> None:
    data = assert_json_is_the_result(["kpi", "library"], kpi.kpi_library())
    assert len(data) >= 30
    british = assert_json_is_the_result(["kpi", "library", "--component", "organisation"],
                                        kpi.kpi_library("organisation"))
    assert british and {k["component"] for k in british} == {"organization"}


def test_itsm_prints_the_use_case_result() -> None:
    log, mapping = ITSM / "incident_event_log.sample.csv.gz", ITSM / "servicenow.mapping.yaml"
    spec = load_mapping(mapping)
    data = assert_json_is_the_result(["kpi", "itsm", str(log), "--mapping", str(mapping)],
                                     kpi.itsm(read_event_log(log, spec), spec))
    assert data["cases"] == 149


MODEL = loads("""apiVersion: opmodel/v1
kind: OperatingModel
metadata: {name: Store test, as_of: 2026-06-30}
kpis:
  definitions:
    - {id: availability, kpi: service-availability, warning: 99.5}
    - {id: csat, name: CSAT, direction: higher, aggregation: mean, target: 4}
""")


def _parsed(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    source = tmp_path / "m.csv"
    source.write_text(text, encoding="utf-8")
    return read_measurements(source)


def test_an_import_with_a_bad_row_stores_nothing(tmp_path: Path) -> None:
    store = MemoryStore()
    parsed = _parsed(tmp_path, "kpi,period,value\ncsat,2026-04,4\nnot-a-kpi,2026-05,4\n")
    result = kpi.import_measurements(MODEL, parsed, store)
    assert (result.rows, result.imported, result.skipped, result.stored) == (2, 0, 1, 0)
    assert [(i.row, i.code) for i in result.issues] == [(3, "measurement.unknown_kpi")]
    assert store.adds == 0 and store.count() == 0
    skipped = kpi.import_measurements(MODEL, parsed, store, skip_invalid=True)
    assert (skipped.imported, skipped.skipped, skipped.stored, store.adds) == (1, 1, 1, 1)


def test_a_bad_row_on_the_command_line_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    model = tmp_path / "model.yaml"
    model.write_text(MODEL.model_dump_json(), encoding="utf-8")
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text("kpi,period,value\ncsat,2026-04,4\n", encoding="utf-8")
    bad.write_text("kpi,period,value\ncsat,2026-05,3\ncsat,someday,4\n", encoding="utf-8")
    store = tmp_path / "elsewhere" / "kpis.parquet"
    store.parent.mkdir()
    assert run("kpi", "import", str(model), str(good), "--measurements", str(store)).code == 0
    before = store.read_bytes()
    failed = run("kpi", "import", str(model), str(bad), "--measurements", str(store))
    assert failed.code == 1 and "nothing was imported" in failed.out
    assert store.read_bytes() == before
    assert not (tmp_path / "model.measurements.parquet").exists()  # the option was followed


def test_report_reads_only_the_kpis_of_the_model_and_status_dates() -> None:
    store = MemoryStore()
    store.rows = pl.DataFrame({
        "kpi": ["service-availability", "csat", "other"], "scope": ["all"] * 3,
        "at": [dt.datetime(2026, 5, 1), dt.datetime(2026, 5, 2), dt.datetime(2026, 5, 3)],
        "value": [None, 4.5, 1.0], "numerator": [999.0, None, None],
        "denominator": [1000.0, None, None]}, schema=empty_measurements().schema)
    report = kpi.report(MODEL, store, kpi.KpiReportOptions())
    assert store.reads == [["availability", "csat", "service-availability"]]
    assert {p.kpi for p in report.points} == {"availability", "csat"}
    one = kpi.report(MODEL, store, kpi.KpiReportOptions(kpis=["csat"]))  # the KPIs asked for
    assert store.reads[-1] == ["csat"] and [s.id for s in one.kpis] == ["csat"]
    assert one.points == [p for p in report.points if p.kpi == "csat"]
    today = dt.date(2030, 1, 1)
    assert kpi.status(MODEL, store, today=today).as_of == dt.date(2026, 6, 30)  # metadata.as_of
    chosen = kpi.StatusOptions(as_of=dt.date(2026, 4, 30))
    assert kpi.status(MODEL, store, chosen, today=today).as_of == dt.date(2026, 4, 30)
    undated = MODEL.model_copy(update={"metadata": MODEL.metadata.model_copy(update={"as_of": None})})
    assert kpi.status(undated, store, today=today).as_of == today


def test_an_unknown_component_is_a_problem_at_component() -> None:
    with pytest.raises(DocumentError) as caught:
        kpi.kpi_library("proces")
    (found,) = caught.value.problems
    assert (found.code, found.path) == ("kpi.unknown_component", ("component",))
    assert "governance, organization" in found.message("en")
    assert "その構成要素はありません" in found.message("ja")
    assert len(kpi.kpi_library(" Process ")) == len(kpi.kpi_library("process")) > 0


def test_results_carry_no_language() -> None:
    store = MemoryStore()
    card = kpi.status(MODEL, store, today=dt.date(2026, 6, 30))
    spec = card.kpis[0].kpi
    assert (spec.id, spec.library, spec.name, spec.unit) == (
        "availability", "service-availability", None, None)
    assert card.kpis[1].kpi.name == "CSAT"  # the user's own name, as written
