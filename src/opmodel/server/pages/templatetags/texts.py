"""Template tags that show the message and label catalogue in the page's language:
``{% t "page.home.title" %}``, ``{% label "structure" value %}``."""

from __future__ import annotations

from typing import Any

from django import template

from opmodel.knowledge.base import Text
from opmodel.knowledge.texts import Message, fiscal_year_label, format_money, render
from opmodel.knowledge.texts import label as label_of

register = template.Library()


def _lang(context: Any) -> str:
    request = context.get("request")
    code = getattr(request, "LANGUAGE_CODE", "ja") if request is not None else "ja"
    return "ja" if code.startswith("ja") else "en"


@register.simple_tag(takes_context=True)
def t(context: Any, code: str, **params: Any) -> str:
    """The message ``code`` in the page's language (a knowledge-base text given as a
    parameter, in that language too)."""
    lang = _lang(context)
    return render(code, {k: v.get(lang) if isinstance(v, Text) else v
                         for k, v in params.items()}, lang)


@register.simple_tag(takes_context=True)
def label(context: Any, kind: str, value: Any) -> str:
    """The label of ``value`` in ``kind``, in the page's language."""
    return label_of(kind, value, _lang(context))


@register.filter
def minutes(value: Any) -> int:
    """A duration (``timedelta``) in whole minutes, rounded up."""
    seconds = value.total_seconds() if value is not None else 0
    return int(-(-seconds // 60))


@register.simple_tag(takes_context=True)
def text(context: Any, value: Any) -> str:
    """A text of the knowledge base (Japanese and English) in the page's language."""
    return str(value.get(_lang(context)))


@register.simple_tag(takes_context=True)
def say(context: Any, message: Message, hint: bool = False) -> str:
    """What a result says (a ``Message``), or its hint, in the page's language."""
    lang = _lang(context)
    return message.hint(lang) if hint else message.text(lang)


@register.filter
def number(value: float | None, digits: int = 1) -> str:
    """A figure with ``digits`` decimals, or a dash when there is none."""
    return "—" if value is None else f"{value:.{digits}f}"


@register.filter
def signed(value: float | None, digits: int = 1) -> str:
    """A difference with its sign (``+1.5``, ``-0.5``), or a dash when there is none."""
    return "—" if value is None else f"{value:+.{digits}f}"


@register.filter
def share(value: float | None) -> str:
    """A share as a whole percentage (``0.68`` → ``68%``), or a dash."""
    return "—" if value is None else f"{value:.0%}"


@register.simple_tag(takes_context=True)
def money(context: Any, amount: float | None, currency: str) -> str:
    """An amount as the page's readers expect it: ``¥1,234,567`` in Japanese for yen,
    ``JPY 1,234,567`` in English; the currency's decimals (none for yen)."""
    if amount is None:
        return "—"
    if _lang(context) == "ja" and currency == "JPY":  # -¥1,234, not ¥-1,234
        return ("-" if amount < 0 else "") + "¥" + format_money(abs(amount), currency).split(
            " ", 1)[1]
    return format_money(amount, currency)


@register.simple_tag(takes_context=True)
def fiscal_year(context: Any, year: Any) -> str:
    """FY2027 in English, 2027年度 in Japanese."""
    return fiscal_year_label(year, _lang(context))


@register.simple_tag(takes_context=True)
def fact(context: Any, factor: str, value: Any) -> str:
    """A profile fact's value as people read it (``銀行``, ``高``, ``4``)."""
    from opmodel.document.labels import value_label
    from opmodel.document.profile import Profile

    return value_label(Profile, factor, value, _lang(context))


@register.filter
def magnitude(value: float) -> float:
    """How large a signed figure is (a bar's length for a negative contribution)."""
    return abs(value)


@register.simple_tag(takes_context=True)
def kpi(context: Any, spec: Any, what: str = "name") -> str:
    """A KPI's ``name``, ``unit`` or ``component`` as people read them (as the command line
    shows them)."""
    from opmodel.reports.kpi_texts import component_label, kpi_name, kpi_unit

    lang = _lang(context)
    if what == "unit":
        return kpi_unit(spec, lang)
    if what == "component":
        return component_label(spec.component or "other", lang)
    return kpi_name(spec, lang)


@register.simple_tag(takes_context=True)
def kpi_value(context: Any, amount: float | None, spec: Any = None) -> str:
    """A KPI's figure: an amount with its currency's decimals (none for yen), else two."""
    from opmodel.reports.kpi_texts import value

    return value(amount, spec)


@register.simple_tag(takes_context=True)
def period(context: Any, label: str | None) -> str:
    """A roll-up period as people read it (2027年度Q1 in Japanese)."""
    from opmodel.reports.kpi_texts import period_label

    return period_label(label, _lang(context))


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``mapping[key]``, or None."""
    return mapping.get(key) if mapping else None
