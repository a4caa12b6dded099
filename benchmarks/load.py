"""Loading (and writing) a large model: opmodel.document against PyYAML's C loader alone.

Generates a model with 10,000 applications, 2,000 initiatives with dependencies, 300 KPIs
and 500 stakeholders into a temporary YAML file, then times (best of N) our load and
validation against ``yaml.load(text, Loader=yaml.CSafeLoader)`` on the same text, and
measures the peak memory of our load with tracemalloc. It also times writing the model
back as YAML against PyYAML's C dumper on the same data (for information; no target).

Run: python benchmarks/load.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from opmodel.document import dumps, validate_data
from opmodel.interop.model_files import load

COMPONENTS = ["governance", "organization", "process", "technology", "sourcing"]
CATEGORIES = ["capex", "opex", "training", "productivity", "parallel_running", "contingency"]


def _ids(prefix: str, n: int) -> list[str]:
    return [f"{prefix}-{i:05d}" for i in range(n)]


def generate(apps: int = 10_000, initiatives: int = 2_000, kpis: int = 300,
             stakeholders: int = 500, seed: int = 7) -> dict[str, Any]:
    """Plain data of a large, valid operating model."""
    rng = random.Random(seed)
    units, teams, vendors = _ids("unit", 40), _ids("team", 120), _ids("vendor", 60)
    caps, platforms = _ids("cap", 80), _ids("platform", 25)
    objectives, outcomes = _ids("objective", 12), _ids("outcome", 30)
    phases, resources = _ids("phase", 4), _ids("resource", 30)
    inits, kpi_ids = _ids("initiative", initiatives), _ids("kpi", kpis)

    def entity(i: str, kind: str) -> dict[str, Any]:
        return {"id": i, "name": f"{kind} {i.split('-')[-1]}",
                "description": f"The {kind} {i}, described in a sentence of ordinary length."}

    initiative_list = []
    for n, i in enumerate(inits):
        deps = sorted({inits[rng.randrange(n)] for _ in range(min(n, rng.randint(0, 3)))})
        o = rng.randint(2, 10)
        initiative_list.append({
            **entity(i, "initiative"),
            "components": rng.sample(COMPONENTS, 2),
            "phase": rng.choice(phases),
            "effort": rng.randint(4, 200),
            "duration": {"optimistic": o, "most_likely": o + 2, "pessimistic": o + 6},
            "demand": {r: rng.randint(1, 3) for r in rng.sample(resources, 2)},
            "costs": [{"id": "build", "category": rng.choice(CATEGORIES),
                       "amount": rng.randint(1, 900) * 1000, "fiscal_year": 2027}],
            "impact": {o_: rng.randint(1, 10) for o_ in rng.sample(objectives, 2)},
            "mandatory": rng.random() < 0.05,
            "depends_on": deps,
            "outcomes": rng.sample(outcomes, 2),
            "capabilities": rng.sample(caps, 2),
            "owner": f"owner{rng.randint(1, 50)}@example.com",
        })
    return {
        "apiVersion": "opmodel/v1",
        "kind": "OperatingModel",
        "metadata": {"name": "Benchmark model", "organisation": "Example Holdings",
                     "state": "current", "language": "en", "currency": "JPY"},
        "profile": {"industry": "conglomerate", "employees": 80_000, "business_units": 12,
                    "geography": "global", "regulatory_intensity": "medium",
                    "it_maturity": {"devops": 2, "automation": 3}},
        "strategy": {
            "objectives": [entity(o, "objective") | {"weight": 2} for o in objectives],
            "outcomes": [entity(o, "outcome") | {"objectives": rng.sample(objectives, 2)}
                         for o in outcomes],
            "capabilities": [entity(c, "capability") | {
                "component": rng.choice(COMPONENTS), "current_level": rng.randint(0, 3),
                "target_level": rng.randint(3, 5)} for c in caps],
        },
        "design": {
            "organization": {
                "units": [entity(u, "unit") | {"kind": "business_unit"} for u in units],
                "teams": [entity(t, "team") | {"unit": rng.choice(units), "size": 8}
                          for t in teams],
            },
            "technology": {
                "platforms": [entity(p, "platform") | {"owner": rng.choice(teams),
                                                       "self_service": True} for p in platforms],
                "applications": [entity(a, "application") | {
                    "owner": rng.choice(units), "platform": rng.choice(platforms),
                    "vendor": rng.choice(vendors), "capabilities": rng.sample(caps, 2),
                    "lifecycle": "active", "functional_fit": rng.randint(0, 5),
                    "technical_fit": rng.randint(0, 5),
                    "time": rng.choice(["tolerate", "invest", "migrate", "eliminate"]),
                    "annual_cost": rng.randint(1, 500) * 10_000, "users": rng.randint(5, 9000),
                } for a in _ids("app", apps)],
            },
            "sourcing": {"vendors": [entity(v, "vendor") | {"country": "JP"} for v in vendors]},
        },
        "roadmap": {
            "phases": [entity(p, "phase") | {"order": n} for n, p in enumerate(phases)],
            "resources": [entity(r, "resource") | {"capacity": 10} for r in resources],
            "initiatives": initiative_list,
        },
        "change": {"groups": [{"id": f"group-{g}"} for g in range(1, 21)],
                   "stakeholders": [entity(s, "stakeholder") | {
            "role": "manager", "group": f"group-{rng.randint(1, 20)}",
            "influence": rng.randint(1, 5), "interest": rng.randint(1, 5),
            "stance": rng.choice(["resistant", "neutral", "supportive"]),
        } for s in _ids("stakeholder", stakeholders)]},
        "kpis": {"definitions": [entity(k, "kpi") | {
            "unit": "%", "direction": "higher", "aggregation": "mean", "component": rng.choice(COMPONENTS),
            "baseline": 97.5, "target": 99.9, "warning": 99.0, "critical": 98.0,
        } for k in kpi_ids]},
    }


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    """The shortest of ``repeat`` wall-clock runs of ``fn``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    """Generate the model, time both loaders, print the figures; 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    text = dumps(validate_data(generate()))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.yaml"
        path.write_text(text, encoding="utf-8")
        size = path.stat().st_size
        model = load(path)  # warm-up and sanity check
        assert len(model.design.technology.applications) == 10_000  # type: ignore[union-attr]

        def baseline() -> object:
            return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        ours = best_of(args.repeat, lambda: load(path))
        base = best_of(args.repeat, baseline)
        data = model.dump_data()
        write_ours = best_of(args.repeat, lambda: dumps(model))
        write_base = best_of(args.repeat, lambda: yaml.dump(
            data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True))
        tracemalloc.start()
        load(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    ratio, mem_ratio = ours / base, peak / size
    print(f"file size:                    {size / 1e6:.1f} MB")
    print(f"opmodel load + validate:      {ours:.3f} s (best of {args.repeat})")
    print(f"PyYAML CSafeLoader alone:     {base:.3f} s (best of {args.repeat})")
    print(f"ratio:                        {ratio:.2f} (target <= 1.5)")
    print(f"peak memory (tracemalloc):    {peak / 1e6:.1f} MB = {mem_ratio:.1f}x file size"
          " (target < 10x)")
    print(f"opmodel dumps (YAML):         {write_ours:.3f} s; PyYAML CSafeDumper on the same "
          f"data: {write_base:.3f} s; ratio {write_ours / write_base:.2f}")
    return 0 if ratio <= 1.5 and mem_ratio < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
