"""Training: needs from skill gaps and initiative impacts, course plans, completion and cost."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from typing import Literal

from pydantic import BaseModel

from opmodel.document.budget import fiscal_year_of
from opmodel.document.change import Change, Course
from opmodel.document.model import OperatingModel
from opmodel.engines.change.stakeholders import group_of, group_sizes

# An impact this strong calls for a briefing on the new way of working even without named skills.
BRIEFING_LEVEL = 4


class TrainingNeed(BaseModel):
    """People who need to learn something, and the courses that teach it to them."""

    source: Literal["skill_gap", "impact"]
    skill: str | None
    role: str | None = None
    group: str | None = None
    stakeholder: str | None = None
    initiative: str | None = None
    required_level: int | None = None
    current_level: int | None = None
    gap: int | None = None
    people: int
    courses: list[str]
    off_topic: list[str] = []
    """For a briefing no course serves: the courses that reach its audience but are not
    about its initiative (so they do not count as covering it)."""
    completed: int = 0
    """People of this audience who completed one of its courses (at most ``people``)."""

    @property
    def audience(self) -> str:
        """Who this need is about: ``role:x``, ``group:x`` or ``stakeholder:x``."""
        if self.role:
            return f"role:{self.role}"
        return f"stakeholder:{self.stakeholder}" if self.stakeholder else f"group:{self.group}"


class TrainingCost(BaseModel):
    """The cost of one course in one fiscal year (None: the course has no date or year)."""

    fiscal_year: int | None
    course: str
    amount: float
    seats: int


class CoursePlan(BaseModel):
    """A course: demand from the needs, planned seats, capacity, completion and cost."""

    course: str
    name: str | None
    sessions: list[dt.date]
    demand: int
    seats: int
    capacity: int | None
    shortfall: int
    enrolled: int
    completed: int
    completion_rate: float | None
    cost: float


class TrainingPlan(BaseModel):
    """Needs, courses and costs of the whole change."""

    needs: list[TrainingNeed]
    uncovered: int
    courses: list[CoursePlan]
    people_to_train: int
    completed: int
    completion_rate: float | None
    costs: list[TrainingCost]
    total_cost: float


def _skill_gap_needs(model: OperatingModel) -> list[TrainingNeed]:
    org = model.design.organization if model.design else None
    baseline = model.change.skill_levels if model.change else {}
    needs = []
    for role in org.roles if org else []:
        current = {s.skill: s.level for s in role.current_skills}
        people = max(1, math.ceil(role.headcount)) if role.headcount is not None else 1
        for req in role.required_skills:
            have = current.get(req.skill, baseline.get(req.skill, 0))
            if req.level > have:
                needs.append(TrainingNeed(source="skill_gap", skill=req.skill, role=role.id,
                                          required_level=req.level, current_level=have,
                                          gap=req.level - have, people=people, courses=[]))
    return needs


def _impact_needs(change: Change, gaps: list[TrainingNeed]) -> list[TrainingNeed]:
    by_id = {s.id: s for s in change.stakeholders}
    sizes = group_sizes(change)
    gap_roles: dict[str, set[str]] = defaultdict(set)
    for gap in gaps:
        if gap.skill and gap.role:
            gap_roles[gap.skill].add(gap.role)
    needs = []
    for impact in change.impacts:
        person = by_id.get(impact.stakeholder) if impact.stakeholder else None
        people = person.headcount if person else sizes.get(impact.group or "", 0)
        group = group_of(person) if person else impact.group
        members = [person] if person else [s for s in change.stakeholders if s.group == group]
        skills: list[str | None] = list(impact.skills)
        if not skills and impact.level >= BRIEFING_LEVEL:
            skills = [None]
        for skill in skills:
            # people whose design role already has this skill gap are counted by the role
            if skill and members and all(m.role in gap_roles[skill] for m in members):
                continue
            needs.append(TrainingNeed(source="impact", skill=skill, group=group,
                                      stakeholder=person.id if person else None,
                                      initiative=impact.initiative, people=people, courses=[]))
    return needs


def _reaches(course: Course, need: TrainingNeed, change: Change | None) -> bool:
    """The course is open to the need's audience (no roles, groups or stakeholders: anyone)."""
    if not (course.roles or course.groups or course.stakeholders):
        return True
    if need.role:
        # a course for a group also reaches the design roles its stakeholders hold
        held = {s.role for s in (change.stakeholders if change else []) if s.group in course.groups}
        return need.role in course.roles or need.role in held
    if need.stakeholder and need.stakeholder in course.stakeholders:
        return True
    return need.group is not None and need.group in course.groups


def _teaches(course: Course, need: TrainingNeed, topics: dict[str, set[str]]) -> bool:
    """The course is about what the need is about: its skill, or for a briefing its
    initiative (named by the course, or a skill the initiative's impacts call for)."""
    if need.skill is not None:
        return need.skill in course.skills
    initiative = need.initiative or ""
    return initiative in course.initiatives or bool(topics.get(initiative, set()) & set(course.skills))


def _topics(change: Change | None) -> dict[str, set[str]]:
    """Initiative → the skills its impacts call for."""
    out: dict[str, set[str]] = defaultdict(set)
    for impact in change.impacts if change else []:
        out[impact.initiative] |= set(impact.skills)
    return out


