"""Text rendering of the change report and risk templates, in Japanese or English."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opmodel.cli.common import console, pick

if TYPE_CHECKING:
    from rich.table import Table

    from opmodel.engines.change.report import ChangeReport
    from opmodel.engines.change.risks import RiskSuggestion

STATUS_JA = {"open": "未対応", "mitigating": "対応中", "accepted": "受容", "closed": "クローズ"}


def _table(lang: str, title_en: str, title_ja: str, *columns: tuple[str, str]) -> Table:
    from rich.table import Table

    table = Table(title=pick(lang, title_en, title_ja), title_justify="left", show_edge=False)
    for en, ja in columns:
        table.add_column(pick(lang, en, ja))
    return table


def _stance(lang: str, stance: str) -> str:
    from opmodel.knowledge.change_catalog import engagement_catalog

    return next(s.name.get(lang) for s in engagement_catalog().stances if s.id == stance)


def _quadrant(lang: str, quadrant: str) -> str:
    from opmodel.knowledge.change_catalog import engagement_catalog

    return next(q.name.get(lang) for q in engagement_catalog().quadrants if q.id == quadrant)


def _stakeholders(report: ChangeReport, lang: str) -> None:
    out = console()
    analysis = report.stakeholders
    grid = _table(lang, "Power/interest grid", "権力／関心グリッド",
                  ("Stakeholder", "ステークホルダー"), ("Group", "グループ"),
                  ("Infl.", "影響力"), ("Int.", "関心"), ("Quadrant", "区分"),
                  ("Stance → desired", "現在 → 目標の姿勢"), ("Gap", "差"))
    for p in analysis.positions:
        who = p.name or p.stakeholder
        grid.add_row(who + (pick(lang, " (partner)", "（委託先）") if p.outsourced else ""),
                     p.group, str(p.influence), str(p.interest), _quadrant(lang, p.quadrant),
                     f"{_stance(lang, p.stance.value)} → {_stance(lang, p.desired_stance.value)}",
                     f"{p.gap:+d}")
    out.print(grid)
    counts = ", ".join(f"{_quadrant(lang, q)} {n}" for q, n in analysis.quadrant_counts.items())
    out.print(counts)
    if analysis.gaps:
        out.print(pick(lang, "Largest engagement gaps: ", "関与の差が大きい順: ")
                  + ", ".join(f"{g.stakeholder} ({g.gap:+d})" for g in analysis.gaps[:5]))
    if analysis.heatmap:
        heat = _table(lang, "Change impact (1–5) by group and initiative",
                      "グループ × 施策の変革影響（1〜5）", ("Group", "グループ"),
                      *((i, i) for i in analysis.initiatives))
        cells = {(c.group, c.initiative): c.level for c in analysis.heatmap}
        for group in analysis.groups:
            heat.add_row(group, *(str(cells.get((group, i), "·")) for i in analysis.initiatives))
        out.print(heat)
        for cell in analysis.heatmap:
            for text in cell.changes:
                out.print(f"  {cell.group} × {cell.initiative}: {text}", markup=False)


def _calendar(report: ChangeReport, lang: str) -> None:
    cal = report.calendar
    out = console()
    out.print(pick(lang, "Communication calendar", "コミュニケーション計画"), style="bold")
    if cal.events:
        out.print(pick(lang, f"{cal.events} event{'s' if cal.events != 1 else ''} from "
                             f"{cal.first} to {cal.last}",
                       f"{cal.first} から {cal.last} まで {cal.events} 件"))
        out.print("  " + "  ".join(f"{m}: {n}" for m, n in cal.per_month.items()))
    if cal.unscheduled and cal.schedule_problem:
        out.print(pick(lang, "  The roadmap schedule could not date them: ",
                       "  ロードマップのスケジュールで日付を決められません: ")
                  + cal.schedule_problem[lang if lang == "ja" else "en"], markup=False)
    for comm, reason in cal.unscheduled.items():
        out.print(pick(lang, f"  {comm}: not scheduled ({reason}); give its start a date or a dated phase",
                       f"  {comm}: 日程未確定（{reason}）。開始に日付か日付のあるフェーズを指定してください"))


def _training(report: ChangeReport, lang: str) -> None:
    plan = report.training
    needs = _table(lang, "Training needs", "研修ニーズ", ("Audience", "対象"), ("Skill", "スキル"),
                   ("From", "根拠"), ("Done / people", "修了／人数"), ("Courses", "研修"))
    for n in plan.needs:
        source = (pick(lang, f"gap {n.current_level}→{n.required_level}",
                       f"差 {n.current_level}→{n.required_level}") if n.source == "skill_gap"
                  else n.initiative or "-")
        needs.add_row(n.audience, n.skill or pick(lang, "(briefing)", "（説明会）"), source,
                      f"{n.completed}/{n.people}", ", ".join(n.courses) or pick(lang, "none", "なし"))
    if plan.uncovered:
        console().print(pick(lang, f"{plan.uncovered} need(s) have no course yet.",
                             f"研修が未設定のニーズが {plan.uncovered} 件あります。"))
    console().print(needs)
    courses = _table(lang, "Courses", "研修コース", ("Course", "研修"), ("Demand", "需要"),
                     ("Seats", "席数"), ("Short", "不足"), ("Completed", "修了"), ("Cost", "費用"))
    for c in plan.courses:
        courses.add_row(c.name or c.course, str(c.demand), str(c.seats), str(c.shortfall),
                        f"{c.completed}/{c.seats}", f"{c.cost:,.0f}")
    console().print(courses)
    by_year: dict[str, float] = {}
    for cost in plan.costs:
        key = (pick(lang, f"FY{cost.fiscal_year}", f"{cost.fiscal_year}年度") if cost.fiscal_year
               else pick(lang, "undated", "年度未定"))
        by_year[key] = by_year.get(key, 0.0) + cost.amount
    if not plan.total_cost:
        console().print(pick(lang, "Training cost: none (no course has a cost)",
                             "研修費用: なし（費用のある研修がありません）"))
        return
    console().print(pick(lang, "Training cost: ", "研修費用: ")
                    + ", ".join(f"{k} {v:,.0f}" for k, v in by_year.items())
                    + pick(lang, f" (total {plan.total_cost:,.0f})", f"（合計 {plan.total_cost:,.0f}）"))


def _adoption(report: ChangeReport, lang: str) -> None:
    from opmodel.knowledge.change_catalog import adkar_catalog

    catalog = adkar_catalog()
    table = _table(lang, "Adoption (ADKAR, latest pulse; change since the previous)",
                   "定着度（ADKAR、最新の調査と前回比）", ("Group", "グループ"), ("A D K A R", "A D K A R"),
                   ("Weakest", "最弱要素"), ("Resistance", "抵抗リスク"), ("Suggested action", "推奨施策"))
    for g in report.adoption.groups:
        if g.latest:
            trend = g.trend or {}
            scores = " ".join(f"{v:.1f}" + ("↑" if trend.get(k, 0) > 0 else "↓" if trend.get(k, 0) < 0
                                             else "") for k, v in g.latest.items())
        else:
            scores = pick(lang, "no survey", "調査なし")
        weakest = catalog.element(g.weakest).name.get(lang) if g.weakest else "-"
        level = next(lv.name.get(lang) for lv in catalog.levels if lv.id == g.resistance_level)
        action = catalog.element(g.weakest).actions[0].text.get(lang) if g.weakest else "-"
        table.add_row(g.group, scores, weakest, f"{level} ({g.resistance:.2f})", action)
    console().print(table)


def _risks(report: ChangeReport, lang: str) -> None:
    from opmodel.knowledge.change_catalog import risk_catalog

    catalog = risk_catalog()
    analysis = report.risks
    table = _table(lang, "Risk register", "リスク登録簿", ("Risk", "リスク"), ("L", "発生"),
                   ("I", "影響"), ("Score", "スコア"), ("Status", "状態"), ("Owner", "責任者"))
    for r in analysis.risks:
        level = next(lv.name.get(lang) for lv in catalog.levels if lv.id == r.level)
        table.add_row(r.title or r.id, str(r.likelihood), str(r.impact), f"{r.score} {level}",
                      pick(lang, r.status.value, STATUS_JA[r.status.value]), r.owner or "-")
    console().print(table)
    grid = _table(lang, "Heat map of open risks (likelihood × impact)",
                  "未クローズのリスクのヒートマップ（発生可能性 × 影響度）",
                  ("L \\ I", "発生 \\ 影響"), *((str(i), str(i)) for i in range(1, 6)))
    for lk in range(5, 0, -1):
        grid.add_row(str(lk), *(str(c.count or "·") for c in analysis.heatmap if c.likelihood == lk))
    console().print(grid)
    fresh = [s for s in analysis.suggestions if not s.in_register]
    if fresh:
        render_suggestions(fresh, lang)


def _source(suggestion: RiskSuggestion) -> str:
    if suggestion.model_type:
        return f"{suggestion.model_type}: {suggestion.drawback}"
    return suggestion.challenge or ""


def render_suggestions(suggestions: list[RiskSuggestion], lang: str) -> None:
    """Suggested risk templates with the reasons they apply."""
    table = _table(lang, "Suggested risks (templates)", "想定されるリスク（テンプレート）",
                   ("Template", "テンプレート"), ("Risk", "リスク"), ("L×I", "発生×影響"),
                   ("Why", "理由"))
    for s in suggestions:
        table.add_row(s.template, s.title.get(lang), f"{s.likelihood}×{s.impact}",
                      "; ".join(r.get(lang) for r in s.reasons) or _source(s))
    console().print(table)


def render_report(report: ChangeReport, lang: str) -> None:
    """The change report as tables on standard output."""
    for part in (_stakeholders, _calendar, _training, _adoption, _risks):
        part(report, lang)
        console().print()
