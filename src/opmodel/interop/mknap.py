"""OR-Library multidimensional knapsack files (mknapcb*.txt) and their best-known values."""

from __future__ import annotations

import os
from dataclasses import dataclass

from opmodel.engines.planning.selection import SelectionProblem


class MknapError(ValueError):
    """A file that is not in the OR-Library mknap format; says where it went wrong."""


@dataclass
class MknapInstance:
    """One instance: its name (``m.n-index``) and the problem."""

    name: str
    problem: SelectionProblem


def _ints(text: str, source: str) -> list[int]:
    out = []
    for n, token in enumerate(text.split()):
        try:
            out.append(int(float(token)))
        except ValueError:
            raise MknapError(f"{source}: token {n + 1} ('{token[:20]}') is not a number") from None
    return out


def parse_mknap(text: str, source: str = "<text>") -> list[MknapInstance]:
    """Every instance of an OR-Library mknap file's text."""
    nums = _ints(text, source)
    pos = 0

    def take(count: int, what: str) -> list[int]:
        nonlocal pos
        if pos + count > len(nums):
            raise MknapError(f"{source}: the file ends while reading {what}")
        chunk = nums[pos:pos + count]
        pos += count
        return chunk

    (count,) = take(1, "the number of problems")
    instances = []
    for k in range(count):
        n, m, _optimum = take(3, f"the header of problem {k + 1}")
        if n <= 0 or m <= 0:
            raise MknapError(f"{source}: problem {k + 1} has {n} items and {m} constraints")
        values = take(n, f"the profits of problem {k + 1}")
        weights = [take(n, f"constraint {r + 1} of problem {k + 1}") for r in range(m)]
        capacities = take(m, f"the capacities of problem {k + 1}")
        name = f"{m}.{n}-{k:02d}"
        instances.append(MknapInstance(name, SelectionProblem(values, weights, capacities)))
    return instances


def read_mknap(path: str | os.PathLike[str]) -> list[MknapInstance]:
    """Every instance in an OR-Library mknap file."""
    with open(path, encoding="ascii") as fh:
        return parse_mknap(fh.read(), str(path))


def read_best_known(path: str | os.PathLike[str]) -> dict[str, int]:
    """Best-known values by instance name from ``mkcbres.txt`` (``m.n-index value`` lines)."""
    best: dict[str, int] = {}
    with open(path, encoding="ascii") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2 and "-" in parts[0]:
                try:
                    best[parts[0]] = int(parts[1])
                except ValueError:
                    continue
    return best