def training_needs(model: OperatingModel) -> list[TrainingNeed]:
    """Needs from role skill gaps and from initiative impacts, each with the courses that serve it."""
    change = model.change
    gaps = _skill_gap_needs(model)
    needs = gaps + (_impact_needs(change, gaps) if change else [])
    topics = _topics(change)
    for need in needs:
        reach = [c for c in (change.courses if change else []) if _reaches(c, need, change)]
        need.courses = [c.id for c in reach if _teaches(c, need, topics)]
        need.off_topic = [c.id for c in reach] if need.skill is None and not need.courses else []
    done = _completed_by_audience(change)
    for need in needs:
        count = sum(done.get((course, need.audience), 0) for course in need.courses)
        need.completed = min(need.people, count)
    return needs


def _completed_by_audience(change: Change | None) -> dict[tuple[str, str], int]:
    """Completions per (course, audience); a group's completions also count for its members' roles."""
    out: dict[tuple[str, str], int] = defaultdict(int)
    if change is None:
        return out
    for done in change.completions:
        keys = set()
        if done.role:
            keys.add(f"role:{done.role}")
        if done.stakeholder:
            keys.add(f"stakeholder:{done.stakeholder}")
        if done.group:
            keys.add(f"group:{done.group}")
            keys |= {f"role:{s.role}" for s in change.stakeholders if s.group == done.group and s.role}
        for key in keys:
            out[(done.course, key)] += done.completed
    return out


def _session_seats(course: Course, seats: int) -> list[int]:
    """Seats per session: fill each session up to its capacity, in date order; evenly if open."""
    n = len(course.sessions)
    caps = [s.capacity if s.capacity is not None else course.capacity for s in course.sessions]
    if any(c is None for c in caps):
        return [seats // n + (1 if k < seats % n else 0) for k in range(n)]
    out, left = [], seats
    for cap in caps:
        take = min(left, cap or 0)
        out.append(take)
        left -= take
    return out


def _course_plan(course: Course, demand: int, model: OperatingModel
                 ) -> tuple[CoursePlan, list[TrainingCost]]:
    change = model.change
    sessions = sorted(course.sessions, key=lambda s: s.start)
    course = course.model_copy(update={"sessions": sessions})
    caps = [s.capacity if s.capacity is not None else course.capacity for s in sessions]
    capacity = sum(c for c in caps if c is not None) if sessions and all(
        c is not None for c in caps) else None
    wanted = course.seats if course.seats is not None else demand
    seats = min(wanted, capacity) if capacity is not None else wanted
    done = [c for c in (change.completions if change else []) if c.course == course.id]
    enrolled = sum(c.enrolled for c in done)
    completed = sum(c.completed for c in done)
    start_month = model.metadata.fiscal_year_start_month
    costs: dict[int | None, tuple[float, int]] = defaultdict(lambda: (0.0, 0))
    if sessions:
        for session, n in zip(sessions, _session_seats(course, seats), strict=True):
            fy = fiscal_year_of(session.start, start_month)
            amount, count = costs[fy]
            costs[fy] = (amount + course.cost_per_session + n * course.cost_per_seat, count + n)
    else:
        costs[course.fiscal_year] = (seats * course.cost_per_seat, seats)
    cost_rows = [TrainingCost(fiscal_year=fy, course=course.id, amount=round(a, 2), seats=n)
                 for fy, (a, n) in costs.items() if a > 0 or n > 0]
    plan = CoursePlan(
        course=course.id, name=course.name, sessions=[s.start for s in sessions], demand=demand,
        seats=seats, capacity=capacity, shortfall=max(0, demand - seats), enrolled=enrolled,
        completed=completed, completion_rate=round(completed / seats, 3) if seats else None,
        cost=round(sum(r.amount for r in cost_rows), 2))
    return plan, cost_rows


def plan_training(model: OperatingModel) -> TrainingPlan:
    """Training needs, each course's demand, seats, completion and cost, and the totals."""
    needs = training_needs(model)
    courses = model.change.courses if model.change else []
    plans, costs = [], []
    for course in courses:
        # count each audience once per course, at its largest need
        audience: dict[str, int] = {}
        for need in needs:
            if course.id in need.courses:
                audience[need.audience] = max(audience.get(need.audience, 0), need.people)
        plan, rows = _course_plan(course, sum(audience.values()), model)
        plans.append(plan)
        costs.extend(rows)
    people: dict[str, int] = {}
    for need in needs:
        people[need.audience] = max(people.get(need.audience, 0), need.people)
    seats = sum(p.seats for p in plans)
    completed = sum(p.completed for p in plans)
    costs.sort(key=lambda c: (c.fiscal_year is None, c.fiscal_year or 0, c.course))
    return TrainingPlan(
        needs=needs, uncovered=sum(1 for n in needs if not n.courses), courses=plans,
        people_to_train=sum(people.values()), completed=completed,
        completion_rate=round(completed / seats, 3) if seats else None, costs=costs,
        total_cost=round(sum(c.amount for c in costs), 2))


def training_costs(model: OperatingModel) -> list[TrainingCost]:
    """Training cost per fiscal year and course, for the budget's training category."""
    return plan_training(model).costs
