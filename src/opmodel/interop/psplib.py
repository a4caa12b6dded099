"""PSPLIB single-mode ``.sm`` files (Kolisch & Sprecher 1997) read into a scheduling problem."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from opmodel.document.problems import DocumentError, Problem
from opmodel.engines.planning.scheduling.problem import (
    Precedence,
    Resource,
    SchedulingProblem,
    Task,
)
from opmodel.interop.files import read_text

_INT = re.compile(r"-?\d+")


@dataclass(frozen=True)
class PsplibInstance:
    """A PSPLIB instance: its name (file stem) and the problem it describes."""

    name: str
    problem: SchedulingProblem


def _error(source: str, line: int | None, en: str, ja: str) -> DocumentError:
    hint_en = "check the file is an unmodified PSPLIB single-mode (.sm) instance"
    hint_ja = "PSPLIB の単一モード（.sm）形式のファイルをそのまま指定してください"
    return DocumentError([Problem((), f"PSPLIB: {en}", f"PSPLIB: {ja}", hint_en, hint_ja, line)],
                         source)


def _ints(text: str) -> list[int]:
    return [int(x) for x in _INT.findall(text)]


def _section(lines: list[str], title: str, source: str) -> int:
    """Index of the line that starts ``title``."""
    for n, line in enumerate(lines):
        if line.strip().upper().startswith(title):
            return n
    raise _error(source, None, f"section '{title}' is missing",
                 f"セクション '{title}' がありません")


def _rows(lines: list[str], begin: int) -> list[tuple[int, list[int]]]:
    """Numeric rows after a header, up to the next line of stars."""
    rows = []
    for n in range(begin, len(lines)):
        stripped = lines[n].strip()
        if stripped.startswith("*"):
            break
        if stripped and not stripped.startswith("-") and stripped[0].isdigit():
            rows.append((n, _ints(stripped)))
    return rows


def parse_psplib(text: str, source: str = "<psplib>") -> PsplibInstance:
    """The instance in ``text``; a DocumentError names the line of anything malformed."""
    lines = text.splitlines()
    name = os.path.splitext(os.path.basename(source))[0]
    head = _section(lines, "PRECEDENCE RELATIONS", source)
    succ_rows = _rows(lines, head + 2)
    jobs = len(succ_rows)
    if jobs == 0:
        raise _error(source, head + 1, "no jobs listed under PRECEDENCE RELATIONS",
                     "PRECEDENCE RELATIONS に作業がありません")
    precedences = []
    for n, row in succ_rows:
        if len(row) < 3 or len(row) != 3 + row[2]:
            raise _error(source, n + 1, "a precedence line must be: job, modes, count, successors",
                         "先行関係の行は「作業番号 モード数 後続数 後続作業…」の形式です")
        if row[1] != 1:
            raise _error(source, n + 1, f"job {row[0]} has {row[1]} modes; only single-mode "
                         "instances are supported", f"作業 {row[0]} のモード数が {row[1]} です。"
                         "単一モードのみ対応しています")
        for s in row[3:]:
            if not 1 <= s <= jobs:
                raise _error(source, n + 1, f"successor {s} is not a job number (1..{jobs})",
                             f"後続 {s} は作業番号（1..{jobs}）ではありません")
            precedences.append(Precedence(str(row[0]), str(s)))
    head = _section(lines, "RESOURCEAVAILABILITIES", source)
    avail_rows = _rows(lines, head + 2)
    if not avail_rows:
        raise _error(source, head + 2, "resource availabilities are missing",
                     "資源の利用可能量がありません")
    line, capacities = avail_rows[0]
    declared = next((_ints(x) for x in lines if x.strip().startswith("- renewable")), None)
    if declared and declared[0] != len(capacities):
        raise _error(source, line + 1, f"{declared[0]} renewable resources are declared but "
                     f"{len(capacities)} availabilities are given",
                     f"再生可能資源は {declared[0]} 種と宣言されていますが、利用可能量は "
                     f"{len(capacities)} 個です")
    names = [f"R{k + 1}" for k in range(len(capacities))]
    head = _section(lines, "REQUESTS/DURATIONS", source)
    tasks = []
    for n, row in _rows(lines, head + 2):
        if len(row) != 3 + len(capacities):
            raise _error(source, n + 1, f"expected job, mode, duration and {len(capacities)} "
                         f"requests, got {len(row)} numbers",
                         f"作業番号・モード・所要時間と {len(capacities)} 個の資源要求が必要ですが、"
                         f"{len(row)} 個の数値があります")
        if row[2] < 0 or min(row[3:], default=0) < 0:
            raise _error(source, n + 1, "durations and requests must not be negative",
                         "所要時間と資源要求は負にできません")
        demand = {names[k]: q for k, q in enumerate(row[3:]) if q}
        tasks.append(Task(str(row[0]), row[2], demand))
    if len(tasks) != jobs:
        raise _error(source, head + 1, f"{jobs} jobs have precedences but {len(tasks)} have "
                     "durations", f"先行関係のある作業は {jobs} 件ですが、所要時間のある作業は "
                     f"{len(tasks)} 件です")
    resources = tuple(Resource(nm, cap) for nm, cap in zip(names, capacities, strict=True))
    return PsplibInstance(name, SchedulingProblem(tuple(tasks), tuple(precedences), resources))


def read_psplib(path: str | os.PathLike[str]) -> PsplibInstance:
    """Read a PSPLIB ``.sm`` file."""
    return parse_psplib(read_text(path), str(path))
