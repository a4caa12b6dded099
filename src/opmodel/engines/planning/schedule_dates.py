"""The dates of a roadmap's schedule: per initiative, phase and milestone, and what is late,
runs past its phase's end, or is not reached because its initiatives were not selected."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from opmodel.document.roadmap import Initiative, Roadmap
from opmodel.engines.planning.scheduling.problem import Schedule, Status, Task
from opmodel.engines.planning.work_calendar import WorkCalendar
from opmodel.knowledge.texts import Message


class ScheduledInitiative(BaseModel):
    """When one initiative runs, and by how much it misses its deadline."""

    id: str
    name: str | None = None
    phase: str | None = None
    start: dt.date
    finish: dt.date = Field(description="Last working day of the initiative.")
    start_week: int
    finish_week: int = Field(description="Week after its last week (start_week + duration).")
    deadline: dt.date | None = None
    late_days: int = 0


class PhaseSpan(BaseModel):
    """A phase from its first initiative's start to its last one's finish."""

    id: str
    start: dt.date
    finish: dt.date
    end: dt.date | None = Field(default=None, description="The phase's declared end, if any.")
    late_days: int = Field(default=0, description="Days its work runs past its declared end.")


class MilestoneDate(BaseModel):
    """The date a milestone is reached: when its initiatives finish, or its own date."""

    id: str
    date: dt.date | None = Field(description="The date reached; None when it is not reached.")
    due: dt.date | None = Field(default=None, description="The milestone's own date, if any.")
    late_days: int = Field(default=0, description="Days from its own date to the date reached.")
    reached: bool = Field(default=True, description="False when some of its initiatives were "
                                                    "not selected: it is never reached.")
    not_selected: list[str] = Field(default_factory=list,
                                    description="Its initiatives that were not selected.")


class DeadlineViolation(BaseModel):
    """An initiative finishing after its deadline."""

    initiative: str
    deadline: dt.date
    finish: dt.date
    late_days: int


class MilestoneViolation(BaseModel):
    """A milestone reached after its own date, because its initiatives finish later."""

    milestone: str
    due: dt.date
    date: dt.date
    late_days: int


class ScheduleNote(BaseModel):
    """Something the schedule left out: a dependency on an initiative not selected, or an
    alternative to the one kept."""

    initiative: str
    depends_on: str = Field(description="The initiative it depends on, or the alternative kept.")
    message: Message


class RoadmapSchedule(BaseModel):
    """The roadmap's schedule: status, bound, dates per initiative, phase and milestone, and
    the deadlines and milestone dates it misses."""

    status: Status
    method: str
    lower_bound_weeks: int
    makespan_weeks: int
    start: dt.date
    finish: dt.date
    seconds: float
    items: list[ScheduledInitiative] = Field(default_factory=list)
    phases: list[PhaseSpan] = Field(default_factory=list)
    milestones: list[MilestoneDate] = Field(default_factory=list)
    violations: list[DeadlineViolation] = Field(default_factory=list)
    milestone_violations: list[MilestoneViolation] = Field(default_factory=list)
    phase_overruns: list[PhaseSpan] = Field(
        default_factory=list, description="Phases whose work runs past their declared end.")
    notes: list[ScheduleNote] = Field(default_factory=list)
    stopped: bool = Field(default=False, description="Interrupted: the best schedule so far.")


def dated(result: Schedule, chosen: list[Initiative], tasks: list[Task], roadmap: Roadmap,
          calendar: WorkCalendar, notes: list[ScheduleNote]) -> RoadmapSchedule:
    """The solver's start weeks as dates, with what is late, overrun or not reached."""
    items = []
    for initiative, task in zip(chosen, tasks, strict=True):
        s = result.starts[task.id]
        f = s + task.duration
        finish = calendar.finish_date(s, f)
        late = (finish - initiative.deadline).days if initiative.deadline else 0
        items.append(ScheduledInitiative(
            id=initiative.id, name=initiative.name, phase=initiative.phase,
            start=calendar.start_date(s), finish=finish, start_week=s, finish_week=f,
            deadline=initiative.deadline, late_days=max(late, 0)))
    phases = _phases(roadmap, items)
    milestones = _milestones(roadmap, {item.id: item for item in items})
    violations = [DeadlineViolation(initiative=i.id, deadline=i.deadline, finish=i.finish,
                                    late_days=i.late_days)
                  for i in items if i.deadline is not None and i.late_days > 0]
    late_milestones = [MilestoneViolation(milestone=m.id, due=m.due, date=m.date,
                                          late_days=m.late_days)
                       for m in milestones
                       if m.due is not None and m.date is not None and m.late_days > 0]
    return RoadmapSchedule(
        status=result.status, method=result.method, lower_bound_weeks=result.lower_bound,
        makespan_weeks=result.makespan, start=calendar.start,
        finish=max((i.finish for i in items), default=calendar.start), seconds=result.seconds,
        items=items, phases=phases, milestones=milestones, violations=violations,
        milestone_violations=late_milestones,
        phase_overruns=[p for p in phases if p.late_days > 0], notes=notes)


def _phases(roadmap: Roadmap, items: list[ScheduledInitiative]) -> list[PhaseSpan]:
    """Each phase with work from its first start to its last finish, against its end."""
    phases = []
    for phase in roadmap.phases:
        members = [item for item in items if item.phase == phase.id]
        if members:
            finish = max(m.finish for m in members)
            late = (finish - phase.end).days if phase.end else 0
            phases.append(PhaseSpan(id=phase.id, start=min(m.start for m in members),
                                    finish=finish, end=phase.end, late_days=max(late, 0)))
    return phases


def _milestones(roadmap: Roadmap, by_id: dict[str, ScheduledInitiative]) -> list[MilestoneDate]:
    """When each milestone is reached: its initiatives' last finish, else its own date; never
    when one of its initiatives was left out."""
    milestones = []
    for milestone in roadmap.milestones:
        missing = [i for i in milestone.initiatives if i not in by_id]
        if missing:
            milestones.append(MilestoneDate(id=milestone.id, date=None, due=milestone.date,
                                            reached=False, not_selected=missing))
            continue
        reached = [by_id[i].finish for i in milestone.initiatives]
        date = max(reached) if reached else milestone.date
        late = (date - milestone.date).days if date and milestone.date else 0
        milestones.append(MilestoneDate(id=milestone.id, date=date, due=milestone.date,
                                        late_days=max(late, 0)))
    return milestones
