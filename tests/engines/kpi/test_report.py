"""KPI definitions resolved from the library, assigned measurements, report and scorecard."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from opmodel.document import DocumentError, loads
from opmodel.document.kpis import Period
from opmodel.engines.kpi.report import accepted_kpis, assign, report_kpis, resolve_kpis
from opmodel.engines.kpi.scorecard import scorecard

MODEL = """apiVersion: opmodel/v1
kind: OperatingModel
metadata: {name: KPI test, fiscal_year_start_month: 4}
kpis:
  definitions:
    - {id: availability, kpi: service-availability, warning: 99.5, critical: 99.0}
    - {id: mttr-payroll, kpi: mttr, scope: {kind: service, id: payroll}, target: 4, critical: 8}
    - id: csat
      name: 利用者満足度
      direction: higher
      aggregation: mean
      component: organization
      target: 4.0
      period: quarter
"""


def measurements(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(rows, orient="row", schema={
        "kpi": pl.Utf8, "scope": pl.Utf8, "at": pl.Datetime("us"), "value": pl.Float64,
        "numerator": pl.Float64, "denominator": pl.Float64})


D = dt.datetime
DATA = measurements([
    ("availability", "payroll", D(2026, 4, 1), None, 9990, 10000),
    ("availability", "crm", D(2026, 4, 1), None, 9900, 10000),
    ("availability", "crm", D(2026, 5, 1), None, 10000, 10000),
    ("mttr", "payroll", D(2026, 4, 3), None, 12, 2),   # library id, the definition's scope
    ("mttr", "crm", D(2026, 4, 3), None, 100, 1),      # another scope: not this definition's
    ("csat", "all", D(2026, 4, 3), 3.0, None, None),
    ("csat", "all", D(2026, 7, 3), 4.5, None, None),
])


def test_definitions_take_what_they_leave_out_from_the_library() -> None:
    specs = {s.id: s for s in resolve_kpis(loads(MODEL))}
    assert specs["availability"].target == 99.9 and specs["availability"].scale == 100
    assert specs["availability"].component == "technology"
    assert specs["mttr-payroll"].direction.value == "lower"
    assert specs["csat"].name == "利用者満足度" and specs["csat"].aggregation == "mean"
    # no language in the result: a library KPI keeps its library id, named at the edge
    assert (specs["availability"].name, specs["availability"].unit) == (None, None)
    assert specs["availability"].library == "service-availability"


def test_measurements_may_name_a_definition_or_its_library_kpi() -> None:
    model = loads(MODEL)
    assert {"mttr", "mttr-payroll", "csat", "patch-latency"} <= accepted_kpis(model).keys()
    mine = assign(DATA, resolve_kpis(model))
    assert mine.filter(pl.col("kpi") == "mttr-payroll")["scope"].to_list() == ["payroll"]


def test_report_rolls_up_pooled_and_per_scope_with_status() -> None:
    report = report_kpis(loads(MODEL), DATA, Period.month)
    points = {(p.kpi, p.scope, p.label): p for p in report.points}
    april = points[("availability", "all", "2026-04")]
    assert april.value == pytest.approx(19890 / 20000 * 100) and april.status.value == "amber"
    assert points[("availability", "crm", "2026-05")].status.value == "green"
    assert points[("mttr-payroll", "all", "2026-04")].value == pytest.approx(6.0)
    assert points[("mttr-payroll", "all", "2026-04")].status.value == "amber"
    assert ("mttr-payroll", "payroll", "2026-04") not in points  # one scope adds nothing


def test_report_as_of_ignores_later_measurements() -> None:
    report = report_kpis(loads(MODEL), DATA, Period.month, as_of=dt.date(2026, 4, 30))
    assert {p.label for p in report.points} == {"2026-04"}


def test_scorecard_rates_each_kpi_at_its_own_period() -> None:
    card = scorecard(loads(MODEL), DATA, dt.date(2026, 12, 31), trend_periods=4)
    states = {s.kpi.id: s for s in card.kpis}
    assert states["csat"].label == "2026-Q3" and states["csat"].status.value == "green"
    assert states["csat"].trend.value == "improving"
    assert states["availability"].label == "2026-05" and states["availability"].streak == 1
    comps = {c.component: c for c in card.components}
    assert comps["organization"].green == 1 and comps["technology"].kpis == 1


def test_scorecard_lists_kpis_without_data_as_unrated() -> None:
    card = scorecard(loads(MODEL), DATA.head(0), dt.date(2026, 12, 31))
    assert [s.status.value for s in card.kpis] == ["none"] * 3


@pytest.mark.parametrize(("definition", "code"), [
    ("{id: x, kpi: not-in-library}", "is not a KPI of the library"),
    ("{id: x}", "needs a direction and an aggregation"),
    ("{id: x, kpi: mttr, target: 4, warning: 3}", "warning is better than target"),
    ("{id: x, kpi: service-availability, warning: 99.5, critical: 99.8}", "critical is better than warning"),
    ("{id: x, direction: higher, aggregation: p100}", "aggregation"),
])
def test_document_checks_on_kpi_definitions(definition: str, code: str) -> None:
    text = MODEL.split("kpis:")[0] + f"kpis:\n  definitions:\n    - {definition}\n"
    with pytest.raises(DocumentError) as err:
        loads(text)
    assert code in err.value.render("en")
