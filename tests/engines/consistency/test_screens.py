"""The rules' screens: a test of one entity alone that every entity a rule fires on passes."""

from __future__ import annotations

import pytest

from opmodel.engines.consistency.checks import run_rule
from opmodel.engines.consistency.conditions import bindings, holds, items_of
from opmodel.engines.consistency.screens import screen
from opmodel.knowledge.rules import rule_book
from support import builders
from support.varied_model import varied

CONDITION_RULES = [r for r in rule_book().rules if r.kind == "condition"]
RULES = {r.id: r for r in CONDITION_RULES}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_entity_a_rule_fires_on_passes_its_screen(seed: int) -> None:
    model = varied(150, seed)
    fired = 0
    for rule in CONDITION_RULES:
        keep = screen(rule)
        hits = [b for b in bindings(rule, model)  # every entity, none screened out
                if all(holds(c, b, {}) for c in rule.when)]
        assert keep is None or all(keep(b.item) for b in hits), rule.id
        assert len(run_rule(rule, model)) == len(hits), rule.id
        fired += bool(hits)
    assert fired >= len(CONDITION_RULES) - 2  # the varied model fires (nearly) all of them


def test_a_screen_drops_the_entities_that_fail_a_condition_on_their_own_fields() -> None:
    rule = RULES["retired-application-invested"]
    model = builders.unchecked(design={"technology": {"applications": [
        {"id": "a", "lifecycle": "retired", "time": "invest"},
        {"id": "b", "lifecycle": "active", "time": "invest"},
        {"id": "c", "lifecycle": "retired"}]}})
    kept = items_of(rule, model, screen(rule))
    assert [item.id for item, _ in kept] == ["a"]
    assert kept[0][1] == ("design", "technology", "applications", 0)


def test_a_screen_reads_the_entity_and_never_what_its_join_reaches() -> None:
    rule = RULES["mandatory-alternatives-conflict"]  # mandatory, and other.mandatory
    keep = screen(rule)
    model = builders.unchecked(roadmap={"initiatives": [
        {"id": "a", "mandatory": True, "excludes": ["b"]}, {"id": "b"}]})
    a, b = model.roadmap.initiatives  # type: ignore[union-attr]
    assert keep is not None and keep(a) and not keep(b)


def test_a_rule_with_no_condition_on_its_entitys_own_fields_has_no_screen() -> None:
    assert screen(RULES["platform-needs-devops-maturity"]) is None  # paths from the root
    assert screen(RULES["decision-one-accountable"]) is None  # a count
