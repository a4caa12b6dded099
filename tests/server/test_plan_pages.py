"""The roadmap and budget pages of a plan: every figure they show is the plan job's result (the
model dump ``opmodel plan --format json`` prints), ids shown by their names, in Japanese and
English with no raw value or missing text; a model without a plan says how to make one."""

from __future__ import annotations

import re
from typing import Any

import pytest

from opmodel.knowledge.texts import fiscal_year_label, format_money, label
from support.pages import chart_data, page_text, planned, table_rows

__all__ = ["planned"]  # the fixture the tests take


def _yen(amount: float, lang: str) -> str:
    shown = format_money(amount, "JPY")
    return "¥" + shown.split(" ", 1)[1] if lang == "ja" else shown


@pytest.mark.django_db(transaction=True)  # the plan reports progress from its solvers' threads
def test_the_roadmap_shows_the_plans_schedule_portfolio_risk_and_priorities(
        planned: Any, client_as: Any) -> None:
    from opmodel.engines.planning.plan import PlanResult
    from opmodel.reports.naming import names_of
    from opmodel.server.workspaces import store

    result = PlanResult.model_validate(planned.result)
    assert result.schedule is not None and result.risk is not None
    names = names_of(store.read(planned.revision))
    for lang in ("ja", "en"):
        page = client_as("viewer").get("/w/bank/m/target/roadmap/plan/", HTTP_ACCEPT_LANGUAGE=lang)
        assert page.status_code == 200
        html = page.content.decode()
        gantt = chart_data(html, "gantt-data")
        items = sorted(result.schedule.items, key=lambda i: (i.start, i.finish, i.id))
        assert [(r["name"], r["start"]) for r in gantt["rows"]] == [
            (names[i.id], i.start.isoformat()) for i in items]
        assert len(gantt["phases"]) == len(result.schedule.phases)
        assert [m["name"] for m in gantt["milestones"]] == [
            names[m.id] for m in result.schedule.milestones if m.date]
        assert gantt["links"], "the bank's roadmap has dependencies"
        left_out = table_rows(html, "left-out-table")
        if result.portfolio.rejected:
            assert [r[0] for r in left_out] == [names[i] for i in result.portfolio.rejected]
        percentiles = table_rows(html, "percentile-table")
        for row, p in zip(percentiles, (10, 50, 80, 90), strict=False):
            assert row[:3] == [f"P{p}", f"{result.risk.completion.at(p):.1f}",
                               result.risk.completion_dates[f"p{p}"].isoformat()]
            assert row[3] == _yen(result.risk.cost.at(p), lang)
        curve = chart_data(html, "s-curve-data")["points"]
        assert [c["cost"] for c in curve] == [c.cost for c in result.risk.curve]
        critical = sorted(result.risk.initiatives, key=lambda r: (-r.criticality, r.id))
        assert chart_data(html, "criticality-data")["values"] == [
            r.criticality for r in critical[:len(chart_data(html, "criticality-data")["values"])]]
        tornado = chart_data(html, "tornado-data")
        assert tornado["base"] == result.risk.completion.mean
        priorities = table_rows(html, "priority-table")
        ranked = sorted(result.prioritisation.entries, key=lambda e: e.score_rank)
        assert [r[1].split(" ")[0] for r in priorities] == [
            names[e.id].split(" ")[0] for e in ranked]
        assert [r[2] for r in priorities] == [f"{e.score:.2f}" for e in ranked]
        shown = page_text(html)
        assert _yen(result.budget.total, lang) in shown
        assert "page." not in shown  # no message code left untranslated
        for raw in ("optimal", "feasible", "cpsat", "heuristic"):
            assert raw not in shown or lang == "en"


@pytest.mark.django_db(transaction=True)
def test_long_tables_show_their_first_rows_and_all_on_request(planned: Any, client_as: Any,
                                                              monkeypatch: Any) -> None:
    from opmodel.server.pages import plan_views

    monkeypatch.setattr(plan_views, "ROWS", 5)
    viewer = client_as("viewer")
    first = viewer.get("/w/bank/m/target/roadmap/plan/", HTTP_ACCEPT_LANGUAGE="en")
    html = first.content.decode()
    assert len(table_rows(html, "schedule-table")) == len(table_rows(html, "priority-table")) == 5
    assert "The first 5 of" in page_text(html) and 'href="?rows=all&amp;job=' in html
    every = viewer.get(f"/w/bank/m/target/roadmap/plan/?rows=all&job={planned.pk}").content
    count = len(planned.result["prioritisation"]["entries"])
    assert len(table_rows(every.decode(), "priority-table")) == count > 5


@pytest.mark.django_db(transaction=True)
def test_the_budget_shows_the_plans_budget_by_year_and_category(planned: Any,
                                                               client_as: Any) -> None:
    from opmodel.engines.planning.plan import PlanResult

    budget = PlanResult.model_validate(planned.result).budget
    for lang in ("ja", "en"):
        page = client_as("viewer").get(f"/w/bank/m/target/budget/?job={planned.pk}",
                                       HTTP_ACCEPT_LANGUAGE=lang)
        assert page.status_code == 200
        html = page.content.decode()
        chart = chart_data(html, "by-year-data")
        assert chart["years"] == [fiscal_year_label(y.fiscal_year, lang) for y in budget.by_year]
        for series in chart["series"]:
            category = next(c for c in budget.by_category
                            if label("cost_category", c, lang) == series["name"])
            assert series["values"] == [y.categories.get(category, 0.0) for y in budget.by_year]
        hidden = [s["name"] for s in chart["series"] if s["hidden"]]
        assert label("cost_category", "training", lang) in hidden  # its own bar
        rows = table_rows(html, "budget-table")
        assert [r[0] for r in rows] == chart["years"]
        assert [r[-1] for r in rows] == [_yen(y.total, lang) for y in budget.by_year]
        assert ("年度" in rows[0][0]) == (lang == "ja")
        assert page_text(html.split('id="budget-npv">')[1].split("</dd>")[0]) == _yen(budget.npv, lang)
        cash = chart_data(html, "cash-data")
        assert cash["cumulative"] == [c.cumulative for c in budget.cash]
        assert "page." not in page_text(html)
        assert not re.search(r"¥[\d,]+\.\d", html)  # yen without decimals


def test_a_model_without_a_plan_says_how_to_make_one(workspace: Any, client_as: Any) -> None:
    for path in ("/w/bank/m/target/roadmap/plan/", "/w/bank/m/target/budget/"):
        page = client_as("viewer").get(path, HTTP_ACCEPT_LANGUAGE="en")
        assert page.status_code == 200
        assert "no plan yet" in page_text(page.content.decode())
        assert 'href="/w/bank/m/target/roadmap/"' in page.content.decode()
    unknown = client_as("viewer").get("/w/bank/m/target/budget/?job=not-a-job")
    assert unknown.status_code == 404
