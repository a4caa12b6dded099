"""Every command's text fits a 100-column terminal on the examples, in both languages, and
every table comes from the one house style (``cli/tables.py``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len

from support.cli import run

ROOT = Path(__file__).parents[2]
SRC = ROOT / "src" / "opmodel" / "cli"
ORGS = ("regional-bank", "global-manufacturer", "saas-company")
WIDTH = 100
CLOSING = tuple("、。，．）」』】：；")
PER_MODEL = [["assess"], ["align"], ["recommend"], ["design"], ["check"], ["change", "report"],
             ["change", "templates"], ["schedule", "--method", "heuristic"], ["validate"]]
ALONE = [["knowledge"], ["knowledge", "practices"], ["knowledge", "questions"],
         ["knowledge", "types", "federated"], ["kpi", "library"], ["check", "--list-rules"]]


def _fits(args: list[str], lang: str) -> None:
    result = run(*args, "--lang", lang, env={"COLUMNS": str(WIDTH)})
    assert result.code in (0, 1), result.output
    wide = [line for line in result.output.splitlines() if cell_len(line) > WIDTH]
    assert wide == [], f"{' '.join(args)}: {len(wide)} lines over {WIDTH} columns: {wide[:2]}"
    cells = [cell.strip() for line in result.output.splitlines() if "│" in line
             for cell in line.split("│")]
    cut = [cell for cell in cells if cell.startswith(CLOSING)]  # a phrase cut before its end
    assert cut == [], f"{' '.join(args)}: table lines start with closing punctuation: {cut[:3]}"


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("org", ORGS)
@pytest.mark.parametrize("state", ["current", "target"])
@pytest.mark.parametrize("command", PER_MODEL, ids=" ".join)
def test_each_command_fits_100_columns(command: list[str], state: str, org: str,
                                       lang: str) -> None:
    _fits([*command, str(ROOT / "examples" / org / f"{state}.yaml")], lang)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("org", ORGS)
def test_diff_plan_and_kpis_fit_100_columns(org: str, lang: str, tmp_path: Path) -> None:
    folder = ROOT / "examples" / org
    _fits(["diff", str(folder / "current.yaml"), str(folder / "target.yaml")], lang)
    _fits(["plan", str(folder / "target.yaml"), "--time-limit", "1", "--iterations", "200",
           "--seed", "1"], lang)
    model = tmp_path / "target.yaml"
    shutil.copy(folder / "target.yaml", model)
    _fits(["kpi", "import", str(model), str(folder / "measurements.csv")], lang)
    for command in (["kpi", "status"], ["kpi", "report"]):
        _fits([*command, str(model)], lang)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("command", ALONE, ids=" ".join)
def test_reference_commands_fit_100_columns(command: list[str], lang: str) -> None:
    _fits(command, lang)


def test_tables_are_made_in_one_place() -> None:
    makers = [path.name for path in SRC.glob("*.py")
              if path.name != "tables.py" and "Table(" in path.read_text(encoding="utf-8")]
    assert makers == []
