"""Monte Carlo risk on a 1,000-initiative roadmap (~2,000 dependencies).

Usage: .venv/bin/python benchmarks/montecarlo.py [--initiatives N] [--iterations N] [--big N]
Prints the vectorised time at --iterations, the ratio to a straightforward per-iteration Python
implementation over the same samples (run on a subset and scaled), and the peak memory of a
run at --big iterations (tracemalloc, which sees numpy's buffers, and the process's max RSS).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import numpy as np

from opmodel.document.model import OperatingModel
from opmodel.engines.montecarlo import chunk_size, simulate_network
from opmodel.engines.risk_network import critical, network_of, propagate, sample


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
            "costs": [{"category": "capex", "amount": 100.0, "low": 80.0, "high": 150.0}]})
    return OperatingModel.model_validate({"metadata": {"name": "bench"},
                                          "roadmap": {"initiatives": initiatives}})


def per_iteration(net, dur: np.ndarray) -> tuple[list[float], list[list[bool]]]:
    """The straightforward way: one iteration at a time, plain Python floats."""
    completions, crits = [], []
    for it in range(dur.shape[1]):
        d = [float(x) for x in dur[:, it]]
        start = [0.0] * net.size
        finish = [0.0] * net.size
        for i in range(net.size):
            s = net.earliest[i]
            for p, ss, lag in net.preds[i]:
                s = max(s, (start[p] if ss else finish[p]) + lag)
            start[i] = s
            finish[i] = s + d[i]
        end = max(finish)
        crit = [f == end for f in finish]
        for i in range(net.size - 1, -1, -1):
            if crit[i]:
                for p, ss, lag in net.preds[i]:
                    if (start[p] if ss else finish[p]) + lag == start[i]:
                        crit[p] = True
        completions.append(end)
        crits.append(crit)
    return completions, crits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--initiatives", type=int, default=1000)
    parser.add_argument("--dependencies", type=int, default=2000)
    parser.add_argument("--iterations", type=int, default=10_000)
    parser.add_argument("--baseline-iterations", type=int, default=200)
    parser.add_argument("--big", type=int, default=100_000)
    args = parser.parse_args()
    net = network_of(roadmap(args.initiatives, args.dependencies))
    edges = sum(len(p) for p in net.preds)
    print(f"{net.size} initiatives, {edges} dependencies, {args.iterations:,} iterations, "
          f"chunk {chunk_size(net.size, args.iterations):,}")

    simulate_network(net, iterations=1000, seed=1)  # warm up numpy
    began = time.perf_counter()
    result = simulate_network(net, iterations=args.iterations, seed=1)
    vector = time.perf_counter() - began
    print(f"vectorised: {vector:.3f} s (P50 {result.completion.p50:.1f}, P80 "
          f"{result.completion.p80:.1f} weeks; P80 stable after {result.stable_at} iterations)")

    # the same samples through both implementations
    k = args.baseline_iterations
    rng = np.random.default_rng(3)
    dur = sample(rng, net.low, net.mode, net.high, k, "pert")
    began = time.perf_counter()
    ends, crits = per_iteration(net, dur)
    slow = time.perf_counter() - began
    start, finish, completion = propagate(net, dur)
    crit = critical(net, start, finish, completion)
    assert np.array_equal(np.asarray(ends), completion), "implementations disagree"
    assert np.array_equal(np.asarray(crits).T, crit), "criticality disagrees"
    scaled = slow / k * args.iterations
    print(f"per-iteration Python: {slow:.3f} s for {k} iterations, scaled to "
          f"{args.iterations:,}: {scaled:.1f} s (same results on the subset)")
    print(f"speed-up: {scaled / vector:.0f}x")

    tracemalloc.start()
    began = time.perf_counter()
    big = simulate_network(net, iterations=args.big, seed=1)
    seconds = time.perf_counter() - began
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.big:,} iterations: {seconds:.2f} s, peak traced memory {peak / 2**20:.0f} MiB, "
          f"process max RSS {rss:.0f} MiB (P80 {big.completion.p80:.1f} weeks)")


if __name__ == "__main__":
    main()
