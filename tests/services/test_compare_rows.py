"""The sentence of what an option trades: its best and weakest headline figures, level where
the others have the same figures, and no ranking where no other option has a figure beside
its own (an option that could not be planned, say)."""

from __future__ import annotations

from opmodel.services.compare_rows import ComparisonRow, trade


def _row(metric: str, values: list[float | None], best: list[int] = [],  # noqa: B006
         worst: list[int] = []) -> ComparisonRow:  # noqa: B006
    return ComparisonRow(metric=metric, better="lower", money=False, headline=True,
                         values=values, best=best, worst=worst)


def test_best_and_weakest_are_named() -> None:
    rows = [_row("transition_p80", [1.0, 2.0], best=[0], worst=[1]),
            _row("npv", [5.0, 3.0], best=[1], worst=[0])]
    said = trade(0, "A", rows)
    assert said.code == "compare.trade.both"
    assert said.params["gains"] == ["transition_p80"] and said.params["costs"] == ["npv"]


def test_level_on_every_figure_both_have() -> None:
    assert trade(0, "A", [_row("npv", [5.0, 5.0])]).code == "compare.trade.level"


def test_level_only_where_the_other_has_figures_says_which() -> None:
    rows = [_row("transition_p80", [1.0, None]), _row("findings_error", [0.0, 0.0])]
    said = trade(0, "A", rows)
    assert said.code == "compare.trade.level_on" and said.params["rows"] == ["findings_error"]
    assert trade(1, "B", rows).code == "compare.trade.level"  # B's one figure is level


def test_no_figure_beside_another_is_not_ranked() -> None:
    rows = [_row("transition_p80", [1.0, None]), _row("npv", [2.0, None])]
    assert trade(0, "A", rows).code == "compare.trade.unranked"
