"""The rows of a scenario comparison as data (which figure, better when lower or higher), the
best option of each row with ties, and the one sentence that says what each option trades."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field

from opmodel.knowledge.texts import Message, message

Better = Literal["lower", "higher"]
TRADE_ITEMS = 3  # rows named in a trade sentence, each way at most
TOLERANCE = 1e-9  # relative: two figures this close are a tie


@dataclass(frozen=True)
class RowSpec:
    """One row: the figure it shows (a path into an option, parts apart by "/"), whether lower or higher
    is better (None: shown, never marked), and whether a missing figure of an option that
    has the section counts as the worst (a payback not within the horizon); ``headline``
    rows are those a trade sentence names (the P80 of a pair, a total rather than its
    parts). Its label is ``compare_row.<metric>``."""

    metric: str
    path: str
    better: Better | None
    headline: bool = False
    missing_is_worst: bool = False


HIDDEN_ROWS = tuple(RowSpec(f"hidden_{c}", f"plan/hidden/{c}", "lower")
                    for c in ("training", "productivity", "parallel_running", "contingency"))

# In the order a steering committee reads them; the trade sentence names rows in this order.
ROWS: tuple[RowSpec, ...] = (
    RowSpec("fit", "fit", "higher", headline=True),
    RowSpec("transition_p50", "plan/transition_p50", "lower"),
    RowSpec("transition_p80", "plan/transition_p80", "lower", headline=True),
    RowSpec("budget_total", "plan/budget_total", "lower"),
    RowSpec("hidden_total", "plan/hidden_total", "lower", headline=True),
    *HIDDEN_ROWS,
    RowSpec("run_cost_before", "plan/run_cost_before", None),
    RowSpec("run_cost_after", "plan/run_cost_after", "lower", headline=True),
    RowSpec("npv", "plan/npv", "higher", headline=True),
    RowSpec("payback_years", "plan/payback_years", "lower", headline=True,
            missing_is_worst=True),
    RowSpec("completion_p50", "plan/completion_p50", "lower"),
    RowSpec("completion_p80", "plan/completion_p80", "lower", headline=True),
    RowSpec("risks_critical", "risks/per_level/critical", "lower", headline=True),
    RowSpec("risks_high", "risks/per_level/high", "lower"),
    RowSpec("risks_medium", "risks/per_level/medium", "lower"),
    RowSpec("risks_low", "risks/per_level/low", None),
    RowSpec("top_risk_score", "risks/top_score", "lower", headline=True),
    RowSpec("findings_error", "findings/error", "lower", headline=True),
    RowSpec("findings_warning", "findings/warning", "lower"),
    RowSpec("findings_info", "findings/info", None),
    RowSpec("kpis_with_target", "kpis/with_target", "higher"),
    RowSpec("objectives_covered", "kpis/objectives_covered", "higher", headline=True),
    RowSpec("changes_added", "changes/added", None),
    RowSpec("changes_removed", "changes/removed", None),
    RowSpec("changes_changed", "changes/changed", None),
    RowSpec("changes_fields", "changes/fields", None),
)
MONEY = frozenset({"transition_p50", "transition_p80", "budget_total", "hidden_total",
                   "run_cost_before", "run_cost_after", "npv",
                   *(r.metric for r in HIDDEN_ROWS)})


class ComparisonRow(BaseModel):
    """One figure of every option side by side, and which options are best in it."""

    metric: str = Field(description="What the row shows; its label is compare_row.<metric>.")
    better: Better | None = Field(description="lower or higher is better; None: not ranked.")
    money: bool = Field(description="An amount in the options' currency.")
    headline: bool = Field(description="Named in the trade sentences.")
    values: list[float | None] = Field(description="One per option, in the options' order; "
                                                   "None where the option has no figure.")
    best: list[int] = Field(description="Indices of the best options (several on a tie); "
                                        "empty when every option is level or not ranked.")
    worst: list[int] = Field(description="Indices of the weakest options, as best.")


def _find(option: Any, path: str) -> tuple[bool, Any]:
    """(whether the option has the section the figure is in, the figure)."""
    value = option
    for part in path.split("/"):
        if value is None:
            return False, None
        value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
    return True, value


def _level(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=TOLERANCE)


def _extremes(ranked: list[tuple[int, float]], better: Better) -> tuple[list[int], list[int]]:
    """(best, worst) indices; none when fewer than two figures or all level."""
    if len(ranked) < 2:
        return [], []
    sign = 1.0 if better == "lower" else -1.0
    top = min(sign * v for _, v in ranked)
    bottom = max(sign * v for _, v in ranked)
    if _level(top, bottom):
        return [], []
    return ([i for i, v in ranked if _level(sign * v, top)],
            [i for i, v in ranked if _level(sign * v, bottom)])


def mark_row(spec: RowSpec, options: Sequence[Any], comparable: bool = True) -> ComparisonRow:
    """The row ``spec`` over ``options``; money rows of options in different currencies
    (``comparable`` false) are shown but not ranked."""
    values: list[float | None] = []
    ranked: list[tuple[int, float]] = []
    for n, option in enumerate(options):
        present, value = _find(option, spec.path)
        values.append(None if value is None else float(value))
        if value is not None:
            ranked.append((n, float(value)))
        elif present and spec.missing_is_worst and spec.better:
            ranked.append((n, math.inf if spec.better == "lower" else -math.inf))
    best, worst = ([], []) if spec.better is None or not comparable \
        else _extremes(ranked, spec.better)
    return ComparisonRow(metric=spec.metric, better=spec.better, money=spec.metric in MONEY,
                         headline=spec.headline, values=values, best=best, worst=worst)


def mark_rows(options: Sequence[Any], comparable_money: bool, with_changes: bool
              ) -> list[ComparisonRow]:
    """Every row of :data:`ROWS` over ``options`` (the baseline rows only ``with_changes``)."""
    return [mark_row(spec, options, comparable_money or spec.metric not in MONEY)
            for spec in ROWS if with_changes or not spec.path.startswith("changes/")]


def trade(index: int, name: str, rows: Sequence[ComparisonRow]) -> Message:
    """What option ``index`` trades, in one sentence: the headline rows it leads and those it
    trails (in the rows' order, a few each way)."""
    gains = [r.metric for r in rows if r.headline and index in r.best][:TRADE_ITEMS]
    costs = [r.metric for r in rows if r.headline and index in r.worst][:TRADE_ITEMS]
    if gains and costs:
        return message("compare.trade.both", option=name, gains=gains, costs=costs)
    if gains:
        return message("compare.trade.gains", option=name, gains=gains)
    if costs:
        return message("compare.trade.costs", option=name, costs=costs)
    ranked = [r for r in rows if r.headline and r.better is not None]
    shared = [r.metric for r in ranked  # figures of this option beside another option's
              if r.values[index] is not None and sum(v is not None for v in r.values) > 1]
    if not shared:
        return message("compare.trade.unranked", option=name)
    if len(shared) < sum(r.values[index] is not None for r in ranked):
        return message("compare.trade.level_on", option=name, rows=shared)
    return message("compare.trade.level", option=name)
