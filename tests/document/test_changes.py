"""Change sets: operations on paths by key, their JSON, and applying them to a document."""

from __future__ import annotations

import datetime as dt
import json
from functools import partial
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opmodel.document import DocumentError, OperatingModel
from opmodel.document.base import Component
from opmodel.document.changes import (
    AddOperation,
    ChangeSet,
    RemoveOperation,
    ReplaceOperation,
    apply,
    changes,
)
from opmodel.document.comparison import equivalent
from opmodel.document.paths import format_path, parse_path
from support.builders import estimate, unchecked
from support.strategies import SETTINGS, documents, edits, model_data

ROADMAP = {
    "resources": [{"id": "r", "capacity": 5}, {"id": "s", "capacity": 2}],
    "initiatives": [
        {"id": "a", "name": "Alpha", "effort": 3, "demand": {"r": 1},
         "costs": [{"id": "licences", "category": "opex", "amount": 100}],
         "excludes": ["b"]},
        {"id": "b", "depends_on": ["a"]},
    ],
}


# documents from sections, checked by the schema, not by the rules
model = partial(unchecked, name="M", language="en")


def ops(before: OperatingModel, after: OperatingModel) -> list[tuple[str, str, Any]]:
    return [(o.op, o.path, getattr(o, "value", None)) for o in changes(before, after).operations]


def edited(base: OperatingModel, **sections: Any) -> OperatingModel:
    data = base.dump_data()
    data.update(sections)
    return OperatingModel.model_validate(data)


def round_trip(before: OperatingModel, after: OperatingModel) -> OperatingModel:
    """``after`` rebuilt from ``before`` and the change set, through its JSON."""
    result = apply(ChangeSet.from_json(changes(before, after).to_json()), before)
    assert equivalent(result, after)
    return result


# --- what a change set holds ------------------------------------------------------------

def test_equal_documents_have_no_changes() -> None:
    assert changes(model(roadmap=ROADMAP), model(roadmap=ROADMAP)).empty


def test_a_field_of_an_entity_is_one_replace_by_key() -> None:
    base = model(roadmap=ROADMAP)
    after = base.model_copy(deep=True)
    after.roadmap.initiatives[0].effort = 5  # type: ignore[union-attr]
    assert ops(base, after) == [("replace", "roadmap.initiatives[a].effort", 5)]
    round_trip(base, after)


def test_order_within_a_collection_is_not_a_change() -> None:
    flipped = {**ROADMAP, "initiatives": list(reversed(ROADMAP["initiatives"])),
               "resources": list(reversed(ROADMAP["resources"]))}
    assert changes(model(roadmap=ROADMAP), model(roadmap=flipped)).empty


def test_entities_added_are_appended_and_removed_by_key() -> None:
    base = model(roadmap=ROADMAP)
    after = edited(base, roadmap={**ROADMAP, "initiatives": [
        {"id": "c", "name": "Gamma"}, ROADMAP["initiatives"][0]]})
    assert ops(base, after) == [("remove", "roadmap.initiatives[b]", None),
                                ("add", "roadmap.initiatives[c]", {"id": "c", "name": "Gamma"})]
    result = round_trip(base, after)
    assert [i.id for i in result.roadmap.initiatives] == ["a", "c"]  # type: ignore[union-attr]


def test_keyed_items_and_mapping_entries_are_addressed_by_key() -> None:
    base = model(roadmap=ROADMAP)
    initiative = {**ROADMAP["initiatives"][0], "demand": {"r": 2, "s": 1},
                  "costs": [{"id": "licences", "category": "opex", "amount": 120},
                            {"id": "training", "category": "training", "amount": 10}]}
    after = edited(base, roadmap={**ROADMAP, "initiatives": [initiative,
                                                             ROADMAP["initiatives"][1]]})
    assert ops(base, after) == [
        ("replace", "roadmap.initiatives[a].demand[r]", 2.0),
        ("add", "roadmap.initiatives[a].demand[s]", 1.0),
        ("replace", "roadmap.initiatives[a].costs[licences].amount", 120.0),
        ("add", "roadmap.initiatives[a].costs[training]",
         {"id": "training", "category": "training", "amount": 10.0})]
    round_trip(base, after)


