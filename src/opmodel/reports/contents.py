"""The executive report's contents, without language: sections of key figures, sentences,
charts and tables whose cells are names, numbers, dates, labels and messages.

The report use case (``services/report.py``) fills a :class:`Report` from the other use
cases' results; every renderer (HTML, PDF, PPTX, XLSX) reads the same contents and shows
its texts in Japanese or English through ``reports/report_texts.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from opmodel.knowledge.texts import Message

SectionKey = Literal["summary", "recommendation", "assessment", "design", "roadmap", "risk",
                     "budget", "change", "kpis", "comparison"]
SECTIONS: tuple[SectionKey, ...] = ("summary", "recommendation", "assessment", "design",
                                    "roadmap", "risk", "budget", "change", "kpis", "comparison")

# how a number (or date) is shown: money in the report's currency, a share as a percentage,
# a maturity score 0–5, weeks, years, a fiscal year, a signed number of points
ValueFormat = Literal["text", "money", "percent", "score", "number", "integer", "points",
                      "weeks", "years", "date", "fiscal_year"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ReportLabel(_Frozen):
    """A value of a label kind (``model_type``/``federated``), named in the reader's
    language by ``knowledge.texts.label``."""

    kind: str
    value: str


class ReportFact(_Frozen):
    """A fact of the profile (``industry``/``banking``), shown as the factor and its value."""

    factor: str
    value: Any


class ReportValue(_Frozen):
    """A figure with its own format, in a table whose rows differ (the scenario comparison),
    marked when it is the row's best or weakest."""

    value: float | dt.date | None
    format: ValueFormat = "number"
    best: bool = False
    worst: bool = False


# What a cell, a figure or a sentence holds: a name or the user's own text (str), a number,
# a date, a label, a profile fact, a figure with its own format, a message (its parameters already name, not id), or a
# list of names or labels (joined in the reader's language).
Cell = (ReportLabel | ReportFact | ReportValue | Message | dt.date | bool | int | float | str
        | list[ReportLabel | str] | None)


class ReportFigure(_Frozen):
    """A key figure: its name (label kind ``report_figure``), its value and, for a figure
    that moves, its target (``2.1 → 3.5``)."""

    key: str
    value: Cell
    format: ValueFormat = "text"
    target: Cell = None


class ReportColumn(_Frozen):
    """A table's column: its heading (label kind ``report_column``; ``heading`` instead when
    given, such as the fiscal year of a ``fiscal_year`` column) and how values show."""

    key: str
    format: ValueFormat = "text"
    heading: Cell = None


class ReportTable(_Frozen):
    """A table (title: label kind ``report_table``); ``more`` rows were left out."""

    key: str
    columns: list[ReportColumn]
    rows: list[list[Cell]]
    more: int = 0


class ReportSeries(_Frozen):
    """One series of a chart: its name and one value per category (None: no value).
    ``hidden_cost``: a budget category the article says budgets forget (shown apart)."""

    name: Cell
    values: list[float | None]
    hidden_cost: bool = False


class RadarChart(_Frozen):
    """Scores per axis (the five components), current and target, on a 0–5 scale."""

    kind: Literal["radar"] = "radar"
    key: str
    axes: list[Cell]
    series: list[ReportSeries]
    maximum: float = 5.0


class BarChart(_Frozen):
    """Bars per category, one per series, or stacked (the budget by year and category)."""

    kind: Literal["bar"] = "bar"
    key: str
    categories: list[Cell]
    category_format: ValueFormat = "text"
    series: list[ReportSeries]
    format: ValueFormat = "number"
    stacked: bool = False
    horizontal: bool = False


class GanttBar(_Frozen):
    """An initiative (or a phase, or a milestone when start equals finish) on the roadmap."""

    name: str
    start: dt.date
    finish: dt.date
    group: str | None = None
    kind: Literal["initiative", "phase", "milestone"] = "initiative"
    critical: bool = False


class GanttChart(_Frozen):
    """The roadmap on a time line; ``more`` initiatives were left out."""

    kind: Literal["gantt"] = "gantt"
    key: str
    start: dt.date
    finish: dt.date
    bars: list[GanttBar]
    more: int = 0


class SCurvePoint(_Frozen):
    """The chance (0–1) that the value is at or below ``value``."""

    probability: float
    value: float


class SCurve(_Frozen):
    """A cumulative distribution (completion weeks or cost) with its P50 and P80 marked."""

    kind: Literal["s_curve"] = "s_curve"
    key: str
    format: ValueFormat
    points: list[SCurvePoint]
    marks: dict[int, float] = Field(default_factory=dict)


Chart = Annotated[RadarChart | BarChart | GanttChart | SCurve, Field(discriminator="kind")]


class ReportSection(_Frozen):
    """One section of the report: key figures, sentences, charts and tables, in order."""

    key: SectionKey
    figures: list[ReportFigure] = Field(default_factory=list)
    notes: list[Cell] = Field(default_factory=list)
    charts: list[Chart] = Field(default_factory=list)
    tables: list[ReportTable] = Field(default_factory=list)


class Report(_Frozen):
    """The executive report of one model: each section present only when its data is."""

    title: str
    organisation: str | None
    state: ReportLabel
    as_of: dt.date
    currency: str
    language: str = Field(description="The document's language: the default to render in.")
    sections: list[ReportSection]

    def section(self, key: SectionKey) -> ReportSection | None:
        """The section ``key``, None when the report leaves it out."""
        return next((s for s in self.sections if s.key == key), None)


@dataclass(frozen=True)
class RenderOptions:
    """What a renderer may need beside the contents: the user's own PowerPoint template."""

    template: Path | None = None


class RenderError(Exception):
    """A renderer cannot use what it was given (a --template that is no deck); says why as
    a message rendered in the user's language at the edge."""

    def __init__(self, code: str, **params: object) -> None:
        from opmodel.knowledge.texts import Message

        super().__init__(code)
        self.message = Message(code=code, params=params)  # what `opmodel report --format` accepts
