"""What-if analysis of the recommendation: which unknown facts matter, and the nearest changes
of known facts (by what they cost to change) that give another structure."""

from __future__ import annotations

from itertools import combinations

from pydantic import BaseModel

from opmodel.engines.recommendation.scoring import Facts, Scorer, options
from opmodel.knowledge.fit import FitCase, FitFactor, Scalar


class MissingFact(BaseModel):
    """An unknown profile fact and how much knowing it could move the recommendation."""

    factor: str
    swing: float
    could_change_structure: bool
    could_change_sourcing: bool
    values_changing_structure: list[Scalar]


class ProfileChange(BaseModel):
    """One field of the profile set to another value, and what that change costs."""

    factor: str
    current: Scalar
    proposed: Scalar
    cost: int


class Flip(BaseModel):
    """A change of one or two known facts that gives another recommended structure."""

    structure: str
    cost: int
    changes: list[ProfileChange]


def missing_facts(scorer: Scorer, facts: Facts) -> list[MissingFact]:
    """Unknown facts ordered by their possible swing (largest first); none are guessed."""
    base = scorer.score(facts)
    structure = base.best(scorer.rules)
    stance_type = scorer.rules.sourcing.type
    found: list[tuple[bool, float, int, MissingFact]] = []
    for order, factor in enumerate(scorer.rules.factors):
        if facts.get(factor.id) is not None:
            continue
        swing, changes_sourcing, flips = 0.0, False, []
        for _, case in options(factor):
            value = case.representative()
            trial = scorer.score({**facts, factor.id: value})
            swing = max(swing, *(abs(trial.scores[t] - base.scores[t]) for t in trial.scores))
            changes_sourcing |= trial.scores[stance_type] != base.scores[stance_type]
            if trial.best(scorer.rules) != structure and value is not None:
                flips.append(value)
        if swing == 0:
            continue
        item = MissingFact(factor=factor.id, swing=round(swing, 2),
                           could_change_structure=bool(flips),
                           could_change_sourcing=changes_sourcing,
                           values_changing_structure=flips)
        found.append((not flips, -swing, order, item))
    return [item for *_, item in sorted(found, key=lambda x: x[:3])]


def _moves(factor: FitFactor, fact: Scalar) -> list[tuple[int, Scalar]]:
    """Each other value the fact could take, with its cost: steps on the factor's scale
    times the factor's cost per step."""
    current = factor.case_for(fact)
    listed = [i for i, _ in options(factor)]
    here = next((i for i, c in options(factor) if c is current), None)
    moves: list[tuple[int, Scalar]] = []
    for i, case in options(factor):
        value = case.representative(near=fact)
        if case is current or value is None:
            continue
        if factor.scale == "nominal" or here is None:
            steps = 1
        else:
            steps = abs(listed.index(i) - listed.index(here))
        moves.append((steps * factor.step_cost, value))
    return moves


def _lead_change(scorer: Scorer, factor: FitFactor, fact: Scalar, value: Scalar,
                 leader: str, rival: str) -> float:
    """How much moving ``fact`` to ``value`` changes ``leader``'s lead over ``rival``."""
    def lead(case: FitCase | None) -> float:
        return 0.0 if case is None else scorer.points(case, leader) - scorer.points(case, rival)
    return lead(factor.case_for(value)) - lead(factor.case_for(fact))


def nearest_flips(scorer: Scorer, facts: Facts) -> list[Flip]:
    """The cheapest changes of one or two known facts that give another structure, within
    the rules' cost limit: a pair is left out when one of its changes flips it alone, and
    of the changes of the same facts only the cheapest is kept."""
    rules = scorer.rules
    limit = rules.sensitivity.max_cost
    base = scorer.score(facts)
    structure = base.best(rules)
    rivals = [t for t in rules.type_ids("structure") if t != structure]
    moves = [(f, cost, value) for f in rules.factors if facts.get(f.id) is not None
             for cost, value in _moves(f, facts[f.id])  # type: ignore[arg-type]
             if cost <= limit]
    # each move's change to the structure's lead over each rival, to skip hopeless combos fast
    gains = [{t: _lead_change(scorer, f, facts[f.id], v, structure, t) for t in rivals}  # type: ignore[arg-type]
             for f, _, v in moves]
    found: dict[frozenset[str], tuple[tuple[int, int, float, int], Flip]] = {}
    flips_alone: set[str] = set()
    for size in (1, 2):
        for order, combo_at in enumerate(combinations(range(len(moves)), size)):
            combo = [moves[i] for i in combo_at]
            names = frozenset(f.id for f, _, _ in combo)
            cost = sum(c for _, c, _ in combo)
            if len(names) < size or cost > limit or names & flips_alone:
                continue
            if all(base.scores[structure] - base.scores[t]
                   + sum(gains[i][t] for i in combo_at) > 1e-6 for t in rivals):
                continue  # the structure keeps a lead over every rival
            trial = scorer.score({**facts, **{f.id: v for f, _, v in combo}})
            winner = trial.best(rules)
            if winner == structure:
                continue
            key = (cost, size, -trial.margin(rules), order)
            if names not in found or key < found[names][0]:
                found[names] = (key, Flip(structure=winner, cost=cost, changes=[
                    ProfileChange(factor=f.id, current=facts[f.id], proposed=v, cost=c)
                    for f, c, v in combo]))
        if size == 1:
            flips_alone = {next(iter(names)) for names in found}
    ranked = sorted(found.values(), key=lambda item: item[0])
    return [flip for _, flip in ranked[:rules.sensitivity.flips_shown]]
