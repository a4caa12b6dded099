"""The report's contents of every example, built once per test process (planning takes a
second or two), and of a model with the summary alone."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from opmodel.reports.contents import Report

ROOT = Path(__file__).parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*/*.yaml"))
TODAY = dt.date(2026, 12, 1)


def example_id(path: Path) -> str:
    """``regional-bank/target`` for a test's id."""
    return f"{path.parent.name}/{path.stem}"


@cache
def example_report(path: Path) -> Report:
    """The report of an example, planned quickly (1 s per solver, 500 iterations)."""
    from opmodel.interop.model_files import load
    from opmodel.services.report import ReportOptions, build_report

    options = ReportOptions(time_limit=1, iterations=500, seed=3)
    return build_report(load(path), options, today=TODAY)


@cache
def bare_report() -> Report:
    """The report of a model with nothing but its name and organisation: the summary alone."""
    from opmodel.services.report import build_report
    from support.builders import model

    document = model("空のモデル", "ja", metadata={"organisation": "株式会社テスト"})
    return build_report(document, today=TODAY)
