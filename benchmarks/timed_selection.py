"""Time-aware portfolio selection against today's selection with costs in fixed windows.

Usage: .venv/bin/python benchmarks/timed_selection.py [--time-limit S] [--seeds N] [--size N]

For the three examples and N generated roadmaps (200 initiatives over 4 fiscal years: teams,
dependencies, earliest starts, deadlines, mandatory work, alternatives, hidden costs, shared
budget items and a contingency policy), it runs, in the same process and with the same time
limit, today's selection (each initiative's costs placed by its likely window, whole bill) and
the time-aware selection (initiatives and start weeks chosen together). It prints the value and
seconds of both, the ratio of the values, and whether today's selection, once scheduled with
its teams, still keeps every year's budget (the time-aware one keeps it by construction).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from opmodel.document.io import loads
from opmodel.document.model import OperatingModel
from opmodel.engines.planning.budget import budget
from opmodel.engines.planning.ceilings import contingency_rate
from opmodel.engines.planning.portfolio import select_portfolio
from opmodel.engines.planning.prioritisation import prioritise
from opmodel.engines.planning.roadmap_schedule import schedule_roadmap
from opmodel.engines.planning.timed_portfolio import choose_portfolio

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
HIDDEN = ("training", "productivity", "parallel_running")


def generated(seed: int, size: int = 200, years: int = 4) -> OperatingModel:
    """A roadmap of ``size`` initiatives over ``years`` fiscal years from April 2027."""
    rng = random.Random(seed)
    teams = [{"id": f"team-{k}", "capacity": rng.randint(4, 9)} for k in range(6)]
    objectives = [{"id": f"obj-{k}", "weight": rng.randint(1, 3)} for k in range(4)]
    initiatives = []
    start = dt.date(2027, 4, 5)
    for n in range(size):
        weeks = rng.randint(4, 40)
        costs = [{"id": "main", "category": rng.choice(("capex", "opex")),
                  "amount": rng.randint(20, 300) * 1_000_000}]
        for category in HIDDEN:
            if rng.random() < 0.4:
                costs.append({"id": category, "category": category,
                              "amount": rng.randint(2, 30) * 1_000_000})
        ini: dict = {"id": f"ini-{n:03d}", "duration": {"optimistic": weeks * 0.8,
                                                        "most_likely": weeks,
                                                        "pessimistic": weeks * 1.5},
                     "impact": {o["id"]: rng.randint(0, 10) for o in objectives},
                     "demand": {t["id"]: rng.choice((1, 1, 2))
                                for t in rng.sample(teams, rng.randint(1, 2))},
                     "costs": costs}
        if n > 5 and rng.random() < 0.25:
            ini["depends_on"] = sorted({f"ini-{rng.randrange(n):03d}"
                                        for _ in range(rng.randint(1, 2))})
        if rng.random() < 0.2:
            ini["earliest_start"] = start + dt.timedelta(weeks=rng.randint(4, 150))
        if rng.random() < 0.1:
            ini["deadline"] = start + dt.timedelta(weeks=rng.randint(60, 200))
        initiatives.append(ini)
    for n in rng.sample(range(size), 4):
        initiatives[n].update(mandatory=True, depends_on=[])
        initiatives[n]["costs"] = initiatives[n]["costs"][:1]
        initiatives[n].pop("earliest_start", None)
        initiatives[n].pop("deadline", None)
    for a, b in [rng.sample(range(size), 2) for _ in range(5)]:
        if not (initiatives[a].get("mandatory") and initiatives[b].get("mandatory")):
            initiatives[a].setdefault("excludes", []).append(initiatives[b]["id"])
    total = sum(c["amount"] for i in initiatives for c in i["costs"])
    limits = [{"fiscal_year": 2027 + k, "amount": round(total * 0.35 / years, -6)}
              for k in range(years)]
    return OperatingModel.model_validate({
        "apiVersion": "opmodel/v1", "kind": "OperatingModel",
        "metadata": {"name": f"generated-{seed}", "currency": "JPY",
                     "fiscal_year_start_month": 4},
        "strategy": {"objectives": objectives},
        "roadmap": {"calendar": {"start": start.isoformat()}, "resources": teams,
                    "budget_limits": limits, "initiatives": initiatives},
        "budget": {"contingency": {"method": "percent", "percent": 10},
                   "items": [{"id": "pmo", "category": "opex", "amount": 40_000_000,
                              "recurring": True}]}})


def scheduled_within_limits(model: OperatingModel, selected: list[str], time_limit: float
                            ) -> bool:
    """Whether a selection, scheduled with its teams, keeps every year's budget."""
    if not selected:
        return True
    plan = schedule_roadmap(model, selected, time_limit=time_limit, method="heuristic")
    dates = {i.id: (i.start, i.finish) for i in plan.items}
    return not budget(model, selected, schedule=dates).over_limits


def measure(name: str, model: OperatingModel, time_limit: float) -> tuple[float, float]:
    """One line: both selections' value and time, their ratio, and what today's one breaks."""
    ranking = prioritise(model)
    # the contingency the budget computes without a simulation, for both and for the check
    rate = contingency_rate(model, simulated=False)
    began = time.perf_counter()
    today = select_portfolio(model, ranking, time_limit=time_limit, rate=rate)
    today_s = time.perf_counter() - began
    began = time.perf_counter()
    timed = choose_portfolio(model, ranking, time_limit=time_limit, rate=rate)
    timed_s = time.perf_counter() - began
    holds = scheduled_within_limits(model, today.selected, time_limit)
    ratio = timed.value / today.value if today.value else float("nan")
    print(f"{name:<26} {today.value:>8.2f} {today_s:>6.2f} {'yes' if holds else 'NO':>6} "
          f"{timed.value:>8.2f} {timed_s:>6.2f} {timed.status:>8} {len(timed.moves):>5} "
          f"{ratio:>6.3f}", flush=True)
    return ratio, timed_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--seeds", type=int, default=3, help="generated roadmaps")
    parser.add_argument("--size", type=int, default=200, help="initiatives per roadmap")
    args = parser.parse_args()
    print(f"time limit {args.time_limit:g} s per selection, 2 workers")
    print(f"{'roadmap':<26} {'today':>8} {'s':>6} {'holds':>6} {'timed':>8} {'s':>6} "
          f"{'status':>8} {'moves':>5} {'ratio':>6}")
    ratios, times = [], []
    for path in sorted(EXAMPLES.glob("*/target.yaml")):
        model = loads(path.read_text(encoding="utf-8"), source=str(path))
        ratio, seconds = measure(path.parent.name, model, args.time_limit)
        ratios.append(ratio)
        times.append(seconds)
    for seed in range(args.seeds):
        ratio, seconds = measure(f"generated-{seed} ({args.size})", generated(seed, args.size),
                                 args.time_limit)
        ratios.append(ratio)
        times.append(seconds)
    print(f"value ratio timed / today: min {min(ratios):.3f}, max {max(ratios):.3f}; "
          f"time-aware at most {max(times):.2f} s of a {args.time_limit:g} s limit")


if __name__ == "__main__":
    main()
