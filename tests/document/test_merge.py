"""Three-way merge: changes on different paths merge, the same path changed two ways is a
conflict, and a conflict is never resolved silently."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from opmodel.document import OperatingModel
from opmodel.document.changes import ChangeSet, apply, changes, operation
from opmodel.document.comparison import differences, equivalent
from opmodel.document.merge import MergeResult, merge3
from opmodel.document.paths import parse_path, resolve
from support.builders import document
from support.strategies import SETTINGS, documents, edits, model_data

BASE = document(
    name="M", language="en",
    profile={"industry": "banking", "employees": 100},
    roadmap={"initiatives": [
        {"id": "a", "name": "Alpha", "effort": 3, "excludes": ["b"]},
        {"id": "b", "name": "Beta", "effort": 5},
        {"id": "c", "name": "Gamma"}]})


def edit(**changes_by_path: Any) -> OperatingModel:
    """BASE with values set at paths written with double underscores
    (``roadmap__initiatives__0__effort``); ``DROP`` deletes the key or list item, an index
    one past the end appends."""
    data = copy.deepcopy(BASE)
    for dotted, value in changes_by_path.items():
        *parents, last = dotted.split("__")
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        key: Any = int(last) if isinstance(node, list) else last
        if value is DROP:
            del node[key]
        elif isinstance(node, list) and key == len(node):
            node.append(value)
        else:
            node[key] = value
    return OperatingModel.model_validate(data)


DROP = object()
base = edit()


def conflicts(result: MergeResult) -> list[tuple[str, Any, Any, Any]]:
    return [(c.path, c.base, c.ours, c.theirs) for c in result.conflicts]


def test_changes_on_different_paths_merge() -> None:
    ours = edit(roadmap__initiatives__0__name="Alpha 2")
    theirs = edit(roadmap__initiatives__1__effort=8, profile__employees=120)
    result = merge3(base, ours, theirs)
    assert result.clean and result.conflicts == []
    merged = result.merged
    assert merged is not None
    a, b, _ = merged.roadmap.initiatives  # type: ignore[union-attr]
    assert (a.name, b.effort, merged.profile.employees) == ("Alpha 2", 8, 120)  # type: ignore[union-attr]
    assert merged.metadata is base.metadata  # what neither side changed is shared


def test_the_same_path_changed_two_ways_is_a_conflict_with_the_three_values() -> None:
    result = merge3(base, edit(roadmap__initiatives__1__effort=8),
                    edit(roadmap__initiatives__1__effort=13, profile__employees=7))
    assert result.merged is None and not result.clean
    assert conflicts(result) == [("roadmap.initiatives[b].effort", 5.0, 8.0, 13.0)]


def test_both_sides_making_the_same_change_is_no_conflict() -> None:
    ours = edit(roadmap__initiatives__1__effort=8, profile__employees=120)
    theirs = edit(roadmap__initiatives__1__effort=8)
    result = merge3(base, ours, theirs)
    assert result.clean and equivalent(result.merged, ours)
    both_removed = edit(roadmap__initiatives__2=DROP)
    assert merge3(base, both_removed, both_removed).merged is both_removed


def test_removing_an_entity_the_other_side_edits_is_a_conflict_at_the_entity() -> None:
    removed = edit(roadmap__initiatives__1=DROP)
    edited = edit(roadmap__initiatives__1__effort=8, roadmap__initiatives__1__name="B")
    for ours, theirs in ((removed, edited), (edited, removed)):
        result = merge3(base, ours, theirs)
        ((path, before, mine, other),) = conflicts(result)
        assert path == "roadmap.initiatives[b]"
        assert before == {"id": "b", "name": "Beta", "effort": 5.0}
        sides = {"ours": mine, "theirs": other}
        gone = "ours" if ours is removed else "theirs"
        kept = "theirs" if gone == "ours" else "ours"
        assert sides[gone] is None and sides[kept] == {"id": "b", "name": "B", "effort": 8.0}


def test_references_are_sets_and_both_sides_additions_are_kept() -> None:
    ours = edit(roadmap__initiatives__0__excludes=["b", "c"])
    theirs = edit(roadmap__initiatives__0__excludes=["c", "b"],
                  roadmap__initiatives__2__excludes=["a"])
    result = merge3(base, ours, theirs)
    assert result.clean
    a, _, c = result.merged.roadmap.initiatives  # type: ignore[union-attr]
    assert sorted(a.excludes) == ["b", "c"] and c.excludes == ["a"]
    other = merge3(base, edit(roadmap__initiatives__0__excludes=["b", "c"]),
                   edit(roadmap__initiatives__0__excludes=["b", "a"]))
    assert sorted(other.merged.roadmap.initiatives[0].excludes) == ["a", "b", "c"]  # type: ignore[union-attr]
    dropped = merge3(base, edit(roadmap__initiatives__0__excludes=[]),
                     edit(roadmap__initiatives__0__excludes=["b", "c"]))
    assert dropped.merged.roadmap.initiatives[0].excludes == ["c"]  # type: ignore[union-attr]


def test_order_within_a_collection_is_not_a_change() -> None:
    reordered = OperatingModel.model_validate({**BASE, "roadmap": {"initiatives": list(
        reversed(BASE["roadmap"]["initiatives"]))}})
    ours = edit(roadmap__initiatives__0__name="Alpha 2")
    result = merge3(base, ours, reordered)
    assert result.merged is ours


def test_entities_added_on_both_sides_merge_and_the_same_key_twice_conflicts() -> None:
    ours = edit(roadmap__initiatives__3={"id": "d", "name": "Delta"})
    theirs = edit(roadmap__initiatives__3={"id": "e", "name": "Epsilon"})
    merged = merge3(base, ours, theirs).merged
    assert [i.id for i in merged.roadmap.initiatives] == ["a", "b", "c", "d", "e"]  # type: ignore[union-attr]
    clash = merge3(base, ours, edit(roadmap__initiatives__3={"id": "d", "name": "Other"}))
    assert conflicts(clash) == [("roadmap.initiatives[d]", None, {"id": "d", "name": "Delta"},
                                 {"id": "d", "name": "Other"})]


def test_a_section_added_on_one_side_merges() -> None:
    risks = {"items": [{"id": "r1", "likelihood": 2, "impact": 3}]}
    theirs = OperatingModel.model_validate({**BASE, "risks": risks})
    result = merge3(base, edit(profile__employees=120), theirs)
    assert result.merged.risks is theirs.risks  # type: ignore[union-attr]
    assert result.merged.profile.employees == 120  # type: ignore[union-attr]


def test_the_result_is_json() -> None:
    result = merge3(base, edit(metadata__name="X"), edit(metadata__name="Y"))
    assert result.model_dump(mode="json") == {"merged": None, "conflicts": [
        {"path": "metadata.name", "base": "M", "ours": "X", "theirs": "Y"}]}


# --- properties -----------------------------------------------------------------------------

@st.composite
def three(draw: st.DrawFn) -> tuple[OperatingModel, OperatingModel, OperatingModel]:
    """A base document and two edits of it."""
    data = draw(model_data(OperatingModel))
    return (draw(documents(st.just(data))), draw(documents(edits(OperatingModel, data))),
            draw(documents(edits(OperatingModel, data))))


@SETTINGS
@given(docs=three())
def test_merging_with_an_unchanged_side_gives_the_other(
        docs: tuple[OperatingModel, OperatingModel, OperatingModel]) -> None:
    base_doc, x, _ = docs
    assert equivalent(merge3(base_doc, x, base_doc).merged, x)
    assert equivalent(merge3(base_doc, base_doc, x).merged, x)
    assert equivalent(merge3(base_doc, x, x).merged, x)


@SETTINGS
@given(docs=three(), data=st.data())
def test_disjoint_edits_merge_to_both_applied_in_either_order(
        docs: tuple[OperatingModel, OperatingModel, OperatingModel], data: st.DataObject) -> None:
    base_doc, target, _ = docs
    operations = changes(base_doc, target).operations
    mine = data.draw(st.lists(st.booleans(), min_size=len(operations),
                              max_size=len(operations)))
    first = ChangeSet(operations=[o for o, m in zip(operations, mine, strict=True) if m])
    second = ChangeSet(operations=[o for o, m in zip(operations, mine, strict=True) if not m])
    ours, theirs = apply(first, base_doc), apply(second, base_doc)
    result = merge3(base_doc, ours, theirs)
    assert result.conflicts == []
    assert equivalent(result.merged, apply(second, ours))
    assert equivalent(result.merged, apply(first, theirs))
    assert equivalent(result.merged, target)


@SETTINGS
@given(docs=three())
def test_a_conflict_is_reported_never_resolved_silently(
        docs: tuple[OperatingModel, OperatingModel, OperatingModel]) -> None:
    base_doc, ours, theirs = docs
    result = merge3(base_doc, ours, theirs)
    mine, others = differences(base_doc, ours), differences(base_doc, theirs)
    if result.merged is not None:  # every change of both sides is in the merged document
        assert result.conflicts == []
        for side in (mine, others):
            for d in side:
                assert equivalent(resolve(result.merged, d.path, OperatingModel), d.after), \
                    operation(d)
        return
    assert result.conflicts
    for conflict in result.conflicts:  # each where both sides changed, in different ways
        path = parse_path(conflict.path)
        ours_there = [d for d in mine if d.path[:len(path)] == path or path[:len(d.path)] == d.path]
        theirs_there = [d for d in others
                        if d.path[:len(path)] == path or path[:len(d.path)] == d.path]
        assert ours_there and theirs_there
        assert conflict.ours != conflict.theirs
