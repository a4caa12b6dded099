"""Text rendering of assessment, recommendation and alignment results (Rich tables, ja/en)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opmodel.cli.common import console, pick

if TYPE_CHECKING:
    from rich.table import Table

    from opmodel.engines.alignment.coverage import AlignmentResult
    from opmodel.engines.assessment.findings import AssessmentFinding
    from opmodel.engines.assessment.scoring import AssessmentResult
    from opmodel.engines.recommendation.ranking import Recommendation
    from opmodel.engines.recommendation.stance import FactorContribution

# values of respondents' attributes, by the field a disagreement between groups is about
GROUP_KINDS = {"group": "respondent_group", "employment": "employment"}


def _table(lang: str, title_en: str, title_ja: str, *columns: tuple[str, str]) -> Table:
    from opmodel.cli.tables import new_table

    return new_table(pick(lang, title_en, title_ja), *(pick(lang, en, ja) for en, ja in columns))


def _num(value: float | None, fmt: str = ".1f") -> str:
    return "—" if value is None else format(value, fmt)


def _component(lang: str, component: str) -> str:
    from opmodel.knowledge.texts import label

    return label("component", component, lang)


def _type(lang: str, type_id: str) -> str:
    from opmodel.knowledge.texts import label

    return label("model_type", type_id, lang)


def _question(lang: str, question: str, text: str | None) -> str:
    from opmodel.knowledge.texts import label

    return text or label("question", question, lang)


def _fact(lang: str, factor: str, value: object) -> str:
    """A profile fact as people read it: ``業種=銀行``."""
    from opmodel.document.labels import value_label
    from opmodel.document.profile import Profile
    from opmodel.knowledge.texts import label

    return f"{label('profile_factor', factor, lang)}={value_label(Profile, factor, value, lang)}"


def _findings(lang: str, title: tuple[str, str], items: list[AssessmentFinding]) -> None:
    if not items:
        return
    table = _table(lang, *title, ("Question", "設問"), ("Component", "構成要素"),
                   ("Score", "現状"), ("Target", "目標"), ("Gap", "差"), ("Gap × imp.", "差×重要度"))
    for f in items:
        target = _num(f.target) + ("*" if f.target_source == "reference" else "")
        table.add_row(f"{f.question}\n{_question(lang, f.question, f.text)}",
                      _component(lang, f.component), _num(f.score),
                      target, f"{f.gap:+.1f}", f"{f.priority:+.1f}")
    console().print(table)


def render_assessment(result: AssessmentResult, lang: str) -> None:
    """Components, overall, weaknesses, strengths and disagreements; groups side by side."""
    from rich.markup import escape

    out = console()
    table = _table(lang, f"Maturity by component ({result.respondents} respondents)",
                   f"構成要素別の成熟度（回答者 {result.respondents} 名）",
                   ("Component", "構成要素"), ("Score", "現状"), ("Target", "目標"),
                   ("Gap", "差"), ("Dispersion", "ばらつき"), ("Questions", "設問"),
                   ("KPIs", "KPI"))
    for comp, c in result.components.items():
        table.add_row(_component(lang, comp), _num(c.score), _num(c.target), _num(c.gap, "+.1f"),
                      _num(c.dispersion, ".2f"), str(c.questions), str(len(c.kpis)))
    o = result.overall
    table.add_row(pick(lang, "Overall", "全体"), _num(o.score), _num(o.target),
                  _num(o.gap, "+.1f"), _num(o.dispersion, ".2f"), str(o.questions), "")
    out.print(table)
    _findings(lang, ("Weaknesses (largest gap × importance first)",
                     "弱み（差 × 重要度の大きい順）"), result.weaknesses)
    _findings(lang, ("Strengths", "強み"), result.strengths)
    if any(f.target_source == "reference" for f in result.strengths + result.weaknesses):
        from opmodel.engines.assessment.findings import REFERENCE_TARGET
        from opmodel.knowledge.texts import label, render

        level = int(REFERENCE_TARGET)
        out.print(render("assess.reference_target",
                         {"level": level, "name": label("capability_level", level, lang)}, lang))
    if result.disagreements:
        dis = _table(lang, "Disagreements", "認識の相違", ("Where", "対象"),
                     ("Component", "構成要素"), ("Low", "低"), ("High", "高"), ("Who", "誰が"))
        for d in result.disagreements[:15]:
            if d.kind == "groups":
                from opmodel.knowledge.texts import label

                kind = GROUP_KINDS.get(d.dimension or "", "")
                who = " / ".join(f"{label(kind, k, lang)} {v:.1f}" for k, v in d.groups.items())
                dimension = label("disagreement_dimension", d.dimension, lang)
                where = pick(lang, f"{dimension} ({d.questions} questions)",
                             f"{dimension}（{d.questions} 設問）")
            else:
                people = result.names.respondents
                low, high = ([people.get(r, r) for r in ids[:3]]
                             for ids in (d.respondents_low, d.respondents_high))
                who = f"{_join(lang, low)} ↔ {_join(lang, high)}"
                text = next((q.text for q in result.questions if q.id == d.question), None)
                where = _question(lang, d.question or "", text)
            dis.add_row(escape(where), _component(lang, d.component), _num(d.low), _num(d.high),
                        escape(who))
        out.print(dis)
    if result.comparison is not None:
        render_comparison(result, lang)


def _join(lang: str, items: list[str]) -> str:
    return pick(lang, ", ", "、").join(items)


def _group_name(result: AssessmentResult, group: str | None, lang: str) -> str:
    """A group of respondents as people read it: a unit's or role's name, a label."""
    from opmodel.knowledge.texts import label

    assert result.comparison is not None
    by = result.comparison.by.value
    if group is None:
        return pick(lang, "(not given)", "（未記入）")
    if by == "employment":
        return label("employment", group, lang)
    if by == "it_or_business":
        return label("respondent_group", group, lang)
    names = result.names.units if by == "business_unit" else result.names.roles
    return names.get(group, group)


def render_comparison(result: AssessmentResult, lang: str) -> None:
    """Each group's score per component side by side, and the spread between groups."""
    from rich.markup import escape

    from opmodel.knowledge.texts import label

    comparison = result.comparison
    assert comparison is not None
    by = label("assessment_grouping", comparison.by.value, lang)
    comps = list(comparison.spread)
    table = _table(lang, f"Maturity by {by}", f"{by}別の成熟度", ("Group", "グループ"),
                   ("Respondents", "回答者"),
                   *((label("component_short", c, lang),) * 2 for c in comps),
                   ("Overall", "全体"))
    for view in comparison.groups:
        table.add_row(escape(_group_name(result, view.group, lang)), str(len(view.respondents)),
                      *(_num(view.components.get(c)) for c in comps), _num(view.overall))
    table.add_row(pick(lang, "Spread (high − low)", "差（最高 − 最低）"), "",
                  *(_num(comparison.spread.get(c)) for c in comps), "")
    console().print(table)


