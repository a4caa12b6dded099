"""Training needs, course plans, completion and the costs handed to the budget."""

from __future__ import annotations

from opmodel.engines.change.training import plan_training, training_costs
from support.change_sample import sample, sample_data


def test_skill_gap_need_counts_the_role_headcount() -> None:
    plan = plan_training(sample())
    gaps = [n for n in plan.needs if n.source == "skill_gap"]
    # cloud-engineer already has what it needs; only the service desk has a gap
    assert [(n.role, n.skill, n.gap, n.people) for n in gaps] == [
        ("service-desk-agent", "itsm", 2, 12)]
    assert gaps[0].courses == ["itsm-basics"]


def test_group_impact_is_not_counted_twice_when_the_role_has_the_gap() -> None:
    plan = plan_training(sample())
    impact_skills = [n.skill for n in plan.needs if n.source == "impact"]
    assert "itsm" not in impact_skills
    data = sample_data()
    data["change"]["stakeholders"][2].pop("role")
    plan = plan_training(sample(data))
    assert [n.group for n in plan.needs if n.source == "impact" and n.skill == "itsm"] == [
        "service-desk"]


def test_strong_impact_without_skills_needs_a_briefing_for_that_audience() -> None:
    need = next(n for n in plan_training(sample()).needs if n.skill is None)
    assert (need.stakeholder, need.people, need.courses) == ("msp-staff", 8, ["partner-briefing"])


def test_capacity_limits_seats_and_reports_the_shortfall() -> None:
    data = sample_data()
    data["design"]["organization"]["roles"][0]["headcount"] = 25
    course = plan_training(sample(data)).courses[0]
    assert (course.demand, course.capacity, course.seats, course.shortfall) == (25, 20, 20, 5)


def test_completion_rate_is_completed_over_planned_seats() -> None:
    plan = plan_training(sample())
    course = plan.courses[0]
    assert (course.enrolled, course.completed, course.seats) == (12, 6, 12)
    assert course.completion_rate == 0.5


def test_costs_split_by_session_into_fiscal_years() -> None:
    costs = training_costs(sample())
    rows = {(c.course, c.fiscal_year): (c.amount, c.seats) for c in costs}
    # 12 seats over two sessions of 10: 10 + 2, each session also costs 100,000
    assert rows[("itsm-basics", 2026)] == (2 * 100_000 + 12 * 50_000, 12)
    # March 2027 is still FY2026; April 2027 opens FY2027
    assert rows[("partner-briefing", 2026)] == (40_000, 4)
    assert rows[("partner-briefing", 2027)] == (40_000, 4)
    assert sum(c.amount for c in costs) == plan_training(sample()).total_cost


def test_fiscal_year_follows_the_metadata_start_month() -> None:
    data = sample_data()
    data["metadata"]["fiscal_year_start_month"] = 1
    years = {c.fiscal_year for c in training_costs(sample(data)) if c.course == "partner-briefing"}
    assert years == {2027}


def test_course_without_sessions_uses_its_fiscal_year() -> None:
    data = sample_data()
    data["change"]["courses"][1] = {"id": "e-learning", "groups": ["partners"], "seats": 3,
                                     "cost_per_seat": 1000, "fiscal_year": 2028}
    costs = [c for c in training_costs(sample(data)) if c.course == "e-learning"]
    assert [(c.fiscal_year, c.amount) for c in costs] == [(2028, 3000)]


def test_no_change_section_means_no_training() -> None:
    data = sample_data()
    del data["change"]
    plan = plan_training(sample(data))
    assert plan.costs == [] and plan.courses == []
    assert [n.role for n in plan.needs] == ["service-desk-agent"]


def test_completions_count_against_the_needs_they_serve() -> None:
    needs = {n.audience: n for n in plan_training(sample()).needs}
    # the service desk group's completions count for its members' role
    assert needs["role:service-desk-agent"].completed == 6
    assert needs["stakeholder:msp-staff"].completed == 0
    data = sample_data()
    data["change"]["completions"].append({"course": "partner-briefing",
                                          "stakeholder": "msp-staff", "completed": 20})
    needs = {n.audience: n for n in plan_training(sample(data)).needs}
    assert needs["stakeholder:msp-staff"].completed == 8  # never more than the people


def test_a_course_for_a_group_serves_the_roles_its_stakeholders_hold() -> None:
    data = sample_data()
    need = next(n for n in plan_training(sample(data)).needs if n.role == "service-desk-agent")
    assert need.courses == ["itsm-basics"]
    data["change"]["courses"][0]["groups"] = ["partners"]
    need = next(n for n in plan_training(sample(data)).needs if n.role == "service-desk-agent")
    assert need.courses == []


def _briefing(course: dict[str, object]) -> tuple[list[str], list[str]]:
    """The courses serving msp-staff's briefing on itsm-rollout with ``course`` as the
    partners' course, and the courses that reach them on another topic."""
    data = sample_data()
    data["change"]["courses"][1] = {"id": "partner-course", "groups": ["partners"], **course}
    need = next(n for n in plan_training(sample(data)).needs if n.skill is None)
    assert (need.stakeholder, need.initiative) == ("msp-staff", "itsm-rollout")
    return need.courses, need.off_topic


def test_a_briefing_is_not_covered_by_a_course_on_something_else() -> None:
    # aimed at the audience, but about another initiative or an unrelated skill
    assert _briefing({"initiatives": ["cloud-move"]}) == ([], ["partner-course"])
    assert _briefing({"skills": ["cloud-ops"]}) == ([], ["partner-course"])
    assert _briefing({}) == ([], ["partner-course"])


def test_a_briefing_is_covered_by_a_course_on_its_initiative_or_its_skills() -> None:
    assert _briefing({"initiatives": ["itsm-rollout"]}) == (["partner-course"], [])
    # itsm-rollout calls for the skill itsm in its impact on the service desk
    assert _briefing({"skills": ["itsm"]}) == (["partner-course"], [])


def test_a_course_for_anyone_covers_a_briefing_only_on_its_topic() -> None:
    data = sample_data()
    data["change"]["courses"][1] = {"id": "town-hall", "initiatives": ["itsm-rollout"]}
    need = next(n for n in plan_training(sample(data)).needs if n.skill is None)
    assert need.courses == ["town-hall"]
    data["change"]["courses"][1] = {"id": "town-hall", "initiatives": ["cloud-move"]}
    need = next(n for n in plan_training(sample(data)).needs if n.skill is None)
    assert (need.courses, need.off_topic) == ([], ["town-hall"])
