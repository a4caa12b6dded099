"""Every problem reads well in English and Japanese, pydantic's errors included."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import ValidationError

from opmodel.document.messages import problem, validation_problem
from opmodel.document.model import OperatingModel
from support.strategies import model_data


def test_problem_fills_the_message() -> None:
    p = problem("document.duplicate_id", ("risks", "items", 1, "id"), id="x", collection="risks.items")
    assert p.message("en") == "id 'x' is used twice in risks.items"
    assert p.message("ja") == "ID 'x' が risks.items の中で重複しています"


BAD_DOCUMENTS: list[tuple[dict[str, Any], str]] = [
    ({"metadata": {}}, "missing"),
    ({"metadata": {"name": "x", "nmae": 1}}, "extra_forbidden"),
    ({"metadata": {"name": 5}}, "string_type"),
    ({"metadata": {"name": "x", "state": "future"}}, "enum"),
    ({"metadata": {"name": "x", "fiscal_year_start_month": 13}}, "less_than_equal"),
    ({"metadata": {"name": "x", "fiscal_year_start_month": 0}}, "greater_than_equal"),
    ({"metadata": {"name": "x", "fiscal_year_start_month": "april"}}, "int_parsing"),
    ({"metadata": {"name": "x", "fiscal_year_start_month": 4.5}}, "int_from_float"),
    ({"metadata": {"name": "x", "as_of": "2026-04"}}, "date_from_datetime_parsing"),
    ({"metadata": {"name": "x", "as_of": "2026-13-01"}}, "day_not_exist"),
    ({"metadata": {"name": "x", "as_of": "2026-04-01T10:30"}}, "date_from_datetime_inexact"),
    ({"metadata": {"name": "x", "tags": "a, b"}}, "list_type"),
    ({"metadata": "x"}, "model_type"),
    ({"metadata": {"name": "x"}, "apiVersion": "v9"}, "literal_error"),
    ({"metadata": {"name": "x"}, "risks": {"items": [{"id": "A B", "likelihood": 1,
                                                        "impact": 1}]}}, "string_pattern_mismatch"),
    ({"metadata": {"name": "x"}, "risks": {"items": [{"id": "r", "likelihood": "high",
                                                        "impact": 1}]}}, "int_parsing"),
    ({"metadata": {"name": "x"}, "roadmap": {"initiatives": [{"id": "a", "effort": "lots"}]}},
     "float_parsing"),
    ({"metadata": {"name": "x"}, "roadmap": {"initiatives": [{"id": "a", "mandatory": "maybe"}]}},
     "bool_parsing"),
    ({"metadata": {"name": "x"}, "roadmap": {"initiatives": [{"id": "a", "demand": [1]}]}},
     "dict_type"),
    ({"metadata": {"name": "x"}, "profile": {"employees": -1}}, "greater_than_equal"),
]


@pytest.mark.parametrize(("data", "kind"), BAD_DOCUMENTS, ids=[k for _, k in BAD_DOCUMENTS])
def test_common_validation_errors_are_translated(data: dict[str, Any], kind: str) -> None:
    with pytest.raises(ValidationError) as info:
        OperatingModel.model_validate(data)
    errors = info.value.errors(include_url=False)
    assert kind in {e["type"] for e in errors}
    for error in errors:
        p = validation_problem(error)
        assert p.code == f"validation.{error['type']}", error["type"]
        assert "{" not in p.message("en") + p.message("ja") + p.hint("en") + p.hint("ja"), p


_WRONG = ["x", -5, 10**9, [], {}, "2026-13-01", 1.5, True, None, "Bad Id", {"zz": 1}, [1], "",
          "a" * 300, {1: "x"}]


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    items = data.items() if isinstance(data, dict) else enumerate(data) \
        if isinstance(data, list) else []
    for key, value in items:
        found += _leaves(value, (*path, key))
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=model_data(OperatingModel))
def test_errors_from_random_mistakes_are_all_translated(data: dict[str, Any]) -> None:
    rng = random.Random(repr(data))
    for _ in range(3):
        leaves = _leaves(data)
        path = rng.choice(leaves)
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = copy.deepcopy(rng.choice(_WRONG))
    try:
        OperatingModel.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            assert validation_problem(error).code != "validation.other", error


def test_known_ids_put_the_nearest_first_and_leave_the_wrong_one_out() -> None:
    from opmodel.document.messages import nearest_ids

    ids = ["gov-benefits", "gov-compliance", "proc-change", "proc-incident", "proc-problem",
           "tech-cloud", "proc-incidnet"]
    assert nearest_ids("proc-incidnet", ids).startswith("proc-incident, ")
    assert "proc-incidnet" not in nearest_ids("proc-incidnet", ids)
    assert nearest_ids("zzz", ids, 3) == "gov-benefits, gov-compliance, proc-change …"
    none = nearest_ids("x", [])
    assert not isinstance(none, str)
    assert (none.text("en"), none.text("ja")) == ("none yet", "まだありません")


def test_a_dangling_reference_suggests_the_id_meant() -> None:
    from opmodel.document import DocumentError, loads

    text = ("apiVersion: opmodel/v1\nkind: OperatingModel\nmetadata: {name: x}\nroadmap:\n"
            "  initiatives:\n    - {id: ini-alpha}\n    - {id: ini-beta}\n    - {id: ini-cloud}\n"
            "    - {id: ini-zeta, depends_on: [ini-clud]}\n")
    try:
        loads(text)
    except DocumentError as exc:
        assert "(known: ini-cloud, " in exc.problems[0].hint("en")
    else:
        raise AssertionError("the dangling reference was accepted")
