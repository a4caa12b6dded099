"""The report's scenario comparison: the comparison use case's rows as one table, the options
as columns, the best of each row marked, and what each option trades."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opmodel.reports.contents import (
    ReportColumn,
    ReportFigure,
    ReportLabel,
    ReportSection,
    ReportTable,
    ReportValue,
)

if TYPE_CHECKING:
    from opmodel.reports.contents import Cell, ValueFormat
    from opmodel.services.compare import Comparison
    from opmodel.services.compare_rows import ComparisonRow

# how a row's figures read: amounts, years, weeks, counts; the rest plain numbers
FORMATS: dict[str, ValueFormat] = {"payback_years": "years", "completion_p50": "weeks",
                                   "completion_p80": "weeks", "fit": "number"}


def _format(row: ComparisonRow) -> ValueFormat:
    return "money" if row.money else FORMATS.get(row.metric, "integer")


def _label(kind: str, value: str | None) -> ReportLabel | None:
    return ReportLabel(kind=kind, value=value) if value else None


def comparison_section(result: Comparison) -> ReportSection:
    """The options side by side: structure, sourcing and every ranked figure, the best marked."""
    options = result.options
    rows: list[list[Cell]] = [
        [ReportLabel(kind="compare_row", value="structure"),
         *(_label("model_type", o.structure) for o in options)],
        [ReportLabel(kind="compare_row", value="sourcing"),
         *(_label("sourcing_stance", o.sourcing) for o in options)],
        [ReportLabel(kind="compare_row", value="recommended"),
         *(_label("model_type", o.recommended_structure) for o in options)]]
    for row in result.rows:
        if all(v is None for v in row.values):
            continue
        fmt = _format(row)
        rows.append([ReportLabel(kind="compare_row", value=row.metric),
                     *(ReportValue(value=v, format=fmt, best=n in row.best,
                                   worst=n in row.worst)
                       for n, v in enumerate(row.values))])
    columns = [ReportColumn(key="figure"),
               *(ReportColumn(key="option", format="number", heading=o.name) for o in options)]
    notes: list[Cell] = [o.trade for o in options]
    notes += list(result.notes)
    return ReportSection(
        key="comparison", notes=notes,
        figures=[ReportFigure(key="options", value=len(options), format="integer")],
        tables=[ReportTable(key="comparison", columns=columns, rows=rows)])
