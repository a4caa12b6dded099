"""The report's charts as native PowerPoint charts that people can edit: the maturity radar,
bars (the budget stacked, its hidden costs as series of their own in orange), the S-curve
as a line, and the roadmap as a stacked bar whose first series is invisible (a Gantt)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from opmodel.reports.report_texts import show, title

if TYPE_CHECKING:
    from opmodel.reports.contents import BarChart, Chart, GanttChart, RadarChart, SCurve

BLUES = ("1F5AA6", "5B8FD6", "9DBEEA", "2E7D6B", "7FB8A8", "4A4A8A")
ORANGES = ("E07B00", "F2A34B", "F7C98E")
CRITICAL = "C62828"
NUMBER_FORMATS = {"money": "#,##0", "percent": "0%", "score": "0.0", "integer": "#,##0",
                  "weeks": "0.0", "years": "0.0", "points": "+0.0;-0.0", "number": "#,##0.0"}


def _colour(text: str) -> Any:
    from pptx.dml.color import RGBColor

    colours: Any = RGBColor  # python-pptx carries no types
    return colours.from_string(text)


def _data(kind: str, **options: Any) -> Any:
    """An empty chart data of ``kind`` (CategoryChartData, XyChartData)."""
    from pptx.chart import data

    module: Any = data  # python-pptx carries no types
    return getattr(module, kind)(**options)


def number_format(fmt: str, currency: str) -> str:
    """The Excel number format of a value format (money without decimals for JPY)."""
    from opmodel.knowledge.texts import currency_decimals

    if fmt == "money" and currency_decimals(currency):
        return "#,##0." + "0" * currency_decimals(currency)
    return NUMBER_FORMATS.get(fmt, "General")


def _fill(series: Any, colour: str) -> None:
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = _colour(colour)


def _add(slide: Any, kind: Any, data: Any, box: tuple[int, int, int, int]) -> Any:
    frame = slide.shapes.add_chart(kind, *box, data)
    return frame.chart


def _radar(slide: Any, chart: RadarChart, lang: str, currency: str, box: Any) -> Any:
    from pptx.enum.chart import XL_CHART_TYPE

    data = _data("CategoryChartData", number_format="0.0")
    data.categories = [show(a, "text", lang, currency) for a in chart.axes]
    for series in chart.series:
        data.add_series(show(series.name, "text", lang, currency),
                        [v or 0.0 for v in series.values])
    found = _add(slide, XL_CHART_TYPE.RADAR_MARKERS, data, box)
    found.value_axis.maximum_scale = chart.maximum
    found.value_axis.minimum_scale = 0
    for series, colour in zip(found.plots[0].series, ("1F5AA6", "E07B00"), strict=False):
        series.format.line.color.rgb = _colour(colour)
    return found


def _bar(slide: Any, chart: BarChart, lang: str, currency: str, box: Any) -> Any:
    from pptx.enum.chart import XL_CHART_TYPE

    data = _data("CategoryChartData", number_format=number_format(chart.format, currency))
    data.categories = [show(c, chart.category_format, lang, currency)
                       for c in chart.categories]
    for series in chart.series:
        data.add_series(show(series.name, "text", lang, currency), list(series.values))
    kinds = {(False, False): XL_CHART_TYPE.COLUMN_CLUSTERED,
             (True, False): XL_CHART_TYPE.COLUMN_STACKED,
             (False, True): XL_CHART_TYPE.BAR_CLUSTERED,
             (True, True): XL_CHART_TYPE.BAR_STACKED}
    found = _add(slide, kinds[(chart.stacked, chart.horizontal)], data, box)
    blues, oranges = iter(BLUES * 4), iter(ORANGES * 4)
    for drawn, series in zip(found.plots[0].series, chart.series, strict=True):
        _fill(drawn, next(oranges) if series.hidden_cost else next(blues))
    if chart.horizontal:
        found.category_axis.reverse_order = True
    found.value_axis.tick_labels.number_format = number_format(chart.format, currency)
    found.value_axis.tick_labels.number_format_is_linked = False
    return found


def _s_curve(slide: Any, chart: SCurve, lang: str, currency: str, box: Any) -> Any:
    from pptx.enum.chart import XL_CHART_TYPE

    data = _data("XyChartData")
    curve = data.add_series(title("report_chart", chart.key, lang))
    for point in chart.points:
        curve.add_data_point(point.value, point.probability)
    for percentile, value in sorted(chart.marks.items()):
        mark = data.add_series(f"P{percentile}: {show(value, chart.format, lang, currency)}")
        mark.add_data_point(value, 0.0)
        mark.add_data_point(value, percentile / 100)
    found = _add(slide, XL_CHART_TYPE.XY_SCATTER_LINES_NO_MARKERS, data, box)
    found.value_axis.maximum_scale = 1.0
    found.value_axis.tick_labels.number_format = "0%"
    found.value_axis.tick_labels.number_format_is_linked = False
    found.category_axis.tick_labels.number_format = number_format(chart.format, currency)
    found.category_axis.tick_labels.number_format_is_linked = False
    for i, series in enumerate(found.plots[0].series):
        series.format.line.color.rgb = _colour("1F5AA6" if i == 0 else "E07B00")
        series.smooth = False
    return found


def _gantt(slide: Any, chart: GanttChart, lang: str, currency: str, box: Any) -> Any:
    """Days from the roadmap's start to each bar, invisible, then the bar's days."""
    from pptx.enum.chart import XL_CHART_TYPE

    del currency
    data = _data("CategoryChartData", number_format="0")
    data.categories = [b.name for b in chart.bars]
    data.add_series("start", [(b.start - chart.start).days for b in chart.bars])
    data.add_series(title("report_chart", chart.key, lang),
                    [max(1, (b.finish - b.start + dt.timedelta(days=1)).days)
                     for b in chart.bars])
    found = _add(slide, XL_CHART_TYPE.BAR_STACKED, data, box)
    offset, length = found.plots[0].series
    offset.format.fill.background()
    _fill(length, BLUES[0])
    for i, bar in enumerate(chart.bars):
        if bar.critical or bar.kind != "initiative":
            point = length.points[i]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _colour(CRITICAL if bar.critical else "4A4A4A")
    found.category_axis.reverse_order = True
    found.has_legend = False
    found.plots[0].gap_width = 40
    return found


def add_chart(slide: Any, chart: Chart, lang: str, currency: str,
              box: tuple[int, int, int, int]) -> Any:
    """Draw ``chart`` on ``slide`` within ``box`` (left, top, width, height in EMU)."""
    from opmodel.reports.contents import BarChart, GanttChart, RadarChart

    if isinstance(chart, RadarChart):
        found = _radar(slide, chart, lang, currency, box)
    elif isinstance(chart, BarChart):
        found = _bar(slide, chart, lang, currency, box)
    elif isinstance(chart, GanttChart):
        found = _gantt(slide, chart, lang, currency, box)
    else:
        found = _s_curve(slide, chart, lang, currency, box)
    if not isinstance(chart, GanttChart):
        from pptx.enum.chart import XL_LEGEND_POSITION

        found.has_legend = True
        found.legend.position = XL_LEGEND_POSITION.BOTTOM
        found.legend.include_in_layout = False
    found.font.size = _points(11)
    return found


def _points(size: int) -> Any:
    from pptx.util import Pt

    return Pt(size)


__all__ = ["add_chart", "number_format"]
