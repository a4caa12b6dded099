"""A KPI's name, unit, component, period, aggregation and value as people read them, in
Japanese or English: the command line and the pages show the same."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opmodel.engines.kpi.report import KpiSpec
    from opmodel.reports.contents import ReportLabel


def label_of(kind: str, value: object, lang: str) -> str:
    """``value`` of the label kind ``kind`` in ``lang`` (the catalogue loaded when first asked)."""
    from opmodel.knowledge.texts import label

    return label(kind, value, lang)


def aggregation_label(aggregation: str, lang: str) -> str:
    """How a KPI is rolled up, in the user's language (p90 is the 90th percentile)."""
    from opmodel.knowledge.kpis import percentile_of
    from opmodel.knowledge.texts import render

    if percentile_of(aggregation) is not None:
        return render("kpi.aggregation_percentile", {"n": aggregation[1:]}, lang)
    return label_of("aggregation", aggregation, lang)


def component_of(component: str) -> ReportLabel:
    """One of the five components, or ``other`` for a KPI that names none, as a label."""
    from opmodel.knowledge.texts import has_label
    from opmodel.reports.contents import ReportLabel

    kind = "component" if has_label("component", component) else "kpi_component"
    return ReportLabel(kind=kind, value=component)


def component_label(component: str, lang: str) -> str:
    """One of the five components, or ``other`` for a KPI that names none."""
    found = component_of(component)
    return label_of(found.kind, found.value, lang)


def name_of(spec: KpiSpec) -> ReportLabel | str:
    """The user's own name of a KPI, else its library KPI's (a label), else its id."""
    from opmodel.reports.contents import ReportLabel

    if spec.name:
        return spec.name
    return ReportLabel(kind="kpi", value=spec.library) if spec.library else spec.id


def unit_of(spec: KpiSpec) -> ReportLabel | str:
    """The user's own unit of a KPI, else its library KPI's (a label), else nothing."""
    from opmodel.knowledge.texts import has_label
    from opmodel.reports.contents import ReportLabel

    if spec.unit:
        return spec.unit
    if spec.library and has_label("kpi_unit", spec.library):
        return ReportLabel(kind="kpi_unit", value=spec.library)
    return ""


def _text(found: ReportLabel | str, lang: str) -> str:
    return found if isinstance(found, str) else label_of(found.kind, found.value, lang)


def kpi_name(spec: KpiSpec, lang: str) -> str:
    """The user's own name of a KPI, else its library KPI's, else its id."""
    return _text(name_of(spec), lang)


def kpi_unit(spec: KpiSpec, lang: str) -> str:
    """The user's own unit of a KPI, else its library KPI's, else nothing."""
    return _text(unit_of(spec), lang)


def period_label(label: str | None, lang: str) -> str:
    """A roll-up period's label for people: FY2027 reads 2027年度 and FY2027-Q1 2027年度Q1
    in Japanese."""
    if label is None:
        return "—"
    if lang == "ja" and label.startswith("FY"):
        year, _, quarter = label[2:].partition("-")  # FY2026 or FY2026-Q1
        if year.isdigit():
            return f"{year}年度{quarter}"
    return label


def num(value: float | None, digits: int = 2) -> str:
    """A number for people: thousands separated, a dash when missing."""
    return "—" if value is None else f"{value:,.{digits}f}"


def value(amount: float | None, spec: KpiSpec | None) -> str:
    """A KPI's value: an amount of money with its currency's decimals (none for JPY)."""
    from opmodel.knowledge.texts import currency_decimals

    money = spec.money if spec is not None else None
    return num(amount, currency_decimals(money) if money else 2)
