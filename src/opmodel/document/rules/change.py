"""Rules on the change section: anchors name one point, windows end after they start, impacts
say whose work changes, completions do not exceed enrolments."""

from __future__ import annotations

from collections.abc import Iterator

from opmodel.document.messages import problem
from opmodel.document.model import OperatingModel
from opmodel.document.problems import Problem
from opmodel.document.timeline import anchor_targets, document_timeline, resolve_anchor


def change_rules(model: OperatingModel) -> Iterator[Problem]:
    """Anchors name one point, windows end after they start, impacts and counts are sound."""
    change = model.change
    if change is None:
        return
    timeline = document_timeline(model.roadmap)
    for n, comm in enumerate(change.communications):
        for edge in ("start", "end"):
            anchor = getattr(comm, edge)
            if anchor is not None and len(anchor_targets(anchor)) != 1:
                yield problem("document.anchor_target", ("change", "communications", n, edge), id=comm.id,
                              edge=edge, got=", ".join(anchor_targets(anchor)) or "-")
        if comm.start and comm.end:
            start, end = resolve_anchor(comm.start, timeline), resolve_anchor(comm.end, timeline)
            if start and end and end < start:
                yield problem("document.window_order", ("change", "communications", n, "end"), id=comm.id,
                              start=start, end=end)
    for n, course in enumerate(change.courses):
        for k, session in enumerate(course.sessions):
            if session.end and session.end < session.start:
                yield problem("document.window_order", ("change", "courses", n, "sessions", k, "end"),
                              id=course.id, start=session.start, end=session.end)
    for n, impact in enumerate(change.impacts):
        if impact.stakeholder is None and impact.group is None:
            yield problem("document.impact_target", ("change", "impacts", n), initiative=impact.initiative)
    for n, done in enumerate(change.completions):
        if 0 < done.enrolled < done.completed:
            yield problem("document.completion_count", ("change", "completions", n, "completed"),
                          course=done.course, completed=done.completed, enrolled=done.enrolled)


RULES = [change_rules]
