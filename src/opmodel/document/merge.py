"""Three-way merge of documents: two lines of changes made from one base, put together.

Changes on different paths merge; the same change made on both sides counts once; the same
path changed two ways, or one side removing what the other changed inside, is a conflict,
reported with the three values and never resolved here.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from opmodel.document.changes import apply_differences
from opmodel.document.comparison import Difference, differences, equivalent, plain
from opmodel.document.model import OperatingModel
from opmodel.document.paths import Path, format_path


class MergeConflict(BaseModel):
    """A place both sides changed in different ways: its value in the base and on each side
    (null: absent there)."""

    path: str = Field(description="Where, in the path dialect.")
    base: Any = None
    ours: Any = None
    theirs: Any = None


class MergeResult(BaseModel):
    """The merged document, or the conflicts that stop the merge."""

    merged: OperatingModel | None = Field(
        default=None, description="The merged document; null when there are conflicts.")
    conflicts: list[MergeConflict] = Field(default_factory=list)

    @property
    def clean(self) -> bool:
        """True when the two sides merged without a conflict."""
        return self.merged is not None


def merge3(base: OperatingModel, ours: OperatingModel, theirs: OperatingModel) -> MergeResult:
    """``ours`` and ``theirs``, both changed from ``base``, merged into one document."""
    mine, others = differences(base, ours), differences(base, theirs)
    if not others:
        return MergeResult(merged=ours)
    if not mine:
        return MergeResult(merged=theirs)
    by_path = {d.path: d for d in mine}
    other_paths = {d.path: d for d in others}
    conflicts: dict[Path, MergeConflict] = {}
    for d in mine:
        same = other_paths.get(d.path)
        if same is not None:
            if not _same_change(d, same):
                conflicts.setdefault(d.path, _conflict(d.path, d.before, d.after, same.after))
            continue
        _inside_other(d, other_paths, conflicts, ours_first=True)
    for d in others:
        if d.path not in by_path:
            _inside_other(d, by_path, conflicts, ours_first=False)
    if conflicts:
        return MergeResult(conflicts=sorted(conflicts.values(), key=lambda c: c.path))
    extra = [d for d in others if d.path not in by_path]
    if not extra:  # theirs made only changes ours made too
        return MergeResult(merged=ours)
    if len(others) - len(extra) == len(mine):  # ours made only changes theirs made too
        return MergeResult(merged=theirs)
    return MergeResult(merged=apply_differences([*mine, *extra], base))


def _same_change(a: Difference, b: Difference) -> bool:
    return a.op == b.op and equivalent(a.after, b.after)


def _inside_other(d: Difference, other: dict[Path, Difference],
                  conflicts: dict[Path, MergeConflict], ours_first: bool) -> None:
    """A conflict when the other side changed a place that holds ``d``'s (removed an entity
    that this side edits): the conflict is at that place, the outer one."""
    for depth in range(1, len(d.path)):
        outer = other.get(d.path[:depth])
        if outer is None:
            continue
        here = d.trail[depth - 1][1]  # this side's value at the outer place
        ours, theirs = (here, outer.after) if ours_first else (outer.after, here)
        conflicts.setdefault(outer.path, _conflict(outer.path, outer.before, ours, theirs))
        return


def _conflict(path: Path, base: Any, ours: Any, theirs: Any) -> MergeConflict:
    return MergeConflict(path=format_path(path), base=plain(base), ours=plain(ours),
                         theirs=plain(theirs))
