"""Text rendering of the design review: governance, sourcing and applications (ja/en)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from opmodel.cli.common import console, pick

if TYPE_CHECKING:
    from rich.table import Table

    from opmodel.engines.design.applications import ApplicationsResult
    from opmodel.engines.design.governance import GovernanceResult
    from opmodel.engines.design.review import DesignReview
    from opmodel.engines.design.sourcing import SourcingResult
    from opmodel.engines.names import EntityNames


def _table(lang: str, title: tuple[str, str], *columns: tuple[str, str]) -> Table:
    from opmodel.cli.tables import new_table

    return new_table(pick(lang, *title), *(pick(lang, en, ja) for en, ja in columns))


def _names(names: EntityNames | None) -> EntityNames:
    from opmodel.engines.names import EntityNames

    return names or EntityNames()


def _join(lang: str, items: Iterable[str]) -> str:
    return pick(lang, ", ", "、").join(items)


def _label(kind: str, value: str | None, lang: str) -> str:
    from opmodel.knowledge.texts import label

    return label(kind, value, lang)


def _labels(kind: str, values: Iterable[str], lang: str) -> str:
    """Values of one kind named and joined in the language's way (— for none)."""
    from opmodel.knowledge.texts import SEPARATOR

    return SEPARATOR[pick(lang, "en", "ja")].join(_label(kind, v, lang) for v in values) or "—"


def _raci(letter: str, lang: str) -> str:
    """A RACI column heading: the right's name and its letter."""
    return f"{_label('raci', letter, lang)} ({letter})"


def render_governance(result: GovernanceResult, lang: str,
                      names: EntityNames | None = None) -> None:
    """Decision rights (A, R, C, I), derived and declared archetypes, issues and gaps."""
    from rich.markup import escape

    from opmodel.knowledge.texts import render

    out, named = console(), _names(names)
    table = _table(lang, ("Decision rights", "意思決定の権限"), ("Decision", "意思決定"),
                   ("Domain", "領域"), (_raci("A", "en"), _raci("A", "ja")),
                   (_raci("R", "en"), _raci("R", "ja")),
                   (f"{_raci('C', 'en')} / {_raci('I', 'en')}",
                    f"{_raci('C', 'ja')}／{_raci('I', 'ja')}"),
                   ("Derived", "導出"), ("Declared", "宣言"))
    for d in result.decisions:
        ci = _join(lang, (named.holder(h) for h, r in d.rights.items() if r in ("C", "I")))
        derived = _label("archetype", d.derived, lang)
        if d.in_committee:
            derived += f" ({render('governance.in_committee', {'roles': d.in_committee}, lang)})"
        if d.unclassified:
            derived = pick(lang, f"? (side unknown: {', '.join(map(named.holder, d.unclassified))})",
                           f"?（所属不明: {'、'.join(map(named.holder, d.unclassified))}）")
        table.add_row(escape(named.decisions.get(d.decision, d.decision)),
                      _label("decision_domain", d.domain, lang),
                      escape(_join(lang, map(named.holder, d.accountable)) or "—"),
                      escape(_join(lang, map(named.holder, d.responsible)) or "—"),
                      escape(ci or "—"), escape(derived), _label("archetype", d.declared, lang))
    out.print(table)
    domains = _table(lang, ("Archetype by Weill & Ross domain", "領域ごとのアーキタイプ"),
                     ("Domain", "領域"), ("Decisions", "意思決定"), ("Who decides", "決定者"),
                     ("Derived", "導出"), ("Declared", "宣言"))
    for row in result.domains:
        domains.add_row(_label("decision_domain", row.domain, lang),
                        escape(_join(lang, (named.decisions.get(x, x) for x in row.decisions))
                               or pick(lang, "none", "なし")),
                        _labels("role_side", row.sides, lang),
                        _label("archetype", row.derived, lang),
                        _labels("archetype", row.declared, lang))
    out.print(domains)
    for issue in result.issues:
        text = render(f"matrix_issue.{issue.kind}", {"detail": issue.detail}, lang)
        decision = named.decisions.get(issue.decision, issue.decision)
        out.print(f"[red]{escape(decision)}[/red]: {escape(text)}")
    if result.uncovered_domains:
        out.print(pick(lang, "Domains no decision covers: ", "意思決定のない領域: ")
                  + _labels("decision_domain", result.uncovered_domains, lang))


def _bands(lang: str) -> str:
    """How the index maps to an option, from the criteria's bands."""
    from opmodel.knowledge.rules import sourcing_criteria

    bands = sourcing_criteria().options
    parts = [f"{pick(lang, 'index', '指標')} < {b.below:+.1f}: {_label('sourcing_option', b.id, lang)}"
             for b in bands if b.below is not None]
    last = bands[-1]
    if last.below is None and len(bands) > 1 and bands[-2].below is not None:
        parts.append(f"≥ {bands[-2].below:+.1f}: {_label('sourcing_option', last.id, lang)}")
    return pick(lang, "; ", "、").join(parts)


