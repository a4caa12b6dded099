"""The executive report as one self-contained HTML page: styles inline, charts as inline SVG,
no script, no link to anything outside the file. The PDF is the same page printed."""

from __future__ import annotations

from functools import cache, partial
from importlib import resources
from typing import TYPE_CHECKING, Any

from opmodel.reports import report_texts as texts
from opmodel.reports.report_texts import is_number

if TYPE_CHECKING:
    from jinja2 import Template

    from opmodel.reports.contents import Chart, RenderOptions, Report, ReportTable


# columns of sentences and names get the room; figures, dates and labels need little
WIDE = frozenset({"finding", "reason", "question", "initiative", "decision", "capability",
                  "stakeholder", "message", "course", "kpi", "risk", "factor", "team", "vendors",
                  "milestone", "accountable", "responsible"})


def column_widths(table: ReportTable) -> list[int]:
    """Each column's share of the table's width, in percent."""
    weights = [3.0 if c.key in WIDE else 1.0 if is_number(c.format) else 1.5
               for c in table.columns]
    shares = [int(100 * w / sum(weights)) for w in weights]
    widest = weights.index(max(weights))
    shares[widest] += 100 - sum(shares)  # whole percents that add up to the table's width
    return shares


def mark(cell: object) -> str:
    """The class that marks a figure best (or weakest) in its row."""
    from opmodel.reports.contents import ReportValue

    if isinstance(cell, ReportValue):
        return " best" if cell.best else " worst" if cell.worst else ""
    return ""


def _asset(name: str) -> str:
    return (resources.files("opmodel.reports") / "templates" / name).read_text(encoding="utf-8")


@cache
def _template() -> Template:
    from jinja2 import Environment, StrictUndefined

    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True)
    return env.from_string(_asset("executive.html.j2"))


def html_page(report: Report, lang: str, *, media: str = "screen") -> str:
    """The report's page in ``lang``; ``media`` ``print`` styles it as A4 landscape pages for
    the PDF."""
    from markupsafe import Markup

    from opmodel.reports.charts import chart_svg

    currency = report.currency

    def svg(chart: Chart) -> Markup:
        return Markup(chart_svg(chart, lang, currency))

    css = _asset("executive.css") + _asset(f"{media}.css")
    helpers: dict[str, Any] = {
        "t": partial(texts.title, lang=lang),
        "show": lambda cell, fmt="text": texts.show(cell, fmt, lang, currency),
        "figure_text": lambda figure: texts.figure_text(figure, lang, currency),
        "column_title": lambda column: texts.column_title(column, lang, currency),
        "is_number": is_number,
        "widths": column_widths,
        "mark": mark,
        "more": lambda count: texts.more_text(count, lang),
        "svg": svg,
    }
    return _template().render(report=report, lang=lang, css=Markup(css),
                              heading=texts.report_title(report, lang), **helpers)


def render_html(report: Report, lang: str, options: RenderOptions) -> bytes:
    """The report as an HTML file (UTF-8)."""
    del options  # the page has no template of the user's own
    return html_page(report, lang).encode("utf-8")
