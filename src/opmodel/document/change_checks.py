"""Rules on the change and risk sections: anchors, windows, groups, impacts, completions, templates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from opmodel.document.change import Anchor, Change, Edge
from opmodel.document.messages import nearest_ids, problem
from opmodel.document.model import OperatingModel
from opmodel.document.problems import Problem
from opmodel.knowledge.change_catalog import risk_catalog


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


def document_timeline(model: OperatingModel) -> Timeline:
    """The dates the roadmap itself gives (milestones without a date fall back to their phase's end)."""
    roadmap = model.roadmap
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


def _groups(change: Change) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(path, owner id, group) of every group reference in the change section."""
    for n, impact in enumerate(change.impacts):
        if impact.group:
            yield ("impacts", n, "group"), impact.initiative, impact.group
    for n, comm in enumerate(change.communications):
        for k, group in enumerate(comm.groups):
            yield ("communications", n, "groups", k), comm.id, group
    for n, course in enumerate(change.courses):
        for k, group in enumerate(course.groups):
            yield ("courses", n, "groups", k), course.id, group
    for n, done in enumerate(change.completions):
        if done.group:
            yield ("completions", n, "group"), done.course, done.group
    for n, survey in enumerate(change.surveys):
        yield ("surveys", n, "group"), survey.group, survey.group


def change_rules(model: OperatingModel) -> Iterator[Problem]:
    """Anchors name one point, windows end after they start, groups and counts are sound."""
    change = model.change
    if change is None:
        return
    timeline = document_timeline(model)
    for n, comm in enumerate(change.communications):
        for edge in ("start", "end"):
            anchor = getattr(comm, edge)
            if anchor is not None and len(anchor_targets(anchor)) != 1:
                yield problem("anchor_target", ("change", "communications", n, edge), id=comm.id,
                              edge=edge, got=", ".join(anchor_targets(anchor)) or "-")
        if comm.start and comm.end:
            start, end = resolve_anchor(comm.start, timeline), resolve_anchor(comm.end, timeline)
            if start and end and end < start:
                yield problem("window_order", ("change", "communications", n, "end"), id=comm.id,
                              start=start, end=end)
    for n, course in enumerate(change.courses):
        for k, session in enumerate(course.sessions):
            if session.end and session.end < session.start:
                yield problem("window_order", ("change", "courses", n, "sessions", k, "end"),
                              id=course.id, start=session.start, end=session.end)
    known = sorted({s.group for s in change.stakeholders if s.group})
    for path, owner, group in _groups(change):
        if group not in known:
            yield problem("unknown_group", ("change", *path), id=owner, group=group,
                          known=nearest_ids(group, known))
    for n, impact in enumerate(change.impacts):
        if impact.stakeholder is None and impact.group is None:
            yield problem("impact_target", ("change", "impacts", n), initiative=impact.initiative)
    for n, done in enumerate(change.completions):
        if 0 < done.enrolled < done.completed:
            yield problem("completion_count", ("change", "completions", n, "completed"),
                          course=done.course, completed=done.completed, enrolled=done.enrolled)


def risk_rules(model: OperatingModel) -> Iterator[Problem]:
    """A risk's template must be one of the knowledge base's risk templates."""
    if model.risks is None:
        return
    catalog = risk_catalog()
    for n, risk in enumerate(model.risks.items):
        if risk.template and catalog.template(risk.template) is None:
            known = nearest_ids(risk.template, (t.id for t in catalog.templates), 6)
            yield problem("unknown_risk_template", ("risks", "items", n, "template"), id=risk.id,
                          template=risk.template, known=known)
