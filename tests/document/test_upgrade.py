"""Files in an earlier shape: what changed is told plainly, and `upgrade_data` rewrites them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from opmodel.document import DocumentError, loads, validate_data
from opmodel.document.paths import format_path
from opmodel.document.upgrade import old_shape_problems, upgrade_data

OLD = (Path(__file__).parents[1] / "data" / "old_shape.yaml").read_text(encoding="utf-8")


def _old() -> dict[str, Any]:
    import yaml

    data: dict[str, Any] = yaml.safe_load(OLD)
    return data


def test_each_change_of_shape_is_one_problem_with_the_way_to_fix_it() -> None:
    with pytest.raises(DocumentError) as caught:
        loads(OLD, source="old.yaml")
    problems = caught.value.problems
    assert [p.code for p in problems] == ["document.old_shape_measurements",
                                          "document.old_shape_cost_ids",
                                          "document.old_shape_groups"]
    assert [format_path(p.path) for p in problems] == [
        "kpis.measurements", "roadmap.initiatives[erp].costs[0]", "change"]
    assert all("opmodel upgrade" in p.hint("en") and "opmodel upgrade" in p.hint("ja")
               for p in problems)
    assert "2 cost line(s)" in problems[1].message("en")
    assert "executives、staff" in problems[2].message("ja")
    assert problems[1].line == 8  # placed on the first cost without an id


def test_upgrade_writes_today_s_shape_and_changes_nothing_else() -> None:
    data = _old()
    new, done = upgrade_data(data)
    assert len(done) == 3 and data == _old()  # the input is left as it was
    model = validate_data(new)
    assert model.roadmap is not None and model.change is not None and model.kpis is not None
    costs = model.roadmap.initiatives[0].costs
    assert [c.id for c in costs] == ["capex-2027", "capex-2027-2", "opex-2027"]
    assert [c.amount for c in costs] == [10, 5, 2]
    assert [g.id for g in model.change.groups] == ["executives", "staff"]
    assert old_shape_problems(new) == []
    assert upgrade_data(new) == (new, [])


def test_declared_groups_are_kept_and_only_the_missing_added() -> None:
    data = _old()
    data["change"]["groups"] = [{"id": "executives", "name": "Executives"}]
    del data["kpis"]
    new, _ = upgrade_data(data)
    assert new["change"]["groups"] == [{"id": "executives", "name": "Executives"},
                                       {"id": "staff"}]
