"""Portfolio selection on OR-Library multidimensional knapsacks: CP-SAT vs a greedy baseline.

Usage: .venv/bin/python benchmarks/mknap.py [--time-limit S] [--workers N] [--limit K] [FILES...]
Prints, per instance, the value, the best-known value and the gap for our CP-SAT selection and
for the greedy baseline measured in the same run, then the means per file.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from datasets import missing, shared_data
from opmodel.engines.planning.selection import greedy_selection, solve_selection
from opmodel.interop.mknap import read_best_known, read_mknap


def gap(value: int, best: int) -> float:
    """Percent below the best-known value."""
    return 100.0 * (best - value) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", type=Path,
                        help="instance files (default: mknapcb1.txt and mknapcb4.txt)")
    parser.add_argument("--shared-data", type=Path,
                        help="folder of the shared data sets (default: OPMODEL_SHARED_DATA, "
                             "else ../shared/data)")
    parser.add_argument("--time-limit", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="first K instances of each file")
    args = parser.parse_args()
    data = shared_data(args.shared_data) / "mknap"
    if not (data / "mkcbres.txt").exists():
        print(missing(data, "the OR-Library knapsacks"))
        return
    args.files = args.files or [data / "mknapcb1.txt", data / "mknapcb4.txt"]
    best = read_best_known(data / "mkcbres.txt")
    print(f"time limit {args.time_limit:g} s per instance, {args.workers} workers")
    print(f"{'instance':<10} {'best':>7} {'cp-sat':>7} {'gap%':>6} {'status':>8} {'s':>5} "
          f"{'greedy':>7} {'gap%':>6}")
    for path in args.files:
        instances = read_mknap(path)
        if args.limit:
            instances = instances[:args.limit]
        ours, base, times, optimal = [], [], [], 0
        for inst in instances:
            known = best[inst.name]
            greedy = greedy_selection(inst.problem)
            sol = solve_selection(inst.problem, time_limit=args.time_limit,
                                  workers=args.workers, hint=greedy.chosen)
            assert inst.problem.fits(set(sol.chosen)) and inst.problem.fits(set(greedy.chosen))
            ours.append(gap(sol.value, known))
            base.append(gap(greedy.value, known))
            times.append(sol.seconds)
            optimal += sol.status == "optimal"
            print(f"{inst.name:<10} {known:>7} {sol.value:>7} {ours[-1]:>6.3f} {sol.status:>8} "
                  f"{sol.seconds:>5.2f} {greedy.value:>7} {base[-1]:>6.3f}", flush=True)
        print(f"{path.name}: {len(instances)} instances, mean gap cp-sat "
              f"{statistics.mean(ours):.3f}% (max {max(ours):.3f}%, {optimal} proven optimal, "
              f"mean {statistics.mean(times):.2f} s), greedy {statistics.mean(base):.3f}% "
              f"(max {max(base):.3f}%)")


if __name__ == "__main__":
    main()
