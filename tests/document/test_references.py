"""Ids are slugs and unique per collection; every reference field is enforced (generic)."""

from __future__ import annotations

import copy
import itertools
from typing import Any

import pytest

from opmodel.document import DocumentError, validate_data
from opmodel.document.references import collect_ids
from opmodel.document.rules.roadmap import find_cycle
from support.builders import (
    RefSite,
    collection_steps,
    descend,
    document,
    minimal,
    minimal_value,
    ref_sites,
)

SITES = list(ref_sites())
MISSING = "no-such-thing"


def at(problem: Any) -> tuple[Any, ...]:
    """Where a problem is, by position (its path names list items by key)."""
    return problem.at if problem.at is not None else problem.path


def problems_of(data: dict[str, Any]) -> list[Any]:
    try:
        validate_data(data)
    except DocumentError as exc:
        return list(exc.problems)
    return []


def _with_reference(site: RefSite, value: str) -> tuple[dict[str, Any], tuple[Any, ...]]:
    data = document(name="Test")
    owner, path = descend(data, site.steps)
    if site.shape == "scalar":
        owner[site.field] = value
        shorthand = getattr(site.owner, "shorthand_field", None) == site.field
        return data, path if shorthand else (*path, site.field)
    if site.shape == "list":
        owner[site.field] = [value]
        return data, (*path, site.field, 0)
    assert site.value_type is not None
    owner[site.field] = {value: minimal_value(site.value_type)}
    return data, (*path, site.field, value)


def test_the_schema_has_reference_fields() -> None:
    # guards the generic tests below against finding nothing
    assert len(SITES) >= 40
    assert {s.shape for s in SITES} == {"scalar", "list", "keys"}


@pytest.mark.parametrize("site", SITES, ids=str)
def test_every_reference_names_an_existing_collection(site: RefSite) -> None:
    assert collection_steps(site.collection) is not None, site.collection


@pytest.mark.parametrize("site", SITES, ids=str)
def test_every_dangling_reference_is_an_error(site: RefSite) -> None:
    data, path = _with_reference(site, MISSING)
    if site.collection == "change.groups":  # today's shape declares its groups
        data["change"].setdefault("groups", [{"id": "another-group"}])
    found = [p for p in problems_of(data) if at(p) == path]
    assert found, f"no problem at {path}"
    assert any(f"'{MISSING}' does not name any entry of {site.collection}" in p.message("en")
               and site.collection in p.message("ja") for p in found)


@pytest.mark.parametrize("site", SITES, ids=str)
def test_a_reference_to_an_existing_entity_is_accepted(site: RefSite) -> None:
    data, path = _with_reference(site, MISSING)
    steps = collection_steps(site.collection)
    assert steps is not None
    # add the target: descend to the collection's parent, then append an entity with that id
    parent, _ = descend(data, steps[:-1])
    target = minimal(steps[-1].cls) | {"id": MISSING}
    parent.setdefault(steps[-1].field, []).append(target)
    dangling = [p for p in problems_of(data)
                if at(p) == path and "does not name any entry" in p.message("en")]
    assert dangling == []


def _entity_collections() -> list[str]:
    return sorted({s.collection for s in SITES})


@pytest.mark.parametrize("collection", _entity_collections())
def test_ids_are_unique_within_each_collection(collection: str) -> None:
    steps = collection_steps(collection)
    assert steps is not None
    data = document(name="Test")
    parent, path = descend(data, steps[:-1])
    entity = minimal(steps[-1].cls) | {"id": "twin"}
    parent[steps[-1].field] = [entity, copy.deepcopy(entity)]
    found = [p for p in problems_of(data) if at(p) == (*path, steps[-1].field, 1, "id")]
    assert any("'twin' is used twice" in p.message("en") for p in found), found


def test_the_same_id_in_two_collections_is_fine() -> None:
    data = document(name="Test") | {"strategy": {"objectives": [{"id": "growth"}],
                                  "outcomes": [{"id": "growth"}]}}
    assert problems_of(data) == []


@pytest.mark.parametrize("bad", ["Bad Id", "UPPER", "-lead", "trail-", "a--b", "", "日本語",
                                 "a b", "x" * 121])
