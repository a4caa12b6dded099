"""Scenario comparison as a use case: every figure is the engines' own, each row marks its
best and weakest options in its direction with ties, the baseline's changes are the diff's
counts, the same seed gives the same comparison, and what cannot be compared says why."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest

from opmodel.document import DocumentError, OperatingModel
from opmodel.engines.planning.costs import HIDDEN
from opmodel.interop.model_files import load
from opmodel.services import assessment, change, design, documents, planning
from opmodel.services.compare import CompareOptions, Comparison, compare
from opmodel.services.compare_rows import ROWS
from opmodel.services.results import to_data
from support.builders import model
from support.scenarios import CURRENT, as_model, centralized_data, federated_data, twin_data

TODAY = dt.date(2027, 1, 4)
SETTINGS = CompareOptions(time_limit=5, iterations=2000, seed=3)


@pytest.fixture(scope="module")
def options() -> list[OperatingModel]:
    """Federated, centralized with a big-bang cut-over, and a copy of the federated one."""
    return [as_model(federated_data()), as_model(centralized_data()), as_model(twin_data())]


@pytest.fixture(scope="module")
def compared(options: list[OperatingModel]) -> Comparison:
    return compare(options, load(CURRENT), SETTINGS, today=TODAY)


def _row(result: Comparison, metric: str) -> Any:
    return next(r for r in result.rows if r.metric == metric)


def test_the_plan_figures_are_the_plans(compared: Comparison,
                                        options: list[OperatingModel]) -> None:
    for option, document in zip(compared.options, options, strict=True):
        plan = planning.plan(document, planning.PlanOptions(
            time_limit=SETTINGS.time_limit, iterations=SETTINGS.iterations, seed=SETTINGS.seed),
            today=TODAY)
        assert plan.risk is not None and option.plan is not None
        figures = option.plan
        assert (figures.transition_p50, figures.transition_p80) == (plan.risk.cost.p50,
                                                                   plan.risk.cost.p80)
        assert (figures.completion_p50, figures.completion_p80) == (plan.risk.completion.p50,
                                                                   plan.risk.completion.p80)
        assert figures.completion_p80_date == plan.risk.completion_dates["p80"]
        assert figures.budget_total == plan.budget.total
        assert figures.hidden == {c.value: plan.budget.by_category[c.value] for c in HIDDEN}
        assert (figures.npv, figures.payback_years) == (plan.budget.npv,
                                                        plan.budget.payback_years)
        run = plan.budget.run_cost
        assert figures.run_cost_after == run.after_fixed + run.after_variable
        ranked = sorted(plan.risk.initiatives, key=lambda x: (-x.criticality, x.id))
        assert [c.id for c in figures.critical] == [x.id for x in ranked
                                                   if x.criticality > 0][:5]


def test_the_other_figures_are_the_engines(compared: Comparison,
                                           options: list[OperatingModel]) -> None:
    current = load(CURRENT)
    for option, document in zip(compared.options, options, strict=True):
        ranking = assessment.recommend(document, current)
        assert option.fit == next(s.score for s in ranking.structures
                                  if s.type == option.structure)
        assert option.recommended_structure == ranking.structure
        assert option.findings == design.check(document).counts
        assert option.risks.per_level == change.report(document).risks.per_level
        diff = documents.diff(current, document)
        assert option.changes is not None
        assert (option.changes.added, option.changes.removed, option.changes.changed,
                option.changes.fields) == (len(diff.added), len(diff.removed),
                                           len(diff.changed), len(diff.fields))
        assert sum(option.changes.by_collection.values()) == (
            len(diff.added) + len(diff.removed) + len(diff.changed))


def test_each_row_marks_the_best_and_weakest_in_its_direction(compared: Comparison) -> None:
    assert [r.metric for r in compared.rows] == [s.metric for s in ROWS]
    ranked = 0
    for row in compared.rows:
        known = [v for v in row.values if v is not None]
        if row.better is None or not row.best:
            assert not row.best and not row.worst
            continue
        ranked += 1
        top = min(known) if row.better == "lower" else max(known)
        bottom = max(known) if row.better == "lower" else min(known)
        assert {i for i, v in enumerate(row.values) if v == top} == set(row.best), row.metric
        assert {i for i, v in enumerate(row.values) if v == bottom} == set(row.worst)
    assert ranked >= 8


def test_a_copy_ties_with_its_original_and_a_level_row_marks_nobody(
        compared: Comparison) -> None:
    fit = _row(compared, "fit")
    assert fit.better == "higher" and fit.best == [0, 2] and fit.worst == [1]
    # the centralized option is cheaper: lower is better there
    cost = _row(compared, "transition_p80")
    assert cost.better == "lower" and cost.best == [1] and cost.worst == [0, 2]
    level = [r for r in compared.rows if r.values[0] == r.values[1] == r.values[2]]
    assert level and all(not r.best and not r.worst for r in level)


def test_each_option_says_what_it_trades_from_its_rows(compared: Comparison) -> None:
    federated, centralized, twin = compared.options
    assert centralized.trade.code == "compare.trade.both"
    assert "transition_p80" in centralized.trade.params["gains"]
    assert "fit" in centralized.trade.params["costs"]
    assert federated.trade.params == {**twin.trade.params, "option": federated.name}
    for option in compared.options:
        for lang in ("en", "ja"):
            text = option.trade.text(lang)
            assert option.name in text and "{" not in text and text.count("。") <= 1


def test_the_same_seed_gives_the_same_comparison(compared: Comparison,
                                                 options: list[OperatingModel]) -> None:
    again = compare(options, load(CURRENT), SETTINGS, today=TODAY)
    assert to_data(again) == to_data(compared)


def test_without_a_baseline_there_are_no_change_rows(options: list[OperatingModel]) -> None:
    result = compare(options[:2], None, CompareOptions(time_limit=2, iterations=0),
                     today=TODAY)
    assert all(not r.metric.startswith("changes_") for r in result.rows)
    assert all(o.changes is None for o in result.options)
    # no simulation: no P50/P80, and nothing to rank there
    assert _row(result, "transition_p80").values == [None, None]
    assert _row(result, "transition_p80").best == []


def test_an_option_that_cannot_be_planned_is_compared_without_a_plan(
        options: list[OperatingModel]) -> None:
    bare = model("bare", metadata={"currency": "USD"})
    result = compare([options[0], bare], None, CompareOptions(time_limit=2, iterations=500),
                     today=TODAY)
    assert result.options[1].plan is None
    assert [p.code for p in result.options[1].problems] == ["plan.no_initiatives"]
    assert [n.code for n in result.notes] == ["compare.not_planned"]
    npv = _row(result, "npv")
    assert npv.values[1] is None and npv.best == []


def test_amounts_in_different_currencies_are_not_ranked(options: list[OperatingModel]) -> None:
    data = federated_data()
    data["metadata"]["currency"] = "EUR"
    result = compare([options[0], as_model(data)], None,
                     CompareOptions(time_limit=2, iterations=0), today=TODAY)
    assert [n.code for n in result.notes] == ["compare.currencies_differ"]
    money = [r for r in result.rows if r.money]
    assert money and all(not r.best for r in money)


def test_fewer_than_two_options_is_a_problem(options: list[OperatingModel]) -> None:
    with pytest.raises(DocumentError) as raised:
        compare(options[:1], None, today=TODAY)
    assert [p.code for p in raised.value.problems] == ["compare.too_few_options"]


def test_progress_covers_every_option_and_a_stop_is_heard(
        options: list[OperatingModel]) -> None:
    heard: list[Any] = []
    result = compare(options[:2], None, CompareOptions(time_limit=2, iterations=500),
                     today=TODAY, progress=heard.append)
    overall = [p.fraction for p in heard if p.stage == "compare"]
    assert overall == sorted(overall) and overall[-1] == 1.0
    assert {p.detail.params["number"] for p in heard if p.stage == "compare" and p.detail} \
        == {1, 2}
    assert not result.stopped
    stopped = compare(options[:2], None, CompareOptions(time_limit=2, iterations=500),
                      today=TODAY, should_stop=lambda: True)
    assert stopped.stopped


def test_the_payback_not_within_the_horizon_is_the_weakest() -> None:
    from opmodel.services.compare_rows import mark_row

    spec = next(s for s in ROWS if s.metric == "payback_years")
    options = [{"plan": {"payback_years": 4.0}}, {"plan": {"payback_years": None}},
               {"plan": None}]
    row = mark_row(spec, options)
    assert (row.best, row.worst) == ([0], [1])
    assert math.isclose(row.values[0] or 0, 4.0) and row.values[1:] == [None, None]
