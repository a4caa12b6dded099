"""Monte Carlo risk on a 1,000-initiative roadmap (~2,000 dependencies).

Usage: .venv/bin/python benchmarks/montecarlo.py [--initiatives N] [--iterations N] [--big N] [--runs N]
Prints the vectorised time at --iterations, the ratio to a straightforward per-iteration Python
implementation over the same samples (run on a subset and scaled), and the peak memory of a
run at --big iterations (tracemalloc, which sees numpy's buffers, and the process's max RSS).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import numpy as np

from opmodel.document.model import OperatingModel
from opmodel.engines.planning.montecarlo.network import network_of
from opmodel.engines.planning.montecarlo.propagation import critical, propagate
from opmodel.engines.planning.montecarlo.sampling import (
    quantile_table,
    sample,
    table_quantile,
    table_variance,
)
from opmodel.engines.planning.montecarlo.simulation import (
    _Sums,
    chunk_size,
    one_blas_thread,
    simulate_network,
)


def roadmap(n: int, edges: int, seed: int = 7) -> OperatingModel:
    """A random layered roadmap: each dependency points to an earlier initiative."""
    rnd = random.Random(seed)
    deps: dict[int, list[object]] = {i: [] for i in range(n)}
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < edges:
        j = rnd.randrange(1, n)
        i = rnd.randrange(max(0, j - 60), j)
        pairs.add((j, i))
    for j, i in pairs:
        kind = "ss" if rnd.random() < 0.2 else "fs"
        deps[j].append({"initiative": f"i{i}", "type": kind, "lag": rnd.choice([0, 0, 1, 2])})
    initiatives = []
    for i in range(n):
        o = rnd.uniform(1, 6)
        m = o + rnd.uniform(0, 6)
        p = m + rnd.uniform(0, 12)
        initiatives.append({
            "id": f"i{i}", "duration": {"optimistic": o, "most_likely": m, "pessimistic": p},
            "depends_on": deps[i],
            "costs": [{"id": f"cost-{i}", "category": "capex", "amount": 100.0, "low": 80.0,
                       "high": 150.0}]})
    return OperatingModel.model_validate({"metadata": {"name": "bench"},
                                          "roadmap": {"initiatives": initiatives}})


def per_iteration(net, dur: np.ndarray, cut_low: np.ndarray, cut_high: np.ndarray) -> dict:
    """The straightforward way: one iteration at a time in plain Python, same outputs.

    Per iteration: forward pass, completion, critical path walked back, and the running
    sums behind the drivers (duration × completion) and the tornado bars.
    """
    n = net.size
    lows, highs = [float(x) for x in cut_low], [float(x) for x in cut_high]
    crit_count = [0] * n
    sum_d = [0.0] * n
    sum_dc = [0.0] * n
    low_sum = [0.0] * n
    high_sum = [0.0] * n
    completions = []
    for it in range(dur.shape[1]):
        d = [float(x) for x in dur[:, it]]
        start = [0.0] * n
        finish = [0.0] * n
        for i in range(n):
            s = net.earliest[i]
            for p, ss, lag in net.preds[i]:
                s = max(s, (start[p] if ss else finish[p]) + lag)
            start[i] = s
            finish[i] = s + d[i]
        end = max(finish)
        crit = [f == end for f in finish]
        for i in range(n - 1, -1, -1):
            if crit[i]:
                for p, ss, lag in net.preds[i]:
                    if (start[p] if ss else finish[p]) + lag == start[i]:
                        crit[p] = True
        for i in range(n):
            crit_count[i] += crit[i]
            sum_d[i] += d[i]
            sum_dc[i] += d[i] * end
            if d[i] <= lows[i]:
                low_sum[i] += end
            if d[i] >= highs[i]:
                high_sum[i] += end
        completions.append(end)
    return {"completion": completions, "critical": crit_count, "dc": sum_dc, "low": low_sum,
            "high": high_sum}


def timed(fn, *args, **kw):
    """(result, wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn(*args, **kw)
    return out, time.perf_counter() - wall, time.process_time() - cpu


def median_timed(runs: int, fn, *args, **kw):
    """(result, median wall seconds, median CPU seconds) of ``runs`` runs after a warm-up."""
    fn(*args, **kw)
    times = [timed(fn, *args, **kw) for _ in range(runs)]
    return (times[-1][0], statistics.median(t[1] for t in times),
            statistics.median(t[2] for t in times))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--initiatives", type=int, default=1000)
    parser.add_argument("--dependencies", type=int, default=2000)
    parser.add_argument("--iterations", type=int, default=10_000)
    parser.add_argument("--baseline-iterations", type=int, default=500)
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5,
                        help="timed runs of the vectorised code, after a warm-up (median shown)")
    args = parser.parse_args()
    net = network_of(roadmap(args.initiatives, args.dependencies))
    edges = sum(len(p) for p in net.preds)
    print(f"{net.size} initiatives, {edges} dependencies, {args.iterations:,} iterations, "
          f"chunk {chunk_size(net.size, args.iterations):,}; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

    result, wall, cpu = median_timed(args.runs, simulate_network, net,
                                     iterations=args.iterations, seed=1)
    print(f"vectorised, end to end (sampling included), median of {args.runs}: {wall:.3f} s wall, {cpu:.3f} s CPU "
          f"(P50 {result.completion.p50:.1f}, P80 {result.completion.p80:.1f} weeks; "
          f"P80 stable after {result.stable_at} iterations)")

    # the same samples through both implementations; drawn chunk by chunk into contiguous
    # arrays, as simulate_network holds them
    k = args.baseline_iterations
    table = quantile_table(net.low, net.mode, net.high)
    lo, hi = table_quantile(table, 0.1), table_quantile(table, 0.9)
    var = table_variance(table)
    size = chunk_size(net.size, args.iterations)
    rng = np.random.default_rng(3)
    chunks = [sample(rng, table, min(size, args.iterations - c))
              for c in range(0, args.iterations, size)]
    sub = chunks[0][:, :k]
    assert sub.shape[1] == k, "the baseline runs on the first chunk"
    slow, slow_wall, slow_cpu = timed(per_iteration, net, sub, lo, hi)

    def vectorised(parts: list[np.ndarray]) -> _Sums:
        """The engine's propagation and statistics, chunk by chunk as simulate_network runs."""
        sums = _Sums(net.size, lo, hi, var)
        flat = np.empty(2 * net.size * size, dtype=np.float32)
        with one_blas_thread():
            for part in parts:
                times = flat[:part.size * 2].reshape(2 * net.size, part.shape[1])
                times, completion = propagate(net, part, times)
                sums.add(part, completion, critical(net, times, completion))
        return sums

    _, fast_wall, fast_cpu = median_timed(args.runs, vectorised, chunks)
    t2, c2 = propagate(net, sub)
    cr2 = critical(net, t2, c2)
    check = _Sums(net.size, lo, hi, var)
    check.add(sub, c2, cr2)
    # the loop adds in double precision, the arrays in single: equal up to rounding
    assert np.allclose(slow["completion"], c2, rtol=1e-5), "completion disagrees"
    agree = 1 - np.abs(np.asarray(slow["critical"]) - check.crit).sum() / check.crit.sum()
    assert agree > 0.999, f"criticality disagrees ({agree:.4%})"
    assert np.allclose(slow["dc"], check.dc, rtol=1e-4), "driver sums disagree"
    assert np.allclose(slow["low"], check.low_sum, rtol=1e-3), "tornado sums disagree"
    assert np.allclose(slow["high"], check.high_sum, rtol=1e-3), "tornado sums disagree"
    scale = args.iterations / k
    print(f"per-iteration Python on the same samples: {slow_wall:.3f} s wall, {slow_cpu:.3f} s "
          f"CPU for {k} iterations; scaled to {args.iterations:,}: {slow_wall * scale:.1f} s "
          f"wall, {slow_cpu * scale:.1f} s CPU (same completion, criticality, driver and tornado "
          f"sums; critical flags agree on {agree:.3%})")
    print(f"vectorised on the same samples (no sampling), median of {args.runs}: "
          f"{fast_wall:.3f} s wall, "
          f"{fast_cpu:.3f} s CPU")
    print(f"speed-up, like for like: {slow_wall * scale / fast_wall:.0f}x wall, "
          f"{slow_cpu * scale / fast_cpu:.0f}x CPU; end to end incl. sampling: "
          f"{slow_wall * scale / wall:.0f}x wall, {slow_cpu * scale / cpu:.0f}x CPU")

    del chunks, sub, slow
    tracemalloc.start()
    big, seconds, _ = timed(simulate_network, net, iterations=args.big, seed=1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.big:,} iterations: {seconds:.2f} s, peak traced memory {peak / 2**20:.0f} MiB, "
          f"process max RSS {rss:.0f} MiB (P80 {big.completion.p80:.1f} weeks)")


if __name__ == "__main__":
    main()
