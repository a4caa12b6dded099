"""A document on which most consistency rules fire many times: random, seeded, with every
field a rule reads sometimes present and sometimes missing (schema-checked only)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from opmodel.document.model import OperatingModel
from support import builders

STANCES = ["resistant", "skeptical", "neutral", "supportive", "champion"]


def varied(n: int = 300, seed: int = 11) -> OperatingModel:
    """``n`` applications, initiatives, stakeholders and risks, and a fifth as many of the rest."""
    rng = random.Random(seed)
    day = dt.date(2027, 1, 1)

    def maybe(value: Any, p: float = 0.7) -> Any:
        return value if rng.random() < p else None

    def date() -> dt.date:
        return day + dt.timedelta(days=rng.randint(0, 900))

    def clean(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in row.items() if v is not None and v != []} for row in rows]

    m = max(n // 5, 3)
    roles = [{"id": f"role-{i}", "side": rng.choice(["executive", "business_unit", "it"])}
             for i in range(8)]
    caps = clean([{"id": f"cap-{i}", "current_level": maybe(rng.randint(0, 5)),
                   "target_level": maybe(rng.randint(0, 5)),
                   "differentiating": rng.random() < 0.3} for i in range(m)])
    processes = clean([{"id": f"proc-{i}", "current_level": maybe(rng.randint(0, 5)),
                        "target_level": maybe(rng.randint(0, 5)),
                        "owner": maybe(rng.choice(roles)["id"]),
                        "practice": maybe(rng.choice(["service-desk", "servicedesk"]))}
                       for i in range(m)])
    bodies = [{"id": f"body-{i}"} for i in range(4)]
    decisions = clean([{"id": f"dec-{i}", "body": maybe(rng.choice(bodies[:3])["id"]),
                        "domain": maybe(rng.choice(["it-investment", "it-budget"])),
                        "archetype": maybe(rng.choice(["federal", "oligarchy", "it-monarchy"])),
                        "rights": {r["id"]: rng.choice("ARCI") for r in rng.sample(roles, 3)}}
                       for i in range(m)])
    vendors = [{"id": f"vendor-{i}"} for i in range(6)]
    apps = clean([{"id": f"app-{i}", "functional_fit": maybe(rng.randint(0, 5), 0.9),
                   "technical_fit": maybe(rng.randint(0, 5), 0.9),
                   "lifecycle": maybe(rng.choice(["active", "retired", "phase_out"])),
                   "vendor": maybe(rng.choice(vendors)["id"], 0.2),
                   "time": maybe(rng.choice(["tolerate", "invest", "migrate", "eliminate"]))}
                  for i in range(n)])
    sourcing = clean([{"capability": c["id"],
                       "option": rng.choice(["in_house", "outsource", "co_source"]),
                       "vendors": rng.sample([v["id"] for v in vendors], rng.randint(0, 2))}
                      for c in caps])
    contracts = clean([{"id": f"ctr-{i}", "vendor": vendors[i % 4]["id"],
                        "start": maybe(date()), "end": maybe(date()),
                        "annual_value": 100.0 + i} for i in range(m)])
    phases = clean([{"id": f"phase-{i}", "order": i, "end": maybe(date())} for i in range(4)])
    initiatives = []
    for i in range(n):
        earlier = [f"ini-{j}" for j in rng.sample(range(i), min(i, rng.randint(0, 2)))]
        initiatives.append({"id": f"ini-{i}", "mandatory": rng.random() < 0.3,
                            "deadline": maybe(date(), 0.5), "phase": maybe(rng.choice(phases)["id"]),
                            "depends_on": earlier[:1], "excludes": earlier[1:],
                            "costs": [{"id": "build", "amount": 10.0,
                                       "category": rng.choice(["capex", "opex"])}]})
    kpis = clean([{"id": f"kpi-{i}", "direction": rng.choice(["higher", "lower"]),
                   "aggregation": "mean", "target": maybe(rng.uniform(80, 100)),
                   "critical": maybe(rng.uniform(80, 100))} for i in range(m)])
    groups = [{"id": f"group-{i}"} for i in range(5)]
    stakeholders = clean([{"id": f"sh-{i}", "influence": rng.randint(1, 5),
                           "stance": rng.choice(STANCES), "desired_stance": maybe(
                               rng.choice(STANCES)), "group": maybe(rng.choice(groups)["id"])}
                          for i in range(n)])
    comms = [{"id": f"msg-{i}", "audience": [f"sh-{rng.randrange(n)}" for _ in range(3)],
              "groups": [rng.choice(groups)["id"]]} for i in range(m)]
    risks = clean([{"id": f"risk-{i}", "likelihood": rng.randint(1, 5),
                    "impact": rng.randint(1, 5), "owner": maybe("CIO", 0.5),
                    "status": rng.choice(["open", "closed"]), "mitigation": maybe("plan", 0.5)}
                   for i in range(n)])
    return builders.unchecked(
        profile={"it_maturity": {"devops": 2}},
        strategy={"capabilities": caps},
        design={"model": {"structure": "platform", "sourcing": "in_house"},
                "organization": {"roles": roles}, "processes": processes,
                "governance": {"bodies": bodies, "decisions": decisions},
                "technology": {"applications": apps},
                "sourcing": {"vendors": vendors, "contracts": contracts,
                             "decisions": sourcing}},
        roadmap={"phases": phases, "initiatives": clean(initiatives)},
        kpis={"definitions": kpis},
        change={"groups": groups, "stakeholders": stakeholders, "communications": comms},
        risks={"items": risks},
        budget={"contingency": {"method": "percent", "percent": 0}})