def test_references_are_a_set_of_ids() -> None:
    base = model(roadmap=ROADMAP)
    a = {**ROADMAP["initiatives"][0], "excludes": ["c", "b"]}
    b = {**ROADMAP["initiatives"][1], "depends_on": []}
    after = edited(base, roadmap={**ROADMAP, "initiatives": [
        a, b, {"id": "c", "excludes": ["a"]}]})
    assert ops(base, after) == [
        ("add", "roadmap.initiatives[a].excludes[c]", "c"),
        ("remove", "roadmap.initiatives[b].depends_on[a]", None),
        ("add", "roadmap.initiatives[c]", {"id": "c", "excludes": ["a"]})]
    result = round_trip(base, after)
    assert result.roadmap.initiatives[0].excludes == ["b", "c"]  # type: ignore[union-attr]
    reordered = edited(base, roadmap={**ROADMAP, "initiatives": [
        {**ROADMAP["initiatives"][0], "excludes": ["b"]}, ROADMAP["initiatives"][1]]})
    assert changes(base, reordered).empty


def test_lists_of_plain_values_are_replaced_whole() -> None:
    base = model(roadmap={"calendar": {"holidays": ["2027-01-01", "2027-01-02"]}})
    after = model(roadmap={"calendar": {"holidays": ["2027-01-02", "2027-01-01"]}})
    assert ops(base, after) == [("replace", "roadmap.calendar.holidays",
                                 ["2027-01-02", "2027-01-01"])]
    assert apply(changes(base, after), base) == after


def test_sections_and_sub_models_appear_and_go_whole() -> None:
    base = model(profile={"industry": "banking"}, roadmap=ROADMAP)
    a = {**ROADMAP["initiatives"][0], "duration": estimate(1, 2, 4)}
    after = model(risks={"items": [{"id": "r1", "likelihood": 2, "impact": 3}]},
                  roadmap={**ROADMAP, "initiatives": [a, ROADMAP["initiatives"][1]]})
    assert ops(base, after) == [
        ("remove", "profile", None),
        ("add", "roadmap.initiatives[a].duration",
         {"optimistic": 1.0, "most_likely": 2.0, "pessimistic": 4.0}),
        ("add", "risks", {"items": [{"id": "r1", "likelihood": 2, "impact": 3}]})]
    result = round_trip(base, after)
    assert result.profile is None and "profile" not in result.dump_data()
    later = after.model_copy(deep=True)
    later.roadmap.initiatives[0].duration.most_likely = 3  # type: ignore[union-attr]
    assert ops(after, later) == [
        ("replace", "roadmap.initiatives[a].duration.most_likely", 3)]


def test_mappings_with_enum_keys_and_model_values() -> None:
    base = model(assessment={"targets": {"governance": {"target": 3}}})
    after = model(assessment={"targets": {"governance": {"target": 4},
                                          "process": {"target": 2}}})
    assert ops(base, after) == [
        ("replace", "assessment.targets[governance].target", 4),
        ("add", "assessment.targets[process]", {"target": 2})]
    round_trip(base, after)


# --- applying -----------------------------------------------------------------------------

def test_apply_shares_what_it_does_not_change_and_leaves_the_input_alone() -> None:
    base = model(profile={"industry": "banking"}, roadmap=ROADMAP,
                 risks={"items": [{"id": "r1", "likelihood": 2, "impact": 3}]})
    before = base.dump_data()
    result = apply(ChangeSet(operations=[
        ReplaceOperation(path="roadmap.initiatives[b].name", value="Beta")]), base)
    assert base.dump_data() == before
    assert result.roadmap.initiatives[1].name == "Beta"  # type: ignore[union-attr]
    assert result.profile is base.profile and result.risks is base.risks
    assert result.roadmap.initiatives[0] is base.roadmap.initiatives[0]  # type: ignore[union-attr]
    assert result.roadmap.resources is base.roadmap.resources  # type: ignore[union-attr]
    assert result.roadmap is not base.roadmap


