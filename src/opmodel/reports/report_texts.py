"""The executive report's contents as people read them, in Japanese or English: titles,
headings, cells and figures. Every renderer (HTML, PDF, PPTX, XLSX) shows them through here,
so that each format says the same."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from opmodel.knowledge.texts import Message, currency_decimals, fiscal_year_label, label

if TYPE_CHECKING:
    from opmodel.reports.contents import Cell, Report, ReportColumn, ReportFigure, ValueFormat

YEN = {"JPY": "¥"}  # currencies a Japanese reader knows by their sign


def title(kind: str, key: str, lang: str) -> str:
    """A title or heading of the report: ``kind`` is ``report_section``, ``report_figure``,
    ``report_table``, ``report_column``, ``report_chart`` or ``report_series``."""
    return label(kind, key, lang)


def section_title(key: str, lang: str) -> str:
    """The title of a section of the report."""
    return label("report_section", key, lang)


def report_title(report: Report, lang: str) -> str:
    """The report's title line: the model's name and the kind of document."""
    return f"{report.title} — {label('report_section', 'report', lang)}"


def money(amount: float, currency: str, lang: str) -> str:
    """An amount with the currency's decimals (none for JPY): ``¥1,234,567`` in Japanese,
    ``JPY 1,234,567`` in English."""
    decimals = currency_decimals(currency)
    text = f"{round(amount, decimals) + 0.0:,.{decimals}f}"
    if lang == "ja" and currency in YEN:
        return f"-{YEN[currency]}{text[1:]}" if text.startswith("-") else YEN[currency] + text
    return f"{currency} {text}"


def compact_money(amount: float, currency: str, lang: str) -> str:
    """An amount in large units for a chart's axis: 1.2億円 or 3,400万円 in Japanese,
    JPY 1.2M or JPY 3.4B in English."""
    size = abs(amount)
    if lang == "ja" and currency == "JPY":
        if size >= 1e8:
            return f"{amount / 1e8:,.1f}億円"
        if size >= 1e4:
            return f"{amount / 1e4:,.0f}万円"
        return f"{amount:,.0f}円"
    for unit, scale in (("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if size >= scale:
            return f"{currency} {amount / scale:,.1f}{unit}"
    return f"{currency} {amount:,.0f}"


def date_text(day: dt.date, lang: str) -> str:
    """A date: 2027年3月31日 in Japanese, 2027-03-31 in English."""
    return f"{day.year}年{day.month}月{day.day}日" if lang == "ja" else day.isoformat()


def _number(value: float, fmt: ValueFormat, currency: str, lang: str) -> str:
    match fmt:
        case "money":
            return money(value, currency, lang)
        case "percent":
            return f"{value:.0%}"
        case "score":
            return f"{value:.1f}"
        case "integer":
            return f"{value:,.0f}"
        case "points":
            return f"{value:+.1f}"
        case "weeks":
            return f"{value:,.1f} 週" if lang == "ja" else f"{value:,.1f} weeks"
        case "years":
            return f"{value:,.1f} 年" if lang == "ja" else f"{value:,.1f} years"
        case "fiscal_year":
            return fiscal_year_label(int(value), lang)
        case _:
            return f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"


def show(cell: Cell, fmt: ValueFormat, lang: str, currency: str) -> str:
    """A cell, a figure's value or a sentence as text in ``lang``; a dash when empty."""
    from opmodel.reports.contents import ReportFact, ReportLabel, ReportValue

    if isinstance(cell, ReportValue):
        return show(cell.value, cell.format, lang, currency)
    if cell is None:
        return "—"
    if isinstance(cell, bool):
        return label("report_yes_no", "yes" if cell else "no", lang)
    if isinstance(cell, ReportLabel):
        return label(cell.kind, cell.value, lang)
    if isinstance(cell, ReportFact):
        return fact_text(cell.factor, cell.value, lang)
    if isinstance(cell, Message):
        return cell.text(lang)
    if isinstance(cell, dt.date):
        return date_text(cell, lang)
    if isinstance(cell, int | float):
        return _number(cell, fmt, currency, lang)
    if isinstance(cell, list):
        return ("、" if lang == "ja" else ", ").join(show(x, "text", lang, currency)
                                                     for x in cell) or "—"
    return cell


def fact_text(factor: str, value: object, lang: str) -> str:
    """A profile fact as people read it: ``業種: 銀行``."""
    from opmodel.document.labels import value_label
    from opmodel.document.profile import Profile

    colon = "：" if lang == "ja" else ": "
    return f"{label('profile_factor', factor, lang)}{colon}{value_label(Profile, factor, value, lang)}"


def figure_text(figure: ReportFigure, lang: str, currency: str) -> str:
    """A key figure's value, and its target after an arrow when it has one."""
    text = show(figure.value, figure.format, lang, currency)
    if figure.target is not None:
        text += " → " + show(figure.target, figure.format, lang, currency)
    return text


def column_title(column: ReportColumn, lang: str, currency: str) -> str:
    """A column's heading: its own (a fiscal year, say) or its key's label."""
    if column.heading is None:
        return label("report_column", column.key, lang)
    fmt: ValueFormat = "fiscal_year" if column.key == "fiscal_year" else "text"
    return show(column.heading, fmt, lang, currency)


def is_number(fmt: ValueFormat) -> bool:
    """Whether values of ``fmt`` are figures (aligned right in a table)."""
    return fmt not in ("text", "date")


def more_text(count: int, lang: str) -> str:
    """What a table or chart left out: ``他 12 件`` or ``and 12 more``."""
    return f"他 {count:,} 件" if lang == "ja" else f"and {count:,} more"
