"""Power/interest grid, engagement gaps and the change-impact heatmap."""

from __future__ import annotations

import pytest

from opmodel.engines.change.stakeholders import analyse_stakeholders, group_sizes, quadrant
from support.change_sample import sample, sample_data


@pytest.mark.parametrize(("influence", "interest", "expected"), [
    (5, 5, "manage-closely"), (4, 4, "manage-closely"), (5, 2, "keep-satisfied"),
    (2, 4, "keep-informed"), (3, 3, "monitor"), (1, 1, "monitor"),
])
def test_quadrant_splits_at_four(influence: int, interest: int, expected: str) -> None:
    assert quadrant(influence, interest) == expected


def test_positions_and_gaps() -> None:
    result = analyse_stakeholders(sample())
    where = {p.stakeholder: (p.quadrant, p.gap) for p in result.positions}
    assert where == {"cio": ("manage-closely", 0), "bu-head": ("keep-satisfied", 2),
                     "desk-staff": ("keep-informed", 3), "msp-staff": ("monitor", 1)}
    assert [g.stakeholder for g in result.gaps] == ["desk-staff", "bu-head", "msp-staff"]
    assert result.quadrant_counts == {"manage-closely": 1, "keep-satisfied": 1,
                                      "keep-informed": 1, "monitor": 1}
    assert next(p for p in result.positions if p.stakeholder == "msp-staff").outsourced


def test_equal_gaps_put_the_more_influential_first() -> None:
    data = sample_data()
    data["change"]["stakeholders"][0].update(stance="neutral", desired_stance="champion")
    data["change"]["stakeholders"][3].update(desired_stance="champion", influence=1)
    gaps = analyse_stakeholders(sample(data)).gaps
    # cio (+2, influence 5) before bu-head (+2, influence 5 → by id) before msp (+2, influence 1)
    assert [(g.stakeholder, g.gap) for g in gaps] == [
        ("desk-staff", 3), ("bu-head", 2), ("cio", 2), ("msp-staff", 2)]


def test_heatmap_takes_the_strongest_impact_per_group_and_initiative() -> None:
    result = analyse_stakeholders(sample())
    cells = {(c.group, c.initiative): (c.level, c.people) for c in result.heatmap}
    # msp-staff is in the partners group: a personal impact shows on the group's row
    assert cells == {("service-desk", "itsm-rollout"): (5, 12),
                     ("partners", "itsm-rollout"): (4, 8), ("partners", "cloud-move"): (3, 8)}
    assert result.initiatives == ["itsm-rollout", "cloud-move"]
    assert result.groups == ["executives", "service-desk", "partners"]  # the document's order
    desk = next(c for c in result.heatmap if c.group == "service-desk")
    assert (desk.areas, desk.changes) == (["process", "tools"], ["問い合わせをチケットで管理する"])


def test_group_sizes_count_headcount() -> None:
    assert group_sizes(sample().change) == {"executives": 2, "service-desk": 12, "partners": 8}


def test_a_document_without_change_has_an_empty_analysis() -> None:
    data = sample_data()
    del data["change"]
    result = analyse_stakeholders(sample(data))
    assert result.positions == [] and result.heatmap == []
