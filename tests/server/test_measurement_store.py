"""The measurement store on the server's database reads back what it stored, times in UTC, on
SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_measurements_read_back_as_stored(workspace: Any) -> None:
    import polars as pl

    from opmodel.interop.measurements import empty_measurements
    from opmodel.server.measurements.store import DatabaseMeasurementStore

    store = DatabaseMeasurementStore(workspace)
    assert store.read().equals(empty_measurements())
    rows = pl.DataFrame({
        "kpi": ["availability", "availability", "csat"],
        "scope": ["retail", None, None],
        "at": [dt.datetime(2026, 1, 31, 23, 59, 59, 250_000), dt.datetime(2026, 2, 1),
               dt.datetime(2025, 12, 31, 15)],
        "value": [99.5, 99.9, None], "numerator": [None, None, 41.0],
        "denominator": [None, None, 50.0]}, schema=empty_measurements().schema)
    store.add(rows)
    expected = rows.sort("kpi", "scope", "at", nulls_last=False)
    assert store.read().sort("kpi", "scope", "at", nulls_last=False).equals(expected)
    assert store.read(["csat"]).equals(expected.filter(pl.col("kpi") == "csat"))
    assert store.read([]).equals(empty_measurements())  # none asked for: none read
