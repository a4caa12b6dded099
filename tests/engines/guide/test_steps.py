"""The six steps' standing: what each step's checks count, and where findings go."""

from __future__ import annotations

from pathlib import Path

from opmodel.engines.consistency.checks import RuleFinding
from opmodel.engines.guide.steps import count, standing
from opmodel.interop.model_files import load
from opmodel.knowledge.rules import Severity
from opmodel.knowledge.texts import message
from support.builders import model as new_model

EXAMPLE = Path(__file__).parents[3] / "examples" / "regional-bank" / "current.yaml"


def test_count_reaches_lists_mappings_values_and_every_item() -> None:
    data = {"a": {"b": [1, 2, 3], "c": {"d": 1}, "e": "", "f": None},
            "k": [{"t": 1}, {"t": None}, {"t": 0}, {}]}
    assert count(data, "a.b") == 3
    assert count(data, "a.c") == 1 and count(data, "a.c.d") == 1
    assert count(data, "a.e") == 0 and count(data, "a.f") == 0 and count(data, "a.x.y") == 0
    assert count(data, "k.*.t") == 2  # 0 is a value; None and a missing key are not


def _every_step_path() -> list[str]:
    from opmodel.engines.guide.steps import _checks

    return [entry["path"] for entries in _checks().values() for entry in entries]


def test_count_on_the_document_is_count_on_its_plain_data() -> None:
    from opmodel.document.model import OperatingModel

    examples = sorted(EXAMPLE.parents[1].glob("*/*.yaml"))
    sparse = OperatingModel.model_validate({  # set but empty, and set to empty values
        "apiVersion": "opmodel/v1", "kind": "OperatingModel",
        "metadata": {"name": "sparse"},
        "profile": {"it_maturity": {}}, "strategy": {"objectives": []}, "kpis": {}})
    filled = load(EXAMPLE)
    assert filled.roadmap is not None
    filled.roadmap.initiatives.append(filled.roadmap.initiatives[0].model_copy(
        update={"id": "added-in-place"}))  # never set: counted as a dump would write it
    for model in [*map(load, examples), new_model(), sparse, filled]:
        data = model.dump_data()
        for path in _every_step_path():
            assert count(model, path) == count(data, path), (model.metadata.name, path)
    assert count(sparse, "profile.it_maturity") == 0
    assert count(filled, "roadmap.initiatives") == count(load(EXAMPLE), "roadmap.initiatives") + 1


def test_a_new_model_stands_at_the_start_of_step_one() -> None:
    found = standing(new_model(), [])
    assert [s.step for s in found.steps] == ["assess", "align", "design", "roadmap",
                                              "change", "measure"]
    assert found.steps_done == 0 and found.completeness == 0 and found.next_step == "assess"
    assert all(not c.met and c.found == 0 for s in found.steps for c in s.checks)


def test_an_example_holds_every_step_and_an_error_keeps_its_step_open() -> None:
    model = load(EXAMPLE)
    clean = standing(model, [])
    assert clean.completeness == 1 and clean.steps_done == 6 and clean.next_step is None
    error = RuleFinding(rule="r", severity=Severity.error, section="governance",
                        path="design.governance.decisions[d1].accountable",
                        message=message("guide.all_done"))
    note = RuleFinding(rule="n", severity=Severity.info, section="roadmap",
                       path="roadmap.initiatives[i1]", message=message("guide.all_done"))
    found = standing(model, [error, note])
    design = next(s for s in found.steps if s.step == "design")
    roadmap = next(s for s in found.steps if s.step == "roadmap")
    assert design.completeness == 1 and not design.done and design.open_findings == [error]
    assert design.findings[Severity.error] == 1
    assert roadmap.done and roadmap.findings[Severity.info] == 1  # a note does not hold it
    assert found.steps_done == 5 and found.next_step == "design"


def test_a_check_needs_its_minimum() -> None:
    model = load(EXAMPLE)
    data = model.dump_data()
    respondents = data["assessment"]["respondents"]  # type: ignore[index]
    data["assessment"]["respondents"] = respondents[:2]  # type: ignore[index]
    from opmodel.document.model import OperatingModel

    fewer = standing(OperatingModel.model_validate(data), [])
    check = next(c for s in fewer.steps for c in s.checks if c.id == "respondents")
    assert (check.found, check.need, check.met) == (2, 3, False)
    assert fewer.next_step == "assess"
