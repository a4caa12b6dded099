"""Models as chains of immutable revisions: saving on a base revision (merged when the line
moved on, refused with the conflicts when it cannot be), reading any revision, restoring,
branching.

A revision stores the change set from its parent (``opmodel.document.changes``); every
``OPMODEL_SNAPSHOT_EVERY`` revisions, and at the start of a line, it also stores the whole
document. Reading walks back to the nearest snapshot and applies the change sets forward.
Revisions never change, so a read document is cached by revision (never mutate one).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction

from opmodel.document.changes import ChangeSet, apply, changes
from opmodel.document.merge import MergeConflict, merge3
from opmodel.document.model import OperatingModel
from opmodel.document.problems import DocumentError
from opmodel.document.rules import check_document
from opmodel.server.workspaces.models import ModelLine, Revision, Workspace

CACHE_SIZE = 64  # documents kept in memory per process


class _Cache:
    """Documents by revision (id and content hash: an id reused after a rollback never finds
    another revision's document), least recently used first out; shared by the threads of
    one process."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[tuple[int, str], OperatingModel] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[int, str]) -> OperatingModel | None:
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
            return found

    def put(self, key: tuple[int, str], document: OperatingModel) -> None:
        with self.lock:
            self.items[key] = document
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


CACHE = _Cache(CACHE_SIZE)


def _key(revision: Revision) -> tuple[int, str]:
    return revision.pk, revision.content_hash


def _hash(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _snapshot_json(document: OperatingModel) -> str:
    return document.model_dump_json(by_alias=True, exclude_unset=True)


class CorruptRevision(RuntimeError):
    """A stored revision whose content does not match its hash."""


def read(revision: Revision) -> OperatingModel:
    """The document of ``revision``: from the cache, or from its snapshot and change sets."""
    found = CACHE.get(_key(revision))
    if found is not None:
        return found
    chain: list[Revision] = []
    here: Revision | None = revision
    while here is not None and here.snapshot is None:
        cached = CACHE.get(_key(here))
        if cached is not None:
            break
        chain.append(here)
        here = here.parent
    if here is None:
        raise CorruptRevision(f"revision {revision} has no snapshot on its way back")
    document = CACHE.get(_key(here))
    if document is None:
        assert here.snapshot is not None
        if _hash(here.snapshot) != here.content_hash:
            raise CorruptRevision(f"the snapshot of {here} does not match its hash")
        document = OperatingModel.model_validate_json(here.snapshot)
        CACHE.put(_key(here), document)
    for step in reversed(chain):
        assert step.parent is not None
        if _hash(step.parent.content_hash, step.changes) != step.content_hash:
            raise CorruptRevision(f"the change set of {step} does not match its hash")
        document = apply(ChangeSet.from_json(step.changes), document)
        CACHE.put(_key(step), document)
    return document


@dataclass
class SaveOutcome:
    """What a save did: the new head (the same revision when nothing changed), whether it
    merged with changes made meanwhile, or the conflicts that stopped it."""

    revision: Revision | None
    merged: bool = False
    unchanged: bool = False
    conflicts: list[MergeConflict] = field(default_factory=list)


def _write(line: ModelLine, parent: Revision | None, document: OperatingModel,
           change_set: ChangeSet | None, *, author: Any, message: str,
           restored_from: Revision | None = None) -> Revision:
    """Store one revision as the new head of ``line`` (inside the caller's transaction)."""
    every: int = getattr(settings, "OPMODEL_SNAPSHOT_EVERY", 20)
    depth = 0 if parent is None else parent.depth + 1
    snapshot = None
    text = change_set.to_json() if change_set is not None else ""
    if parent is None or depth >= every:
        snapshot, depth = _snapshot_json(document), 0
        content_hash = _hash(snapshot)
    else:
        content_hash = _hash(parent.content_hash, text)
    last = line.revisions.order_by("-number").values_list("number", flat=True).first()
    number = (last or 0) + 1
    revision = Revision.objects.create(
        line=line, number=number, parent=parent, author=author, message=message[:500],
        changes=text, snapshot=snapshot, depth=depth, content_hash=content_hash,
        restored_from=restored_from)
    line.head = revision
    line.save(update_fields=["head"])
    transaction.on_commit(lambda: CACHE.put(_key(revision), document))
    return revision


def create_line(workspace: Workspace, name: str, document: OperatingModel, *, author: Any,
                message: str = "", branched_from: Revision | None = None) -> ModelLine:
    """A new model in ``workspace`` whose first revision is ``document`` (a whole copy)."""
    _valid(document)
    with transaction.atomic():
        line = ModelLine.objects.create(workspace=workspace, name=name,
                                        branched_from=branched_from)
        _write(line, None, document, None, author=author, message=message)
    return line


def _valid(document: OperatingModel) -> None:
    found = check_document(document)
    if found:
        raise DocumentError([p.keyed(document) for p in found])


def save(line: ModelLine, base: Revision, document: OperatingModel, *, author: Any,
         message: str = "") -> SaveOutcome:
    """Save ``document``, an edit of ``base``, as the new head of ``line``.

    When the line moved on since ``base``, the edit is merged with what was saved meanwhile:
    changes on different paths merge; the same path changed differently is a conflict, and
    nothing is saved. An invalid document is refused (a DocumentError): nothing is saved.
    """
    _valid(document)
    with transaction.atomic():
        line = ModelLine.objects.select_for_update().get(pk=line.pk)
        head = line.head
        assert head is not None
        if base.line_id != line.pk:
            raise ValueError("the base revision belongs to another model")
        merged = False
        if head.pk != base.pk:
            outcome = merge3(read(base), read(head), document)
            if outcome.conflicts:
                return SaveOutcome(None, conflicts=outcome.conflicts)
            assert outcome.merged is not None
            document = outcome.merged
            _valid(document)
            merged = True
        change_set = changes(read(head), document)
        if change_set.empty:
            return SaveOutcome(head, merged=merged, unchanged=True)
        revision = _write(line, head, document, change_set, author=author, message=message)
    return SaveOutcome(revision, merged=merged)


def save_changes(line: ModelLine, base: Revision, change_set: ChangeSet, *, author: Any,
                 message: str = "") -> SaveOutcome:
    """Save the edit ``change_set`` makes to ``base`` (see :func:`save`)."""
    return save(line, base, apply(change_set, read(base)), author=author, message=message)


def restore(line: ModelLine, revision: Revision, *, author: Any, message: str = "") -> Revision:
    """Make an old revision's document the new head (a new revision; history is kept)."""
    document = read(revision)
    with transaction.atomic():
        line = ModelLine.objects.select_for_update().get(pk=line.pk)
        head = line.head
        assert head is not None
        change_set = changes(read(head), document)
        return _write(line, head, document, change_set, author=author,
                      message=message or f"restore revision {revision.number}",
                      restored_from=revision)


def branch(revision: Revision, name: str, *, author: Any, message: str = "") -> ModelLine:
    """A new model of the same workspace starting from ``revision`` (a scenario)."""
    return create_line(revision.line.workspace, name, read(revision), author=author,
                       message=message or f"branched from {revision.line.name}@{revision.number}",
                       branched_from=revision)
