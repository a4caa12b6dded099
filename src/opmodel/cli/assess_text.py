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

# values of respondents' attributes, by the field a disagreement between groups is about
GROUP_KINDS = {"group": "respondent_group", "employment": "employment"}


def _table(lang: str, title_en: str, title_ja: str, *columns: tuple[str, str]) -> Table:
    from rich.table import Table

    table = Table(title=pick(lang, title_en, title_ja), title_justify="left", show_edge=False)
    for en, ja in columns:
        table.add_column(pick(lang, en, ja))
    return table


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
    """Components, overall, weaknesses, strengths and disagreements."""
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
                who = f"{', '.join(d.respondents_low[:3])} ↔ {', '.join(d.respondents_high[:3])}"
                where = d.question or ""
            dis.add_row(where, _component(lang, d.component), _num(d.low), _num(d.high), who)
        out.print(dis)


def render_recommendation(result: Recommendation, lang: str) -> None:
    """Ranking with the main contributions, the recommended pair, missing facts, what-if."""
    out = console()
    table = _table(lang, "Model types ranked", "運用モデルの型（スコア順）", ("Type", "型"),
                   ("Score", "スコア"), ("Main factors", "主な要因"))
    for ts in result.ranking:
        factors = ", ".join(f"{_fact(lang, c.factor, c.value)} {c.points:+.1f}"
                            for c in ts.contributions[:4])
        table.add_row(_type(lang, ts.type), f"{ts.score:.1f}", factors or "—")
    out.print(table)
    best = next(s for s in result.ranking if s.type == result.structure)
    if not best.contributions:  # no known fact speaks for any type: no recommendation yet
        out.print(pick(lang, "No recommendation yet: the profile gives no facts that favour one "
                             "model type. Fill in the facts below in profile, then run again.",
                       "まだ推奨できません: プロファイルに型を選ぶ手がかりとなる要因がありません。"
                       "下の要因を profile に記入してから、もう一度実行してください。"),
                  style="yellow")
    else:
        out.print(pick(lang, f"Why {_type(lang, best.type)}:",
                       f"{_type(lang, best.type)}の理由:"))
        for c in best.contributions[:6]:
            out.print(f"  {c.points:+.1f}  {_fact(lang, c.factor, c.value)}: {c.reason.text(lang)}",
                      markup=False)
        _recommended(result, lang)
    if result.missing:
        from opmodel.knowledge.texts import label

        missing = _table(lang, "Unknown facts that matter most", "影響の大きい未知の要因",
                         ("Fact", "要因"), ("Swing", "最大変動"), ("Could change", "変わりうるもの"))
        for m in result.missing[:6]:
            could = [pick(lang, "structure", "構造")] if m.could_change_structure else []
            could += [pick(lang, "sourcing", "調達")] if m.could_change_sourcing else []
            missing.add_row(f"{label('profile_factor', m.factor, lang)} (profile.{m.factor})",
                            f"{m.swing:.1f}", ", ".join(could) or "—")
        out.print(missing)
    s = result.sensitivity
    if s is None:
        if best.contributions:
            out.print(pick(lang, "No change of one or two known facts would change the structure.",
                           "既知の要因を 1〜2 個変えても、推奨される構造は変わりません。"))
        return
    from opmodel.document.labels import value_label
    from opmodel.document.profile import Profile
    from opmodel.knowledge.texts import label

    changes = pick(lang, " and ", "、").join(
        f"{label('profile_factor', c.factor, lang)}: {value_label(Profile, c.factor, c.current, lang)}"
        f" → {value_label(Profile, c.factor, c.proposed, lang)}" for c in s.changes)
    out.print(pick(lang, f"Smallest change that gives another structure ({_type(lang, s.structure)}): "
                         f"{changes} ({s.steps} step(s)).",
                   f"構造が変わる最小の変化（{_type(lang, s.structure)}）: {changes}（{s.steps} 段階）。"))


def _recommended(result: Recommendation, lang: str) -> None:
    from opmodel.knowledge.texts import label

    stance = label("sourcing_stance", result.sourcing, lang)
    console().print(pick(lang, f"Recommended: {_type(lang, result.structure)} structure, "
                         f"{stance} sourcing (confidence {result.confidence:.2f}, "
                         f"lead {result.margin:.1f} points, structure evidence known {result.coverage:.0%}).",
                   f"推奨: 構造は{_type(lang, result.structure)}、調達方針は{stance}"
                   f"（確信度 {result.confidence:.2f}、差 {result.margin:.1f} 点、構造の判断材料の既知率 {result.coverage:.0%}）。"))


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
