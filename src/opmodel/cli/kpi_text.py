"""Text rendering of the KPI results (library, import, report, scorecard, ITSM figures) in
Japanese or English: values are labelled from the catalogue, never shown raw."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opmodel.cli.common import console, pick
from opmodel.reports.kpi_texts import (
    aggregation_label,
    component_label,
    kpi_name,
    kpi_unit,
    label_of,
    num,
    period_label,
    value,
)

if TYPE_CHECKING:
    from opmodel.engines.kpi.intake import ImportResult, RowIssue
    from opmodel.engines.kpi.itsm import ItsmFigures, ItsmResult
    from opmodel.engines.kpi.report import KpiReport
    from opmodel.engines.kpi.scorecard import Scorecard
    from opmodel.knowledge.kpis import LibraryKpi


def print_table(header: list[str], rows: list[tuple[str, ...]], title: str | None = None) -> None:
    """A table in the house style (``cli/tables.py``), cells shown as given (no markup)."""
    from rich.text import Text

    from opmodel.cli.tables import new_table

    table = new_table(title, *header)
    for row in rows:
        table.add_row(*(Text(str(cell)) for cell in row))
    console().print(table)


def _heads(lang: str, *pairs: tuple[str, str]) -> list[str]:
    return [pick(lang, en, ja) for en, ja in pairs]


def print_library(kpis: list[LibraryKpi], lang: str) -> None:
    """The library's KPIs, one line each."""
    print_table(_heads(lang, ("id", "ID"), ("component", "構成要素"), ("step", "ステップ"),
                       ("better", "良い方向"), ("aggregation", "集計"), ("target", "目安"),
                       ("unit", "単位"), ("name", "名称")),
                [(k.id, label_of("component", k.component, lang), label_of("step", k.step, lang),
                  label_of("direction", k.direction, lang), aggregation_label(k.aggregation, lang),
                  f"{k.target:g}", k.unit.get(lang), k.name.get(lang)) for k in kpis])


def print_row_issues(source: str, issues: list[RowIssue], lang: str) -> None:
    """Each problem of an imported table, at its row and column, with the cell's value."""
    from opmodel.knowledge.texts import render

    out = console()
    for issue in issues:
        message = render(issue.code, issue.params, lang)
        shown = pick(lang, "empty", "空") if issue.value is None else repr(issue.value)
        where = f"{source} [{issue.sheet}]" if issue.sheet else source
        out.print(pick(lang, f"{where}: row {issue.row}, column '{issue.column}': "
                             f"{message} (value: {shown})",
                       f"{where}: {issue.row} 行目、列 '{issue.column}': {message}"
                       f"（値: {shown}）"), markup=False)


def print_import(result: ImportResult, store: str, skip_invalid: bool, lang: str) -> None:
    """Each row problem and note, then what was imported into ``store`` (or that nothing
    was)."""
    from opmodel.knowledge.texts import render

    out = console()
    print_row_issues(result.source, result.issues, lang)
    for note in result.notes:
        message = render(note.code, note.params, lang)
        out.print(pick(lang, f"{result.source}: row {note.row}, column '{note.column}': "
                             f"note: {message}",
                       f"{result.source}: {note.row} 行目、列 '{note.column}': 注記: {message}"),
                  markup=False)
    if result.issues and not skip_invalid:
        out.print(pick(lang,
                       f"{result.skipped} of {result.rows} rows are invalid; nothing was "
                       "imported. Fix them, or use --skip-invalid to import the others.",
                       f"{result.rows} 行中 {result.skipped} 行が不正なため、何も取り込んで"
                       "いません。修正するか、--skip-invalid で残りを取り込んでください。"),
                  markup=False)
        return
    out.print(pick(lang,
                   f"Imported {result.imported} of {result.rows} rows ({result.skipped} "
                   f"skipped); {result.stored} measurements in {store}.",
                   f"{result.rows} 行中 {result.imported} 行を取り込みました（{result.skipped} "
                   f"行を除外）。{store} に {result.stored} 件の測定値があります。"),
              markup=False)


def _rag(status: str, lang: str) -> str:
    return "" if status == "none" else f"({label_of('rag', status, lang)})"


def print_report(report: KpiReport, last: int, lang: str) -> None:
    """Each KPI with its unit, direction, aggregation and target, then its last ``last``
    periods per scope."""
    from rich.markup import escape

    out = console()
    for spec in report.kpis:
        points = [p for p in report.points if p.kpi == spec.id]
        parts = [p for p in (kpi_unit(spec, lang), label_of("direction", spec.direction, lang),
                             aggregation_label(spec.aggregation, lang),
                             pick(lang, "target ", "目標 ") + value(spec.target, spec)) if p]
        out.print(f"[bold]{escape(spec.id)}[/bold] " + escape(
            kpi_name(spec, lang) + pick(lang, f" ({'; '.join(parts)})", f"（{'、'.join(parts)}）")))
        if not points:
            out.print("  " + pick(lang, "no measurements", "測定値なし"))
        for scope in dict.fromkeys(p.scope for p in points):
            row = [p for p in points if p.scope == scope][-last:]
            cells = "  ".join(f"{period_label(p.label, lang)} {value(p.value, spec)} "
                              f"{_rag(p.status.value, lang)}" for p in row)
            out.print(f"  {label_of('measurement_scope', scope, lang)}: {cells}", markup=False)
    if not report.kpis:
        out.print(pick(lang, "The model defines no KPIs (kpis.definitions).",
                       "モデルに KPI が定義されていません（kpis.definitions）。"))