def _reasons(lang: str, items: list[FactorContribution], limit: int) -> None:
    for c in items[:limit]:
        console().print(f"  {c.points:+.1f}  {_fact(lang, c.factor, c.value)}: {c.reason.text(lang)}",
                        markup=False)


def render_recommendation(result: Recommendation, lang: str) -> None:
    """The structures ranked with what speaks for and against them, the recommended structure,
    the sourcing stance on its own, context changes, missing facts and the nearest flips."""
    out = console()
    table = _table(lang, "Structures ranked", "構造の順位", ("Structure", "構造"),
                   ("Score", "スコア"), ("For", "有利な要因"), ("Against", "不利な要因"))
    for ts in result.structures:
        pro, con = ([f"{_fact(lang, c.factor, c.value)} {c.points:+.1f}" for c in items[:3]]
                    for items in (ts.why, ts.against))
        table.add_row(_type(lang, ts.type), f"{ts.score:.1f}", "\n".join(pro) or "—",
                      "\n".join(con) or "—")
    out.print(table)
    best = next(s for s in result.structures if s.type == result.structure)
    if not best.why and not best.against:  # no known fact speaks for any type: no answer yet
        out.print(pick(lang, "No recommendation yet: the profile gives no facts that favour one "
                             "structure. Fill in the facts below in profile, then run again.",
                       "まだ推奨できません: プロファイルに構造を選ぶ手がかりとなる要因がありません。"
                       "下の要因を profile に記入してから、もう一度実行してください。"),
                  style="yellow")
    else:
        name = _type(lang, best.type)
        out.print(pick(lang, f"Why {name}:", f"{name}を推す理由:"))
        _reasons(lang, best.why, 6)
        if best.against:
            out.print(pick(lang, f"Against {name}:", f"{name}に不利な要因:"))
            _reasons(lang, best.against, 4)
        out.print(pick(lang, f"Recommended: {name} structure (confidence {result.confidence:.2f}, "
                             f"lead {result.margin:.1f} points, {result.safe_margin:.1f} if every "
                             f"unknown fact went against it; structure evidence known "
                             f"{result.coverage:.0%}).",
                       f"推奨: 構造は{name}（確信度 {result.confidence:.2f}、差 {result.margin:.1f} 点、"
                       f"未知の要因がすべて不利に働いた場合の差 {result.safe_margin:.1f} 点、"
                       f"構造の判断材料の既知率 {result.coverage:.0%}）。"))
    render_sourcing_stance(result, lang)
    for change in result.context_changes:
        out.print(f"{pick(lang, 'Warning', '警告')}: {change.message.text(lang)}", style="yellow",
                  markup=False)
    _missing(result, lang)
    _flips(result, lang, bool(best.why or best.against))


