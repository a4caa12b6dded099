"""The report's contents as a use case: every example gives a report whose figures are the
other use cases' results, each section only when its data is, every text in both languages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from opmodel.document import OperatingModel
from opmodel.engines.progress import Progress
from opmodel.interop.model_files import load
from opmodel.knowledge.texts import has_label
from opmodel.reports.contents import (
    SECTIONS,
    BarChart,
    Report,
    ReportFact,
    ReportLabel,
    SCurve,
)
from opmodel.services import assessment, design, planning
from opmodel.services.report import ReportOptions, build_report
from support.builders import estimate, initiative, model, roadmap

ROOT = Path(__file__).parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*/*.yaml"))
TODAY = dt.date(2026, 12, 1)
OPTIONS = ReportOptions(time_limit=1, iterations=500, seed=3)


def _example_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


@cache
def example_report(path: Path) -> tuple[OperatingModel, Report]:
    """An example and its report (built once per test process)."""
    document = load(path)
    return document, build_report(document, OPTIONS, today=TODAY)


def _labels(report: Report) -> Iterator[tuple[str, str]]:
    """Every (kind, value) the renderers will look up to show the report."""
    for section in report.sections:
        yield "report_section", section.key
        yield from (("report_figure", f.key) for f in section.figures)
        for table in section.tables:
            yield "report_table", table.key
            yield from (("report_column", c.key) for c in table.columns)
        yield from (("report_chart", c.key) for c in section.charts)
        cells = [f.value for f in section.figures] + list(section.notes)
        cells += [cell for table in section.tables for row in table.rows for cell in row]
        cells += [s.name for c in section.charts if hasattr(c, "series") for s in c.series]
        cells += [a for c in section.charts if hasattr(c, "axes") for a in c.axes]
        for cell in cells:
            for item in cell if isinstance(cell, list) else [cell]:
                if isinstance(item, ReportLabel):
                    yield item.kind, item.value
                if isinstance(item, ReportFact):
                    yield "profile_factor", item.factor


@pytest.mark.parametrize("path", EXAMPLES, ids=_example_id)
def test_every_label_the_report_names_exists(path: Path) -> None:
    _, report = example_report(path)
    missing = sorted({x for x in _labels(report) if not has_label(*x)})
    assert missing == []


@pytest.mark.parametrize("path", EXAMPLES, ids=_example_id)
def test_sections_come_in_order_and_the_examples_have_them_all(path: Path) -> None:
    _, report = example_report(path)
    keys = [s.key for s in report.sections]
    assert keys == [k for k in SECTIONS if k in keys]
    assert set(SECTIONS) - set(keys) == {"comparison"}  # the examples have every kind of data


@pytest.mark.parametrize("path", EXAMPLES[:2], ids=_example_id)
def test_the_figures_are_the_use_cases_results(path: Path) -> None:
    document, report = example_report(path)
    plan = planning.plan(document, planning.PlanOptions(time_limit=1, iterations=500, seed=3),
                         today=TODAY)
    assert plan.risk is not None
    summary = {f.key: f for f in report.sections[0].figures}
    assert summary["cost_p50"].value == plan.risk.cost.p50
    assert summary["cost_p80"].value == plan.risk.cost.p80
    assert summary["npv"].value == plan.budget.npv
    overall = assessment.assess(document).overall
    assert (summary["maturity_overall"].value, summary["maturity_overall"].target) == (
        overall.score, overall.target)
    assert summary["open_findings"].value == len(design.check(document).findings)
    assert summary["recommended_structure"].value == ReportLabel(
        kind="model_type", value=assessment.recommend(document).structure)
    budget = report.section("budget")
    assert budget is not None
    chart = next(c for c in budget.charts if isinstance(c, BarChart))
    assert chart.stacked and {s.hidden_cost for s in chart.series} == {True, False}
    by_year = [sum(s.values[i] or 0 for s in chart.series) for i in range(len(chart.categories))]
    assert by_year == pytest.approx([y.total for y in plan.budget.by_year])


def test_the_s_curves_rise_through_the_percentiles() -> None:
    _, report = example_report(EXAMPLES[0])
    risk = report.section("risk")
    assert risk is not None
    curves = {c.key: c for c in risk.charts if isinstance(c, SCurve)}
    assert "completion_curve" in curves
    for curve in curves.values():  # a cost known for sure has no curve: a vertical line
        values = [p.value for p in curve.points]
        assert values == sorted(values) and values[0] < values[-1]
        assert [p.probability for p in curve.points][::10] == [0.0, 0.5, 1.0]


def test_a_model_without_data_has_the_summary_alone() -> None:
    report = build_report(model("bare"), OPTIONS, today=TODAY)
    assert [s.key for s in report.sections] == ["summary"]
    assert report.as_of == TODAY


def test_a_roadmap_without_costs_gives_roadmap_and_risk() -> None:
    document = model("plan", roadmap=roadmap([initiative("a", estimate(2, 3, 5)),
                                              initiative("b", 4, depends_on=["a"])]))
    heard: list[Progress] = []
    report = build_report(document, OPTIONS, today=TODAY, progress=heard.append)
    assert [s.key for s in report.sections] == ["summary", "roadmap", "risk"]  # no cost
    stages = {p.stage for p in heard}
    assert {"report", "portfolio", "schedule", "risk", "budget"} <= stages
    gantt = report.section("roadmap").charts[0]  # type: ignore[union-attr]
    assert [b.name for b in gantt.bars if b.kind == "initiative"] == ["a", "b"]


def test_the_contents_round_trip_through_json() -> None:
    _, report = example_report(EXAMPLES[-1])
    again = Report.model_validate_json(report.model_dump_json())
    assert again.model_dump(mode="json") == report.model_dump(mode="json")


def test_compare_with_gives_the_comparison_last_with_the_best_marked() -> None:
    from opmodel.reports.contents import ReportValue

    bank = ROOT / "examples" / "regional-bank"
    report = build_report(load(bank / "target.yaml"), OPTIONS, today=TODAY,
                          compare_with=[load(bank / "current.yaml")])
    assert report.sections[-1].key == "comparison"
    table = report.sections[-1].tables[0]
    assert [c.heading for c in table.columns[1:]] == [
        load(bank / "target.yaml").metadata.name, load(bank / "current.yaml").metadata.name]
    marked = [c for row in table.rows for c in row if isinstance(c, ReportValue) and c.best]
    assert marked and all(len(row) == 3 for row in table.rows)