def test_values_are_validated_by_their_field() -> None:
    base = edited(model(roadmap=ROADMAP), roadmap={**ROADMAP, "initiatives": [
        ROADMAP["initiatives"][0], {"id": "b"}]})
    result = apply(ChangeSet(operations=[
        ReplaceOperation(path="roadmap.initiatives[a].earliest_start", value="2027-04-01"),
        ReplaceOperation(path="roadmap.initiatives[a].components", value=["process"]),
        AddOperation(path="roadmap.initiatives[b].depends_on[a]", value="a"),
        AddOperation(path="roadmap.initiatives[b].excludes[a]", value=None)]), base)
    a, b = result.roadmap.initiatives  # type: ignore[union-attr]
    assert a.earliest_start == dt.date(2027, 4, 1) and a.components == [Component.process]
    assert b.depends_on[0].initiative == "a" and b.excludes == ["a"]


def problem_of(operation: Any, base: OperatingModel | None = None) -> tuple[str, str]:
    with pytest.raises(DocumentError) as caught:
        apply(ChangeSet(operations=[operation]), base or model(roadmap=ROADMAP))
    (found,) = caught.value.problems
    assert found.message("en") and found.message("ja") != found.message("en")
    return found.code, format_path(found.path)


@pytest.mark.parametrize(("operation", "code", "path"), [
    (ReplaceOperation(path="roadmap.initiatives[zz].effort", value=1),
     "changeset.missing", "roadmap.initiatives[zz]"),
    (RemoveOperation(path="roadmap.initiatives[zz]"),
     "changeset.missing", "roadmap.initiatives[zz]"),
    (ReplaceOperation(path="risks.items[r1].impact", value=1), "changeset.missing", "risks"),
    (AddOperation(path="roadmap.initiatives[a]", value={"id": "a"}),
     "changeset.exists", "roadmap.initiatives[a]"),
    (AddOperation(path="roadmap.initiatives[a].excludes[b]", value="b"),
     "changeset.exists", "roadmap.initiatives[a].excludes[b]"),
    (AddOperation(path="roadmap.initiatives[a].effort", value=2),
     "changeset.exists", "roadmap.initiatives[a].effort"),
    (ReplaceOperation(path="roadmap.initiatives[a].effort", value=-1),
     "validation.greater_than_equal", "roadmap.initiatives[a].effort"),
    (AddOperation(path="roadmap.initiatives[c]", value={"id": "c", "effort": "lots"}),
     "validation.float_parsing", "roadmap.initiatives[c].effort"),
    (AddOperation(path="roadmap.initiatives[a].demand[Bad Id]", value=1),
     "validation.string_pattern_mismatch", "roadmap.initiatives[a].demand[Bad Id]"),
    (AddOperation(path="roadmap.initiatives[c]", value={"id": "d"}),
     "changeset.key_mismatch", "roadmap.initiatives[c]"),
    (ReplaceOperation(path="roadmap.initiatives[a].id", value="z"),
     "changeset.key_field", "roadmap.initiatives[a].id"),
    (ReplaceOperation(path="roadmap.initiatives[a].excludes[b]", value="c"),
     "changeset.reference_replace", "roadmap.initiatives[a].excludes[b]"),
    (ReplaceOperation(path="roadmap.initiatives[a].name.first", value="c"),
     "changeset.whole_value", "roadmap.initiatives[a].name"),
    (ReplaceOperation(path="roadmap.initiatives[a].colour", value="red"),
     "changeset.unknown_field", "roadmap.initiatives[a].colour"),
    (ReplaceOperation(path="roadmap.initiatives.effort", value=1),
     "changeset.not_a_key", "roadmap.initiatives.effort"),
    (RemoveOperation(path="metadata.name"), "validation.string_type", "metadata.name"),
    (ReplaceOperation(path="roadmap[a", value=1), "changeset.bad_path", ""),
])
def test_an_operation_that_does_not_fit_is_a_problem_at_its_path(
        operation: Any, code: str, path: str) -> None:
    assert problem_of(operation) == (code, path)


