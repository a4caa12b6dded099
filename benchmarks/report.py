"""The executive report of the large model: its contents, its HTML page and its PDF.

Generates the large model of ``benchmarks/load.py`` (10,000 applications, 2,000 initiatives,
300 KPIs, 500 stakeholders), builds the report's contents once (planning with
``--time-limit`` seconds per solver and ``--iterations`` Monte Carlo runs, timed apart), then
renders it best of ``--repeat``: the PDF (target: under 10 s) against its baseline, the same
report as the HTML page alone (charts drawn, no layout into pages), measured side by side; and
PPTX and XLSX when this installation has their renderers.

Run: .venv/bin/python benchmarks/report.py [--repeat 3] [--time-limit 5] [--iterations 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from load import generate  # the large model of the load benchmark
from opmodel.document import validate_data
from opmodel.reports.contents import Report
from opmodel.reports.renderers import RenderOptions, renderer_for
from opmodel.services.report import ReportOptions, build_report

TARGET = 10.0  # seconds for the PDF (and the PPTX) of the large model


def best(repeat: int, work: Callable[[], bytes]) -> tuple[float, float, int]:
    """The shortest of ``repeat`` runs of ``work``: elapsed and CPU seconds (the CPU time
    holds on a machine others share), and the size of what it made."""
    times, cpu, size = [], [], 0
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        size = len(work())
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(times), min(cpu), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--iterations", type=int, default=10_000)
    parser.add_argument("--lang", default="ja")
    args = parser.parse_args()

    model = validate_data(generate())
    start = time.perf_counter()
    report: Report = build_report(
        model, ReportOptions(time_limit=args.time_limit, iterations=args.iterations),
        today=dt.date(2026, 12, 1))
    contents = time.perf_counter() - start
    pages = sum(len(t.rows) for s in report.sections for t in s.tables)
    print(f"large model: {len(report.sections)} sections, {pages} table rows; contents "
          f"(every use case, planning included) {contents:.2f} s")

    options = RenderOptions()
    html = renderer_for("html")
    pdf = renderer_for("pdf")
    assert html is not None and pdf is not None
    base, base_cpu, html_size = best(args.repeat, lambda: html(report, args.lang, options))
    took, took_cpu, pdf_size = best(args.repeat, lambda: pdf(report, args.lang, options))
    verdict = "within" if took < TARGET else "OVER"
    print(f"baseline  HTML page: {base:6.2f} s (CPU {base_cpu:.2f} s, {html_size / 1e3:,.0f} kB)")
    print(f"PDF:                 {took:6.2f} s (CPU {took_cpu:.2f} s, {pdf_size / 1e3:,.0f} kB), "
          f"{verdict} the {TARGET:.0f} s target; ratio to the HTML page {took / base:.1f}")
    for fmt in ("pptx", "xlsx"):  # their renderers register in reports/renderers.py
        render = renderer_for(fmt)
        if render is None:
            print(f"{fmt.upper()}: no renderer in this installation yet")
            continue
        took, took_cpu, size = best(args.repeat,
                                    lambda render=render: render(report, args.lang, options))
        print(f"{fmt.upper():4}:                {took:6.2f} s (CPU {took_cpu:.2f} s, "
              f"{size / 1e3:,.0f} kB); ratio to the HTML page {took / base:.1f}")


if __name__ == "__main__":
    main()
