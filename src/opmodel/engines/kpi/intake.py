"""Measurement rows as read from a table, checked against the KPIs a model accepts and
completed (a ratio's value from its counts, a ratio's value as one observation)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from pydantic import BaseModel, Field

# the order of the checks, for the problems of one row
CHECKS = ("measurement.missing", "measurement.unknown_kpi", "measurement.bad_date",
          "measurement.ambiguous_date", "measurement.date_order", "measurement.bad_number",
          "measurement.decimal_comma", "measurement.ambiguous_comma", "measurement.ratio_parts", "measurement.ratio_mixed",
          "measurement.negative_denominator", "measurement.duplicate")

# the columns of ParsedMeasurements.rows
PARSED_SCHEMA = pl.Schema({"row": pl.Int64(), "kpi": pl.Utf8(), "scope": pl.Utf8(),
                           "at": pl.Datetime("us"), "value": pl.Float64(),
                           "numerator": pl.Float64(), "denominator": pl.Float64(),
                           "value_text": pl.Utf8(), "numerator_text": pl.Utf8(),
                           "denominator_text": pl.Utf8(), "percent": pl.Boolean()})


class RowIssue(BaseModel):
    """One problem in one cell of the input table (row 1 is the header; in JSON rows, the
    first object): a message code and its parameters, the column and the cell's text."""

    row: int
    column: str
    code: str
    params: dict[str, Any] = Field(default_factory=dict)
    value: str | None
    sheet: str | None = Field(default=None,
                              description="The workbook's sheet, when a file has several.")


class ImportResult(BaseModel):
    """What an import read, kept, skipped and stored: ``rows`` read from ``source``,
    ``imported`` of them stored, ``skipped`` left out for their ``issues``, and ``stored``
    measurements in the store afterwards (0 when nothing was stored: with issues and not
    told to skip them, an import stores nothing)."""

    source: str
    rows: int
    imported: int
    skipped: int
    issues: list[RowIssue]
    stored: int
    notes: list[RowIssue] = Field(default_factory=list)  # read, with something to know


@dataclass(frozen=True)
class ParsedMeasurements:
    """The rows of a measurement table, typed but not yet checked against any KPI.

    ``rows`` has the columns of :data:`PARSED_SCHEMA`: ``row`` (the table's line, header = 1),
    the typed fields, and the text of the value, numerator and denominator cells (whether a
    cell was filled decides what a ratio KPI needs), and ``percent``: the value was written
    as a percentage (95%, or a cell Excel formats as one). ``issues`` are the problems of
    reading the cells, ``notes`` what was read with a change worth telling (full-width
    digits); ``columns`` names the table's column of each field.
    """

    source: str
    rows: pl.DataFrame
    issues: list[RowIssue] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    notes: list[RowIssue] = field(default_factory=list)

    def column(self, name: str) -> str:
        """The table's column for field ``name`` (the field's name when it has none)."""
        return self.columns.get(name, name)


def sort_issues(issues: list[RowIssue]) -> list[RowIssue]:
    """By row, then in the order the checks run."""
    return sorted(issues, key=lambda i: (i.row, CHECKS.index(i.code)))


def percent_notes(parsed: ParsedMeasurements, percent_kpis: Collection[str]
                  ) -> tuple[pl.DataFrame, list[RowIssue]]:
    """Values written as percentages: kept as written (95) for a KPI measured in %, else
    read as the fraction the cell holds (0.95), with a note saying which."""
    rows = parsed.rows
    other = pl.col("percent").fill_null(False) & ~pl.col("kpi").is_in(list(percent_kpis))
    notes = [RowIssue(row=r["row"], column=parsed.column("value"), code="measurement.percent_cell",
                      params={"kpi": r["kpi"], "value": r["fraction"]}, value=r["value_text"])
             for r in rows.filter(other & pl.col("value").is_not_null())
             .select("row", "kpi", "value_text", fraction=pl.col("value") / 100).to_dicts()]
    return rows.with_columns(value=pl.when(other).then(pl.col("value") / 100)
                             .otherwise(pl.col("value"))), notes


def check_measurements(parsed: ParsedMeasurements, kpis: Mapping[str, tuple[str, float]]
                       ) -> tuple[pl.DataFrame, list[RowIssue]]:
    """The rows completed for storage, and every problem: those of reading and those of
    the KPIs.

    ``kpis`` maps every acceptable KPI id to its (aggregation, scale). Returned rows have
    row, kpi, scope, at, value, numerator, denominator; a ratio row without a value gets
    numerator ÷ denominator × scale, and a ratio given as its value alone counts as one
    observation (numerator value ÷ scale, denominator 1).
    """
    known = pl.DataFrame({"kpi": list(kpis), "aggregation": [a for a, _ in kpis.values()],
                          "scale": [s for _, s in kpis.values()]},
                         schema={"kpi": pl.Utf8, "aggregation": pl.Utf8, "scale": pl.Float64})
    typed = parsed.rows.join(known, on="kpi", how="left", maintain_order="left")
    is_ratio = pl.col("aggregation") == "ratio"
    counted = pl.col("numerator_text").is_not_null() & pl.col("denominator_text").is_not_null()
    given = pl.col("value_text").is_not_null()
    checks: list[tuple[str, str, pl.Expr, str]] = [
        ("kpi", "kpi", pl.col("kpi").is_not_null() & pl.col("aggregation").is_null(),
         "measurement.unknown_kpi"),
        ("value_text", "value", ~is_ratio.fill_null(True) & ~given, "measurement.missing"),
        ("numerator_text", "numerator", is_ratio.fill_null(False) & ~counted & ~given,
         "measurement.ratio_parts"),
        # a value stands for one observation of the ratio: mixed with counts it would be
        # weighed as one case among thousands
        ("value_text", "value",
         is_ratio.fill_null(False) & ~counted & given & counted.any().over("kpi"),
         "measurement.ratio_mixed"),
    ]
    found = [RowIssue(row=r["row"], column=parsed.column(name), code=code, value=r["text"])
             for source, name, cond, code in checks
             for r in typed.filter(cond.fill_null(False))
             .select("row", text=pl.col(source).cast(pl.Utf8)).to_dicts()]
    bare = is_ratio & pl.col("numerator").is_null() & pl.col("denominator").is_null()
    rows = typed.with_columns(
        value=pl.when(is_ratio & pl.col("value").is_null() & (pl.col("denominator") > 0))
        .then(pl.col("numerator") / pl.col("denominator") * pl.col("scale"))
        .otherwise(pl.col("value")),
        numerator=pl.when(bare).then(pl.col("value") / pl.col("scale"))
        .otherwise(pl.col("numerator")),
        denominator=pl.when(bare).then(pl.lit(1.0)).otherwise(pl.col("denominator")),
    ).select("row", "kpi", "scope", "at", "value", "numerator", "denominator")
    return rows, sort_issues([*parsed.issues, *found])
