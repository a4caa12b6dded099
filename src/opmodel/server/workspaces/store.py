"""Models as chains of immutable revisions: saving on a base revision (merged when the line
moved on, refused with the conflicts when it cannot be), reading any revision, restoring,
branching.

A revision stores the change set from its parent (``opmodel.document.changes``); at the
start of a line, and whenever the change sets since the last whole copy add up to
``OPMODEL_SNAPSHOT_SHARE`` of its size (or number ``OPMODEL_SNAPSHOT_EVERY``), it also stores
the whole document. Reading takes the nearest snapshot (or a document of the chain already in
memory) and applies the change sets after it at once. Revisions never change, so a read
document is cached by revision (never mutate one); what a save validated is not validated
again when it is read (the hashes guard against a changed or half-written row).
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Length

from opmodel.document.changes import ChangeSet, apply, apply_differences, changes, operation
from opmodel.document.comparison import differences
from opmodel.document.merge import MergeConflict, merge3
from opmodel.document.model import OperatingModel
from opmodel.server.workspaces.cache import CACHE_SIZE, DocumentCache, building_whole_documents
from opmodel.server.workspaces.checks import check_saved
from opmodel.server.workspaces.models import ModelLine, Revision, Workspace

CACHE = DocumentCache(CACHE_SIZE)


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
    """The document of ``revision``: from the cache, or from the nearest document before it
    (cached, else its snapshot) and the change sets after that, applied at once."""
    found = CACHE.get(_key(revision))
    if found is not None:
        return found
    rows = _segment(revision)
    document, first = None, 0
    for i in range(len(rows) - 2, -1, -1):  # the latest document of the chain in memory
        document = CACHE.get(_key(rows[i]))
        if document is not None:
            first = i + 1
            break
    if document is None:
        document, first = _snapshot(rows[0]), 1
    operations = []
    for previous, step in itertools.pairwise(rows[first - 1:]):
        if _hash(previous.content_hash, step.changes) != step.content_hash:
            raise CorruptRevision(f"the change set of {step} does not match its hash")
        operations.extend(ChangeSet.from_json(step.changes).operations)
    if operations:
        document = apply(ChangeSet(operations=operations), document)
    CACHE.put(_key(revision), document)
    return document


def _segment(revision: Revision) -> list[Revision]:
    """The revisions from the last snapshot up to ``revision``, oldest first (without the
    snapshot's text), checked to be one chain: revision n's parent is n - 1 of its line."""
    start = revision.number - revision.depth
    rows = list(Revision.objects.filter(line_id=revision.line_id, number__gte=start,
                                        number__lte=revision.number)
                .order_by("number").defer("snapshot"))
    if not rows or rows[-1].pk != revision.pk or rows[0].depth != 0 or any(
            step.parent_id != previous.pk for previous, step in itertools.pairwise(rows)):
        raise CorruptRevision(f"revision {revision} has no chain back to a snapshot")
    return rows


def _snapshot(row: Revision) -> OperatingModel:
    """The whole document stored with ``row``, checked against its hash (and cached)."""
    text = Revision.objects.filter(pk=row.pk).values_list("snapshot", flat=True).first()
    if text is None:
        raise CorruptRevision(f"revision {row} has no snapshot on its way back")
    if _hash(text) != row.content_hash:
        raise CorruptRevision(f"the snapshot of {row} does not match its hash")
    with building_whole_documents():
        document = OperatingModel.model_validate_json(text)
    CACHE.put(_key(row), document)
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
    depth = 0 if parent is None else parent.depth + 1
    snapshot = None
    text = change_set.to_json() if change_set is not None else ""
    if parent is None or _snapshot_due(parent, text):
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
    if snapshot is not None:
        transaction.on_commit(lambda: _remember_size(line.pk, number, len(snapshot)))
    transaction.on_commit(lambda: CACHE.put(_key(revision), document))
    return revision


def _snapshot_due(parent: Revision, text: str) -> bool:
    """Whether a revision after ``parent`` with the change set ``text`` stores a whole copy:
    when the change sets since the last one add up to a share of its size (a read applies
    them all), or are too many; a small edit of a large model never stores it all again."""
    if parent.depth + 1 >= getattr(settings, "OPMODEL_SNAPSHOT_EVERY", 200):
        return True
    start = parent.number - parent.depth
    since = Revision.objects.filter(
        line_id=parent.line_id, number__gt=start, number__lte=parent.number).aggregate(
        size=Sum(Length("changes")))["size"] or 0
    share: float = getattr(settings, "OPMODEL_SNAPSHOT_SHARE", 0.25)
    return since + len(text) >= share * _snapshot_size(parent.line_id, start)


_SNAPSHOT_SIZES: dict[tuple[int, int], int] = {}  # (line, number) → characters


def _snapshot_size(line_id: int, number: int) -> int:
    """The length of a snapshot, remembered: measuring it in the database reads it all."""
    size = _SNAPSHOT_SIZES.get((line_id, number))
    if size is None:
        size = Revision.objects.filter(line_id=line_id, number=number).annotate(
            size=Length("snapshot")).values_list("size", flat=True).first() or 0
        _remember_size(line_id, number, size)
    return size


def _remember_size(line_id: int, number: int, size: int) -> None:
    if len(_SNAPSHOT_SIZES) > 10_000:
        _SNAPSHOT_SIZES.clear()
    _SNAPSHOT_SIZES[(line_id, number)] = size


def create_line(workspace: Workspace, name: str, document: OperatingModel, *, author: Any,
                message: str = "", branched_from: Revision | None = None) -> ModelLine:
    """A new model in ``workspace`` whose first revision is ``document`` (a whole copy)."""
    check_saved(document)
    with transaction.atomic():
        line = ModelLine.objects.create(workspace=workspace, name=name,
                                        branched_from=branched_from)
        _write(line, None, document, None, author=author, message=message)
    return line


def save(line: ModelLine, base: Revision, document: OperatingModel, *, author: Any,
         message: str = "") -> SaveOutcome:
    """Save ``document``, an edit of ``base``, as the new head of ``line``.

    When the line moved on since ``base``, the edit is merged with what was saved meanwhile:
    changes on different paths merge; the same path changed differently is a conflict, and
    nothing is saved. An invalid document is refused (a DocumentError): nothing is saved.
    """
    before = read(base)
    found = differences(before, document)
    # the document saved shares with its base what the edit leaves alone, as cached ones do
    return _save(line, base, apply_differences(found, before),
                 ChangeSet(operations=[operation(d) for d in found]), canonical=True,
                 author=author, message=message)


def save_changes(line: ModelLine, base: Revision, change_set: ChangeSet, *, author: Any,
                 message: str = "") -> SaveOutcome:
    """Save the edit ``change_set`` makes to ``base`` (see :func:`save`)."""
    return _save(line, base, apply(change_set, read(base)), change_set, canonical=False,
                 author=author, message=message)


def _save(line: ModelLine, base: Revision, document: OperatingModel, edit: ChangeSet, *,
          canonical: bool, author: Any, message: str) -> SaveOutcome:
    """``edit`` made ``document`` from ``base``; ``canonical``: it is ``changes(base,
    document)`` (what a revision stores), not a change set as a client wrote it."""
    check_saved(document, edit)
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
            check_saved(document, edit)
            merged = True
        change_set = edit if canonical and not merged else changes(read(head), document)
        if change_set.empty:
            return SaveOutcome(head, merged=merged, unchanged=True)
        revision = _write(line, head, document, change_set, author=author, message=message)
    return SaveOutcome(revision, merged=merged)


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
