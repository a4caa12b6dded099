"""PSPLIB benchmark: our scheduler against a plain textbook CP-SAT model and the heuristic
alone, on j30, j60 and j120, at the same time limit per instance, in the same run.

    .venv/bin/python benchmarks/psplib.py                 # every 10th of j30 and j60, the
                                                          # 60-instance j120 sample
    .venv/bin/python benchmarks/psplib.py --all           # all 480 + 480 + 570
    .venv/bin/python benchmarks/psplib.py --time-limit 5  # one limit for every set
    .venv/bin/python benchmarks/psplib.py --repeat 3      # three runs and their spread
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import resource
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from datasets import missing, shared_data
from opmodel.engines.planning.scheduling.cpsat import default_workers, solve_plain
from opmodel.engines.planning.scheduling.problem import Network, verify
from opmodel.engines.planning.scheduling.solve import solve
from opmodel.interop.psplib import read_psplib

LIMITS = {"j30": 1.0, "j60": 10.0, "j120": 5.0}  # the targets' time limits per instance
# A fixed random sample of j120 (random.Random(2026).sample of the 570 sorted by group and number):
# named here so that every run measures the same instances, none of them chosen by hand.
J120_SAMPLE = (
    "j1201_3", "j1202_3", "j1203_8", "j1206_4", "j1209_4", "j1209_8", "j12010_7",
    "j12010_8", "j12011_6", "j12012_1", "j12012_9", "j12013_5", "j12013_7", "j12014_10",
    "j12016_3", "j12016_4", "j12023_6", "j12024_10", "j12025_2", "j12026_9", "j12028_2",
    "j12028_9", "j12032_1", "j12032_6", "j12034_6", "j12035_1", "j12035_7", "j12037_9",
    "j12038_7", "j12039_6", "j12040_3", "j12040_8", "j12041_7", "j12043_9", "j12043_10",
    "j12044_1", "j12046_5", "j12046_7", "j12046_10", "j12047_5", "j12048_7", "j12049_6",
    "j12050_4", "j12050_9", "j12051_8", "j12052_7", "j12052_10", "j12053_9", "j12054_7",
    "j12055_1", "j12055_6", "j12056_2", "j12056_3", "j12056_9", "j12057_5", "j12057_7",
    "j12058_10", "j12060_1", "j12060_8", "j12060_10",
)


@dataclass
class Run:
    """One method on one instance."""

    makespan: int
    optimal: bool
    seconds: float


def _order(path: Path) -> tuple[int, int]:
    found = re.match(r"j(?:30|60|120)(\d+)_(\d+)", path.stem)
    return (int(found.group(1)), int(found.group(2))) if found else (0, 0)


def instances(folder: Path, every: int) -> list[Path]:
    """The set's files by parameter group and number; every ``every``-th of them (of j120,
    unless every one is asked for, the fixed sample)."""
    files = sorted(folder.glob("*.sm"), key=_order)
    if folder.name == "j120" and every > 1:
        return [path for path in files if path.stem in J120_SAMPLE]
    return files[::every]


def run_one(path: Path, limit: float, workers: int) -> dict[str, Run]:
    """Our scheduler, the plain model and the heuristic on one instance, each verified."""
    problem = read_psplib(path).problem
    out = {}
    ours = solve(problem, method="auto", time_limit=limit, num_workers=workers)
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
    parser.add_argument("--sets", default="j30,j60,j120")
    parser.add_argument("--all", action="store_true",
                        help="every instance, not every 10th (j120: not the sample)")
    parser.add_argument("--every", type=int, default=10)
    parser.add_argument("--time-limit", type=float, help="seconds per instance for every set")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--shared-data", type=Path,
                        help="folder of the shared data sets (default: OPMODEL_SHARED_DATA, "
                             "else ../shared/data)")
    parser.add_argument("--verbose", action="store_true", help="one line per instance")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each set this many times and summarise (the runs vary)")
    args = parser.parse_args()
    args.data = shared_data(args.shared_data) / "psplib"
    if not (args.data / "bounds.csv").exists():
        print(missing(args.data, "the PSPLIB instances"))
        return
    records = {}
    for table in ("bounds.csv", "bounds_j120.csv"):
        if (args.data / table).exists():
            with open(args.data / table, newline="") as handle:
                records.update({row["instance"]: row for row in csv.DictReader(handle)})
    best = {name: int(row["best_ub"]) for name, row in records.items()}
    warm = sorted((args.data / "j30").glob("*.sm"))[:1]
    for path in warm:  # the genetic algorithm's kernels are compiled (or loaded) before timing
        solve(read_psplib(path).problem, method="heuristic")
    print(f"PSPLIB benchmark {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
          f"{args.workers} CP-SAT workers")
    for name in args.sets.split(","):
        limit = args.time_limit or LIMITS.get(name, 10.0)
        files = instances(args.data / name, 1 if args.all else args.every)
        runs = [run_set(name, files, limit, args, best) for _ in range(args.repeat)]
        if args.repeat > 1:
            print(f"\n{name}: over {args.repeat} runs (mean, and lowest to highest)")
            for method in runs[0]:
                gaps = [run[method][0] for run in runs]
                proofs = [run[method][1] for run in runs]
                print(f"  {method:<10} optimal {statistics.fmean(proofs):.1f} "
                      f"({min(proofs)}-{max(proofs)}), gap {statistics.fmean(gaps):.3f}% "
                      f"({min(gaps):.3f}-{max(gaps):.3f})")
        print(published([records[p.stem] for p in files], limit))
        sys.stdout.flush()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"\npeak memory of the whole run (max RSS): {peak:.0f} MB")


def run_set(name: str, files: list[Path], limit: float, args: argparse.Namespace,
            best: dict[str, int]) -> dict[str, tuple[float, int]]:
    """Every method on every file; print the table; per method the mean gap and proofs."""
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
          f"({'better or equal' if ours[0] <= plain[0] else 'WORSE'})", flush=True)
    return summary


def published(rows: list[dict[str, str]], limit: float) -> str:
    """What bounds.csv records of two commercial CP solvers on the same instances (run
    elsewhere for up to 600 s, on other machines): proven within our limit, and the mean gap
    of their 600 s schedules. Context for the figures above, not measured here."""
    parts = []
    for name, key in (("OptalCP", "optal"), ("CP Optimizer", "cpo")):
        proven = sum(r[f"{key}_status"] == "Optimum" and float(r[f"{key}_time_s"]) <= limit
                     for r in rows)
        gap = statistics.fmean(100.0 * (int(r[f"{key}_ub"]) - int(r["best_ub"]))
                               / int(r["best_ub"]) for r in rows)
        parts.append(f"{name} proven within {limit:g} s {proven}, gap at 600 s {gap:.3f}%")
    return "  published (bounds.csv, not run here): " + "; ".join(parts)


if __name__ == "__main__":
    main()
