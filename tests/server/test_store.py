"""The revision store on its own: change sets and snapshots, reads that apply a chain at once,
what a save checks, and what a damaged row does."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from opmodel.document.changes import ChangeSet

pytestmark = pytest.mark.django_db

APP = "design.technology.applications[app-mobile]"


def _edit(*operations: dict[str, Any]) -> ChangeSet:
    return ChangeSet.model_validate({"operations": list(operations)})


def _line(workspace: Any) -> Any:
    return workspace.models.get(name="target")


def _save(workspace: Any, users: dict[str, Any], *operations: dict[str, Any]) -> Any:
    from opmodel.server.workspaces import store

    line = _line(workspace)
    outcome = store.save_changes(line, line.head, _edit(*operations), author=users["editor"])
    assert outcome.revision is not None and not outcome.unchanged
    return outcome.revision


def test_a_chain_read_cold_is_each_document_as_saved(workspace: Any,
                                                     users: dict[str, Any]) -> None:
    from opmodel.document.changes import apply
    from opmodel.server.workspaces import store

    risk = {"id": "rsk-extra", "title": "Extra", "likelihood": 2, "impact": 2}
    edits = [
        [{"op": "replace", "path": f"{APP}.name", "value": "App"}],
        [{"op": "add", "path": "risks.items[rsk-extra]", "value": risk}],
        [{"op": "remove", "path": "risks.items[rsk-extra]"},
         {"op": "replace", "path": "metadata.description", "value": "gone"}],
        [{"op": "add", "path": "risks.items[rsk-extra]", "value": {**risk, "title": "Back"}}],
        [{"op": "replace", "path": "risks.items[rsk-extra].impact", "value": 5}],
    ]
    store.CACHE.clear()
    expected = [store.read(_line(workspace).head)]
    for operations in edits:
        _save(workspace, users, *operations)
        expected.append(apply(_edit(*operations), expected[-1]))
    for number, document in enumerate(expected, start=1):
        store.CACHE.clear()
        assert store.read(_line(workspace).revisions.get(number=number)) == document
    # from a document of the chain in memory, only the change sets after it are applied
    store.CACHE.clear()
    store.read(_line(workspace).revisions.get(number=3))
    assert store.read(_line(workspace).revisions.get(number=6)) == expected[-1]


def test_small_edits_store_no_whole_copy_until_their_share_of_one(
        workspace: Any, users: dict[str, Any], settings: Any) -> None:
    from opmodel.server.workspaces import store

    settings.OPMODEL_SNAPSHOT_SHARE = 0.02  # of a document of about 40 KB as JSON
    first = _line(workspace).head
    assert first.snapshot is not None
    store._SNAPSHOT_SIZES.clear()  # its size is measured in the database, then remembered
    saved = [_save(workspace, users, {"op": "replace", "path": f"{APP}.users", "value": n})
             for n in range(1, 30)]
    copy = next(r for r in saved if r.snapshot is not None)
    before = [r for r in saved if r.number < copy.number]
    limit = 0.02 * len(first.snapshot)
    assert sum(len(r.changes) for r in before) < limit
    assert sum(len(r.changes) for r in before) + len(copy.changes) >= limit
    assert [r.depth for r in before] == list(range(1, copy.number - 1)) and copy.depth == 0
    assert store._SNAPSHOT_SIZES[(first.line_id, 1)] == len(first.snapshot)


def test_a_whole_copy_at_the_latest_every_so_many_revisions(
        workspace: Any, users: dict[str, Any], settings: Any) -> None:
    settings.OPMODEL_SNAPSHOT_EVERY = 3
    saved = [_save(workspace, users, {"op": "replace", "path": f"{APP}.users", "value": n})
             for n in range(1, 7)]
    assert [r.depth for r in saved] == [1, 2, 0, 1, 2, 0]


def test_a_saved_document_shares_what_the_edit_left_alone(workspace: Any,
                                                          users: dict[str, Any]) -> None:
    from opmodel.server.workspaces import store

    line = _line(workspace)
    before = store.read(line.head)
    edited = before.model_copy(deep=True)
    edited.metadata.description = "edited"
    outcome = store.save(line, line.head, edited, author=users["editor"])
    assert outcome.revision is not None
    store.CACHE.clear()
    store.read(line.head)
    after = store.read(outcome.revision)
    assert after.metadata.description == "edited"
    assert after.design is store.read(line.head).design


@pytest.mark.parametrize(("operation", "kept"), [
    ({"op": "replace", "path": f"{APP}.name", "value": "x"}, True),
    ({"op": "replace", "path": f"{APP}.owner", "value": "unit-retail"}, True),
    ({"op": "replace", "path": f"{APP}.owner", "value": "unit-nowhere"}, False),
    ({"op": "remove", "path": f"{APP}.owner"}, True),
    ({"op": "add", "path": f"{APP}.capabilities[cap-core-banking]", "value": "cap-core-banking"},
     True),
    ({"op": "add", "path": f"{APP}.capabilities[cap-nowhere]", "value": "cap-nowhere"}, False),
    ({"op": "remove", "path": APP}, False),
    ({"op": "add", "path": "risks.items[rsk-new]",
      "value": {"id": "rsk-new", "likelihood": 1, "impact": 1}}, False),
    ({"op": "replace", "path": "metadata", "value": {}}, False),
    ({"op": "replace", "path": f"{APP}.id", "value": "app-other"}, False),
])
def test_which_edits_keep_the_references(workspace: Any, operation: dict[str, Any],
                                         kept: bool) -> None:
    from opmodel.server.workspaces import store
    from opmodel.server.workspaces.checks import references_kept

    document = store.read(_line(workspace).head)
    assert references_kept(document, _edit(operation)) is kept


def test_an_edit_that_breaks_a_reference_is_refused(workspace: Any,
                                                    users: dict[str, Any]) -> None:
    from opmodel.document.problems import DocumentError
    from opmodel.server.workspaces import store

    line = _line(workspace)
    for operation in ({"op": "replace", "path": f"{APP}.owner", "value": "unit-nowhere"},
                      {"op": "remove", "path": "design.organization.units[unit-retail]"}):
        with pytest.raises(DocumentError) as raised:
            store.save_changes(line, line.head, _edit(operation), author=users["editor"])
        assert {p.code for p in raised.value.problems} == {"document.dangling_reference_in"}
    assert line.revisions.count() == 1


def test_a_damaged_revision_is_never_read(workspace: Any, users: dict[str, Any]) -> None:
    from opmodel.server.workspaces import store
    from opmodel.server.workspaces.models import Revision

    second = _save(workspace, users, {"op": "replace", "path": f"{APP}.name", "value": "A"})
    third = _save(workspace, users, {"op": "replace", "path": f"{APP}.name", "value": "B"})
    Revision.objects.filter(pk=second.pk).update(changes=second.changes.replace('"A"', '"Z"'))
    store.CACHE.clear()
    with pytest.raises(store.CorruptRevision, match="does not match its hash"):
        store.read(third)
    Revision.objects.filter(pk=second.pk).update(changes=second.changes, parent=None)
    store.CACHE.clear()
    with pytest.raises(store.CorruptRevision, match="no chain back to a snapshot"):
        store.read(third)


def test_building_documents_leaves_collection_as_it_was() -> None:
    from opmodel.server.workspaces.cache import building_whole_documents

    assert gc.isenabled()
    with building_whole_documents():
        with building_whole_documents():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with building_whole_documents():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
