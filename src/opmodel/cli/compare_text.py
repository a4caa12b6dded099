"""Text rendering of a scenario comparison (ja/en): one table with the options as columns,
rows grouped by section, the best of each row marked, then one sentence per option."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from opmodel.cli.common import console

if TYPE_CHECKING:
    from opmodel.services.compare import ComparedOption, Comparison
    from opmodel.services.compare_rows import ComparisonRow

BEST = "*"  # ASCII: a mark of ambiguous width would break the columns on a Japanese terminal
NAME_WIDTH = 48  # display columns of a name before it is cut with an ellipsis
SUB_ROW = "  "  # the parts of a total, indented under it

# the table's sections and their rows, top to bottom: a metric of the comparison's rows or a
# row of text drawn from the options (TEXT_ROWS)
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("model", ("structure", "sourcing", "recommended", "fit")),
    ("cost", ("transition_p50", "transition_p80", "budget_total", "hidden_total",
              "hidden_training", "hidden_productivity", "hidden_parallel_running",
              "hidden_contingency", "run_cost_before", "run_cost_after", "npv",
              "payback_years")),
    ("time", ("completion_p50", "completion_p80", "completion_date", "critical")),
    ("risk", ("risks_critical", "risks_high", "risks_medium", "risks_low", "top_risk_score",
              "top_risks", "findings_error", "findings_warning", "findings_info")),
    ("kpis", ("kpis_with_target", "objectives_covered", "uncovered")),
    ("changes", ("changes_added", "changes_removed", "changes_changed", "changes_fields")),
)


def _label(kind: str, value: str, lang: str) -> str:
    from opmodel.knowledge.texts import label

    text = label(kind, value, lang)
    return text[:1].upper() + text[1:] if lang != "ja" else text


def _say(code: str, lang: str, **params: Any) -> str:
    from opmodel.knowledge.texts import render

    return render(code, params, lang)


def short(name: str | None, width: int = NAME_WIDTH) -> str:
    """A name cut to ``width`` display columns with an ellipsis (Japanese counts double)."""
    from rich.cells import cell_len, set_cell_size

    name = name or ""
    return name if cell_len(name) <= width else set_cell_size(name, width - 1) + "…"


def _names(items: list[Any], lang: str, show: Callable[[Any], str]) -> str:
    return "\n".join(f"{short(i.name or i.id, NAME_WIDTH)}{show(i)}" for i in items) or \
        _say("compare.none", lang)


def _structure(o: ComparedOption, lang: str) -> str:
    from opmodel.knowledge.texts import label

    return label("structure", o.structure, lang) if o.structure else _say("compare.none", lang)


def _sourcing(o: ComparedOption, lang: str) -> str:
    from opmodel.knowledge.texts import label

    return (label("sourcing_stance", o.sourcing, lang) if o.sourcing
            else _say("compare.none", lang))


def _recommended(o: ComparedOption, lang: str) -> str:
    from opmodel.knowledge.texts import label

    return (f"{label('structure', o.recommended_structure, lang)} / "
            f"{label('sourcing_stance', o.recommended_sourcing, lang)}")


def _dates(o: ComparedOption, lang: str) -> str:
    p = o.plan
    if p is None or p.completion_p50_date is None:
        return _say("compare.none", lang)
    return f"{p.completion_p50_date}\n{p.completion_p80_date}"


def _critical(o: ComparedOption, lang: str) -> str:
    if o.plan is None:
        return _say("compare.none", lang)
    return _names(o.plan.critical, lang, lambda x: f" {x.criticality:.0%}")


def _top_risks(o: ComparedOption, lang: str) -> str:
    return _names(o.risks.top, lang, lambda x: f" ({x.score})")


def _uncovered(o: ComparedOption, lang: str) -> str:
    return _names(o.kpis.uncovered, lang, lambda x: "")


TEXT_ROWS: dict[str, Callable[[ComparedOption, str], str]] = {
    "structure": _structure, "sourcing": _sourcing, "recommended": _recommended,
    "completion_date": _dates, "critical": _critical, "top_risks": _top_risks,
    "uncovered": _uncovered,
}


def _figure(row: ComparisonRow, o: ComparedOption, value: float | None, lang: str,
            same_currency: bool) -> str:
    from opmodel.knowledge.texts import format_money

    if value is None:
        if row.metric == "payback_years" and o.plan is not None:
            return _say("compare.no_payback", lang)
        return _say("compare.none", lang)
    if row.money:
        text = format_money(value, o.plan.currency if o.plan else "")
        return text.split(" ", 1)[1] if same_currency else text
    if row.metric == "fit":
        return f"{value:.1f} (#{o.fit_rank})"  # as opmodel recommend shows it
    if row.metric == "kpis_with_target":
        return f"{value:.0f} / {o.kpis.kpis}"
    if row.metric == "objectives_covered":
        return f"{value:.0f} / {o.kpis.objectives}"
    if row.metric in ("payback_years", "completion_p50", "completion_p80"):
        return f"{value:.1f}"
    return f"{value:.0f}"


def _cell(row: ComparisonRow, n: int, o: ComparedOption, lang: str, same: bool) -> str:
    from rich.markup import escape

    text = escape(_figure(row, o, row.values[n], lang, same))
    if n in row.best:
        return f"[bold green]{text} {BEST}[/bold green]"
    if n in row.worst:
        return f"[red]{text}[/red]"
    return text


def _table(result: Comparison, lang: str) -> Any:
    from rich.markup import escape

    from opmodel.cli.tables import new_table
    from opmodel.knowledge.texts import label

    currencies = {o.plan.currency for o in result.options if o.plan}
    same = len(currencies) <= 1
    rows = {r.metric: r for r in result.rows}
    table = new_table(None, "", _say("compare.better", lang),
                      *(f"{o.index + 1}. {escape(short(o.name, 40))}" for o in result.options))
    for section, keys in SECTIONS:
        shown = [k for k in keys if k in rows or k in TEXT_ROWS]
        if not any(k in rows for k in shown):
            continue  # the changes without a baseline
        if table.row_count:
            table.add_section()
        table.add_row(f"[bold]{escape(_label('compare_section', section, lang))}[/bold]")
        for key in shown:
            name = escape(_label("compare_row", key, lang))
            indent = SUB_ROW if key.startswith("hidden_") and key != "hidden_total" else ""
            if key in TEXT_ROWS:
                table.add_row(name, "", *(escape(TEXT_ROWS[key](o, lang))
                                          for o in result.options))
                continue
            row = rows[key]
            better = label("compare_better", row.better, lang) if row.better else ""
            table.add_row(indent + name, better,
                          *(_cell(row, n, o, lang, same) for n, o in enumerate(result.options)))
    return table


def _numbered(number: int, text: str, lang: str) -> str:
    """``text`` after its number, the lines that follow indented under it: English wrapped
    at spaces, Japanese between phrases."""
    from opmodel.knowledge.phrases import wrap

    head = f"  {number}. "
    width = max(20, console().width - len(head))
    lines = wrap(text, width)
    return "\n".join((head if n == 0 else " " * len(head)) + line
                     for n, line in enumerate(lines))


def render_comparison(result: Comparison, files: list[str], lang: str) -> None:
    """Print the comparison: which option is which file, the table, what each trades."""
    out = console()
    if result.stopped:
        out.print(_say("compare.stopped", lang), markup=False)
    s = result.settings
    out.print(_say("compare.heading_baseline" if result.baseline else "compare.heading", lang,
                   count=len(result.options), baseline=result.baseline), style="bold",
              markup=False)
    out.print(_say("compare.settings", lang, iterations=s.iterations, seed=s.seed,
                   time_limit=s.time_limit), markup=False)
    currencies = sorted({o.plan.currency for o in result.options if o.plan})
    if len(currencies) == 1:
        out.print(_say("compare.currency", lang, currency=currencies[0]), markup=False)
    for o, file in zip(result.options, files, strict=True):
        out.print(f"  {o.index + 1}. {o.name} — {file}", markup=False)
    out.print(_table(result, lang))
    out.print(_say("compare.legend", lang, mark=BEST), style="dim", markup=False)
    out.print("\n" + _say("compare.trades", lang), style="bold", markup=False)
    for o in result.options:
        out.print(_numbered(o.index + 1, o.trade.text(lang), lang), markup=False)
    for note in result.notes:
        hint = note.hint(lang)
        out.print("! " + note.text(lang) + (f" — {hint}" if hint else ""), style="yellow",
                  markup=False)
