"""Governance: decision-rights matrix checks and the archetype each decision and domain gets."""

from __future__ import annotations

from typing import Any

import pytest

from opmodel.document.model import OperatingModel
from opmodel.document.problems import DocumentError
from opmodel.engines.design.governance import govern
from support import builders

ROLES = [{"id": "ceo", "side": "executive"}, {"id": "cfo", "side": "executive"},
         {"id": "bu-head", "side": "business_unit"}, {"id": "cio", "side": "it"},
         {"id": "architect", "team": "arch"}, {"id": "nobody"}]
ORG = {"units": [{"id": "group", "kind": "corporate"}, {"id": "it", "parent": "group"},
                 {"id": "ea", "parent": "it", "kind": "coe"}],
       "teams": [{"id": "arch", "unit": "ea"}], "roles": ROLES}


def model(decisions: list[dict[str, Any]], bodies: list[dict[str, Any]] | None = None,
          validate: bool = True) -> OperatingModel:
    """ORG deciding ``decisions`` (through ``bodies``), checked by the rules when ``validate``."""
    build = builders.model if validate else builders.unchecked
    return build(design={"organization": ORG,
                         "governance": {"bodies": bodies or [], "decisions": decisions}})


@pytest.mark.parametrize(("rights", "archetype"), [
    ({"ceo": "A", "cfo": "R", "cio": "C"}, "business-monarchy"),
    ({"cio": "A", "architect": "R", "ceo": "I"}, "it-monarchy"),
    ({"bu-head": "A", "cio": "C"}, "feudal"),
    ({"ceo": "A", "bu-head": "R"}, "federal"),
    ({"ceo": "A", "bu-head": "R", "cio": "R"}, "federal"),
    ({"cfo": "A", "cio": "R"}, "it-duopoly"),
    ({"bu-head": "A", "architect": "R"}, "it-duopoly"),
    ({"ceo": "C", "cio": "I"}, "anarchy"),
])
def test_archetype_follows_who_holds_a_and_r(rights: dict[str, str], archetype: str) -> None:
    (row,) = govern(model([{"id": "d", "rights": rights}])).decisions
    assert row.derived == archetype


def test_a_role_without_side_takes_its_units_walking_up_the_parents() -> None:
    result = govern(model([]))
    sides = {r.role: (r.side, r.basis) for r in result.roles}
    assert sides["architect"] == ("it", "unit")  # team arch → unit ea (coe) → it
    assert sides["ceo"] == ("executive", "declared")
    assert sides["nobody"] == (None, "unknown")


def test_an_unclassified_decision_maker_leaves_the_archetype_open() -> None:
    (row,) = govern(model([{"id": "d", "rights": {"nobody": "A", "cio": "R"}}])).decisions
    assert row.derived is None and row.unclassified == ["nobody"]


def test_a_body_decides_through_its_chair_and_members() -> None:
    bodies = [{"id": "council", "chair": "cio", "members": ["bu-head"]}]
    (row,) = govern(model([{"id": "d", "rights": {"council": "A", "architect": "R"}}],
                          bodies)).decisions
    assert row.sides == ["business_unit", "it"] and row.derived == "it-duopoly"


def test_matrix_rules_one_accountable_and_a_responsible() -> None:
    result = govern(model([{"id": "two-a", "rights": {"ceo": "A", "cfo": "A", "cio": "R"}},
                           {"id": "no-r", "rights": {"ceo": "A", "cio": "C"}},
                           {"id": "fine", "rights": {"ceo": "A", "cio": "R"}}]))
    assert [(i.decision, i.kind, i.detail) for i in result.issues] == [
        ("two-a", "accountable_count", "2"), ("no-r", "no_responsible", "")]


def test_unknown_holders_and_bodies_are_issues_in_a_model_built_in_code() -> None:
    built = model([{"id": "d", "body": "ghost", "rights": {"cio": "A", "stranger": "R"}}],
                  validate=False)
    kinds = {(i.kind, i.detail) for i in govern(built).issues}
    assert {("unknown_body", "ghost"), ("unknown_holder", "stranger")} <= kinds


def test_loading_refuses_a_holder_that_is_neither_role_nor_body() -> None:
    with pytest.raises(DocumentError) as caught:
        model([{"id": "d", "rights": {"stranger": "A"}}])
    (problem,) = caught.value.problems
    assert problem.at[-2:] == ("rights", "stranger") and "'d'" in problem.message("en")
    assert "ロールでも会議体でもありません" in problem.message("ja")


def test_domains_union_their_decisions_and_report_gaps() -> None:
    result = govern(model([
        {"id": "apps-1", "domain": "business-application-needs", "archetype": "federal",
         "rights": {"bu-head": "A", "cio": "R"}},
        {"id": "apps-2", "domain": "business-application-needs", "rights": {"ceo": "A",
                                                                             "cio": "R"}}]))
    apps = next(d for d in result.domains if d.domain == "business-application-needs")
    assert apps.decisions == ["apps-1", "apps-2"] and apps.declared == ["federal"]
    assert apps.derived == "federal"  # executive + business unit + IT
    assert "name" not in apps.model_dump()  # the domain's id, named at the edge
    assert set(result.uncovered_domains) == {"it-principles", "it-architecture",
                                             "it-infrastructure", "it-investment"}


@pytest.mark.parametrize(("body", "rights", "archetype", "seated"), [
    # Weill & Ross: executives' committee that includes the CIO is a business monarchy
    ({"chair": "ceo", "members": ["cfo", "cio"]}, {"committee": "A"}, "business-monarchy",
     ["cio"]),
    ({"chair": "ceo", "members": ["cfo", "cio"]}, {"committee": "A", "ceo": "R"},
     "business-monarchy", ["cio"]),
    # the CIO deciding in their own name too acts apart: executives plus IT
    ({"chair": "ceo", "members": ["cfo", "cio"]}, {"committee": "A", "cio": "R"},
     "it-duopoly", []),
    # chaired by the CIO, or IT not in the minority: a duopoly, as before
    ({"chair": "cio", "members": ["ceo", "cfo"]}, {"committee": "A"}, "it-duopoly", []),
    ({"chair": "ceo", "members": ["cio"]}, {"committee": "A"}, "it-duopoly", []),
    ({"chair": "ceo", "members": ["cio", "architect", "cfo"]}, {"committee": "A"},
     "it-duopoly", []),
    # business-unit heads in the committee make it federal, with or without the CIO
    ({"chair": "ceo", "members": ["bu-head", "cio"]}, {"committee": "A"}, "federal", ["cio"]),
])
def test_an_executive_committee_may_include_the_cio(
        body: dict[str, Any], rights: dict[str, str], archetype: str, seated: list[str]) -> None:
    (row,) = govern(model([{"id": "d", "rights": rights}],
                          [{"id": "committee", **body}])).decisions
    assert (row.derived, row.in_committee) == (archetype, seated)
