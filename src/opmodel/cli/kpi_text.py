"""Text rendering of the KPI scorecard and the ITSM figures, in Japanese or English."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opmodel.cli.common import console, pick

if TYPE_CHECKING:
    from opmodel.engines.kpi.itsm import ItsmFigures, ItsmResult
    from opmodel.engines.kpi.scorecard import Scorecard

RAG_JA = {"green": "緑", "amber": "黄", "red": "赤", "none": "—"}
TREND_JA = {"improving": "改善", "worsening": "悪化", "flat": "横ばい", "unknown": "不明"}
COMPONENT_JA = {"governance": "ガバナンス", "organization": "組織", "process": "プロセス",
                "technology": "テクノロジー", "sourcing": "調達", "other": "その他"}
STEP_JA = {"assess": "現状評価", "align": "戦略整合", "design": "設計", "roadmap": "ロードマップ",
           "change": "変革推進", "measure": "測定・改善"}
AGGREGATION_JA = {"mean": "平均", "sum": "合計", "ratio": "比率", "last": "最新値"}
BENEFIT_JA = {"achieved": "達成", "in_progress": "進行中", "missed": "未達", "no_data": "データなし"}


def aggregation_label(aggregation: str, lang: str) -> str:
    """How a KPI is rolled up, in the user's language (p90 is the 90th percentile)."""
    if lang != "ja":
        return aggregation
    if aggregation.startswith("p") and aggregation[1:].isdigit():
        return f"{aggregation[1:]}パーセンタイル"
    return AGGREGATION_JA.get(aggregation, aggregation)


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


def print_table(header: list[str], rows: list[tuple[str, ...]], title: str | None = None) -> None:
    """Columns aligned by display width (Japanese characters count double), never folded."""
    from rich.cells import cell_len

    widths = [max(cell_len(str(r[i])) for r in [tuple(header), *rows]) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(c + " " * (w - cell_len(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = console()
    if title:
        out.print(title, style="bold", markup=False)
    out.print(line(tuple(header)), markup=False)
    out.print("  ".join("-" * w for w in widths), markup=False)
    for row in rows:
        out.print(line(row), markup=False)


def num(value: float | None, digits: int = 2) -> str:
    """A number for people: thousands separated, a dash when missing."""
    return "—" if value is None else f"{value:,.{digits}f}"


def print_scorecard(card: Scorecard, lang: str) -> None:
    """Components, KPIs and benefits as aligned tables."""
    console().print(pick(lang, f"KPI scorecard as of {card.as_of}",
                         f"KPI スコアカード（{card.as_of} 時点）"), style="bold")
    print_table([pick(lang, e, j) for e, j in (
        ("component", "構成要素"), ("KPIs", "KPI数"), ("green", "緑"), ("amber", "黄"),
        ("red", "赤"), ("unrated", "評価なし"), ("score", "スコア"))],
        [(pick(lang, c.component, COMPONENT_JA.get(c.component, c.component)), str(c.kpis), str(c.green), str(c.amber), str(c.red), str(c.unrated),
          num(c.score, 0)) for c in card.components])
    print_table([pick(lang, e, j) for e, j in (
        ("KPI", "KPI"), ("period", "期間"), ("value", "値"), ("target", "目標"),
        ("on target", "目標達成"), ("status", "状態"),
        ("trend", "傾向"), ("streak", "連続"), ("breaches", "逸脱"))],
        [(f"{s.kpi.id} {s.kpi.name.get(lang)}", period_label(s.label, lang), num(s.value), num(s.kpi.target),
          "—" if s.on_target is None else pick(lang, "yes" if s.on_target else "no",
                                               "達成" if s.on_target else "未達"),
          pick(lang, s.status.value, RAG_JA[s.status.value]),
          pick(lang, s.trend.value, TREND_JA[s.trend.value]), str(s.streak),
          f"{s.breaches}/{s.periods}") for s in card.kpis])
    if card.after_as_of and not any(s.periods for s in card.kpis):
        console().print(pick(
            lang,
            f"No measurements on or before {card.as_of}, but {card.after_as_of:,} after it — "
            "give a later --as-of or set metadata.as_of",
            f"{card.as_of} 以前の計測値がありません（それより後の計測値が {card.after_as_of:,} 件"
            "あります）— より後の --as-of を指定するか metadata.as_of を直してください"),
            style="yellow")
    for s in card.kpis:
        if s.other_scopes and s.kpi.scope:
            found = ", ".join(s.other_scopes)
            console().print(pick(
                lang,
                f"{s.kpi.id}: no measurements for its scope '{s.kpi.scope}', but some for "
                f"{found} — correct the scope in the measurements or in the KPI",
                f"{s.kpi.id}: スコープ '{s.kpi.scope}' の計測値がありません（{found} の計測値は"
                f"あります）— 計測値か KPI のスコープを直してください"), style="yellow")
    if card.benefits:
        print_table([pick(lang, e, j) for e, j in (
            ("initiative", "施策"), ("KPI", "KPI"), ("baseline", "基準値"), ("target", "目標"),
            ("by", "期限"), ("actual", "実績"), ("progress", "進捗"), ("status", "状態"))],
            [(b.initiative, b.kpi, num(b.baseline), num(b.target), str(b.by or "—"), num(b.actual),
              "—" if b.progress is None else f"{b.progress:.0%}",
              pick(lang, b.status.value, BENEFIT_JA[b.status.value])) for b in card.benefits],
            title=pick(lang, "Planned vs actual benefits", "施策の計画効果と実績"))


def pct(value: float | None) -> str:
    """A share as a percentage, a dash when missing."""
    return "—" if value is None else f"{value:.1%}"


def _line(name: str, f: ItsmFigures | ItsmResult) -> tuple[str, ...]:
    h = f.resolution_hours
    return (name, f"{f.cases:,}", f"{f.resolved:,}", num(h.median, 1), num(h.mean, 1), num(h.p90, 1),
            pct(f.reopen_rate), num(f.mean_handoffs), pct(f.sla_met_rate),
            f"{f.backlog[-1].open:,}" if f.backlog else "—")


def print_itsm(result: ItsmResult, lang: str) -> None:
    """Overall figures, then by priority and by group, one aligned table each."""
    head = [pick(lang, e, j) for e, j in (
        ("", ""), ("cases", "件数"), ("resolved", "解決"), ("median h", "中央値(h)"),
        ("mean h", "平均(h)"), ("p90 h", "p90(h)"), ("reopen", "再オープン率"),
        ("handoffs", "平均引継ぎ"), ("SLA met", "SLA達成率"), ("open at end", "最終週の未解決"))]
    for title_en, title_ja, rows in (
        ("All cases", "全件", {pick(lang, "all", "全体"): result}),
        ("By priority", "優先度別", result.by_priority),
        ("By assignment group", "担当グループ別", result.by_group),
    ):
        if rows:
            print_table(head, [_line(name, f) for name, f in rows.items()],
                        title=pick(lang, title_en, title_ja))
    if result.backlog:
        peak = max(result.backlog, key=lambda w: w.open)
        console().print(pick(
            lang, f"Backlog: {len(result.backlog)} weeks, peak {peak.open:,} open in the week of {peak.week}.",
            f"バックログ: {len(result.backlog)} 週、最大 {peak.open:,} 件（{peak.week} の週）。"),
            markup=False)
