"""Text rendering of the design review: governance, sourcing and applications (ja/en)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opmodel.cli.common import console, pick

if TYPE_CHECKING:
    from rich.table import Table

    from opmodel.engines.design.applications import ApplicationsResult
    from opmodel.engines.design.governance import GovernanceResult
    from opmodel.engines.design.review import DesignReview
    from opmodel.engines.design.sourcing import SourcingResult

SIDES = {"executive": ("executive", "経営層"), "business_unit": ("business unit", "事業部門"),
         "it": ("IT", "IT")}
OPTIONS = {"in_house": ("in-house", "内製"), "co_source": ("co-source", "共同調達"),
           "outsource": ("outsource", "外部委託")}
TIME = {"tolerate": ("tolerate", "許容"), "invest": ("invest", "投資"),
        "migrate": ("migrate", "移行"), "eliminate": ("eliminate", "廃止")}
ISSUES = {"accountable_count": ("Accountable holders: {d} (needs exactly one)",
                                "説明責任者（A）が {d} 名（ちょうど 1 名必要）"),
          "no_responsible": ("no Responsible holder", "実行責任者（R）がいない"),
          "unknown_holder": ("unknown holder {d}", "不明な保持者 {d}"),
          "unknown_body": ("unknown body {d}", "不明な会議体 {d}")}


def _table(lang: str, title: tuple[str, str], *columns: tuple[str, str]) -> Table:
    from rich.table import Table

    table = Table(title=pick(lang, *title), title_justify="left", show_edge=False)
    for en, ja in columns:
        table.add_column(pick(lang, en, ja))
    return table


def _label(lang: str, table: dict[str, tuple[str, str]], key: str | None) -> str:
    return "—" if key is None else pick(lang, *table.get(key, (key, key)))


def _archetype(lang: str, archetype: str | None) -> str:
    if archetype is None:
        return "—"
    from opmodel.knowledge.catalog import get_catalog

    return get_catalog().archetypes.get(archetype).name.get(lang)


def render_governance(result: GovernanceResult, lang: str) -> None:
    """Decision rights (A, R, C, I), derived and declared archetypes, issues and gaps."""
    out = console()
    table = _table(lang, ("Decision rights", "意思決定の権限"), ("Decision", "意思決定"),
                   ("Domain", "領域"), ("A", "A"), ("R", "R"), ("C / I", "C / I"),
                   ("Derived", "導出"), ("Declared", "宣言"))
    for d in result.decisions:
        ci = ", ".join(h for h, r in d.rights.items() if r in ("C", "I"))
        derived = _archetype(lang, d.derived)
        if d.unclassified:
            derived = pick(lang, f"? (side unknown: {', '.join(d.unclassified)})",
                           f"?（所属不明: {', '.join(d.unclassified)}）")
        table.add_row(d.decision, d.domain or "—", ", ".join(d.accountable) or "—",
                      ", ".join(d.responsible) or "—", ci or "—", derived,
                      _archetype(lang, d.declared))
    out.print(table)
    domains = _table(lang, ("Archetype by Weill & Ross domain", "領域ごとのアーキタイプ"),
                     ("Domain", "領域"), ("Decisions", "意思決定"), ("Who decides", "決定者"),
                     ("Derived", "導出"), ("Declared", "宣言"))
    for row in result.domains:
        domains.add_row(row.name, ", ".join(row.decisions) or pick(lang, "none", "なし"),
                        ", ".join(_label(lang, SIDES, s) for s in row.sides) or "—",
                        _archetype(lang, row.derived),
                        ", ".join(_archetype(lang, a) for a in row.declared) or "—")
    out.print(domains)
    for issue in result.issues:
        en, ja = ISSUES[issue.kind]
        out.print(f"[red]{issue.decision}[/red]: {pick(lang, en, ja).format(d=issue.detail)}")
    if result.uncovered_domains:
        out.print(pick(lang, "Domains no decision covers: ", "意思決定のない領域: ")
                  + ", ".join(result.uncovered_domains))


def render_sourcing(result: SourcingResult, lang: str) -> None:
    """Planned vs recommended option per capability, vendor shares, concentration, losses."""
    from opmodel.knowledge.rules import design_rules, sourcing_criteria

    out, rules, criteria = console(), design_rules(), sourcing_criteria()
    table = _table(lang, ("Sourcing per capability", "能力ごとの調達"), ("Capability", "能力"),
                   ("Planned", "計画"), ("Recommended", "推奨"), ("Index", "指標"),
                   ("Known", "既知"), ("Main reasons", "主な理由"))
    for c in result.capabilities:
        reasons = "; ".join(f"{r.criterion}={r.score}{'*' if r.derived else ''}: {r.reason}"
                            for r in c.reasons[:2])
        mark = "" if c.agrees is not False else " ≠"
        table.add_row(c.capability, _label(lang, OPTIONS, c.planned),
                      _label(lang, OPTIONS, c.recommended) + mark,
                      "—" if c.index is None or c.recommended is None else f"{c.index:+.2f}",
                      f"{c.confidence:.0%}",
                      "\n".join([reasons, *c.caps]) or "—")
    out.print(table)
    out.print(pick(lang, "* derived from the capability (differentiating flag, current level); "
                         "index < −0.2 in-house, > +0.2 outsource.",
                   "* 能力の属性（差別化フラグ、現状レベル）から導出。指標 < −0.2 は内製、> +0.2 は外部委託。"))
    if result.vendors:
        vendors = _table(lang, ("Vendors", "ベンダー"), ("Vendor", "ベンダー"),
                         ("Share of spend", "支出シェア"), ("Capabilities", "担当能力"),
                         ("Lock-in signals", "ロックインの兆候"))
        for v in result.vendors:
            vendors.add_row(v.vendor, "—" if v.spend_share is None else f"{v.spend_share:.0%}",
                            ", ".join(v.capabilities) or "—",
                            ", ".join(rules.label(x, lang) for x in v.lock_in) or "—")
        out.print(vendors)
    hhi = result.spend_hhi if result.spend_hhi is not None else result.capability_hhi
    if hhi is not None:
        band = rules.label(result.concentration or "", lang)
        out.print(pick(lang, f"Vendor concentration: HHI {hhi:.0f} ({band}).",
                       f"ベンダー集中度: HHI {hhi:.0f}（{band}）。"))
    for loss in result.knowledge_loss:
        why = ", ".join(criteria.core_reason(w, lang) for w in loss.why)
        out.print(pick(lang, f"[yellow]Knowledge loss[/yellow]: {loss.capability} is core "
                             f"({why}) and {_label(lang, OPTIONS, loss.option)}.",
                       f"[yellow]知見喪失[/yellow]: {loss.capability} はコア（{why}）"
                       f"ですが {_label(lang, OPTIONS, loss.option)} です。"))


def render_applications(result: ApplicationsResult, lang: str) -> None:
    """TIME per application from its fit, the planned disposition and contradictions."""
    out = console()
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
        table.add_row(a.application, "—" if a.functional_fit is None else str(a.functional_fit),
                      "—" if a.technical_fit is None else str(a.technical_fit),
                      _label(lang, TIME, a.derived), _label(lang, TIME, a.planned) + mark,
                      ", ".join(a.initiatives) or "—")
    out.print(table)
    for c in result.contradictions:
        if c.kind == "investment":
            out.print(pick(lang, f"[red]{c.initiative}[/red] invests in {c.application}, rated "
                                 f"eliminate ({c.basis}).",
                           f"[red]{c.initiative}[/red] が廃止と評価された {c.application} に投資しています（{c.basis}）。"))


def render_review(result: DesignReview, lang: str) -> None:
    """Governance, sourcing and applications, one after the other."""
    render_governance(result.governance, lang)
    render_sourcing(result.sourcing, lang)
    render_applications(result.applications, lang)
