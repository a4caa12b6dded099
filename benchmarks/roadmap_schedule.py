"""Scheduling a large roadmap: 500 initiatives sharing 8 teams, each method of
``schedule_roadmap`` (the engine behind ``opmodel schedule`` and ``opmodel plan``) timed,
with the makespan it gives.

Targets: the heuristic preview in under 0.5 s; auto and cpsat within their time limit.

    .venv/bin/python benchmarks/roadmap_schedule.py                  # 10 s limit
    .venv/bin/python benchmarks/roadmap_schedule.py --time-limit 30
"""

from __future__ import annotations

import argparse
import os
import time

from load import generate
from opmodel.document import validate_data
from opmodel.engines.planning.roadmap_schedule import schedule_roadmap
from opmodel.engines.planning.scheduling.cpsat import default_workers

TEAMS = [f"team-{t}" for t in range(8)]


def roadmap_model(initiatives: int = 500, seed: int = 7) -> object:
    """The load benchmark's generated model, cut to a roadmap on 8 teams of 6 to 12 people
    where the teams, not the dependencies, decide the length (one dependency in three kept)."""
    data = generate(apps=10, initiatives=initiatives, kpis=1, stakeholders=1, seed=seed)
    roadmap = data["roadmap"]
    roadmap["resources"] = [{"id": t, "name": t, "capacity": 6 + 2 * (n % 4)}
                            for n, t in enumerate(TEAMS)]
    for n, initiative in enumerate(roadmap["initiatives"]):
        initiative["demand"] = {TEAMS[(n * 3 + k) % len(TEAMS)]: 1 + (n + k) % 4
                                for k in range(1 + n % 2)}
        initiative["depends_on"] = initiative["depends_on"][:1] if n % 3 == 0 else []
    data["metadata"]["as_of"] = "2027-04-01"
    return validate_data(data)


def main() -> None:
    """Time every method on the generated roadmap and print its makespan."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--initiatives", type=int, default=500)
    args = parser.parse_args()
    model = roadmap_model(args.initiatives)
    schedule_roadmap(model, method="heuristic", time_limit=0.05)  # load the compiled kernels
    print(f"roadmap of {args.initiatives} initiatives on {len(TEAMS)} teams, "
          f"{default_workers()} CP-SAT workers, load average {os.getloadavg()[0]:.1f}")
    print(f"  {'method':<10} {'limit s':>8} {'seconds':>8} {'makespan':>9} {'bound':>6} status")
    for method in ("heuristic", "auto", "cpsat"):
        began = time.perf_counter()
        result = schedule_roadmap(model, method=method, time_limit=args.time_limit)
        seconds = time.perf_counter() - began
        print(f"  {method:<10} {args.time_limit:>8g} {seconds:>8.2f} "
              f"{result.makespan_weeks:>9} {result.lower_bound_weeks:>6} {result.status}",
              flush=True)


if __name__ == "__main__":
    main()