def render_sourcing_stance(result: Recommendation, lang: str) -> None:
    """The sourcing stance, its reasons both ways, what stays in-house or what to fill in."""
    from opmodel.knowledge.texts import label

    out, s = console(), result.sourcing
    stance = label("sourcing_stance", s.stance, lang)
    if s.stance == "undetermined":
        facts = ", ".join(f"{label('profile_factor', f, lang)} (profile.{f})" for f in s.to_fill_in)
        out.print(pick(lang, f"Sourcing stance: {stance}: too little is known about skills, "
                             f"hiring and costs. Fill in: {facts}.",
                       f"調達方針: {stance}。スキル・採用・コストに関する情報が不足しています。"
                       f"記入してください: {facts}。"), markup=False)
        return
    out.print(pick(lang, f"Sourcing stance: {stance} (confidence {s.confidence:.2f}, sourcing "
                         f"evidence known {s.coverage:.0%}).",
                   f"調達方針: {stance}（確信度 {s.confidence:.2f}、調達の判断材料の既知率 "
                   f"{s.coverage:.0%}）。"))
    if s.toward_partners:
        out.print(pick(lang, "  For partners:", "  外部活用を後押しする要因:"))
        _reasons(lang, s.toward_partners, 4)
    if s.toward_in_house:
        out.print(pick(lang, "  For in-house:", "  内製を後押しする要因:"))
        _reasons(lang, s.toward_in_house, 4)
    if s.stays_in_house:
        kept = pick(lang, ", ", "、").join(label("in_house_core", c, lang) for c in s.stays_in_house)
        out.print(pick(lang, f"  Stays in-house whatever partners take on: {kept}.",
                       f"  外部に何を任せても社内に残すもの: {kept}。"))


