"""Recommender benchmark: `recommend(profile)` over many full random profiles.

Prints the time per recommendation (scores, confidence, sourcing stance, missing facts and
the nearest flips) and, side by side, the same nearest-flip search without screening: every
change of one or two facts scored in full, as the search did before. Both must find the
same flips (checked).

Run: .venv/bin/python benchmarks/recommend.py [--profiles 300 --repeat 3]
"""

from __future__ import annotations

import argparse
import random
from itertools import combinations
from typing import Any

from assess import best_of  # the same timing helper as the other benchmarks

LEVELS = ["low", "medium", "high"]


def profiles(n: int) -> list[Any]:
    """n profiles with every fact known, drawn with a fixed seed."""
    from opmodel.document.profile import Geography, Industry, Profile

    rng = random.Random(11)
    level_fields = [f for f in Profile.model_fields
                    if f not in {"industry", "geography", "it_maturity", "employees", "it_staff",
                                 "business_units", "developer_teams"}]
    return [Profile.model_validate({
        "industry": rng.choice(list(Industry)).value,
        "geography": rng.choice(list(Geography)).value,
        "employees": rng.randint(50, 100000), "it_staff": rng.randint(5, 3000),
        "business_units": rng.randint(1, 30), "developer_teams": rng.randint(0, 400),
        **{f: rng.choice(LEVELS) for f in level_fields},
        "it_maturity": {k: rng.randint(0, 5) for k in
                        ("devops", "automation", "api_management", "cloud_native")},
    }) for _ in range(n)]


def unscreened_flips(scorer: Any, facts: dict[str, Any]) -> list[tuple[str, ...]]:
    """The nearest flips' factor sets, scoring every combination in full (the baseline)."""
    from opmodel.engines.recommendation.sensitivity import _moves

    rules = scorer.rules
    limit = rules.sensitivity.max_cost
    structure = scorer.score(facts).best(rules)
    moves = [(f, c, v) for f in rules.factors if facts.get(f.id) is not None
             for c, v in _moves(f, facts[f.id]) if c <= limit]
    found: dict[frozenset[str], tuple[Any, ...]] = {}
    alone: set[str] = set()
    for size in (1, 2):
        for order, combo in enumerate(combinations(moves, size)):
            names = frozenset(f.id for f, _, _ in combo)
            cost = sum(c for _, c, _ in combo)
            if len(names) < size or cost > limit or names & alone:
                continue
            trial = scorer.score({**facts, **{f.id: v for f, _, v in combo}})
            if trial.best(rules) == structure:
                continue
            key = (cost, size, -trial.margin(rules), order)
            if names not in found or key < found[names][0]:
                found[names] = (key, tuple(f.id for f, _, _ in combo))
        if size == 1:
            alone = {next(iter(n)) for n in found}
    return [ids for _, ids in sorted(found.values())[:rules.sensitivity.flips_shown]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from opmodel.engines.recommendation.ranking import recommend
    from opmodel.engines.recommendation.scoring import Scorer, profile_facts
    from opmodel.engines.recommendation.sensitivity import nearest_flips
    from opmodel.knowledge.fit import fit_rules

    rules = fit_rules()
    scorer = Scorer(rules)
    people = profiles(args.profiles)
    facts = [profile_facts(p, rules) for p in people]
    whole, _ = best_of(lambda: [recommend(p) for p in people], args.repeat)
    screened, flips = best_of(lambda: [nearest_flips(scorer, f) for f in facts], args.repeat)
    full, baseline = best_of(lambda: [unscreened_flips(scorer, f) for f in facts], args.repeat)
    assert [[tuple(c.factor for c in flip.changes) for flip in found] for found in flips] \
        == baseline, "the screened search must find the same flips"
    n = len(people)
    print(f"{n} profiles, best of {args.repeat}")
    print(f"recommend, whole:                 {whole / n * 1000:7.2f} ms per profile")
    print(f"nearest flips, screened:          {screened / n * 1000:7.2f} ms per profile")
    print(f"nearest flips, all scored (base): {full / n * 1000:7.2f} ms per profile")
    print(f"ratio (baseline / screened):      {full / screened:7.2f}×")


if __name__ == "__main__":
    main()
