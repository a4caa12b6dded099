"""`opmodel compare` end to end: the JSON is the use case's result, the text in English and
Japanese fits 100 columns and marks the best, and bad input exits with the file named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rich.cells import cell_len

from opmodel.cli.compare_text import SECTIONS, TEXT_ROWS
from opmodel.interop.model_files import load
from opmodel.knowledge.phrases import CLOSING, OPENING, wrap
from opmodel.knowledge.texts import has_label, label, render
from opmodel.services.compare import CompareOptions, compare
from opmodel.services.compare_rows import ROWS
from support.cli import run
from support.results import steady
from support.scenarios import CURRENT, FEDERATED, centralized_data, write

FLAGS = ["--time-limit", "3", "--iterations", "1000", "--seed", "2"]


@pytest.fixture(scope="module")
def centralized(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path: Path = write(centralized_data(),
                       tmp_path_factory.mktemp("compare") / "centralized.yaml")
    return path


def test_json_is_the_use_case_result(centralized: Path) -> None:
    printed = run("compare", str(FEDERATED), str(centralized), "--baseline", str(CURRENT),
                  *FLAGS, "--format", "json")
    assert printed.code == 0, printed.err
    result = compare([load(FEDERATED), load(centralized)], load(CURRENT),
                     CompareOptions(time_limit=3, iterations=1000, seed=2),
                     today=dt.date.today())
    from opmodel.services.results import to_data

    assert steady(printed.json()) == steady(to_data(result))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_text_fits_100_columns_and_marks_the_best(centralized: Path, lang: str) -> None:
    printed = run("compare", str(FEDERATED), str(centralized), "--baseline", str(CURRENT),
                  *FLAGS, "--lang", lang, env={"COLUMNS": "100"})
    assert printed.code == 0, printed.err
    lines = printed.out.splitlines()
    assert max(cell_len(line) for line in lines) <= 100
    for metric in ("fit", "transition_p80", "npv", "completion_p80", "changes_added"):
        assert label("compare_row", metric, lang).lower() in printed.out.lower(), metric
    fit = next(line for line in lines if label("compare_row", "fit", lang).lower()
               in line.lower())
    assert fit.count("*") == 1 and fit.index("*") < fit.index("59.7")  # federated: column 1
    trades = printed.out.split(render("compare.trades", {}, lang))[-1]
    assert trades.count("best on" if lang == "en" else "最も優れる") == 2
    assert "Kestrel — centralized" in printed.out


def test_without_a_baseline_the_changes_are_left_out(centralized: Path) -> None:
    printed = run("compare", str(FEDERATED), str(centralized), "--time-limit", "2",
                  "--iterations", "0")
    assert printed.code == 0, printed.err
    assert "Entities added" not in printed.out and "Changes from" not in printed.out


def test_one_option_is_a_usage_error() -> None:
    printed = run("compare", str(FEDERATED), "--lang", "ja")
    assert printed.code == 2
    assert "2 つ以上" in printed.err


def test_a_bad_option_file_is_named_and_nothing_is_printed(tmp_path: Path,
                                                          centralized: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("apiVersion: opmodel/v1\nkind: OperatingModel\nmetadata: [\n",
                   encoding="utf-8")
    printed = run("compare", str(centralized), str(bad), *FLAGS)
    assert printed.code == 1
    assert "broken.yaml" in printed.err and printed.out == ""
    as_json = run("compare", str(centralized), str(bad), *FLAGS, "--format", "json")
    assert as_json.code == 1 and as_json.json()["file"].endswith("broken.yaml")


def test_a_missing_baseline_is_named(centralized: Path, tmp_path: Path) -> None:
    printed = run("compare", str(FEDERATED), str(centralized), "--baseline",
                  str(tmp_path / "nowhere.yaml"), *FLAGS)
    assert printed.code == 1 and "nowhere.yaml" in printed.err


def test_every_row_has_a_place_in_the_table() -> None:
    placed = [key for _, keys in SECTIONS for key in keys]
    assert sorted(placed) == sorted({*(r.metric for r in ROWS), *TEXT_ROWS})
    for key in placed:
        assert has_label("compare_row", key), key


@pytest.mark.parametrize("width", [12, 20, 41, 95])
def test_japanese_folds_within_the_width_and_keeps_brackets_attached(width: int) -> None:
    text = ("「しおさい銀行 目標IT運用モデル（2027〜2028年度）」は移行後の年間運用コスト、"
            "正味現在価値（NPV）で最も優れる一方、移行コスト（P80）では最も劣ります。")
    lines = wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(cell_len(line) <= width for line in lines)
    assert all(line[0] not in CLOSING for line in lines)
    assert all(line[-1] not in OPENING for line in lines[:-1])
