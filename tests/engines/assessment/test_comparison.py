"""Views by group: each group's maturity per component from its own answers, side by side."""

from __future__ import annotations

import pytest

from opmodel.engines.assessment.comparison import Grouping
from opmodel.engines.assessment.scoring import assess
from support.builders import model

QUESTIONS = [{"id": f"q-{c}-{n}", "component": c, "text": f"{c} {n}", "importance": w}
             for c in ("governance", "process") for n, w in ((1, 1.0), (2, 3.0))]


def _respondent(rid: str, unit: str | None, levels: dict[str, int], **attrs: str) -> dict:
    return {"id": rid, **({"business_unit": unit} if unit else {}), **attrs,
            "answers": [{"question": q, "level": lv} for q, lv in levels.items()]}


def _model(*respondents: dict):
    return model(assessment={"bank": [], "questions": QUESTIONS,
                             "respondents": list(respondents)})


def test_each_group_is_scored_from_its_own_answers_weighted_by_importance() -> None:
    m = _model(
        _respondent("a1", "sales", {"q-governance-1": 1, "q-governance-2": 3, "q-process-1": 2}),
        _respondent("a2", "sales", {"q-governance-1": 3, "q-governance-2": 3}),
        _respondent("b1", "plants", {"q-governance-1": 4, "q-governance-2": 4,
                                     "q-process-2": 5}),
        _respondent("c1", None, {"q-process-1": 0}))
    result = assess(m, Grouping.business_unit)
    assert result.comparison is not None
    views = {v.group: v for v in result.comparison.groups}
    assert [v.group for v in result.comparison.groups] == ["sales", "plants", None]
    assert views["sales"].respondents == ["a1", "a2"]
    # sales: governance medians 2 (weight 1) and 3 (weight 3)
    assert views["sales"].components["governance"] == pytest.approx((2 * 1 + 3 * 3) / 4, abs=0.01)
    assert views["sales"].components["process"] == 2.0
    assert views["plants"].components == {"governance": 4.0, "organization": None,
                                          "process": 5.0, "technology": None, "sourcing": None}
    assert views[None].components["process"] == 0.0
    assert result.comparison.spread["process"] == 5.0
    assert result.comparison.spread["governance"] == pytest.approx(4 - 2.75, abs=0.01)
    assert result.comparison.spread["technology"] is None


@pytest.mark.parametrize(("grouping", "attrs", "expected"), [
    (Grouping.employment, ({"employment": "internal"}, {"employment": "outsourced"}),
     ["internal", "outsourced"]),
    (Grouping.it_or_business, ({"group": "it"}, {"group": "business"}), ["it", "business"]),
    (Grouping.role, ({"role": "cio"}, {"role": "plant manager"}), ["cio", "plant manager"]),
])
def test_every_attribute_can_group(grouping: Grouping, attrs: tuple[dict, dict],
                                   expected: list[str]) -> None:
    m = _model(_respondent("x", None, {"q-process-1": 1}, **attrs[0]),
               _respondent("y", None, {"q-process-1": 4}, **attrs[1]))
    result = assess(m, grouping)
    assert result.comparison is not None
    assert [v.group for v in result.comparison.groups] == expected
    assert [v.components["process"] for v in result.comparison.groups] == [1.0, 4.0]


def test_without_by_there_is_no_comparison_and_names_come_along() -> None:
    m = model(assessment={"bank": [], "questions": QUESTIONS[:1], "respondents": [
        {"id": "r1", "name": "営業部長", "answers": [{"question": "q-governance-1", "level": 2}]},
        {"id": "r2", "answers": [{"question": "q-governance-1", "level": 2}]}]})
    result = assess(m)
    assert result.comparison is None
    assert result.names.respondents == {"r1": "営業部長"}  # r2 has no name: people read its id
