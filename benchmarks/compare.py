"""Scenario comparison benchmark: `compare` of each example's current and target models.

Prints the time of the comparison and, side by side, the time of planning the same two
models one after the other (`plan` with the same settings): the comparison costs its plans
and little more (the recommender, the change report, the checks, the alignment and the diff
of each option). The plan figures must be the plans' (checked).

Run: .venv/bin/python benchmarks/compare.py [--time-limit 2 --iterations 10000 --repeat 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from assess import best_of  # the same timing helper as the other benchmarks

EXAMPLES = Path(__file__).parents[1] / "examples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=2.0)
    parser.add_argument("--iterations", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    from opmodel.interop.model_files import load
    from opmodel.services.compare import CompareOptions, compare
    from opmodel.services.planning import plan

    settings = CompareOptions(time_limit=args.time_limit, iterations=args.iterations)
    today = dt.date(2027, 1, 4)
    total_compare = total_plans = 0.0
    # the first call loads the catalogues and the solver: not a cost of either side
    warm = load(EXAMPLES / "regional-bank" / "current.yaml")
    compare([warm, warm], warm, settings, today=today)
    print(f"time limit {args.time_limit:g} s per solver, {args.iterations:,} iterations, "
          f"best of {args.repeat}")
    for folder in sorted(p for p in EXAMPLES.iterdir() if p.is_dir()):
        current, target = load(folder / "current.yaml"), load(folder / "target.yaml")
        compared, result = best_of(lambda c=current, t=target: compare(
            [c, t], c, settings, today=today), args.repeat)
        planned, plans = best_of(lambda c=current, t=target: [
            plan(m, settings, today=today) for m in (c, t)], args.repeat)
        for option, alone in zip(result.options, plans, strict=True):
            assert option.plan is not None and option.plan.budget_total == alone.budget.total
        total_compare += compared
        total_plans += planned
        print(f"{folder.name:22} compare {compared:6.2f} s   two plans (base) {planned:6.2f} s"
              f"   ratio {compared / planned:5.2f}×")
    print(f"{'all':22} compare {total_compare:6.2f} s   two plans (base) {total_plans:6.2f} s"
          f"   ratio {total_compare / total_plans:5.2f}×")


if __name__ == "__main__":
    main()
