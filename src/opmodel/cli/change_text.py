"""Text rendering of the change report, its notes and the risk templates, in Japanese or
English: values shown by their labels, ids by the names the document gives them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from opmodel.cli.common import console, err_console, pick

if TYPE_CHECKING:
    from rich.table import Table

    from opmodel.engines.change.names import ChangeNames
    from opmodel.engines.change.report import ChangeReport
    from opmodel.engines.change.risks import RiskSuggestion
    from opmodel.knowledge.texts import Message


def _table(lang: str, title_en: str, title_ja: str, *columns: tuple[str, str]) -> Table:
    from opmodel.cli.tables import new_table

    return new_table(pick(lang, title_en, title_ja), *(pick(lang, en, ja) for en, ja in columns))


def _label(kind: str, value: Any, lang: str) -> str:
    from opmodel.knowledge.texts import label

    return label(kind, value, lang)


def _join(lang: str, items: list[str]) -> str:
    from opmodel.knowledge.texts import SEPARATOR

    return SEPARATOR["ja" if lang == "ja" else "en"].join(items)


def _money(amount: float, currency: str) -> str:
    from opmodel.knowledge.texts import format_money

    return format_money(amount, currency)


def _group(names: ChangeNames, group: str | None, lang: str) -> str:
    """A group by its name, marked when it works for a partner."""
    if group is None:
        return "—"
    name = names.groups.get(group) or _label("stakeholder_group", group, lang)
    return name + (pick(lang, " (outsourced)", "（委託先）") if group in names.outsourced_groups
                   else "")


def _who(names: ChangeNames) -> dict[str, str]:
    """Every document id a reason may name, by the name people know it by."""
    return {**names.applications, **names.initiatives, **names.groups, **names.stakeholders}


def _said(message: Message, lang: str, names: Mapping[str, str] | None = None) -> str:
    """A message in ``lang``, the document ids among its parameters shown by their names."""
    from opmodel.knowledge.texts import render

    def named(value: Any) -> Any:
        if isinstance(value, str):
            return names.get(value, value) if names else value
        return [named(v) for v in value] if isinstance(value, list) else value

    return render(message.code, {k: named(v) for k, v in message.params.items()}, lang)


def _note(message: Message, lang: str) -> str:
    """A note with how to act on it (its own hint, else the hint of the problem it carries)."""
    from opmodel.knowledge.texts import Message as Msg

    nested = message.params.get("problem")
    hint = message.hint(lang) or (nested.hint(lang) if isinstance(nested, Msg) else "")
    return message.text(lang) + (f" — {hint}" if hint else "")


def render_notes(notes: list[Message], lang: str) -> None:
    """What could not be scheduled and why, on standard error."""
    for note in notes:
        err_console().print(_note(note, lang), markup=False)


def _stakeholders(report: ChangeReport, lang: str) -> None:
    out, names = console(), report.names
    analysis = report.stakeholders
    grid = _table(lang, "Power/interest grid", "影響力／関心度マトリクス",
                  ("Stakeholder", "ステークホルダー"), ("Group", "グループ"),
                  ("Influence", "影響力"), ("Interest", "関心度"), ("Engagement", "関与方針"),
                  ("Stance → desired", "現在 → 目標の姿勢"), ("Gap", "差"))
    for p in analysis.positions:
        who = p.name or p.stakeholder
        grid.add_row(who + (pick(lang, " (partner)", "（委託先）") if p.outsourced else ""),
                     _group(names, p.group, lang), str(p.influence), str(p.interest),
                     _label("quadrant", p.quadrant, lang),
                     f"{_label('stance', p.stance, lang)} → {_label('stance', p.desired_stance, lang)}",
                     f"{p.gap:+d}")
    out.print(grid)
    counts = _join(lang, [f"{_label('quadrant', q, lang)} {n}"
                          for q, n in analysis.quadrant_counts.items()])
    out.print(pick(lang, "Per quadrant: ", "関与方針ごとの件数: ") + counts, markup=False)
    if analysis.gaps:
        gaps = [f"{g.name or g.stakeholder} ({g.gap:+d})" for g in analysis.gaps[:5]]
        out.print(pick(lang, "Largest engagement gaps: ", "姿勢の差が大きい順: ")
                  + _join(lang, gaps), markup=False)
    if analysis.heatmap:
        _heatmap(report, lang)


def _heatmap(report: ChangeReport, lang: str) -> None:
    out, names = console(), report.names
    analysis = report.stakeholders
    heat = _table(lang, "Change impact (1–5) by initiative and group",
                  "施策ごと・グループごとの変革の影響度（1〜5）", ("Initiative", "施策"),
                  *((name, name) for name in (_group(names, g, lang) for g in analysis.groups)))
    cells = {(c.group, c.initiative): c.level for c in analysis.heatmap}
    for initiative in analysis.initiatives:
        heat.add_row(names.initiatives.get(initiative, initiative),
                     *(str(cells.get((g, initiative), "·")) for g in analysis.groups))
    out.print(heat)
    for cell in analysis.heatmap:
        if not cell.changes:
            continue
        areas = _join(lang, [_label("impact_area", a, lang) for a in cell.areas])
        head = (f"  {names.initiatives.get(cell.initiative, cell.initiative)} → "
                f"{_group(names, cell.group, lang)}" + (f" [{areas}]" if areas else ""))
        for text in cell.changes:
            out.print(f"{head}: {text}", markup=False)


def _calendar(report: ChangeReport, lang: str) -> None:
    cal, names = report.calendar, report.names
    out = console()
    out.print(pick(lang, "Communication calendar", "コミュニケーション計画"), style="bold")
    if cal.events:
        out.print(pick(lang, f"{cal.events} event{'s' if cal.events != 1 else ''} from "
                             f"{cal.first} to {cal.last}",
                       f"{cal.first} から {cal.last} まで {cal.events} 件"))
    if cal.timeline_from == "schedule":
        out.print(_label("timeline_source", cal.timeline_from, lang))
    if cal.series:
        table = _table(lang, "Messages", "メッセージ", ("Message", "メッセージ"),
                       ("Frequency", "頻度"), ("First", "初回"), ("Until", "最終"),
                       ("Events", "回数"))
        for s in cal.series:
            table.add_row(names.communications.get(s.communication, s.communication),
                          _label("frequency", s.frequency, lang), str(s.first or "—"),
                          str(s.until or "—"), str(s.events))
        out.print(table)
    if cal.per_month:
        out.print(pick(lang, "Per month: ", "月別: ")
                  + "  ".join(f"{m}: {n}" for m, n in cal.per_month.items()))
    for note in cal.notes:
        out.print("  " + _note(note, lang), markup=False)


def _audience(report: ChangeReport, kind: str, key: str, lang: str) -> str:
    names = report.names
    name = {"role": names.roles, "stakeholder": names.stakeholders}.get(kind, {}).get(key, key)
    if kind == "group":
        name = _group(names, key, lang)
    return f"{_label('training_audience', kind, lang)}: {name}"


def _training(report: ChangeReport, lang: str) -> None:
    from opmodel.knowledge.texts import render

    plan, names, currency = report.training, report.names, report.currency
    courses = {c.course: c.name or c.course for c in plan.courses}
    needs = _table(lang, "Training needs", "研修ニーズ", ("Audience", "対象"), ("Skill", "スキル"),
                   ("Why", "根拠"), ("Done / people", "修了／人数"), ("Courses", "研修"))
    for n in plan.needs:
        why = (pick(lang, f"level {n.current_level} → {n.required_level}",
                    f"レベル {n.current_level} → {n.required_level}") if n.source == "skill_gap"
               else names.initiatives.get(n.initiative or "", n.initiative or "—"))
        skill = (names.skills.get(n.skill, n.skill) if n.skill
                 else pick(lang, "(briefing)", "（説明会）"))
        kind, key = n.audience.split(":", 1)
        served = _join(lang, [courses.get(c, c) for c in n.courses])
        if not served and n.off_topic:
            served = render("training.off_topic",
                            {"courses": [courses.get(c, c) for c in n.off_topic]}, lang)
        needs.add_row(_audience(report, kind, key, lang), skill, why,
                      f"{n.completed}/{n.people}", served or pick(lang, "none", "なし"))
    out = console()
    out.print(needs)
    if plan.uncovered:
        out.print(pick(lang, f"{plan.uncovered} need(s) have no course yet.",
                       f"研修が未設定のニーズが {plan.uncovered} 件あります。"))
    table = _table(lang, "Courses", "研修コース", ("Course", "研修"), ("Demand", "需要"),
                   ("Seats", "席数"), ("Short", "不足"), ("Completed", "修了"), ("Cost", "費用"))
    for c in plan.courses:
        table.add_row(c.name or c.course, str(c.demand), str(c.seats), str(c.shortfall),
                      f"{c.completed}/{c.seats}", _money(c.cost, currency))
    out.print(table)
    if not plan.total_cost:
        out.print(pick(lang, "Training cost: none (no course has a cost)",
                       "研修費用: なし（費用のある研修がありません）"))
        return
    from opmodel.knowledge.texts import fiscal_year_label

    by_year: dict[str, float] = {}
    for cost in plan.costs:
        key = (fiscal_year_label(cost.fiscal_year, lang) if cost.fiscal_year
               else pick(lang, "undated", "年度未定"))
        by_year[key] = by_year.get(key, 0.0) + cost.amount
    total = _money(plan.total_cost, currency)
    out.print(pick(lang, "Training cost: ", "研修費用: ")
              + _join(lang, [f"{k} {_money(v, currency)}" for k, v in by_year.items()])
              + pick(lang, f" (total {total})", f"（合計 {total}）"))


def _adoption(report: ChangeReport, lang: str) -> None:
    from opmodel.knowledge.texts import render

    table = _table(lang, f"Adoption (ADKAR 1–5, latest pulse; ↑↓ since the previous; "
                         f"target {report.adoption.target:.0%})",
                   f"定着度（ADKAR 1〜5、最新の調査、↑↓ は前回比、目標 {report.adoption.target:.0%}）",
                   ("Group", "グループ"), ("A D K A R", "A D K A R"), ("Adoption", "定着度"),
                   ("Weakest", "最弱要素"), ("Resistance", "抵抗リスク"),
                   ("Suggested action", "推奨施策"))
    for g in report.adoption.groups:
        if g.latest:
            trend = g.trend or {}
            scores = " ".join(f"{v:.1f}" + ("↑" if trend.get(k, 0) > 0 else "↓" if trend.get(k, 0) < 0
                                             else "") for k, v in g.latest.items())
        else:
            scores = pick(lang, "no survey", "調査なし")
        adoption = "—" if g.adoption is None else f"{g.adoption:.0%}"
        weakest = _label("adkar_element", g.weakest, lang) if g.weakest else "—"
        level = _label("resistance_level", g.resistance_level, lang)
        action = (render(f"adkar.action.{g.weakest}.{g.actions[0]}", {}, lang)
                  if g.weakest and g.actions else "—")
        table.add_row(_group(report.names, g.group, lang), scores, adoption, weakest,
                      f"{level} ({g.resistance:.2f})", action)
    console().print(table)


def _risks(report: ChangeReport, lang: str) -> None:
    analysis = report.risks
    table = _table(lang, "Risk register", "リスク登録簿", ("Risk", "リスク"), ("L", "発生"),
                   ("I", "影響"), ("Score", "スコア"), ("Status", "状態"), ("Owner", "責任者"))
    for r in analysis.risks:
        table.add_row(r.title or r.id, str(r.likelihood), str(r.impact),
                      f"{r.score} {_label('risk_level', r.level, lang)}",
                      _label("risk_status", r.status, lang), r.owner or "—")
    console().print(table)
    grid = _table(lang, "Heat map of open risks (likelihood × impact)",
                  "未クローズのリスクのヒートマップ（発生可能性 × 影響度）",
                  ("L \\ I", "発生 \\ 影響"), *((str(i), str(i)) for i in range(1, 6)))
    for lk in range(5, 0, -1):
        grid.add_row(str(lk), *(str(c.count or "·") for c in analysis.heatmap if c.likelihood == lk))
    console().print(grid)
    fresh = [s for s in analysis.suggestions if not s.in_register]
    if fresh:
        render_suggestions(fresh, lang, report.names)


def _source(suggestion: RiskSuggestion, lang: str) -> str:
    """Where a template comes from: a model type's drawback or a challenge of the article."""
    if suggestion.model_type:
        point = f"{suggestion.model_type}.{suggestion.drawback}"
        return (f"{_label('model_type', suggestion.model_type, lang)}: "
                f"{_label('model_type_point', point, lang)}")
    return _label("challenge", suggestion.challenge, lang) if suggestion.challenge else ""


def render_suggestions(suggestions: list[RiskSuggestion], lang: str,
                       names: ChangeNames | None = None) -> None:
    """Risk templates with the reasons they apply (or, listed without a model, their source)."""
    reasons = any(s.reasons for s in suggestions)
    table = _table(lang, "Suggested risks (templates)" if reasons else "Risk templates",
                   "想定されるリスク（テンプレート）" if reasons else "リスクのテンプレート",
                   ("Template", "テンプレート"), ("Risk", "リスク"), ("L×I", "発生×影響"),
                   ("Why", "理由") if reasons else ("Source", "出典"))
    who = _who(names) if names else None
    for s in suggestions:
        why = "; ".join(_said(r, lang, who) for r in s.reasons) if s.reasons else _source(s, lang)
        table.add_row(s.template, _label("risk_template", s.template, lang),
                      f"{s.likelihood}×{s.impact}", why)
    console().print(table)


def render_report(report: ChangeReport, lang: str) -> None:
    """The change report as tables on standard output."""
    for part in (_stakeholders, _calendar, _training, _adoption, _risks):
        part(report, lang)
        console().print()
