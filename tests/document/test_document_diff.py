"""Semantic diff: entities matched by id in every collection, field-level changes."""

from __future__ import annotations

from functools import partial
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from opmodel.document import OperatingModel
from opmodel.document.changes import changes
from opmodel.document.diff import ModelDiff, diff_models
from opmodel.document.paths import Key, parse_path
from opmodel.document.references import collect_ids
from support import builders
from support.strategies import SETTINGS, documents, edits, model_data

# documents from sections, checked as a file is
model = partial(builders.model, name="M", language="en")

ROADMAP = {"initiatives": [{"id": "a", "name": "Alpha", "effort": 3},
                           {"id": "b", "depends_on": ["a"]}]}


def test_same_documents_have_an_empty_diff() -> None:
    result = diff_models(model(roadmap=ROADMAP), model(roadmap=ROADMAP))
    assert result.empty and result == ModelDiff()


def test_order_within_a_collection_is_not_a_change() -> None:
    flipped = {"initiatives": list(reversed(ROADMAP["initiatives"]))}
    assert diff_models(model(roadmap=ROADMAP), model(roadmap=flipped)).empty


def test_entities_added_removed_and_changed() -> None:
    after = {"initiatives": [{"id": "a", "name": "Alpha", "effort": 5,
                              "duration": builders.estimate(1, 2, 3)},
                             {"id": "c", "name": "Gamma"}]}
    result = diff_models(model(roadmap=ROADMAP), model(roadmap=after))
    assert [(r.collection, r.id, r.name) for r in result.added] == [
        ("roadmap.initiatives", "c", "Gamma")]
    assert [(r.collection, r.id) for r in result.removed] == [("roadmap.initiatives", "b")]
    (changed,) = result.changed
    assert (changed.collection, changed.id, changed.name) == ("roadmap.initiatives", "a", "Alpha")
    assert [(c.path, c.before, c.after) for c in changed.changes] == [
        ("roadmap.initiatives[a].effort", 3.0, 5.0),
        ("roadmap.initiatives[a].duration", None,
         {"optimistic": 1.0, "most_likely": 2.0, "pessimistic": 3.0})]
    assert result.fields == []


def test_nested_collections_are_found_generically() -> None:
    before = model(design={"technology": {"applications": [{"id": "crm", "annual_cost": 10}]}})
    after = model(design={"technology": {"applications": [{"id": "crm", "annual_cost": 12},
                                                           {"id": "erp"}]}})
    result = diff_models(before, after)
    assert [(r.collection, r.id) for r in result.added] == [("design.technology.applications",
                                                             "erp")]
    assert result.changed[0].changes[0].path == "design.technology.applications[crm].annual_cost"


def test_a_new_section_reports_its_entities_as_added() -> None:
    result = diff_models(model(), model(risks={"items": [{"id": "r1", "likelihood": 2,
                                                          "impact": 3}]}))
    assert [(r.collection, r.id) for r in result.added] == [("risks.items", "r1")]
    assert result.fields == []


def test_a_removed_section_without_entities_is_one_field_change() -> None:
    result = diff_models(model(profile={"industry": "banking"}), model())
    assert [(c.path, c.before, c.after) for c in result.fields] == [
        ("profile", {"industry": "banking"}, None)]


def test_non_entity_fields_are_compared_field_by_field() -> None:
    before = model(profile={"industry": "banking", "employees": 100,
                            "it_maturity": {"devops": 1}})
    after = model(profile={"industry": "banking", "employees": 120, "geography": "global",
                           "it_maturity": {"devops": 2}})
    after.metadata.name = "N"
    result = diff_models(before, after)
    assert [(c.path, c.before, c.after) for c in result.fields] == [
        ("metadata.name", "M", "N"),
        ("profile.employees", 100, 120),
        ("profile.geography", None, "global"),
        ("profile.it_maturity.devops", 1, 2)]