def test_a_failed_apply_leaves_the_document_as_it_was() -> None:
    base = model(roadmap=ROADMAP)
    before = base.dump_data()
    with pytest.raises(DocumentError):
        apply(ChangeSet(operations=[
            ReplaceOperation(path="roadmap.initiatives[a].name", value="X"),
            RemoveOperation(path="roadmap.initiatives[zz]")]), base)
    assert base.dump_data() == before


def test_a_rating_out_of_range_names_its_entity() -> None:
    base = model(risks={"items": [{"id": "r1", "likelihood": 2, "impact": 3}]})
    with pytest.raises(DocumentError) as caught:
        apply(ChangeSet(operations=[ReplaceOperation(path="risks.items[r1].impact",
                                                     value=9)]), base)
    (found,) = caught.value.problems
    assert format_path(found.path) == "risks.items[r1].impact" and "'r1'" in found.message("en")


# --- JSON ---------------------------------------------------------------------------------

def test_the_json_is_compact_and_round_trips() -> None:
    base = model(roadmap=ROADMAP)
    after = edited(base, metadata={"name": "N", "language": "en"}, roadmap={
        **ROADMAP, "initiatives": [ROADMAP["initiatives"][0]]})
    change_set = changes(base, after)
    text = change_set.to_json()
    assert json.loads(text) == {"operations": [
        {"op": "replace", "path": "metadata.name", "value": "N"},
        {"op": "remove", "path": "roadmap.initiatives[b]"}]}
    assert ", " not in text and ": " not in text
    assert ChangeSet.from_json(text) == change_set


def test_keys_with_brackets_are_escaped_and_parse_back() -> None:
    base = model(design={"sourcing": {"decisions": [{"capability": "cap", "criteria": {}}]}})
    after = edited(base, design={"sourcing": {"decisions": [
        {"capability": "cap", "criteria": {}}],
        "vendors": [{"id": "v", "services": ["a]b"]}]}})
    change_set = changes(base, after)
    for operation in change_set.operations:
        assert format_path(parse_path(operation.path)) == operation.path
    round_trip(base, after)


# --- properties -----------------------------------------------------------------------------

@st.composite
def pairs(draw: st.DrawFn) -> tuple[OperatingModel, OperatingModel]:
    """A document and another: an edit of it, or an unrelated one."""
    data = draw(model_data(OperatingModel))
    base = draw(documents(st.just(data)))
    other = draw(st.one_of(documents(edits(OperatingModel, data)), documents()))
    return base, other


@SETTINGS
@given(pair=pairs())
def test_applying_the_changes_gives_the_other_document(
        pair: tuple[OperatingModel, OperatingModel]) -> None:
    a, b = pair
    before = a.model_dump()
    change_set = changes(a, b)
    result = apply(change_set, a)
    assert equivalent(result, b)
    assert changes(result, b).empty and changes(b, result).empty
    assert a.model_dump() == before  # the input is not touched
    again = ChangeSet.from_json(change_set.to_json())
    assert again == change_set and equivalent(apply(again, a), b)
    for operation in change_set.operations:
        assert format_path(parse_path(operation.path)) == operation.path


@SETTINGS
@given(pair=pairs())
def test_equivalence_ignores_only_the_order_of_keyed_items(
        pair: tuple[OperatingModel, OperatingModel]) -> None:
    a, b = pair
    assert equivalent(a, a) and equivalent(a, a.model_copy(deep=True))
    assert equivalent(a, b) == changes(a, b).empty == changes(b, a).empty
    if a == b:
        assert equivalent(a, b)
