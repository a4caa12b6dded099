"""Rendering the executive report of a large model: the PowerPoint deck (native charts) against
the self-contained HTML page of the same contents, measured side by side.

The report's contents are built once from the large model of ``benchmarks/load.py`` (10,000
applications, 2,000 initiatives, 300 KPIs, 500 stakeholders), planned with a short time
limit; then each renderer is timed, best of N. Target: the deck in under 10 s.

    .venv/bin/python benchmarks/report.py --repeat 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from load import best_of, generate


def main(argv: list[str] | None = None) -> int:
    """Build the contents once, then time the PPTX and the HTML renderers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=5.0,
                        help="seconds per solver while planning the contents")
    args = parser.parse_args(argv)

    from opmodel.document import validate_data
    from opmodel.reports.renderers import RenderOptions, renderer_for
    from opmodel.services.report import ReportOptions, build_report

    model = validate_data(generate())
    started = time.perf_counter()
    report = build_report(model, ReportOptions(time_limit=args.time_limit, iterations=500,
                                               seed=3), today=dt.date(2026, 12, 1))
    built = time.perf_counter() - started
    charts = sum(len(s.charts) for s in report.sections)
    print(f"contents: {len(report.sections)} sections, {charts} charts, built in {built:.1f} s")
    pptx, html = renderer_for("pptx"), renderer_for("html")
    assert pptx is not None and html is not None
    size = len(pptx(report, "ja", RenderOptions()))
    deck = best_of(args.repeat, lambda: pptx(report, "ja", RenderOptions()))
    page = best_of(args.repeat, lambda: html(report, "ja", RenderOptions()))
    print(f"pptx (ja): {deck:.2f} s, {size / 1e6:.1f} MB (target < 10 s)")
    print(f"html (ja), the baseline: {page:.2f} s")
    print(f"ratio pptx / html: {deck / page:.2f}")
    return 0 if deck < 10 else 1


if __name__ == "__main__":
    raise SystemExit(main())
