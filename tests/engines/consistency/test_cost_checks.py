"""The hidden transition costs expected of initiatives: who expects them, what counts."""

from __future__ import annotations

from typing import Any

import pytest

from opmodel.document.roadmap import CostCategory
from opmodel.engines.consistency.checks import check
from opmodel.engines.consistency.cost_checks import expected
from opmodel.knowledge.rules import hidden_costs
from support import builders

PRODUCTIVITY, PARALLEL = CostCategory.productivity, CostCategory.parallel_running


def _model(initiatives: list[dict[str, Any]], impacts: list[dict[str, Any]],
           items: list[dict[str, Any]] | None = None) -> Any:
    return builders.model(roadmap={"initiatives": initiatives},
                          change={"groups": [{"id": "g"}],
                                  "impacts": [{"group": "g", **i} for i in impacts]},
                          budget={"items": items or []})


def _cost(id_: str, category: str, amount: float) -> dict[str, Any]:
    return {"id": id_, "category": category, "amount": amount}


def _rules(model: Any) -> list[tuple[str, str]]:
    return sorted((f.rule, f.path) for f in check(model).findings
                  if f.rule.startswith(("productivity-dip", "parallel-running")))


def test_only_strong_changes_expect_a_productivity_dip() -> None:
    floor = hidden_costs().get("productivity").impact_level
    build = [_cost("build", "capex", 100)]
    model = _model([{"id": "weak", "costs": build}, {"id": "strong", "costs": build}],
                   [{"initiative": "weak", "level": floor - 1},
                    {"initiative": "strong", "level": floor}])
    assert [e.initiative for e in expected(model, PRODUCTIVITY)] == ["strong"]
    assert _rules(model) == [("productivity-dip-missing", "roadmap.initiatives[strong].costs")]


def test_parallel_running_is_expected_where_tools_or_providers_change() -> None:
    build = [_cost("build", "capex", 100), _cost("dip", "productivity", 10)]
    model = _model([{"id": "tools", "costs": build}, {"id": "roles", "costs": build}],
                   [{"initiative": "tools", "level": 5, "areas": ["tools", "process"]},
                    {"initiative": "roles", "level": 5, "areas": ["role"]}])
    (row,) = expected(model, PARALLEL)
    assert (row.initiative, row.areas, row.level) == ("tools", ["tools"], 5)
    assert _rules(model) == [("parallel-running-missing", "roadmap.initiatives[tools].costs")]


def test_items_tied_to_the_initiative_count_as_its_own() -> None:
    model = _model([{"id": "a", "costs": [_cost("build", "capex", 60)]}],
                   [{"initiative": "a", "level": 4}],
                   [{"id": "run", "category": "opex", "amount": 40, "initiative": "a"},
                    {"id": "dip", "category": "productivity", "amount": 4, "initiative": "a"}])
    (row,) = expected(model, PRODUCTIVITY)
    assert (row.direct, row.budgeted) == (100, 4)
    assert _rules(model) == [("productivity-dip-too-small", "roadmap.initiatives[a].costs")]


def test_a_shared_item_is_spread_by_direct_cost_over_those_that_expect_it() -> None:
    model = _model([{"id": "big", "costs": [_cost("build", "capex", 300)]},
                    {"id": "small", "costs": [_cost("build", "capex", 100)]},
                    {"id": "quiet", "costs": [_cost("build", "capex", 1000)]}],
                   [{"initiative": "big", "level": 4}, {"initiative": "small", "level": 5}],
                   [{"id": "backfill", "category": "productivity", "amount": 40}])
    shares = {e.initiative: e.budgeted for e in expected(model, PRODUCTIVITY)}
    assert shares == pytest.approx({"big": 30, "small": 10})  # quiet expects no dip
    assert _rules(model) == []  # 10 % of each


def test_the_share_is_of_the_direct_cost_and_not_judged_without_any() -> None:
    floor = hidden_costs().get("productivity").min_share
    below, at = floor * 100 * 0.9, floor * 100
    for amount, fires in ((below, True), (at, False)):
        model = _model([{"id": "a", "costs": [_cost("build", "opex", 100),
                                              _cost("dip", "productivity", amount)]}],
                       [{"initiative": "a", "level": 4}])
        assert bool(_rules(model)) is fires
    model = _model([{"id": "a", "costs": [_cost("dip", "productivity", 1)]}],
                   [{"initiative": "a", "level": 4}])
    assert _rules(model) == []


def test_the_messages_name_the_floor_in_both_languages() -> None:
    model = _model([{"id": "a", "costs": [_cost("build", "capex", 100),
                                          _cost("dip", "productivity", 1)]}],
                   [{"initiative": "a", "level": 4, "areas": ["tools"]}])
    found = {f.rule: f.message for f in check(model).findings}
    small = found["productivity-dip-too-small"]
    assert "1.0%" in small.text("en") and "5%" in small.text("en")
    assert "1.0%" in small.text("ja") and "hidden_costs.yaml" in small.hint("ja")
    missing = found["parallel-running-missing"]
    assert "tools" in missing.text("en") and "ツール" in missing.text("ja")
