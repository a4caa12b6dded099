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


def _error(source: str, line: int | None, code: str, **params: object) -> DocumentError:
    return DocumentError([Problem((), f"psplib.{code}", dict(params), line)], source)


def _ints(text: str) -> list[int]:
    return [int(x) for x in _INT.findall(text)]


def _section(lines: list[str], title: str, source: str) -> int:
    """Index of the line that starts ``title``."""
    for n, line in enumerate(lines):
        if line.strip().upper().startswith(title):
            return n
    raise _error(source, None, "section_missing", title=title)


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
        raise _error(source, head + 1, "no_jobs")
    precedences = []
    for n, row in succ_rows:
        if len(row) < 3 or len(row) != 3 + row[2]:
            raise _error(source, n + 1, "precedence_line")
        if row[1] != 1:
            raise _error(source, n + 1, "multi_mode", job=row[0], modes=row[1])
        for s in row[3:]:
            if not 1 <= s <= jobs:
                raise _error(source, n + 1, "successor_unknown", successor=s, jobs=jobs)
            precedences.append(Precedence(str(row[0]), str(s)))
    head = _section(lines, "RESOURCEAVAILABILITIES", source)
    avail_rows = _rows(lines, head + 2)
    if not avail_rows:
        raise _error(source, head + 2, "availabilities_missing")
    line, capacities = avail_rows[0]
    declared = next((_ints(x) for x in lines if x.strip().startswith("- renewable")), None)
    if declared and declared[0] != len(capacities):
        raise _error(source, line + 1, "resources_declared", declared=declared[0],
                     given=len(capacities))
    names = [f"R{k + 1}" for k in range(len(capacities))]
    head = _section(lines, "REQUESTS/DURATIONS", source)
    tasks = []
    for n, row in _rows(lines, head + 2):
        if len(row) != 3 + len(capacities):
            raise _error(source, n + 1, "request_line", requests=len(capacities), given=len(row))
        if row[2] < 0 or min(row[3:], default=0) < 0:
            raise _error(source, n + 1, "negative")
        demand = {names[k]: q for k, q in enumerate(row[3:]) if q}
        tasks.append(Task(str(row[0]), row[2], demand))
    if len(tasks) != jobs:
        raise _error(source, head + 1, "job_count", jobs=jobs, tasks=len(tasks))
    resources = tuple(Resource(nm, cap) for nm, cap in zip(names, capacities, strict=True))
    return PsplibInstance(name, SchedulingProblem(tuple(tasks), tuple(precedences), resources))


def read_psplib(path: str | os.PathLike[str]) -> PsplibInstance:
    """Read a PSPLIB ``.sm`` file."""
    return parse_psplib(read_text(path), str(path))