def test_mapping_fields_are_compared_key_by_key() -> None:
    before = model(roadmap={"resources": [{"id": "r", "capacity": 5}], "initiatives": [
        {"id": "a", "demand": {"r": 1}}]})
    after = model(roadmap={"resources": [{"id": "r", "capacity": 5}], "initiatives": [
        {"id": "a", "demand": {"r": 2}}]})
    (changed,) = diff_models(before, after).changed
    assert [(c.path, c.before, c.after) for c in changed.changes] == [
        ("roadmap.initiatives[a].demand[r]", 1.0, 2.0)]


def test_the_diff_serialises_to_json() -> None:
    result = diff_models(model(roadmap=ROADMAP), model())
    data = result.model_dump(mode="json")
    assert set(data) == {"added", "removed", "changed", "fields"}
    assert [r["id"] for r in data["removed"]] == ["a", "b"]


@settings(SETTINGS, max_examples=30)
@given(a=model_data(OperatingModel), b=model_data(OperatingModel))
def test_added_and_removed_match_the_ids_of_each_collection(a: dict[str, Any],
                                                            b: dict[str, Any]) -> None:
    try:
        left, right = OperatingModel.model_validate(a), OperatingModel.model_validate(b)
    except ValidationError:
        assume(False)
        raise
    assert diff_models(left, left).empty
    result = diff_models(left, right)
    ids_a, ids_b = collect_ids(left), collect_ids(right)
    for collection in set(ids_a) | set(ids_b):
        before, after = set(ids_a.get(collection, {})), set(ids_b.get(collection, {}))
        assert {r.id for r in result.added if r.collection == collection} == after - before
        assert {r.id for r in result.removed if r.collection == collection} == before - after
    if left == right:
        assert result.empty
    if result.empty:  # then only the order of entities may differ
        assert left.metadata == right.metadata and left.profile == right.profile


def test_keyed_items_and_references_are_changed_one_by_one() -> None:
    before = model(roadmap={"initiatives": [
        {"id": "a", "excludes": ["b"], "costs": [{"id": "licences", "category": "opex",
                                                  "amount": 100}]},
        {"id": "b", "depends_on": ["a"]}]})
    after = model(roadmap={"initiatives": [
        {"id": "a", "excludes": [], "costs": [{"id": "licences", "category": "opex",
                                               "amount": 120}]},
        {"id": "b", "depends_on": [{"initiative": "a", "type": "ss"}]}]})
    result = diff_models(before, after)
    assert [(e.id, [(c.path, c.before, c.after) for c in e.changes]) for e in result.changed] == [
        ("a", [("roadmap.initiatives[a].costs[licences].amount", 100.0, 120.0),
               ("roadmap.initiatives[a].excludes[b]", "b", None)]),
        ("b", [("roadmap.initiatives[b].depends_on[a].type", "fs", "ss")])]


def test_a_key_with_a_bracket_is_escaped_in_the_path() -> None:
    def course(capacity: int) -> Any:
        return model(change={"courses": [{"id": "itsm", "sessions": [
            {"start": "2027-04-01", "location": "Room [B]", "capacity": capacity}]}]})

    (changed,) = diff_models(course(10), course(12)).changed
    (change,) = changed.changes
    assert change.path == r"change.courses[itsm].sessions[2027-04-01/Room [B\]].capacity"
    assert parse_path(change.path)[4] == Key("2027-04-01/Room [B]")


@settings(SETTINGS, max_examples=30)
@given(pair=st.data())
def test_the_diff_is_a_view_of_the_change_set(pair: st.DataObject) -> None:
    data = pair.draw(model_data(OperatingModel))
    left = pair.draw(documents(st.just(data)))
    right = pair.draw(documents(edits(OperatingModel, data)))
    result = diff_models(left, right)
    assert result.empty == changes(left, right).empty
    paths = {o.path for o in changes(left, right).operations}
    for change in [c for e in result.changed for c in e.changes] + result.fields:
        # a field change is an operation, or lies inside a section added or removed whole
        assert change.path in paths or any(change.path.startswith(p + ".") for p in paths)
    for ref in result.added + result.removed:
        entity = f"{ref.collection}[{ref.id}]"
        assert entity in paths or any(entity.startswith(p + ".") for p in paths)
