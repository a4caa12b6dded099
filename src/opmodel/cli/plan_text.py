"""Text rendering of plans and schedules: portfolio, schedule, risk and budget tables (ja/en)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from opmodel.cli.common import console, pick
from opmodel.reports.naming import named as named_message
from opmodel.reports.naming import names_of

if TYPE_CHECKING:
    from opmodel.document import OperatingModel
    from opmodel.engines.planning.plan import PlanResult
    from opmodel.engines.planning.schedule_dates import RoadmapSchedule
    from opmodel.knowledge.texts import Message
    from opmodel.services.planning import ScheduleSummary

PERCENTILES = (10, 50, 80, 90)


def say(found: Message, lang: str, names: dict[str, str] | None = None) -> str:
    """A message in ``lang`` with the names of what it names, and its hint after a dash."""
    named = named_message(found, names or {})
    hint = named.hint(lang)
    return named.text(lang) + (f" — {hint}" if hint else "")


def _status(status: str, lang: str) -> str:
    from opmodel.knowledge.texts import label

    return label("solver_status", status, lang)


def _list(items: list[str], lang: str) -> str:
    return pick(lang, ", ", "、").join(items)


def _table(*columns: str, title: str) -> Any:
    from opmodel.cli.tables import new_table

    table = new_table(title)
    for n, col in enumerate(columns):
        table.add_column(col, justify="left" if n == 0 else "right")
    return table


def _limit_name(use: Any, names: dict[str, str], lang: str) -> str:
    from opmodel.knowledge.texts import fiscal_year_label, label

    if getattr(use, "kind", "budget") == "capacity":
        return f"{label('plan_limit', 'capacity', lang)} {names.get(use.resource, use.resource)}"
    year = (fiscal_year_label(use.fiscal_year, lang) if use.fiscal_year is not None
            else label("plan_limit", "total", lang))
    return f"{label('plan_limit', 'budget', lang)} {year}"


def _portfolio(r: PlanResult, names: dict[str, str], lang: str) -> None:
    out = console()
    p = r.portfolio
    status = _status(p.status, lang)
    gap = f"{p.gap * 100:.2f}%" if p.gap is not None else "—"
    bound = f"{p.bound:.2f}" if p.bound is not None else "—"
    # the greedy baseline has no figure when nothing fits the limits
    greedy = p.greedy_value if r.feasible else None
    from opmodel.reports.plan_sections import over_limit_message

    if not r.within_limits:  # said first: a plan over its ceiling is not a plan to present
        for x in r.budget.over_limits:
            out.print(pick(lang, "OVER THE BUDGET LIMIT: ", "予算上限超過: ")
                      + say(over_limit_message(x, r.budget.currency), lang), style="bold red",
                      markup=False)
    out.print(pick(lang, f"Portfolio: {len(p.selected)} of {len(p.selected) + len(p.rejected)} "
                         f"initiatives, value {p.value:.2f} (bound {bound}, gap {gap}, {status})"
                         + (f"; greedy {greedy:.2f}" if greedy is not None else ""),
                   f"ポートフォリオ: {len(p.selected) + len(p.rejected)} 件中 {len(p.selected)} 件、"
                   f"価値 {p.value:.2f}（上界 {bound}、ギャップ {gap}、{status}）"
                   + (f"、貪欲法 {greedy:.2f}" if greedy is not None else "")), markup=False)
    table = _table(pick(lang, "initiative", "施策"), pick(lang, "score", "スコア"),
                   pick(lang, "rank", "順位"), "WSJF", pick(lang, "WSJF rank", "WSJF 順位"),
                   title=pick(lang, "Selected", "選定された施策"))
    chosen = [e for e in r.prioritisation.entries if e.id in p.selected]
    scored = any(e.contributions for e in chosen)  # no impact on objectives: no score to rank
    if not scored:
        chosen.sort(key=lambda e: e.wsjf_rank)
    for e in chosen:
        mark = pick(lang, " (mandatory)", "（必須）") if e.mandatory else ""
        table.add_row(names.get(e.id, e.id) + mark, f"{e.score:.2f}" if scored else "—",
                      str(e.score_rank) if scored else "—", f"{e.wsjf:.2f}", str(e.wsjf_rank))
    out.print(table)
    if chosen and not scored:
        out.print(pick(lang, "No initiative gives its impact on the strategy's objectives "
                             "(impact), so there is no score to rank by; WSJF ranks them.",
                       "目標への寄与度（impact）を持つ施策がないため、スコアによる順位はつけて"
                       "いません。WSJF の順位をご覧ください。"), markup=False)
    if p.rejected:
        out.print(pick(lang, "Not selected:", "選定外:"))
        for i in p.rejected:
            why = p.reasons.get(i)
            out.print(f"  {names.get(i, i)}" + (f" — {say(why, lang, names)}" if why else ""),
                      markup=False)
    for move in p.moves:
        out.print(pick(lang, f"  moved: {names.get(move.initiative, move.initiative)} starts "
                             f"{move.start} rather than {move.earliest}",
                       f"  開始日の移動: {names.get(move.initiative, move.initiative)} は "
                       f"{move.earliest} ではなく {move.start} に開始")
                  + f" — {say(move.reason, lang, names)}", markup=False)
    # the budget's own figures: the whole bill each limit covers, as the schedule places it
    uses: list[Any] = [*r.budget.limits, *(u for u in p.uses if u.kind == "capacity")]
    if uses:
        out.print(pick(lang, "Limits used:", "上限に対する使用量:"))
    for use in uses:
        used = use.amount if hasattr(use, "amount") else use.used
        over = getattr(use, "over", 0.0)
        scope = (pick(lang, " (direct costs)", "（直接費のみ）")
                 if getattr(use, "covers", None) == "direct" else "")
        out.print(f"  {_limit_name(use, names, lang)}{scope}: {used:,.0f} / {use.limit:,.0f}"
                  + (pick(lang, f"  OVER by {over:,.0f}", f"  {over:,.0f} 超過") if over else ""),
                  style="red" if over else None, markup=False)


def _milestone_date(milestone: Any, lang: str) -> str:
    if milestone.reached:
        return str(milestone.date or "—")
    return pick(lang, "not reached: its initiatives were not selected",
                "未達: 対象の施策が選定されていません")


def _schedule(r: PlanResult, names: dict[str, str], lang: str) -> None:
    out = console()
    s = r.schedule
    if s is None:
        return
    out.print(pick(lang, f"\nSchedule: {_status(s.status, lang)}, {s.makespan_weeks} weeks, "
                         f"{s.start} – {s.finish}",
                   f"\nスケジュール: {_status(s.status, lang)}、{s.makespan_weeks} 週、"
                   f"{s.start} – {s.finish}"), markup=False)
    table = _table(pick(lang, "initiative", "施策"), pick(lang, "start", "開始"),
                   pick(lang, "finish", "終了"), title="")
    for item in s.items:
        table.add_row(names.get(item.id, item.id), str(item.start), str(item.finish))
    for phase in s.phases:
        table.add_row(pick(lang, "phase ", "フェーズ ") + names.get(phase.id, phase.id),
                      str(phase.start), str(phase.finish))
    for milestone in s.milestones:
        table.add_row(pick(lang, "milestone ", "マイルストーン ")
                      + names.get(milestone.id, milestone.id), _milestone_date(milestone, lang),
                      "")
    out.print(table)
    for v in s.violations:
        name = names.get(v.initiative, v.initiative)
        out.print(pick(lang, f"  ! {name} finishes {v.finish}, {v.late_days} days after its "
                             f"deadline {v.deadline}",
                       f"  ! {name} の終了 {v.finish} は期限 {v.deadline} より {v.late_days} "
                       f"日遅れます"), style="yellow", markup=False)
    for m in s.milestone_violations:
        name = names.get(m.milestone, m.milestone)
        out.print(pick(lang, f"  ! milestone {name} is reached {m.date}, {m.late_days} days "
                             f"after its date {m.due}",
                       f"  ! マイルストーン {name} の到達日 {m.date} は予定日 {m.due} より "
                       f"{m.late_days} 日遅れます"), style="yellow", markup=False)
    _overruns(s, names, lang, "  ! ")
    for note in s.notes:
        out.print("  " + say(note.message, lang, names), markup=False)


def _overruns(s: RoadmapSchedule, names: dict[str, str], lang: str, mark: str) -> None:
    for phase in s.phase_overruns:
        name = names.get(phase.id, phase.id)
        console().print(mark + pick(
            lang, f"phase {name} runs to {phase.finish}, {phase.late_days} days past its end "
                  f"{phase.end}",
            f"フェーズ {name} の作業は {phase.finish} まで続き、終了日 {phase.end} を "
            f"{phase.late_days} 日超えます"), style="yellow", markup=False)


def _risk(r: PlanResult, names: dict[str, str], lang: str, currency: str) -> None:
    from opmodel.knowledge.texts import format_money

    out = console()
    k = r.risk
    if k is None:
        return
    table = _table("", *(f"P{p}" for p in PERCENTILES),
                   title=pick(lang, f"\nRisk ({k.iterations:,} iterations, seed {k.seed})",
                              f"\nリスク（{k.iterations:,} 回試行、シード {k.seed}）"))
    c = k.completion
    table.add_row(pick(lang, "completion (weeks)", "完了（週）"),
                  *(f"{c.at(p):.1f}" for p in PERCENTILES))
    if k.completion_dates:
        table.add_row(pick(lang, "completion date", "完了日"),
                      *(str(k.completion_dates[f"p{p}"]) for p in PERCENTILES))
    table.add_row(pick(lang, f"cost ({currency})", f"費用（{currency}）"),
                  *(format_money(k.cost.at(p), currency).split(" ", 1)[1] for p in PERCENTILES))
    out.print(table)
    top = sorted(k.initiatives, key=lambda x: (-x.criticality, x.id))[:5]
    out.print(pick(lang, "Most critical: ", "クリティカル度上位: ") + _list(
        [f"{names.get(x.id, x.id)} {x.criticality:.0%}" for x in top], lang), markup=False)
    drivers = {x.id: x for x in k.initiatives}
    out.print(pick(lang, "Drivers: ", "主要因: ") + _list(
        [f"{names.get(d, d)} r={drivers[d].correlation:.2f}" for d in k.drivers[:5]], lang),
        markup=False)
    if k.stable_at:
        out.print(pick(lang, f"P80 stable after {k.stable_at:,} iterations",
                       f"P80 は {k.stable_at:,} 回で安定"))


def _budget(r: PlanResult, names: dict[str, str], lang: str) -> None:
    from opmodel.knowledge.texts import fiscal_year_label, format_money, label

    out = console()
    b = r.budget

    def money(value: float) -> str:
        return format_money(value, b.currency).split(" ", 1)[1]

    years = [fiscal_year_label(y.fiscal_year, lang) for y in b.by_year]
    table = _table(pick(lang, "category", "費目"), *years, pick(lang, "total", "合計"),
                   title=pick(lang, f"\nBudget ({b.currency})", f"\n予算（{b.currency}）"))
    for c in b.by_category:
        table.add_row(label("cost_category", c, lang), *(money(y.categories[c]) for y in b.by_year),
                      money(b.by_category[c]))
    table.add_row(pick(lang, "total", "合計"), *(money(y.total) for y in b.by_year),
                  money(b.total))
    out.print(table)
    basis = b.contingency.basis.text(lang)
    out.print(pick(lang, "Contingency: ", "予備費: ") + format_money(b.contingency.amount, b.currency)
              + pick(lang, f" ({basis})", f"（{basis}）")
              + (pick(lang, " + items ", " + 個別計上 ") + format_money(b.contingency.items, b.currency)
                 if b.contingency.items else ""), markup=False)
    rc = b.run_cost
    out.print(pick(lang, "Run cost per year: before ", "年間運用コスト: 変更前 ")
              + format_money(rc.before_fixed + rc.before_variable, b.currency)
              + pick(lang, f" ({rc.fixed_share_before:.0%} fixed), after ",
                     f"（固定費 {rc.fixed_share_before:.0%}）、変更後 ")
              + format_money(rc.after_fixed + rc.after_variable, b.currency)
              + pick(lang, f" ({rc.fixed_share_after:.0%} fixed)",
                     f"（固定費 {rc.fixed_share_after:.0%}）"), markup=False)
    payback = (pick(lang, f"{b.payback_years:.1f} years", f"{b.payback_years:.1f} 年")
               if b.payback_years is not None else pick(lang, "not within the horizon", "期間内に回収せず"))
    out.print(f"NPV: {format_money(b.npv, b.currency)}" + pick(lang, "; payback: ", "、回収期間: ")
              + payback, markup=False)
    for w in b.warnings:
        out.print("! " + say(w, lang, names), style="yellow", markup=False)


def render_plan(result: PlanResult, model: OperatingModel, lang: str) -> None:
    """Print the plan as tables on standard output."""
    names = names_of(model)
    if result.stopped:
        console().print(pick(lang, "Interrupted: best answers found so far.",
                             "中断: ここまでの最良の結果です。"))
    _portfolio(result, names, lang)
    _schedule(result, names, lang)
    _risk(result, names, lang, result.budget.currency)
    _budget(result, names, lang)
    for note in result.notes:
        console().print("! " + say(note, lang, names), markup=False)


def render_schedule(result: RoadmapSchedule, lang: str, names: dict[str, str] | None = None
                    ) -> None:
    """Print a roadmap's schedule: dates per initiative, phase and milestone, what is late."""
    from opmodel.cli.tables import new_table

    out = console()
    names = names or {}
    state = _status(result.status, lang)
    if result.stopped:
        out.print(pick(lang, "Interrupted: the best schedule found so far.",
                       "中断: ここまでの最良のスケジュールです。"))
    out.print(pick(lang, f"{result.start} → {result.finish}: {result.makespan_weeks} working weeks "
                         f"({state}, lower bound {result.lower_bound_weeks}), {result.seconds:.2f} s",
                   f"{result.start} → {result.finish}: {result.makespan_weeks} 稼働週"
                   f"（{state}、下界 {result.lower_bound_weeks}）、{result.seconds:.2f} 秒"),
              markup=False)
    table = new_table(None, *(pick(lang, en, ja) for en, ja in (
        ("initiative", "施策"), ("phase", "フェーズ"), ("start", "開始"), ("finish", "終了"),
        ("weeks", "週"), ("deadline", "期限"), ("late days", "遅延日数"))))
    for item in result.items:
        table.add_row(names.get(item.id, item.id), names.get(item.phase or "", item.phase or ""),
                      str(item.start), str(item.finish), f"{item.start_week}–{item.finish_week}",
                      str(item.deadline or ""), str(item.late_days or ""))
    out.print(table, markup=False)
    for phase in result.phases:
        out.print(pick(lang, "phase", "フェーズ") + f" {names.get(phase.id, phase.id)}: "
                  f"{phase.start} → {phase.finish}", markup=False)
    for milestone in result.milestones:
        out.print(pick(lang, "milestone", "マイルストーン") + f" "
                  f"{names.get(milestone.id, milestone.id)}: {_milestone_date(milestone, lang)}",
                  markup=False)
    for v in result.violations:
        name = names.get(v.initiative, v.initiative)
        out.print(pick(lang, f"late: {name} finishes {v.finish}, {v.late_days} days after "
                             f"its deadline {v.deadline}",
                       f"遅延: {name} の終了 {v.finish} は期限 {v.deadline} の {v.late_days} 日後"),
                  style="yellow", markup=False)
    for m in result.milestone_violations:
        name = names.get(m.milestone, m.milestone)
        out.print(pick(lang, f"late: milestone {name} is reached {m.date}, {m.late_days} days "
                             f"after its date {m.due}",
                       f"遅延: マイルストーン {name} の到達日 {m.date} は予定日 {m.due} の "
                       f"{m.late_days} 日後"), style="yellow", markup=False)
    _overruns(result, names, lang, pick(lang, "late: ", "遅延: "))
    for note in result.notes:
        out.print(say(note.message, lang, names), style="dim", markup=False)


def render_problem_schedule(name: str, result: ScheduleSummary, lang: str) -> None:
    """One line on a bare problem's schedule: its length, status, bound and time."""
    state = _status(result.status, lang)
    console().print(pick(lang, f"{name}: makespan {result.makespan} ({state}), "
                               f"lower bound {result.lower_bound}, {result.seconds:.2f} s",
                         f"{name}: 所要期間 {result.makespan}（{state}）、"
                         f"下界 {result.lower_bound}、{result.seconds:.2f} 秒"), markup=False)
