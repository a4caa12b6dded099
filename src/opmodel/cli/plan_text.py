"""Text rendering of a plan result: portfolio, schedule, risk and budget tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from opmodel.cli.common import console, pick

if TYPE_CHECKING:
    from opmodel.document import OperatingModel
    from opmodel.engines.planning.plan import PlanResult

CATEGORIES = {
    "capex": ("capex", "設備投資"),
    "opex": ("opex", "運用費"),
    "training": ("training", "研修"),
    "productivity": ("productivity dip", "生産性低下"),
    "parallel_running": ("parallel running", "並行運用"),
    "contingency": ("contingency", "予備費"),
}
STATUS = {"optimal": "最適", "feasible": "実行可能", "infeasible": "実行不能", "unknown": "不明"}


def _table(*columns: str, title: str) -> Any:
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for n, col in enumerate(columns):
        table.add_column(col, justify="left" if n == 0 else "right")
    return table


def _portfolio(r: PlanResult, names: dict[str, str], lang: str) -> None:
    out = console()
    p = r.portfolio
    status = p.status if lang == "en" else STATUS.get(p.status, p.status)
    gap = f"{p.gap * 100:.2f}%" if p.gap is not None else "—"
    bound = f"{p.bound:.2f}" if p.bound is not None else "—"
    # the greedy baseline has no figure when nothing fits the limits
    greedy = p.greedy_value if p.status != "infeasible" else None
    out.print(pick(lang, f"Portfolio: {len(p.selected)} of {len(p.selected) + len(p.rejected)} "
                         f"initiatives, value {p.value:.2f} (bound {bound}, gap {gap}, {status})"
                         + (f"; greedy {greedy:.2f}" if greedy is not None else ""),
                   f"ポートフォリオ: {len(p.selected) + len(p.rejected)} 件中 {len(p.selected)} 件、"
                   f"価値 {p.value:.2f}（上界 {bound}、ギャップ {gap}、{status}）"
                   + (f"、貪欲法 {greedy:.2f}" if greedy is not None else "")))
    table = _table(pick(lang, "initiative", "施策"), pick(lang, "score", "スコア"),
                   pick(lang, "rank", "順位"), "WSJF", pick(lang, "WSJF rank", "WSJF 順位"),
                   title=pick(lang, "Selected", "選定された施策"))
    for e in r.prioritisation.entries:
        if e.id in p.selected:
            mark = pick(lang, " (mandatory)", "（必須）") if e.mandatory else ""
            table.add_row(names.get(e.id, e.id) + mark, f"{e.score:.2f}", str(e.score_rank),
                          f"{e.wsjf:.2f}", str(e.wsjf_rank))
    out.print(table)
    if p.rejected:
        out.print(pick(lang, "Not selected:", "選定外:"))
        for i in p.rejected:
            why = p.reasons.get(i)
            out.print(f"  {names.get(i, i)}" + (f" — {pick(lang, why.en, why.ja)}" if why else ""),
                      markup=False)
    for use in p.uses:
        kind = (pick(lang, "budget", "予算") if use.kind == "budget"
                else pick(lang, "capacity (person-weeks)", "キャパシティ（人週）"))
        if use.name == "total":
            name = pick(lang, use.name, "合計")
        elif use.kind == "budget":  # FY2027 is 2027年度 in Japanese, as in the budget table
            name = pick(lang, use.name, f"{use.name.removeprefix('FY')}年度")
        else:
            name = use.name
        out.print(f"  {kind} {name}: {use.used:,.0f} / {use.limit:,.0f}")


def _schedule(r: PlanResult, names: dict[str, str], lang: str) -> None:
    out = console()
    s = r.schedule
    if s is None:
        return
    out.print(pick(lang, f"\nSchedule: {s.status}, {s.makespan_weeks} weeks, {s.start} – {s.finish}",
                   f"\nスケジュール: {STATUS.get(s.status, s.status)}、{s.makespan_weeks} 週、"
                   f"{s.start} – {s.finish}"))
    table = _table(pick(lang, "initiative", "施策"), pick(lang, "start", "開始"),
                   pick(lang, "finish", "終了"), title="")
    for item in s.items:
        table.add_row(names.get(item.id, item.id), str(item.start), str(item.finish))
    for phase in s.phases:
        table.add_row(pick(lang, "phase ", "フェーズ ") + names.get(phase.id, phase.id),
                      str(phase.start),
                      str(phase.finish))
    for milestone in s.milestones:
        table.add_row(pick(lang, "milestone ", "マイルストーン ")
                      + names.get(milestone.id, milestone.id),
                      str(milestone.date or "—"), "")
    out.print(table)
    for v in s.violations:
        out.print(pick(lang, f"  ! {names.get(v.initiative, v.initiative)} finishes {v.finish}, "
                             f"{v.late_days} days after its deadline {v.deadline}",
                       f"  ! {names.get(v.initiative, v.initiative)} の終了 {v.finish} は期限 "
                       f"{v.deadline} より {v.late_days} 日遅れます"), style="yellow", markup=False)
    for m in s.milestone_violations:
        out.print(pick(lang, f"  ! milestone {names.get(m.milestone, m.milestone)} is reached {m.date}, {m.late_days} days "
                             f"after its date {m.due}",
                       f"  ! マイルストーン {names.get(m.milestone, m.milestone)} の到達日 {m.date} は予定日 {m.due} より "
                       f"{m.late_days} 日遅れます"), style="yellow", markup=False)
    for note in s.notes:
        out.print("  " + pick(lang, note.message_en, note.message_ja), markup=False)


def _risk(r: PlanResult, names: dict[str, str], lang: str, currency: str) -> None:
    from opmodel.engines.planning.costs import format_money

    out = console()
    k = r.risk
    if k is None:
        return
    table = _table("", "P10", "P50", "P80", "P90",
                   title=pick(lang, f"\nRisk ({k.iterations:,} iterations, seed {k.seed})",
                              f"\nリスク（{k.iterations:,} 回試行、シード {k.seed}）"))
    c = k.completion
    table.add_row(pick(lang, "completion (weeks)", "完了（週）"),
                  *(f"{c.at(p):.1f}" for p in (10, 50, 80, 90)))
    if k.completion_dates:
        table.add_row(pick(lang, "completion date", "完了日"),
                      *(str(k.completion_dates[f"p{p}"]) for p in (10, 50, 80, 90)))
    table.add_row(pick(lang, f"cost ({currency})", f"費用（{currency}）"),
                  *(format_money(k.cost.at(p), currency).split(" ", 1)[1]
                    for p in (10, 50, 80, 90)))
    out.print(table)
    top = sorted(k.initiatives, key=lambda x: (-x.criticality, x.id))[:5]
    out.print(pick(lang, "Most critical: ", "クリティカル度上位: ") + ", ".join(
        f"{names.get(x.id, x.id)} {x.criticality:.0%}" for x in top))
    drivers = {x.id: x for x in k.initiatives}
    out.print(pick(lang, "Drivers: ", "主要因: ") + ", ".join(
        f"{names.get(d, d)} r={drivers[d].correlation:.2f}" for d in k.drivers[:5]))
    if k.stable_at:
        out.print(pick(lang, f"P80 stable after {k.stable_at:,} iterations",
                       f"P80 は {k.stable_at:,} 回で安定"))


def _budget(r: PlanResult, lang: str) -> None:
    from opmodel.engines.planning.costs import format_money

    out = console()
    b = r.budget

    def money(value: float) -> str:
        return format_money(value, b.currency).split(" ", 1)[1]

    years = [(pick(lang, f"FY{y.fiscal_year}", f"{y.fiscal_year}年度")
              if y.fiscal_year is not None else "—") for y in b.by_year]
    table = _table(pick(lang, "category", "費目"), *years, pick(lang, "total", "合計"),
                   title=pick(lang, f"\nBudget ({b.currency})", f"\n予算（{b.currency}）"))
    for c, label in CATEGORIES.items():
        table.add_row(pick(lang, *label), *(money(y.categories[c]) for y in b.by_year),
                      money(b.by_category[c]))
    table.add_row(pick(lang, "total", "合計"), *(money(y.total) for y in b.by_year),
                  money(b.total))
    out.print(table)
    out.print(pick(lang, "Contingency: ", "予備費: ") + format_money(b.contingency.amount, b.currency)
              + " (" + pick(lang, b.contingency.basis_en, b.contingency.basis_ja) + ")"
              + (pick(lang, " + items ", " + 個別計上 ") + format_money(b.contingency.items, b.currency)
                 if b.contingency.items else ""))
    rc = b.run_cost
    out.print(pick(lang, "Run cost per year: before ", "年間運用コスト: 変更前 ")
              + format_money(rc.before_fixed + rc.before_variable, b.currency)
              + pick(lang, f" ({rc.fixed_share_before:.0%} fixed), after ",
                     f"（固定費 {rc.fixed_share_before:.0%}）、変更後 ")
              + format_money(rc.after_fixed + rc.after_variable, b.currency)
              + pick(lang, f" ({rc.fixed_share_after:.0%} fixed)",
                     f"（固定費 {rc.fixed_share_after:.0%}）"))
    payback = (pick(lang, f"{b.payback_years:.1f} years", f"{b.payback_years:.1f} 年")
               if b.payback_years is not None else pick(lang, "not within the horizon", "期間内に回収せず"))
    out.print(f"NPV: {format_money(b.npv, b.currency)}; " + pick(lang, "payback: ", "回収期間: ")
              + payback)
    for w in b.warnings:
        out.print("! " + pick(lang, w.en, w.ja), style="yellow", markup=False)


def render_plan(result: PlanResult, model: OperatingModel, lang: str) -> None:
    """Print the plan as tables on standard output."""
    roadmap = model.roadmap
    names = {e.id: e.name or e.id for e in ([*roadmap.initiatives, *roadmap.phases,
                                              *roadmap.milestones] if roadmap else [])}
    if result.stopped:
        console().print(pick(lang, "Interrupted: best answers found so far.",
                             "中断: ここまでの最良の結果です。"))
    _portfolio(result, names, lang)
    _schedule(result, names, lang)
    _risk(result, names, lang, result.budget.currency)
    _budget(result, lang)
    for note in [*result.notes]:
        console().print("! " + pick(lang, note.en, note.ja), markup=False)
