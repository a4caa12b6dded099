"""Monte Carlo risk: analytic cases, dependency types, criticality, drivers, reproducibility."""

import datetime as dt
import math
import random

import numpy as np
import pytest

from opmodel.document.model import OperatingModel
from opmodel.engines.planning.montecarlo.network import Network, network_of
from opmodel.engines.planning.montecarlo.propagation import critical, propagate
from opmodel.engines.planning.montecarlo.sampling import quantile_table, sample
from opmodel.engines.planning.montecarlo.simulation import simulate, simulate_network
from opmodel.engines.progress import Progress
from support.builders import estimate, model, roadmap


def _model(initiatives: list[dict], start: str | None = "2026-04-01") -> OperatingModel:
    return model(roadmap=roadmap(initiatives, start=start))


def _triangular_quantile(p: float, a: float, c: float, b: float) -> float:
    if p < (c - a) / (b - a):
        return a + math.sqrt(p * (b - a) * (c - a))
    return b - math.sqrt((1 - p) * (b - a) * (b - c))


def test_single_triangular_task_matches_the_analytic_percentiles() -> None:
    r = simulate(_model([{"id": "a", "duration": estimate(2, 4, 10)}]), iterations=100_000,
                 seed=3, distribution="triangular")
    for p in (10, 50, 80, 90):
        assert r.completion.at(p) == pytest.approx(_triangular_quantile(p / 100, 2, 4, 10),
                                                   abs=0.03)
    assert r.completion.mean == pytest.approx((2 + 4 + 10) / 3, abs=0.02)


def test_pert_mean_and_quantiles_match_numpy_beta() -> None:
    o, m, p = 2.0, 5.0, 14.0
    r = simulate(_model([{"id": "a", "duration": estimate(o, m, p)}]), iterations=100_000, seed=1)
    assert r.completion.mean == pytest.approx((o + 4 * m + p) / 6, abs=0.03)
    ref = o + np.random.default_rng(0).beta(1 + 4 * (m - o) / (p - o),
                                            1 + 4 * (p - m) / (p - o), 400_000) * (p - o)
    for q in (10, 50, 90):
        assert r.completion.at(q) == pytest.approx(np.percentile(ref, q), abs=0.06)


def test_finish_to_start_with_lag_and_start_to_start() -> None:
    fixed = {"a": estimate(4, 4, 4), "b": estimate(3, 3, 3), "c": estimate(2, 2, 2)}
    m = _model([{"id": "a", "duration": fixed["a"]},
                {"id": "b", "duration": fixed["b"],
                 "depends_on": [{"initiative": "a", "type": "fs", "lag": 1}]},
                {"id": "c", "duration": fixed["c"],
                 "depends_on": [{"initiative": "b", "type": "ss", "lag": 5}]}])
    r = simulate(m, iterations=50)
    # a 0–4, b 5–8, c starts 5 weeks after b starts: 10–12
    assert r.completion.p10 == r.completion.p90 == 12.0
    # 12 working weeks from Wednesday 1 April end on Tuesday 23 June
    assert r.completion_dates["p50"] == dt.date(2026, 6, 23)


def test_a_lead_never_starts_before_the_plan() -> None:
    m = _model([{"id": "a", "duration": estimate(2, 2, 2)},
                {"id": "b", "duration": estimate(3, 3, 3),
                 "depends_on": [{"initiative": "a", "type": "ss", "lag": -1}]}])
    assert simulate(m, iterations=10).completion.p50 == 3.0  # b runs 0–3, not −1–2


def test_the_s_curves_rise_through_the_reported_percentiles() -> None:
    costs = [{"id": "c", "category": "capex", "amount": 100, "low": 50, "high": 150}]
    r = simulate(_model([{"id": "a", "duration": estimate(2, 4, 10), "costs": costs},
                         {"id": "b", "duration": estimate(1, 3, 6), "depends_on": ["a"]}]),
                 iterations=20_000, seed=5)
    assert [c.percentile for c in r.curve] == list(range(0, 101, 5))
    weeks, costs = [c.weeks for c in r.curve], [c.cost for c in r.curve]
    assert weeks == sorted(weeks) and costs == sorted(costs) and weeks[0] < weeks[-1]
    for c in r.curve:
        if c.percentile in (10, 50, 80, 90):
            assert c.weeks == pytest.approx(r.completion.at(c.percentile))
            assert c.cost == pytest.approx(r.cost.at(c.percentile))
            assert c.date == r.completion_dates[f"p{c.percentile}"]
    assert simulate(_model([{"id": "a", "duration": estimate(1, 1, 1)}]),
                    iterations=0).curve == []


def test_completion_dates_skip_holidays_like_the_schedule() -> None:
    m = _model([{"id": "a", "duration": estimate(1, 1, 1)}])
    m.roadmap.calendar.holidays = [dt.date(2026, 4, 3)]  # type: ignore[union-attr]
    assert simulate(m, iterations=10).completion_dates["p50"] == dt.date(2026, 4, 8)


def test_earliest_start_delays_an_initiative() -> None:
    m = _model([{"id": "a", "duration": estimate(1, 1, 1), "earliest_start": "2026-04-29"}])
    assert simulate(m, iterations=10).completion.p50 == pytest.approx(5.0)


def test_a_dominant_chain_is_critical_and_drives_completion() -> None:
    m = _model([{"id": "long-1", "duration": estimate(8, 10, 14)},
                {"id": "long-2", "duration": estimate(8, 10, 16), "depends_on": ["long-1"]},
                {"id": "short", "duration": estimate(1, 2, 3)}])
    r = simulate(m, iterations=20_000, seed=2)
    crit = {x.id: x.criticality for x in r.initiatives}
    assert crit["long-1"] == pytest.approx(1.0)
    assert crit["long-2"] == pytest.approx(1.0)
    assert crit["short"] == pytest.approx(0.0)
    assert r.drivers[-1] == "short"
    corr = {x.id: x for x in r.initiatives}
    assert corr["long-2"].correlation > 0.5
    assert corr["long-2"].high > corr["long-2"].low  # tornado: slow long-2, late finish


