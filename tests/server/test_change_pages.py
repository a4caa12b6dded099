"""The change page and its calendar download, and the KPI trend charts of the scorecard: the
figures of the same use cases the command line runs (``opmodel change report``, ``change
calendar``, ``kpi report``), names instead of ids, in Japanese and English."""

from __future__ import annotations

import re
from typing import Any

import pytest

from support.pages import chart_data, page_text, table_rows, upload_measurements


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", ["変革マネジメント", "影響力／関心度マトリクス", "コミュニケーション計画", "リスク登録簿"]),
    ("en", ["Change management", "Influence/interest grid", "Communication calendar",
            "Risk register"])])
def test_the_change_page_shows_the_change_report(workspace: Any, client_as: Any, lang: str,
                                                 words: list[str]) -> None:
    from opmodel.knowledge.texts import format_money, label
    from opmodel.server.workspaces import store
    from opmodel.services.change import report

    result = report(store.read(workspace.models.get(name="target").head))
    page = client_as("viewer").get("/w/bank/m/target/change/", HTTP_ACCEPT_LANGUAGE=lang)
    assert page.status_code == 200
    html = page.content.decode()
    shown = page_text(html)
    assert all(word in shown for word in words), shown[:300]
    assert "page." not in shown
    names = result.names
    positions = result.stakeholders.positions
    assert positions, "the bank's target model has stakeholders"
    rows = table_rows(html, "stakeholder-table")
    assert [(r[0].removesuffix(" 委託先").removesuffix(" partner"), r[2], r[3], r[4])
            for r in rows] == [(p.name or p.stakeholder, str(p.influence), str(p.interest),
                                label("quadrant", p.quadrant, lang)) for p in positions]
    grid = chart_data(html, "grid-data")
    assert [(p["influence"], p["interest"]) for p in grid["points"]] == [
        (p.influence, p.interest) for p in positions]
    impact = chart_data(html, "impact-data")
    assert impact["y"] == [names.initiatives.get(i, i) for i in result.stakeholders.initiatives]
    assert sorted(c[2] for c in impact["cells"]) == sorted(c.level for c in
                                                           result.stakeholders.heatmap)
    risk = chart_data(html, "risk-data")
    assert sum(c[2] for c in risk["cells"]) == sum(c.count for c in result.risks.heatmap)
    grid_rows = table_rows(html, "risk-grid")
    for row, likelihood in zip(grid_rows, range(5, 0, -1), strict=True):
        counts = [c.count for c in sorted(result.risks.heatmap, key=lambda c: c.impact)
                  if c.likelihood == likelihood]
        assert row[1:] == [str(n) if n else "·" for n in counts]
    assert [r[0] for r in table_rows(html, "risk-table")] == [r.title or r.id
                                                         for r in result.risks.risks]
    cost = format_money(result.training.total_cost, result.currency)
    if lang == "ja":
        cost = "¥" + cost.split(" ", 1)[1]
    assert page_text(html.split('id="training-cost">')[1].split("</span>")[0]) == cost
    adoption = table_rows(html, "adoption-table")
    elements = ("awareness", "desire", "knowledge", "ability", "reinforcement")
    for row, group in zip(adoption, result.adoption.groups, strict=True):
        latest = group.latest or {}
        assert [c.split(" ")[0] for c in row[1:6]] == [
            f"{latest[e]:.1f}" if latest.get(e) is not None else "—" for e in elements]
        barrier = [e for e, c in zip(elements, row[1:6], strict=True) if "(" in c]
        assert barrier == ([group.weakest] if group.barrier else [])


def test_the_calendar_download_is_what_change_calendar_writes(workspace: Any,
                                                              client_as: Any) -> None:
    import datetime as dt

    from opmodel.interop.icalendar_export import to_ics
    from opmodel.server.workspaces import store
    from opmodel.services.change import calendar

    answer = client_as("viewer").get("/w/bank/m/target/change/calendar.ics",
                                     HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/calendar")
    assert "attachment" in answer["Content-Disposition"]
    expected = to_ics(calendar(store.read(workspace.models.get(name="target").head)), "en",
                      dt.datetime.now(dt.UTC))

    def stable(data: bytes) -> list[bytes]:
        return [line for line in data.splitlines() if not line.startswith(b"DTSTAMP")]

    assert stable(answer.content) == stable(expected)
    assert answer.content.count(b"BEGIN:VEVENT") > 0
    assert client_as("stranger").get("/w/bank/m/target/change/calendar.ics").status_code == 404


def test_the_scorecard_draws_each_kpis_trend_from_the_kpi_report(workspace: Any,
                                                                 client_as: Any) -> None:
    import datetime as dt

    from opmodel.engines.kpi.rollup import ALL_SCOPES
    from opmodel.server.measurements.store import DatabaseMeasurementStore
    from opmodel.server.workspaces import store
    from opmodel.services.kpi import KpiReportOptions, StatusOptions, status
    from opmodel.services.kpi import report as kpi_report

    upload_measurements(client_as("editor"))
    target = store.read(workspace.models.get(name="target").head)
    measurements = DatabaseMeasurementStore(workspace)
    as_of = dt.date(2027, 3, 31)
    card = status(target, measurements, StatusOptions(as_of=as_of), today=as_of)
    page = client_as("viewer").get("/w/bank/m/target/kpis/?as_of=2027-03-31",
                                   HTTP_ACCEPT_LANGUAGE="ja")
    html = page.content.decode()
    charts = re.findall(r'<script id="trend-(\d+)" type="application/json">', html)
    assert charts, "the bank's measurements give trends"
    for number in charts:
        state = card.kpis[int(number)]
        rolled = kpi_report(target, measurements,
                            KpiReportOptions(period=state.kpi.period, as_of=as_of))
        points = [p for p in rolled.points
                  if p.kpi == state.kpi.id and p.scope == ALL_SCOPES and p.value is not None]
        chart = chart_data(html, f"trend-{number}")
        assert chart["values"] == [p.value for p in points]
        assert chart["status"] == [p.status for p in points]
        assert chart["target"] == state.kpi.target
    assert "年度" in "".join(chart_data(html, f"trend-{charts[0]}")["periods"]) or all(
        "-" in p for p in chart_data(html, f"trend-{charts[0]}")["periods"])
