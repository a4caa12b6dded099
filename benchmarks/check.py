"""Consistency rules benchmark: `check(model)` over a large synthetic document.

Prints the time of every rule (39 rules, the named checks included) over a document with
N initiatives and as many applications, stakeholders, risks, capabilities and contracts as
the roadmap implies, and the cost of interpreting rules from data: six condition rules run
by the engine against the same six written by hand in Python, both producing the same
findings (keyed paths and messages included), side by side on the same model (ratio = interpreted /
hand-written).

It also times the whole check of the large model of ``load.py`` (10,000 applications, 2,000
initiatives), which the server's model page runs once per new revision (``--no-large``: not).

Run: .venv/bin/python benchmarks/check.py [--initiatives 5000 --repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from typing import Any

from assess import best_of  # the same timing helper as the other benchmarks

STANCES = ["resistant", "skeptical", "neutral", "supportive", "champion"]
LIFECYCLES = ["plan", "active", "active", "active", "phase_out", "retired"]
HAND_RULES = ["capability-target-below-current", "decision-one-accountable",
              "retired-application-invested", "influential-resister-not-addressed",
              "high-risk-without-owner", "deadline-before-prerequisite"]


def build_model(n: int) -> Any:
    """A valid document with n initiatives and proportionate other sections."""
    from opmodel.document.model import OperatingModel

    rng = random.Random(7)
    day = dt.date(2027, 1, 1)
    caps = [{"id": f"cap-{i}", "current_level": rng.randint(0, 5),
             "target_level": rng.randint(0, 5), "differentiating": rng.random() < 0.2}
            for i in range(n // 5)]
    roles = [{"id": f"role-{i}", "side": rng.choice(["executive", "business_unit", "it"])}
             for i in range(50)]
    decisions = [{"id": f"dec-{i}", "domain": "it-investment",
                  "rights": {r["id"]: rng.choice("ARCI") for r in rng.sample(roles, 4)}}
                 for i in range(n // 10)]
    initiatives = []
    for i in range(n):
        deps = [f"ini-{j}" for j in rng.sample(range(i), min(i, 2))]
        initiatives.append({"id": f"ini-{i}", "deadline": day + dt.timedelta(days=rng.randint(0, 900)),
                            "depends_on": deps, "mandatory": rng.random() < 0.1,
                            "applications": [f"app-{rng.randrange(n)}"],
                            "costs": [{"id": "build", "category": "capex", "amount": 10.0}]})
    apps = [{"id": f"app-{i}", "functional_fit": rng.randint(0, 5),
             "technical_fit": rng.randint(0, 5), "lifecycle": rng.choice(LIFECYCLES),
             "time": rng.choice(["tolerate", "invest", "migrate", "eliminate"])} for i in range(n)]
    vendors = [{"id": f"vendor-{i}"} for i in range(40)]
    contracts = [{"id": f"ctr-{i}", "vendor": f"vendor-{i % 40}", "annual_value": 1000.0 + i,
                  "end": day + dt.timedelta(days=rng.randint(0, 900)),
                  "initiatives": [f"ini-{rng.randrange(n)}" for _ in range(3)],
                  "service_levels": [{"metric": "uptime", "target": 99.9}]}
                 for i in range(n // 10)]
    stakeholders = [{"id": f"sh-{i}", "influence": rng.randint(1, 5),
                     "stance": rng.choice(STANCES)} for i in range(n)]
    comms = [{"id": f"msg-{i}", "audience": [f"sh-{rng.randrange(n)}" for _ in range(5)]}
             for i in range(n // 5)]
    risks = [{"id": f"risk-{i}", "likelihood": rng.randint(1, 5), "impact": rng.randint(1, 5),
              "owner": "CIO" if rng.random() < 0.7 else None} for i in range(n)]
    for r in risks:
        if r["owner"] is None:
            del r["owner"]
    return OperatingModel.model_validate({
        "apiVersion": "opmodel/v1", "kind": "OperatingModel", "metadata": {"name": "bench"},
        "strategy": {"capabilities": caps},
        "design": {"organization": {"roles": roles}, "governance": {"decisions": decisions},
                   "technology": {"applications": apps},
                   "sourcing": {"vendors": vendors, "contracts": contracts,
                                "decisions": [{"capability": c["id"], "option": "outsource",
                                               "vendors": [f"vendor-{k % 40}"]}
                                              for k, c in enumerate(caps)]}},
        "roadmap": {"initiatives": initiatives},
        "change": {"stakeholders": stakeholders, "communications": comms},
        "risks": {"items": risks},
    })


def hand_written(model: Any) -> list[Any]:
    """The six rules of HAND_RULES in plain Python, giving the same findings as the engine."""
    from opmodel.engines.consistency.checks import _finding
    from opmodel.knowledge.rules import rule_book

    rules = {r.id: r for r in rule_book().rules}
    out = []

    def hit(rule: str, path: tuple[Any, ...], **params: Any) -> None:
        out.append(_finding(rules[rule], path, params, model))

    for n, c in enumerate(model.strategy.capabilities):
        if c.target_level is not None and c.current_level is not None \
                and c.target_level < c.current_level:
            hit("capability-target-below-current", ("strategy", "capabilities", n,
                                                    "target_level"),
                id=c.id, target_level=c.target_level, current_level=c.current_level)
    for n, d in enumerate(model.design.governance.decisions):
        count = sum(1 for r in d.rights.values() if r.value == "A")
        if count != 1:
            hit("decision-one-accountable", ("design", "governance", "decisions", n, "rights"),
                id=d.id, left=count)
    for n, a in enumerate(model.design.technology.applications):
        if a.lifecycle and a.lifecycle.value == "retired" and a.time and a.time.value == "invest":
            hit("retired-application-invested", ("design", "technology", "applications", n,
                                                 "time"), id=a.id)
    by_id = {i.id: i for i in model.roadmap.initiatives}
    addressed = {s for m in model.change.communications for s in m.audience}
    for n, s in enumerate(model.change.stakeholders):
        if s.influence >= 4 and s.stance.value in ("resistant", "skeptical") \
                and s.id not in addressed:
            hit("influential-resister-not-addressed", ("change", "stakeholders", n, "stance"),
                id=s.id, stance=s.stance.value)
    for n, r in enumerate(model.risks.items):
        if r.likelihood * r.impact >= 15 and not r.owner:
            hit("high-risk-without-owner", ("risks", "items", n, "owner"), id=r.id,
                left=float(r.likelihood * r.impact))
    for n, i in enumerate(model.roadmap.initiatives):
        for dep in i.depends_on:
            pre = by_id.get(dep.initiative)
            if i.deadline and pre and pre.deadline and i.deadline < pre.deadline:
                hit("deadline-before-prerequisite", ("roadmap", "initiatives", n, "deadline"),
                    id=i.id, deadline=i.deadline, prerequisite=pre.id,
                    prerequisite_deadline=pre.deadline)
    return out


def main() -> None:
    """Build the model, time the whole check, then interpreted vs hand-written rules."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--initiatives", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-large", dest="large", action="store_false")
    args = parser.parse_args()
    from opmodel.engines.consistency.checks import check, run_rule
    from opmodel.knowledge.rules import rule_book

    model = build_model(args.initiatives)
    whole, result = best_of(lambda: check(model), args.repeat)
    print(f"check: {result.rules} rules, {len(result.findings)} findings, "
          f"{args.initiatives} initiatives: {whole * 1000:.0f} ms")
    rules = [r for r in rule_book().rules if r.id in HAND_RULES]
    interpreted, found = best_of(lambda: [f for r in rules for f in run_rule(r, model)],
                              args.repeat)
    baseline, expected = best_of(lambda: hand_written(model), args.repeat)
    key = sorted((f.rule, f.path, f.message.text("en")) for f in found)
    assert key == sorted((f.rule, f.path, f.message.text("en")) for f in expected), \
        "not the same findings"
    assert sorted(found, key=repr) == sorted(expected, key=repr), "not the same values"
    print(f"six condition rules, interpreted: {interpreted * 1000:.1f} ms; hand-written "
          f"Python: {baseline * 1000:.1f} ms; ratio {interpreted / baseline:.1f}x "
          f"({len(found)} identical findings each)")
    if args.large:
        from load import generate
        from opmodel.document import validate_data

        large = validate_data(generate())
        took, result = best_of(lambda: check(large), args.repeat)
        print(f"check of the large model of load.py (10,000 applications, 2,000 initiatives): "
              f"{len(result.findings)} findings, {took * 1000:.0f} ms")


if __name__ == "__main__":
    main()