def _missing(result: Recommendation, lang: str) -> None:
    if not result.missing:
        return
    from opmodel.knowledge.texts import label

    missing = _table(lang, "Unknown facts that matter most", "影響の大きい未知の要因",
                     ("Fact", "要因"), ("Swing", "最大変動"), ("Could change", "変わりうるもの"))
    for m in result.missing[:6]:
        could = [pick(lang, "structure", "構造")] if m.could_change_structure else []
        could += [pick(lang, "sourcing", "調達")] if m.could_change_sourcing else []
        missing.add_row(f"{label('profile_factor', m.factor, lang)} (profile.{m.factor})",
                        f"{m.swing:.1f}", ", ".join(could) or "—")
    console().print(missing)


def _flips(result: Recommendation, lang: str, answered: bool) -> None:
    out = console()
    if not result.sensitivity:
        if answered:
            out.print(pick(lang, "No change of one or two known facts within reach would change "
                                 "the structure.",
                           "現実的な範囲で既知の要因を 1〜2 個変えても、推奨される構造は変わりません。"))
        return
    from opmodel.document.labels import value_label
    from opmodel.document.profile import Profile
    from opmodel.knowledge.texts import label

    out.print(pick(lang, "Nearest changes that give another structure (cost: how hard the "
                         "facts are to change):",
                   "構造が変わる最も近い変化（コスト: その要因の変えにくさ）:"))
    for flip in result.sensitivity:
        changes = pick(lang, " and ", "、").join(
            f"{label('profile_factor', c.factor, lang)}: "
            f"{value_label(Profile, c.factor, c.current, lang)} → "
            f"{value_label(Profile, c.factor, c.proposed, lang)}" for c in flip.changes)
        out.print(pick(lang, f"  {_type(lang, flip.structure)} (cost {flip.cost}): {changes}",
                       f"  {_type(lang, flip.structure)}（コスト {flip.cost}）: {changes}"),
                  markup=False)


def render_alignment(result: AlignmentResult, lang: str) -> None:
    """Score, objective coverage, the matrix and the gaps."""
    out = console()
    if result.score is None:
        out.print(pick(lang, "No objectives in strategy.objectives: nothing to align with.",
                       "strategy.objectives に目標がないため、整合性を評価できません。"))
        return
    out.print(pick(lang, f"Alignment score {result.score:.1f} / 100 (objective coverage "
                         f"{result.objective_coverage:.0%}, initiatives serving an objective "
                         f"{result.initiative_focus:.0%}).",
                   f"整合性スコア {result.score:.1f} / 100（目標のカバー率 {result.objective_coverage:.0%}、"
                   f"目標に貢献する施策の割合 {result.initiative_focus:.0%}）。"))
    from opmodel.knowledge.texts import label

    table = _table(lang, "Objectives and what serves them", "目標とそれを支えるもの",
                   ("Objective", "目標"), ("Weight", "重み"), ("Outcomes covered", "成果のカバー"),
                   ("Initiatives (via)", "施策（経路）"), ("Coverage", "カバー率"))
    for t in result.objectives:
        via = ", ".join(f"{i} ({label('alignment_via', v, lang)})"
                        for i, v in result.matrix[t.objective].items())
        table.add_row(t.name or t.objective, f"{t.weight:g}", f"{t.outcomes_covered}/{len(t.outcomes)}",
                      via or "—", f"{t.coverage:.0%}")
    out.print(table)
    gaps = [
        (("Objectives with no initiative", "施策のない目標"), result.unserved_objectives),
        (("Initiatives serving no objective", "どの目標にも貢献しない施策"), result.orphan_initiatives),
        (("Capabilities no initiative targets", "どの施策も対象としないケイパビリティ"),
         [c.capability for c in result.untargeted_capabilities]),
        (("Outcomes with no initiative", "施策のない成果"), result.outcomes_without_initiative),
        (("Outcomes serving no objective", "目標に紐づかない成果"), result.outcomes_without_objective),
    ]
    for (en, ja), ids in gaps:
        if ids:
            out.print(f"{pick(lang, en, ja)}: {', '.join(ids)}")
