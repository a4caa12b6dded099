"""`opmodel tour` walks every step on a demo organisation and leaves the examples untouched."""

from pathlib import Path

import pytest

from support.cli import run

ROOT = Path(__file__).parents[2]
WIDTH = {"COLUMNS": "160"}


def test_tour_runs_every_step_without_touching_the_examples() -> None:
    examples = ROOT / "examples"
    before = {p: p.stat().st_mtime_ns for p in examples.rglob("*") if p.is_file()}
    result = run("tour", "--examples", str(examples), "--org", "saas-company", env=WIDTH)
    assert result.code == 0, result.output
    for step in range(1, 7):
        assert f"Step {step}" in result.output
    for command in ("assess", "align", "recommend", "design", "check", "plan", "change report",
                    "kpi status"):
        assert f"$ opmodel {command}" in result.output
    assert "Traceback" not in result.output
    shown = [line for line in result.output.splitlines() if line.startswith("$ opmodel")]
    assert shown and not any("opmodel-tour-" in line for line in shown)  # no temp folder
    assert result.output.index("saas-company") < result.output.index("Imported")
    after = {p: p.stat().st_mtime_ns for p in examples.rglob("*") if p.is_file()}
    assert after == before


def test_tour_names_a_missing_examples_folder(tmp_path: Path) -> None:
    result = run("tour", "--examples", str(tmp_path / "nope"), env=WIDTH)
    assert result.code == 1
    assert "examples" in result.output


def test_tour_lists_the_organisations_when_one_is_unknown() -> None:
    result = run("tour", "--examples", str(ROOT / "examples"), "--org", "bank", env=WIDTH)
    assert result.code == 1
    assert "No demo organisation 'bank' (there are: global-manufacturer, regional-bank, " \
           "saas-company)" in result.output


def test_tour_runs_outside_the_checkout_on_the_installed_examples(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no examples folder here
    result = run("tour", "--org", "regional-bank", env=WIDTH)
    assert result.code == 0, result.output
    assert "Step 6" in result.output and "Traceback" not in result.output
