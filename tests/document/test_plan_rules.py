"""Planning input rules: each bad input is reported naming the initiative or team."""

import pytest

from opmodel.document import DocumentError, loads

BASE = """
metadata: {{name: t}}
roadmap:
  resources:
    - {{id: infra, capacity: {capacity}}}
  initiatives:
    - id: cloud
      duration: {{optimistic: {o}, most_likely: 4, pessimistic: 6}}
      demand: {{{team}: {demand}}}
      costs: [{{id: build, category: capex, amount: 100, low: {low}, high: 150}}]
"""


def _problems(**kw: object) -> list[str]:
    params = {"capacity": 2, "o": 2, "team": "infra", "demand": 1, "low": 80} | kw
    try:
        loads(BASE.format(**params))
    except DocumentError as exc:
        return [p.render("en") for p in exc.problems]
    return []


def test_a_valid_roadmap_passes() -> None:
    assert _problems() == []


@pytest.mark.parametrize(("kw", "expected"), [
    ({"o": -1}, "initiative 'cloud': the optimistic duration is negative"),
    ({"o": 5}, "initiative 'cloud': the estimate must satisfy"),
    ({"capacity": 0}, "team 'infra' has no capacity, yet it is needed by cloud"),
    ({"demand": 3}, "initiative 'cloud' needs 3.0 of team 'infra' per week"),
    ({"team": "dev"}, "'dev' does not name any entry of roadmap.resources"),
    ({"low": 120}, "initiative 'cloud': the cost range must satisfy"),
])
def test_bad_inputs_name_the_initiative_or_team(kw: dict, expected: str) -> None:
    found = _problems(**kw)
    assert any(expected in p for p in found), found


def test_messages_exist_in_japanese() -> None:
    try:
        loads(BASE.format(capacity=0, o=-1, team="infra", demand=1, low=80))
    except DocumentError as exc:
        ja = [p.render("ja") for p in exc.problems]
    assert any("負の値" in p for p in ja) and any("キャパシティが 0" in p for p in ja)
