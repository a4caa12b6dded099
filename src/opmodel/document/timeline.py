"""The dates the roadmap itself gives, and the date an anchor (a date, or the start or end of a
phase, milestone or initiative) stands for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from opmodel.document.change import Anchor, Edge
from opmodel.document.roadmap import Roadmap


@dataclass
class Timeline:
    """Known dates of phases (start, end), milestones and initiatives (start, end)."""

    phases: dict[str, tuple[dt.date | None, dt.date | None]] = field(default_factory=dict)
    milestones: dict[str, dt.date | None] = field(default_factory=dict)
    initiatives: dict[str, tuple[dt.date | None, dt.date | None]] = field(default_factory=dict)

    def last_date(self) -> dt.date | None:
        """The latest date on the timeline, if any."""
        days = [d for pair in (*self.phases.values(), *self.initiatives.values()) for d in pair if d]
        days += [d for d in self.milestones.values() if d]
        return max(days, default=None)


def document_timeline(roadmap: Roadmap | None) -> Timeline:
    """The dates the roadmap itself gives (milestones without a date fall back to their phase's end)."""
    if roadmap is None:
        return Timeline()
    phases = {p.id: (p.start, p.end) for p in roadmap.phases}
    milestones = {m.id: m.date or (phases.get(m.phase, (None, None))[1] if m.phase else None)
                  for m in roadmap.milestones}
    initiatives = {i.id: (i.earliest_start, i.deadline) for i in roadmap.initiatives}
    return Timeline(phases, milestones, initiatives)


def anchor_targets(anchor: Anchor) -> list[str]:
    """Which of date, phase, milestone and initiative the anchor names."""
    return [name for name in ("date", "phase", "milestone", "initiative")
            if getattr(anchor, name) is not None]


def resolve_anchor(anchor: Anchor, timeline: Timeline) -> dt.date | None:
    """The date an anchor stands for, offset applied; None when the timeline lacks it."""
    day: dt.date | None = None
    index = 0 if anchor.edge is Edge.start else 1
    if anchor.date is not None:
        day = anchor.date
    elif anchor.phase is not None:
        day = timeline.phases.get(anchor.phase, (None, None))[index]
    elif anchor.milestone is not None:
        day = timeline.milestones.get(anchor.milestone)
    elif anchor.initiative is not None:
        day = timeline.initiatives.get(anchor.initiative, (None, None))[index]
    if day is None:
        return None
    try:
        return day + dt.timedelta(days=anchor.offset_days)
    except OverflowError:  # beyond year 9999: no usable date
        return None
