"""OR-Library multidimensional knapsack reader."""

from pathlib import Path

import pytest

from opmodel.engines.planning.selection import solve_selection
from opmodel.interop.mknap import MknapError, parse_mknap, read_best_known, read_mknap

# A made-up instance in the OR-Library layout: 2 problems; n m optimum; profits; rows; capacities.
SAMPLE = """2
 4 2 0
 10 7 5 3
 4 3 2 1
 1 2 3 4
 6 6
 3 1 0
 5 4 3
 2 2 2
 4
"""


def test_parses_problems_in_the_or_library_layout(tmp_path: Path) -> None:
    path = tmp_path / "mknap.txt"
    path.write_text(SAMPLE)
    first, second = read_mknap(path)
    assert first.name == "2.4-00" and second.name == "1.3-01"
    assert first.problem.values == [10, 7, 5, 3]
    assert first.problem.weights == [[4, 3, 2, 1], [1, 2, 3, 4]]
    assert first.problem.capacities == [6, 6]
    # items 0 and 2: weights (6, 4), value 15 — the best that fits
    assert solve_selection(first.problem, time_limit=5).value == 15
    assert solve_selection(second.problem, time_limit=5).value == 9


def test_truncated_and_garbled_files_say_where() -> None:
    with pytest.raises(MknapError, match="capacities of problem 1"):
        parse_mknap("1\n 3 1 0\n 1 2 3\n 1 1 1\n", "x.txt")
    with pytest.raises(MknapError, match="token 3"):
        parse_mknap("1\n 3 x 0\n", "x.txt")


def test_best_known_values(tmp_path: Path) -> None:
    path = tmp_path / "res.txt"
    path.write_text("5.100-00                  24381\n10.100-03   22131\nnoise\n")
    assert read_best_known(path) == {"5.100-00": 24381, "10.100-03": 22131}
