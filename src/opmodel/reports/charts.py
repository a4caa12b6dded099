"""The report's charts as inline SVG drawn by matplotlib: the maturity radar, bars (stacked
for the budget, its forgotten costs hatched), the roadmap's Gantt chart and the S-curves.

Text stays text in the SVG (``svg.fonttype: none``), in the page's CJK font, so Japanese
reads, selects and prints like the rest of the page. matplotlib is imported here only, when a
chart is drawn.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from opmodel.reports.report_texts import compact_money, show, title

if TYPE_CHECKING:
    from opmodel.reports.contents import BarChart, Chart, GanttChart, RadarChart, SCurve

FONTS = ["Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "DejaVu Sans"]
INK, GRID = "#1f2933", "#d9dee3"
BLUES = ["#1f4e79", "#2e75b6", "#5b9bd5", "#9dc3e6", "#bdd7ee", "#deebf7"]
ORANGES = ["#c55a11", "#ed7d31", "#f4b183", "#f8cbad"]  # the costs budgets forget
CURRENT, TARGET, CRITICAL, PHASE = "#2e75b6", "#c55a11", "#c00000", "#595959"
WIDTH = 9.0  # inches: the page's width at 96 dpi, scaled down by the page


@contextmanager
def _figure(key: str, height: float) -> Iterator[Any]:
    """A matplotlib figure with the report's style; its SVG salted by ``key`` so that the
    ids of two charts on one page differ."""
    import matplotlib
    from matplotlib.figure import Figure

    style: Any = {"svg.fonttype": "none", "svg.hashsalt": key, "font.family": "sans-serif",
             "font.sans-serif": FONTS, "font.size": 9, "axes.edgecolor": GRID,
             "axes.labelcolor": INK, "xtick.color": INK, "ytick.color": INK,
             "axes.spines.top": False, "axes.spines.right": False, "axes.axisbelow": True}
    with matplotlib.rc_context(style):
        yield Figure(figsize=(WIDTH, height), layout="constrained")


def _svg(figure: Any) -> str:
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    text = out.getvalue()
    return text[text.index("<svg"):]  # inline: no XML declaration or doctype


def _ticks(fmt: str, currency: str, lang: str) -> Any:
    from matplotlib.ticker import FuncFormatter

    if fmt == "money":
        return FuncFormatter(lambda v, _: compact_money(v, currency, lang))
    if fmt == "percent":
        return FuncFormatter(lambda v, _: f"{v:.0%}")
    return FuncFormatter(lambda v, _: f"{v:,.0f}" if abs(v) >= 10 else f"{v:,.1f}")


def _short(text: str, most: int = 30) -> str:
    return text if len(text) <= most else text[:most - 1] + "…"


def radar_svg(chart: RadarChart, lang: str, currency: str) -> str:
    """Current and target per axis on a 0–5 polar grid."""
    import numpy as np

    axes = [show(a, "text", lang, currency) for a in chart.axes]
    angles = np.linspace(0, 2 * np.pi, len(axes), endpoint=False).tolist()
    with _figure(chart.key, 3.6) as fig:
        ax = fig.add_subplot(projection="polar")
        for series, colour in zip(chart.series, (CURRENT, TARGET), strict=False):
            values = [v or 0.0 for v in series.values]
            dashed = colour == TARGET
            ax.plot([*angles, angles[0]], [*values, values[0]], color=colour, linewidth=2,
                    linestyle="--" if dashed else "-",
                    label=show(series.name, "text", lang, currency))
            if not dashed:
                ax.fill([*angles, angles[0]], [*values, values[0]], color=colour, alpha=0.2)
        ax.set_xticks(angles, [_short(a, 16) for a in axes])
        ax.set_ylim(0, chart.maximum)
        ax.set_yticks(range(1, int(chart.maximum) + 1))
        ax.grid(color=GRID)
        ax.legend(loc="upper right", bbox_to_anchor=(1.35, 1.1), frameon=False)
        return _svg(fig)


def bar_svg(chart: BarChart, lang: str, currency: str) -> str:
    """Bars per category, side by side or stacked; a hidden cost hatched in orange."""
    import numpy as np

    categories = [show(c, chart.category_format, lang, currency) for c in chart.categories]
    n = len(categories)
    height = max(2.2, 0.36 * n + 0.8) if chart.horizontal else 3.2
    with _figure(chart.key, height) as fig:
        ax = fig.add_subplot()
        where = np.arange(n)
        base = np.zeros(n)
        width = 0.7 / (1 if chart.stacked else max(1, len(chart.series)))
        blues, oranges = iter(BLUES * 4), iter(ORANGES * 4)
        for i, series in enumerate(chart.series):
            values = np.array([v or 0.0 for v in series.values])
            colour = next(oranges) if series.hidden_cost else next(blues)
            offset = 0 if chart.stacked else (i - (len(chart.series) - 1) / 2) * width
            draw = ax.barh if chart.horizontal else ax.bar
            extra = {"left" if chart.horizontal else "bottom": base} if chart.stacked else {}
            draw(where + offset, values, width, color=colour, edgecolor="white",
                 hatch="//" if series.hidden_cost else None,
                 label=show(series.name, "text", lang, currency), **extra)
            if chart.stacked:
                base = base + values
        value_axis, category_axis = ((ax.xaxis, ax.yaxis) if chart.horizontal
                                     else (ax.yaxis, ax.xaxis))
        value_axis.set_major_formatter(_ticks(chart.format, currency, lang))
        category_axis.set_ticks(where, [_short(c) for c in categories])
        ax.grid(axis="x" if chart.horizontal else "y", color=GRID)
        if chart.horizontal:
            ax.invert_yaxis()
        if len(chart.series) > 1:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        return _svg(fig)


def gantt_svg(chart: GanttChart, lang: str, currency: str) -> str:
    """Phases, initiatives (critical ones in red) and milestones on a time line."""
    import datetime as dt

    from matplotlib import dates  # its functions carry no types

    tools: Any = dates
    date2num = tools.date2num

    del currency
    rows = chart.bars
    # Japanese months read 4月, not Apr
    months = {"formats": ["%Y年", "%-m月", "%-d日", "%H:%M", "%H:%M", "%S"],
              "zero_formats": ["", "%Y年", "%-m月", "%-d日", "%H:%M", "%H:%M"],
              "offset_formats": ["", "%Y年", "%Y年%-m月", "%Y年%-m月%-d日", "", ""]
              } if lang == "ja" else {}
    with _figure(chart.key, max(2.2, 0.22 * len(rows) + 0.8)) as fig:
        ax = fig.add_subplot()
        for y, bar in enumerate(rows):
            start = date2num(bar.start)
            if bar.kind == "milestone":
                ax.plot([start], [y], marker="D", color=INK, markersize=6)
                continue
            end = date2num(bar.finish + dt.timedelta(days=1))
            colour = PHASE if bar.kind == "phase" else CRITICAL if bar.critical else CURRENT
            ax.barh(y, end - start, left=start, height=0.35 if bar.kind == "phase" else 0.6,
                    color=colour)
        ax.set_yticks(range(len(rows)), [_short(b.name, 34) for b in rows])
        for tick, bar in zip(ax.get_yticklabels(), rows, strict=True):
            if bar.kind != "initiative":
                tick.set_fontweight("bold")
        ax.invert_yaxis()
        locator = tools.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(tools.ConciseDateFormatter(locator, **months))
        ax.grid(axis="x", color=GRID)
        return _svg(fig)


def s_curve_svg(chart: SCurve, lang: str, currency: str) -> str:
    """The chance of finishing (or of costing) at most a value, with P50 and P80 marked."""
    xs = [p.value for p in chart.points]
    ys = [p.probability for p in chart.points]
    with _figure(chart.key, 2.8) as fig:
        ax = fig.add_subplot()
        ax.plot(xs, ys, color=CURRENT, linewidth=2)
        for percentile, value in sorted(chart.marks.items()):
            ax.axvline(value, color=TARGET, linestyle="--", linewidth=1)
            ax.annotate(f"P{percentile}: {show(value, chart.format, lang, currency)}",
                        (value, percentile / 100), xytext=(6, -4), textcoords="offset points",
                        color=INK, fontsize=8)
        ax.set_ylim(0, 1.02)
        ax.yaxis.set_major_formatter(_ticks("percent", currency, lang))
        ax.xaxis.set_major_formatter(_ticks(chart.format, currency, lang))
        if chart.format == "weeks":
            ax.set_xlabel(title("report_row", "completion_weeks", lang))
        ax.grid(color=GRID)
        return _svg(fig)


def chart_svg(chart: Chart, lang: str, currency: str) -> str:
    """Any chart of the report as an inline SVG element."""
    from opmodel.reports.contents import BarChart, GanttChart, RadarChart

    if isinstance(chart, RadarChart):
        return radar_svg(chart, lang, currency)
    if isinstance(chart, BarChart):
        return bar_svg(chart, lang, currency)
    if isinstance(chart, GanttChart):
        return gantt_svg(chart, lang, currency)
    return s_curve_svg(chart, lang, currency)