def render_sourcing(result: SourcingResult, lang: str, names: EntityNames | None = None) -> None:
    """Planned vs recommended option per capability, vendor shares, concentration, losses."""
    from rich.markup import escape

    out, named = console(), _names(names)
    table = _table(lang, ("Sourcing per capability", "ケイパビリティごとの調達"),
                   ("Capability", "ケイパビリティ"), ("Planned", "計画"),
                   ("Recommended", "推奨"), ("Index", "指標"), ("Known", "既知"),
                   ("Main reasons", "主な理由"))
    for c in result.capabilities:
        reasons = "\n".join(
            f"{_label('sourcing_criterion', r.criterion, lang)}={r.score}"
            f"{'*' if r.derived else ''}: {r.reason.text(lang)}" for r in c.reasons[:2])
        mark = "" if c.agrees is not False else " ≠"
        table.add_row(escape(named.capabilities.get(c.capability, c.capability)),
                      _label("sourcing_option", c.planned, lang),
                      _label("sourcing_option", c.recommended, lang) + mark,
                      "—" if c.index is None or c.recommended is None else f"{c.index:+.2f}",
                      f"{c.confidence:.0%}",
                      escape("\n".join([reasons, *(cap.text(lang) for cap in c.caps)]) or "—"))
    out.print(table)
    out.print(pick(lang, "* derived from the capability (differentiating flag, current level); ",
                   "* ケイパビリティの属性（差別化フラグ、現状レベル）から導出。")
              + _bands(lang) + pick(lang, ".", "。"), markup=False)
    if result.vendors:
        vendors = _table(lang, ("Vendors", "ベンダー"), ("Vendor", "ベンダー"),
                         ("Share of spend", "支出シェア"), ("Capabilities", "担当ケイパビリティ"),
                         ("Lock-in signals", "ロックインの兆候"))
        for v in result.vendors:
            vendors.add_row(escape(named.vendors.get(v.vendor, v.vendor)),
                            "—" if v.spend_share is None else f"{v.spend_share:.0%}",
                            escape(_join(lang, (named.capabilities.get(x, x)
                                                for x in v.capabilities))) or "—",
                            _labels("lock_in_signal", v.lock_in, lang))
        out.print(vendors)
    hhi = result.spend_hhi if result.spend_hhi is not None else result.capability_hhi
    if hhi is not None:
        band = _label("concentration_band", result.concentration, lang)
        out.print(pick(lang, f"Vendor concentration: HHI {hhi:.0f} ({band}).",
                       f"ベンダー集中度: HHI {hhi:.0f}（{band}）。"))
    for loss in result.knowledge_loss:
        why = _labels("sourcing_criterion", loss.why, lang)
        option = _label("sourcing_option", loss.option, lang)
        capability = escape(named.capabilities.get(loss.capability, loss.capability))
        out.print(pick(lang, f"[yellow]Knowledge loss[/yellow]: {capability} is core "
                             f"({why}) but planned as {option}.",
                       f"[yellow]知見喪失[/yellow]: {capability} はコア（{why}）"
                       f"ですが{option}の予定です。"))


def render_applications(result: ApplicationsResult, lang: str,
                        names: EntityNames | None = None) -> None:
    """TIME per application from its fit, the planned disposition and contradictions."""
    from rich.markup import escape

    out, named = console(), _names(names)
    if not result.applications:
        out.print(pick(lang, "TIME dispositions: no applications in technology.applications.",
                       "TIME 分類: technology.applications にアプリケーションがありません。"))
        return
    table = _table(lang, (f"TIME dispositions (high fit ≥ {result.threshold:g})",
                          f"TIME 分類（適合度 {result.threshold:g} 以上を高とする）"),
                   ("Application", "アプリケーション"), ("Functional", "機能"),
                   ("Technical", "技術"), ("Derived", "導出"), ("Planned", "計画"),
                   ("Initiatives", "施策"))
    for a in result.applications:
        mark = "" if a.agrees is not False else " ≠"
        table.add_row(escape(named.applications.get(a.application, a.application)),
                      "—" if a.functional_fit is None else str(a.functional_fit),
                      "—" if a.technical_fit is None else str(a.technical_fit),
                      _label("time_disposition", a.derived, lang),
                      _label("time_disposition", a.planned, lang) + mark,
                      escape(_join(lang, (named.initiatives.get(x, x) for x in a.initiatives)))
                      or "—")
    out.print(table)
    eliminate = _label("time_disposition", "eliminate", lang)
    for c in result.contradictions:
        if c.kind == "investment":
            basis = _labels("elimination_basis", c.basis.split("+"), lang)
            initiative = escape(named.initiatives.get(c.initiative or "", c.initiative or ""))
            application = escape(named.applications.get(c.application, c.application))
            out.print(pick(lang, f"[red]{initiative}[/red] invests in {application}, rated "
                                 f"{eliminate} ({basis}).",
                           f"[red]{initiative}[/red] が{eliminate}と評価された "
                           f"{application} に投資しています（{basis}）。"))


def render_review(result: DesignReview, lang: str) -> None:
    """Governance, sourcing and applications, one after the other."""
    render_governance(result.governance, lang, result.names)
    render_sourcing(result.sourcing, lang, result.names)
    render_applications(result.applications, lang, result.names)