def test_ids_must_be_slugs(bad: str) -> None:
    data = document(name="Test") | {"risks": {"items": [{"id": bad, "likelihood": 1, "impact": 1}]}}
    found = problems_of(data)
    assert [at(p) for p in found] == [("risks", "items", 0, "id")]


@pytest.mark.parametrize("good", ["a", "cloud-migration", "v1.2", "erp_2027", "x9"])
def test_slugs_are_accepted(good: str) -> None:
    data = document(name="Test") | {"risks": {"items": [{"id": good, "likelihood": 1, "impact": 1}]}}
    assert problems_of(data) == []


def test_collect_ids_finds_nested_collections() -> None:
    model = validate_data(document(name="Test") | {"design": {"technology": {"applications": [{"id": "crm"}]}}})
    assert collect_ids(model)["design.technology.applications"] == {
        "crm": ("design", "technology", "applications", 0)}


def _roadmap(deps: dict[str, list[str]]) -> dict[str, Any]:
    return document(name="Test") | {"roadmap": {"initiatives": [
        {"id": i, "depends_on": d} for i, d in deps.items()]}}


def test_a_dependency_cycle_is_named() -> None:
    found = problems_of(_roadmap({"a": ["b"], "b": ["c"], "c": ["a"]}))
    cycles = [p for p in found if "form a cycle" in p.message("en")]
    assert len(cycles) == 1
    named = cycles[0].message("en").split(": ", 1)[1].split(" → ")
    assert named[0] == named[-1] and sorted(named[:-1]) == ["a", "b", "c"]
    assert "循環" in cycles[0].message("ja") and " → ".join(named) in cycles[0].message("ja")


def test_the_cycle_is_shown_in_work_order() -> None:
    # b depends on a, c on b, a on c: work order follows the dependencies
    found = problems_of(_roadmap({"a": ["c"], "b": ["a"], "c": ["b"]}))
    (cycle,) = [p for p in found if "form a cycle" in p.message("en")]
    named = cycle.message("en").split(": ", 1)[1].split(" → ")
    for before, after in itertools.pairwise(named):
        assert before in {"a": ["c"], "b": ["a"], "c": ["b"]}[after]


def test_problem_paths_name_list_items_by_key() -> None:
    from opmodel.document.paths import format_path

    found = problems_of(_roadmap({"a": [], "b": ["a", "zz"]}))
    assert [format_path(p.path) for p in found] == ["roadmap.initiatives[b].depends_on[zz]"]
    assert [p.at for p in found] == [("roadmap", "initiatives", 1, "depends_on", 1)]


def test_items_with_the_same_key_in_one_list_are_an_error() -> None:
    from opmodel.document.paths import format_path

    costs = [{"id": "licences", "category": "opex", "amount": 1},
             {"id": "licences", "category": "capex", "amount": 2}]
    data = document(name="Test") | {"roadmap": {"initiatives": [{"id": "a", "costs": costs},
                                                 {"id": "b", "costs": costs[:1]}]}}
    found = problems_of(data)
    assert [format_path(p.path) for p in found] == ["roadmap.initiatives[a].costs[licences]"]
    assert "two entries of roadmap.initiatives.costs have the same id (licences)" \
        in found[0].message("en")


def test_a_self_dependency_is_an_error() -> None:
    found = problems_of(_roadmap({"a": ["a"]}))
    assert any("depends on itself" in p.message("en") for p in found)


def test_an_acyclic_roadmap_passes() -> None:
    assert problems_of(_roadmap({"a": [], "b": ["a"], "c": ["a", "b"]})) == []


@pytest.mark.parametrize(("graph", "has_cycle"), [
    ({"a": ["b"], "b": []}, False),
    ({"a": ["a"]}, True),
    ({"a": ["b"], "b": ["c"], "c": ["b"]}, True),
    ({str(i): [str(i + 1)] for i in range(5000)} | {"5000": []}, False),
    ({str(i): [str((i + 1) % 5000)] for i in range(5000)}, True),
])
def test_find_cycle(graph: dict[str, list[str]], has_cycle: bool) -> None:
    cycle = find_cycle(graph)
    assert (cycle is not None) == has_cycle
    if cycle:
        assert cycle[0] == cycle[-1]
        for node, nxt in itertools.pairwise(cycle):
            assert nxt in graph[node]
