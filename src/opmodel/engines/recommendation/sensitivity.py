"""What-if analysis of the recommendation: which unknown facts matter, and the smallest change."""

from __future__ import annotations

from itertools import combinations

from pydantic import BaseModel

from opmodel.engines.recommendation.scoring import Facts, Scorer, options
from opmodel.knowledge.fit import FitFactor, Scalar


class MissingFact(BaseModel):
    """An unknown profile fact and how much knowing it could move the recommendation."""

    factor: str
    swing: float
    could_change_structure: bool
    could_change_sourcing: bool
    values_changing_structure: list[Scalar]


class ProfileChange(BaseModel):
    """One field of the profile set to another value."""

    factor: str
    current: Scalar
    proposed: Scalar


class Sensitivity(BaseModel):
    """The smallest change to known facts that gives another recommended structure."""

    structure: str
    steps: int
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
    """Each other value the fact could take, with its distance in steps on the factor's scale."""
    current = factor.case_for(fact)
    listed = options(factor)
    here = next((i for i, c in listed if c is current), None)
    moves: list[tuple[int, Scalar]] = []
    for i, case in listed:
        value = case.representative(near=fact)
        if case is current or value is None:
            continue
        if factor.scale == "nominal" or here is None:
            steps = 1
        else:
            steps = abs([j for j, _ in listed].index(i) - [j for j, _ in listed].index(here))
        moves.append((steps * factor.step_cost, value))
    return moves


def smallest_change(scorer: Scorer, facts: Facts, depth: int = 2) -> Sensitivity | None:
    """The change of one (or, failing that, two) known facts with the fewest steps that flips
    the structure; ties go to the change that leaves the clearest new winner."""
    rules = scorer.rules
    structure = scorer.score(facts).best(rules)
    moves = [(f, step, value) for f in rules.factors if facts.get(f.id) is not None
             for step, value in _moves(f, facts[f.id])]  # type: ignore[arg-type]
    best: tuple[int, int, float, int, list[tuple[FitFactor, Scalar]], str] | None = None
    for size in range(1, depth + 1):
        if best is not None and best[0] <= size:
            break  # k changes take at least k steps: nothing larger can be smaller
        for order, combo in enumerate(combinations(moves, size)):
            if len({f.id for f, _, _ in combo}) < size:
                continue
            trial = scorer.score({**facts, **{f.id: v for f, _, v in combo}})
            winner = trial.best(rules)
            if winner == structure:
                continue
            key = (sum(s for _, s, _ in combo), size, -trial.margin(rules), order)
            if best is None or key < best[:4]:
                best = (*key, [(f, v) for f, _, v in combo], winner)
    if best is None:
        return None
    steps, _, _, _, changes, winner = best
    return Sensitivity(structure=winner, steps=steps, changes=[
        ProfileChange(factor=f.id, current=facts[f.id], proposed=v)
        for f, v in changes])
