"""Planned against actual benefits per initiative."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from opmodel.document import loads
from opmodel.engines.kpi.scorecard import scorecard

MODEL = """apiVersion: opmodel/v1
kind: OperatingModel
metadata: {name: Benefits}
kpis:
  definitions:
    - {id: mttr, kpi: mttr, baseline: 10}
    - {id: fcr, kpi: first-contact-resolution}
    - {id: csat, kpi: user-satisfaction}
roadmap:
  initiatives:
    - id: service-desk
      benefits:
        - {kpi: mttr, target: 4, by: 2026-12-31}
        - {kpi: fcr, baseline: 50, target: 70, by: 2026-06-30}
    - id: portal
      benefits:
        - {kpi: csat, target: 4.2}
        - {kpi: fcr, target: 60}
"""

D = dt.datetime


def data() -> pl.DataFrame:
    rows = [("mttr", "all", D(2026, 4, 1), None, 80.0, 10.0), ("mttr", "all", D(2026, 8, 1), None, 70.0, 10.0),
            ("first-contact-resolution", "all", D(2026, 4, 1), None, 55.0, 100.0),
            ("first-contact-resolution", "all", D(2026, 9, 1), None, 62.0, 100.0)]
    return pl.DataFrame(rows, orient="row", schema={
        "kpi": pl.Utf8, "scope": pl.Utf8, "at": pl.Datetime("us"), "value": pl.Float64,
        "numerator": pl.Float64, "denominator": pl.Float64})


def test_planned_vs_actual_per_initiative() -> None:
    card = scorecard(loads(MODEL), data(), dt.date(2026, 10, 1))
    got = {(b.initiative, b.kpi): b for b in card.benefits}
    mttr = got[("service-desk", "mttr")]
    # lower is better: from the definition's baseline 10 h to 7 h of a 4 h target = half way
    assert (mttr.actual, mttr.baseline, mttr.status.value) == (7.0, 10.0, "in_progress")
    assert mttr.progress == pytest.approx(0.5) and mttr.period == "2026-08"
    fcr = got[("service-desk", "fcr")]
    assert fcr.status.value == "missed" and fcr.progress == pytest.approx(0.6)
    portal_fcr = got[("portal", "fcr")]
    # no baseline given: the first measured value (55 %) is the baseline
    assert portal_fcr.baseline == pytest.approx(55.0) and portal_fcr.status.value == "achieved"
    assert got[("portal", "csat")].status.value == "no_data"


def test_no_roadmap_no_benefits() -> None:
    text = MODEL.split("roadmap:")[0]
    assert scorecard(loads(text), data(), dt.date(2026, 10, 1)).benefits == []
