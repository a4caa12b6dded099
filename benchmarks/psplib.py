"""PSPLIB benchmark: our scheduler against a plain textbook CP-SAT model and the serial
heuristic, on j30 and j60, at the same time limit per instance, in the same run.

    .venv/bin/python benchmarks/psplib.py                 # every 10th instance of j30 and j60
    .venv/bin/python benchmarks/psplib.py --all           # all 480 + 480
    .venv/bin/python benchmarks/psplib.py --time-limit 5  # one limit for every set
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from opmodel.engines.scheduling import Network, solve, verify
from opmodel.engines.scheduling_cpsat import default_workers, solve_plain
from opmodel.interop.psplib import read_psplib

DATA = Path("/work/shared/data/psplib")
LIMITS = {"j30": 1.0, "j60": 10.0}  # the targets' time limits per instance


@dataclass
class Run:
    """One method on one instance."""

    makespan: int
    optimal: bool
    seconds: float


def _order(path: Path) -> tuple[int, int]:
    found = re.match(r"j\d0(\d+)_(\d+)", path.stem)
    return (int(found.group(1)), int(found.group(2))) if found else (0, 0)


def instances(folder: Path, every: int) -> list[Path]:
    """The set's files by parameter group and number; every ``every``-th of them."""
    files = sorted(folder.glob("*.sm"), key=_order)
    return files[::every]


def run_one(path: Path, limit: float, workers: int) -> dict[str, Run]:
    """Our scheduler, the plain model and the heuristic on one instance, each verified."""
    problem = read_psplib(path).problem
    out = {}
    ours = solve(problem, time_limit=limit, num_workers=workers)
    out["ours"] = Run(ours.makespan, ours.status == "optimal", ours.seconds)
    began = time.perf_counter()
    net = Network(problem)
    plain = solve_plain(net, upper=sum(net.dur), time_limit=limit, num_workers=workers)
    starts = dict(zip(net.ids, plain.starts, strict=True))
    span = max(s + d for s, d in zip(plain.starts, net.dur, strict=True))
    out["plain"] = Run(span, plain.status == "optimal", time.perf_counter() - began)
    quick = solve(problem, method="heuristic")
    out["heuristic"] = Run(quick.makespan, quick.status == "optimal", quick.seconds)
    for name, starts_of in (("ours", ours.starts), ("plain", starts),
                            ("heuristic", quick.starts)):
        errors = verify(problem, starts_of)
        if errors:
            raise SystemExit(f"{path.name}: {name} schedule is infeasible: {errors[0]}")
    return out


def main() -> None:
    """Run the benchmark and print one table per set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="j30,j60")
    parser.add_argument("--all", action="store_true", help="every instance, not every 10th")
    parser.add_argument("--every", type=int, default=10)
    parser.add_argument("--time-limit", type=float, help="seconds per instance for every set")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--verbose", action="store_true", help="one line per instance")
    args = parser.parse_args()
    with open(args.data / "bounds.csv", newline="") as handle:
        best = {row["instance"]: int(row["best_ub"]) for row in csv.DictReader(handle)}
    print(f"PSPLIB benchmark {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
          f"{args.workers} CP-SAT workers")
    for name in args.sets.split(","):
        limit = args.time_limit or LIMITS.get(name, 10.0)
        files = instances(args.data / name, 1 if args.all else args.every)
        results: dict[str, list[tuple[Run, int]]] = {"ours": [], "plain": [], "heuristic": []}
        for path in files:
            runs = run_one(path, limit, args.workers)
            for method, run in runs.items():
                results[method].append((run, best[path.stem]))
            if args.verbose:
                print(f"  {path.stem}: best {best[path.stem]} " + " ".join(
                    f"{m}={r.makespan}{'*' if r.optimal else ''}" for m, r in runs.items()),
                    flush=True)
        print(f"\n{name}: {len(files)} instances, {limit:g} s per instance")
        print(f"  {'method':<10} {'n':>4} {'optimal':>8} {'gap %':>8} {'mean s':>8}")
        summary = {}
        for method, rows in results.items():
            gap = statistics.fmean(100.0 * (r.makespan - b) / b for r, b in rows)
            optimal = sum(r.optimal for r, _ in rows)
            seconds = statistics.fmean(r.seconds for r, _ in rows)
            summary[method] = (gap, optimal)
            print(f"  {method:<10} {len(rows):>4} {optimal:>8} {gap:>8.3f} {seconds:>8.2f}")
        ours, plain = summary["ours"], summary["plain"]
        print(f"  ours vs plain: {ours[1] - plain[1]:+d} proven optimal, "
              f"gap {ours[0]:.3f}% vs {plain[0]:.3f}% "
              f"({'better or equal' if ours[0] <= plain[0] else 'WORSE'})")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
