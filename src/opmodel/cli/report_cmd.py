"""`opmodel report`: the executive report of a model as HTML, PDF, PowerPoint or Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from opmodel.cli.common import LangOption, date_option, fail, load_model
from opmodel.cli.plan_cmd import CorrelationOption, Distribution, DistributionOption, StartOption

if TYPE_CHECKING:
    from opmodel.interop.measurements import ParquetMeasurementStore
    from opmodel.reports.contents import Report


def _format(fmt: str | None, out: Path, language: str) -> str:
    """The format asked for, else the one ``--out``'s extension names; refused when no
    renderer writes it."""
    from opmodel.reports.renderers import FORMATS, renderer_for

    chosen = (fmt or out.suffix.lstrip(".")).strip().lower()
    known = ", ".join(FORMATS)
    if chosen not in FORMATS:
        fail(language, f"--format {chosen or '?'}: the report is written as one of {known}; "
                       "give --format or an --out file ending in one of them",
             f"--format {chosen or '?'}: レポートの形式は {known} のいずれかです。--format を"
             "指定するか、--out のファイル名をそのいずれかの拡張子で終えてください", code=2)
    if renderer_for(chosen) is None:
        ready = ", ".join(f for f in FORMATS if renderer_for(f) is not None)
        fail(language, f"--format {chosen}: this installation cannot write {chosen} reports "
                       f"yet; use one of {ready}",
             f"--format {chosen}: この環境ではまだ {chosen} 形式のレポートを書き出せません。"
             f"{ready} のいずれかを使ってください", code=2)
    return chosen


def _store(file: Path, measurements: Path | None) -> ParquetMeasurementStore | None:
    """The model's measurements: ``--measurements``, else the file beside the model if any."""
    from opmodel.interop.measurements import ParquetMeasurementStore, measurements_path

    path = measurements or measurements_path(file)
    return ParquetMeasurementStore(path) if measurements or path.exists() else None


def report_command(
    file: Annotated[Path, typer.Argument(help="Model file (YAML or JSON).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write.")],
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="html, pdf, pptx or xlsx (default: from --out's extension).")] = None,
    compare: Annotated[list[Path] | None, typer.Option("--compare", metavar="OTHER", help="Another model to compare with (repeatable): a scenario or option.")] = None,
    template: Annotated[Path | None, typer.Option("--template", help="Your own PowerPoint template (.pptx) for --format pptx.")] = None,
    measurements: Annotated[Path | None, typer.Option("--measurements", help="KPI measurements (Parquet); default: MODEL.measurements.parquet beside the model, if there.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date of the report and the scorecard (default: metadata.as_of, then today).")] = None,
    time_limit: Annotated[float, typer.Option("--time-limit", min=0.1, help="Seconds per solver when planning (portfolio, schedule).")] = 10.0,
    iterations: Annotated[int, typer.Option("--iterations", min=0, max=10_000_000, help="Monte Carlo iterations (0 leaves the risk section out).")] = 10_000,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed; the same seed gives the same risk figures.")] = 0,
    distribution: DistributionOption = Distribution.pert,
    correlation: CorrelationOption = 0.0,
    start: StartOption = None,
    lang: LangOption = None,
) -> None:
    """Write the executive report: summary, recommendation, assessment, design, roadmap,
    risk, budget, change plan and KPI scorecard, each when the model has its data.

    HTML is one self-contained file; PDF is A4 landscape pages (Japanese needs a CJK font
    such as fonts-noto-cjk); PPTX is a 16:9 deck of native, editable charts (or your own
    --template's layouts); XLSX is a sheet per section with numbers as numbers. The model is planned as `opmodel plan` does (Ctrl-C keeps the
    best plan found so far). Nothing is written when something fails.

    Example: opmodel report target.yaml --format pdf --out board.pdf --lang ja
    """
    from opmodel.cli.model_writes import refuse_folder, write_file
    from opmodel.cli.runner import run_long
    from opmodel.interop.tables import TableError
    from opmodel.reports.renderers import RenderError, RenderOptions, renderer_for
    from opmodel.services.report import ReportOptions, build_report

    model, language = load_model(str(file), lang)
    chosen = _format(fmt, out, language)
    refuse_folder(out, language, f".{chosen}")
    others = [load_model(str(path), lang)[0] for path in compare or []]
    options = ReportOptions(time_limit=time_limit, iterations=iterations, seed=seed,
                            distribution=distribution.value, correlation=correlation,
                            start=date_option(start, "--start", language),
                            as_of=date_option(as_of, "--as-of", language))
    try:
        contents = run_long(file, language, build_report, model, options, compare_with=others,
                            store=_store(file, measurements), today=dt.date.today())
    except TableError as exc:
        from opmodel.cli.common import fail_message

        fail_message(exc.message, language)
    render = renderer_for(chosen)
    assert render is not None  # checked by _format
    try:  # a --template that is no usable deck
        rendered = render(contents, language, RenderOptions(template=template))
    except RenderError as exc:
        from opmodel.cli.common import fail_message

        fail_message(exc.message, language)
    write_file(out, rendered, language)
    _say_written(out, contents, language)


def _say_written(out: Path, contents: Report, language: str) -> None:
    """What was written: the file and the sections the report holds."""
    from opmodel.cli.common import console
    from opmodel.knowledge.texts import render
    from opmodel.reports.report_texts import section_title

    separator = "、" if language == "ja" else ", "
    sections = separator.join(section_title(s.key, language) for s in contents.sections)
    console().print(render("report.written", {"file": str(out), "sections": sections}, language),
                    markup=False)


def register(app: typer.Typer) -> None:
    """Add ``opmodel report`` to the application."""
    app.command("report")(report_command)
