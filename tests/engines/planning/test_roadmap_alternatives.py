"""Scheduling the whole roadmap keeps only one side of each pair of exclusive alternatives."""

from opmodel.document.model import OperatingModel
from opmodel.engines.planning.roadmap_schedule import schedule_roadmap, without_alternatives
from support.builders import estimate, model, roadmap


def _model(initiatives: list[dict]) -> OperatingModel:
    return model(strategy={"objectives": [{"id": "o", "weight": 1}]},
                 roadmap=roadmap([{"duration": estimate(2), **i} for i in initiatives],
                                 start="2027-04-05"))


def test_the_alternatives_worth_more_together_are_kept() -> None:
    model = _model([
        {"id": "big-bang", "impact": {"o": 8}, "excludes": ["wave-1", "wave-2"]},
        {"id": "wave-1", "impact": {"o": 5}},
        {"id": "wave-2", "impact": {"o": 5}},
        {"id": "other", "impact": {"o": 1}},
    ])
    kept, notes = without_alternatives(model)
    assert kept == ["wave-1", "wave-2", "other"]
    assert [(n.initiative, n.depends_on) for n in notes] == [("big-bang", "wave-1")]
    schedule = schedule_roadmap(model, method="heuristic")
    assert {i.id for i in schedule.items} == {"wave-1", "wave-2", "other"}
    assert any("alternative" in n.message.text("en") for n in schedule.notes)
    assert {n.message.code for n in schedule.notes} == {"schedule.alternative_left_out"}


def test_a_mandatory_alternative_wins_and_a_selection_is_taken_as_given() -> None:
    model = _model([
        {"id": "build", "impact": {"o": 9}, "excludes": ["buy"]},
        {"id": "buy", "impact": {"o": 1}, "mandatory": True},
    ])
    assert without_alternatives(model)[0] == ["buy"]
    both = schedule_roadmap(model, ["build", "buy"], method="heuristic")
    assert {i.id for i in both.items} == {"build", "buy"}


def test_without_exclusions_everything_is_scheduled() -> None:
    model = _model([{"id": "a"}, {"id": "b", "depends_on": ["a"]}])
    assert without_alternatives(model) == (["a", "b"], [])