def print_scorecard(card: Scorecard, lang: str) -> None:
    """Components, KPIs and benefits as aligned tables."""
    console().print(pick(lang, f"KPI scorecard as of {card.as_of}",
                         f"KPI スコアカード（{card.as_of} 時点）"), style="bold")
    print_table(_heads(lang, ("component", "構成要素"), ("KPIs", "KPI数"), ("green", "緑"),
                       ("amber", "黄"), ("red", "赤"), ("unrated", "評価なし"),
                       ("score", "スコア")),
                [(component_label(c.component, lang), str(c.kpis), str(c.green), str(c.amber),
                  str(c.red), str(c.unrated), num(c.score, 0)) for c in card.components])
    print_table(_heads(lang, ("KPI", "KPI"), ("period", "期間"), ("value", "値"),
                       ("target", "目標"), ("on target", "目標達成"), ("status", "状態"),
                       ("trend", "傾向"), ("streak", "連続"), ("breaches", "逸脱")),
                [(f"{s.kpi.id} {kpi_name(s.kpi, lang)}", period_label(s.label, lang),
                  value(s.value, s.kpi), value(s.kpi.target, s.kpi),
                  "—" if s.on_target is None else pick(lang, "yes" if s.on_target else "no",
                                                       "達成" if s.on_target else "未達"),
                  label_of("rag", s.status, lang), label_of("trend", s.trend, lang), str(s.streak),
                  f"{s.breaches}/{s.periods}") for s in card.kpis])
    _print_warnings(card, lang)
    if card.benefits:
        specs = {s.kpi.id: s.kpi for s in card.kpis}
        print_table(_heads(lang, ("initiative", "施策"), ("KPI", "KPI"), ("baseline", "基準値"),
                           ("target", "目標"), ("by", "期限"), ("actual", "実績"),
                           ("progress", "進捗"), ("status", "状態")),
                    [(b.initiative, b.kpi, value(b.baseline, specs.get(b.kpi)),
                      value(b.target, specs.get(b.kpi)), str(b.by or "—"),
                      value(b.actual, specs.get(b.kpi)), "—" if b.progress is None else f"{b.progress:.0%}",
                      label_of("benefit_status", b.status, lang)) for b in card.benefits],
                    title=pick(lang, "Planned vs actual benefits", "施策の計画効果と実績"))


def _print_warnings(card: Scorecard, lang: str) -> None:
    """Why a scorecard may look empty: every measurement after its date, or a scoped KPI
    whose measurements name other scopes."""
    out = console()
    if card.after_as_of and not any(s.periods for s in card.kpis):
        out.print(pick(
            lang,
            f"No measurements on or before {card.as_of}, but {card.after_as_of:,} after it — "
            "give a later --as-of or set metadata.as_of",
            f"{card.as_of} 以前の計測値がありません（それより後の計測値が {card.after_as_of:,} 件"
            "あります）— より後の --as-of を指定するか metadata.as_of を直してください"),
            style="yellow", markup=False)
    for s in card.kpis:
        if s.other_scopes and s.kpi.scope:
            found = ", ".join(s.other_scopes)
            out.print(pick(
                lang,
                f"{s.kpi.id}: no measurements for its scope '{s.kpi.scope}', but some for "
                f"{found} — correct the scope in the measurements or in the KPI",
                f"{s.kpi.id}: スコープ '{s.kpi.scope}' の計測値がありません（{found} の計測値は"
                f"あります）— 計測値か KPI のスコープを直してください"),
                style="yellow", markup=False)


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
    from opmodel.engines.kpi.itsm import NO_VALUE

    head = _heads(lang, ("", ""), ("cases", "件数"), ("resolved", "解決"),
                  ("median h", "中央値(h)"), ("mean h", "平均(h)"), ("p90 h", "90%点(h)"),
                  ("reopen", "再オープン率"), ("handoffs", "平均引継ぎ"),
                  ("SLA met", "SLA達成率"), ("open at end", "最終週の未解決"))
    for title_en, title_ja, rows in (
        ("All cases", "全件", {pick(lang, "all", "全体"): result}),
        ("By priority", "優先度別", result.by_priority),
        ("By assignment group", "担当グループ別", result.by_group),
    ):
        if rows:
            print_table(head, [_line(label_of("itsm_group", "no_value", lang) if name == NO_VALUE
                                     else name, f) for name, f in rows.items()],
                        title=pick(lang, title_en, title_ja))
    if result.backlog:
        peak = max(result.backlog, key=lambda w: w.open)
        console().print(pick(
            lang, f"Backlog: {len(result.backlog)} weeks, peak {peak.open:,} open in the week of {peak.week}.",
            f"バックログ: {len(result.backlog)} 週、最大 {peak.open:,} 件（{peak.week} の週）。"),
            markup=False)