def test_same_seed_same_answer_other_seed_differs() -> None:
    m = _model([{"id": "a", "duration": estimate(1, 3, 9)}, {"id": "b", "duration": estimate(2, 3, 4),
                                                      "depends_on": ["a"]}])
    one = simulate(m, iterations=3000, seed=7)
    assert simulate(m, iterations=3000, seed=7) == one
    assert simulate(m, iterations=3000, seed=8).completion != one.completion


def test_chunked_runs_agree_statistically() -> None:
    net = network_of(_model([{"id": "a", "duration": estimate(1, 3, 9)}]))
    whole = simulate_network(net, iterations=40_000, seed=1)
    parts = simulate_network(net, iterations=40_000, seed=1, chunk=1000)
    assert parts.iterations == 40_000
    assert parts.completion.p80 == pytest.approx(whole.completion.p80, abs=0.05)


def test_correlation_widens_the_spread_of_total_cost() -> None:
    costs = [{"id": "cost-9", "category": "capex", "amount": 100, "low": 50, "high": 150}]
    m = _model([{"id": f"i{k}", "duration": estimate(1, 2, 3), "costs": costs} for k in range(10)])
    free = simulate(m, iterations=20_000, seed=1)
    tied = simulate(m, iterations=20_000, seed=1, correlation=0.9)
    assert free.cost.p50 == pytest.approx(1000, rel=0.01)
    assert (tied.cost.p90 - tied.cost.p10) > 2 * (free.cost.p90 - free.cost.p10)


def test_convergence_reports_checkpoints_and_where_p80_settles() -> None:
    r = simulate(_model([{"id": "a", "duration": estimate(1, 3, 9)}]), iterations=10_000)
    counts = [c.iterations for c in r.convergence]
    assert counts == sorted(counts) and counts[-1] == 10_000
    assert r.stable_at is not None and r.stable_at <= 10_000
    assert abs(r.convergence[-1].p80 - r.completion.p80) < 1e-9


def test_a_stop_ends_after_the_first_chunk() -> None:
    net = network_of(_model([{"id": "a", "duration": estimate(1, 3, 9)}]))
    seen: list[Progress] = []
    r = simulate_network(net, iterations=100_000, chunk=1000, should_stop=lambda: True,
                         progress=seen.append)
    assert r.stopped and r.iterations == 1000
    assert [(p.stage, p.fraction) for p in seen] == [("risk", 0.01)]
    assert seen[0].detail is not None and seen[0].detail.text("en") == "1,000 / 100,000 iterations"


def _python_reference(net: Network, dur: np.ndarray) -> tuple[list[float], list[list[bool]]]:
    # single-precision scalars round exactly as the vectorised arrays do
    f32 = np.float32
    ends, crits = [], []
    for it in range(dur.shape[1]):
        start, finish = [f32(0)] * net.size, [f32(0)] * net.size
        for i in range(net.size):
            s = f32(net.earliest[i])
            for p, ss, lag in net.preds[i]:
                s = max(s, (start[p] if ss else finish[p]) + f32(lag))
            start[i], finish[i] = s, s + dur[i, it]
        end = max(finish)
        crit = [f == end for f in finish]
        for i in range(net.size - 1, -1, -1):
            for p, ss, lag in net.preds[i]:
                if crit[i] and (start[p] if ss else finish[p]) + f32(lag) == start[i]:
                    crit[p] = True
        ends.append(end)
        crits.append(crit)
    return ends, crits


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_vectorised_propagation_equals_a_per_iteration_loop(seed: int) -> None:
    # ties (fixed durations), negative lags, earliest starts and a repeated prerequisite
    rnd = random.Random(seed)
    inis = []
    for k in range(60):
        deps = [{"initiative": f"i{j}", "type": rnd.choice(["fs", "ss"]),
                 "lag": rnd.choice([0, 0, 1, -0.5])}
                for j in rnd.sample(range(k), min(k, rnd.choice([1, 1, 2, 3])))]
        if k == 30:
            deps.append({"initiative": "i3", "type": "ss", "lag": 2})
        fixed = rnd.random() < 0.3
        inis.append({"id": f"i{k}", "depends_on": deps,
                     "duration": estimate(2, 2, 2) if fixed else estimate(1, 2 + rnd.random(), 6)})
    planned = {f"i{k}": float(rnd.choice([0, 3, 8])) for k in rnd.sample(range(60), 12)}
    net = network_of(_model(inis), planned=planned)
    dur = sample(np.random.default_rng(seed), quantile_table(net.low, net.mode, net.high), 300)
    times, completion = propagate(net, dur)
    crit = critical(net, times, completion)
    ends, crits = _python_reference(net, dur)
    assert np.array_equal(completion, np.asarray(ends))
    assert np.array_equal(crit, np.asarray(crits).T)
    assert 0 < crit.mean() < 1  # some of each


def test_planned_starts_hold_initiatives_back_until_their_teams_are_free() -> None:
    m = _model([{"id": "a", "duration": estimate(2, 3, 4)},
                {"id": "b", "duration": estimate(1, 1, 1)}])
    free = simulate(m, iterations=2000, seed=1)
    levelled = simulate(m, iterations=2000, seed=1, planned={"a": 0.0, "b": 6.0})
    assert free.completion.p90 <= 4.0
    assert levelled.completion.p10 == pytest.approx(7.0)  # b waits for week 6, then 1 week
