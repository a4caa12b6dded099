"""``opmodel schedule``: schedule a roadmap, or a PSPLIB instance, within the teams' capacity."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from opmodel.cli.common import Format, FormatOption, LangOption, fail, print_json, resolve_lang


class Method(StrEnum):
    """How to schedule: by size (the genetic algorithm, then CP-SAT from its schedule), CP-SAT
    from the priority rules' schedule, or the heuristic alone."""

    auto = "auto"
    cpsat = "cpsat"
    heuristic = "heuristic"


def _psplib(path: Path, method: Method, time_limit: float, fmt: Format, lang: str) -> None:
    from opmodel.cli.common import report_document_error
    from opmodel.cli.runner import run_interruptible
    from opmodel.document import DocumentError
    from opmodel.interop.psplib import read_psplib
    from opmodel.services.planning import ProblemOptions, schedule_problem

    try:
        instance = read_psplib(path)
        result = run_interruptible(lang, schedule_problem, instance.problem,
                                   ProblemOptions(time_limit=time_limit, method=method.value))
    except DocumentError as exc:
        exc.source = exc.source or str(path)
        report_document_error(exc, lang)
        raise typer.Exit(1) from None
    if fmt is Format.json:
        print_json(result)
        return
    from opmodel.cli.plan_text import render_problem_schedule

    render_problem_schedule(instance.name, result, lang)


def schedule(
    model_file: Annotated[Path | None, typer.Argument(help="Model file whose roadmap to schedule.")] = None,
    psplib: Annotated[Path | None, typer.Option("--psplib", help="Schedule a PSPLIB .sm instance instead.")] = None,
    select: Annotated[str | None, typer.Option("--select", help="Comma-separated initiative ids (default: all).")] = None,
    time_limit: Annotated[float, typer.Option("--time-limit", min=0.0, help="Seconds for CP-SAT.")] = 10.0,
    method: Annotated[Method, typer.Option("--method", help="auto (by size), cpsat or heuristic.")] = Method.auto,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Build a resource-constrained schedule (CP-SAT, or the fast heuristic); Ctrl-C stops the
    search and prints the best schedule so far.

    Example: opmodel schedule --psplib j301_1.sm --time-limit 1 --format json
    """
    language = resolve_lang(lang)
    if psplib is not None and model_file is None:
        _psplib(psplib, method, time_limit, fmt, language)
        return
    if model_file is None or psplib is not None:
        fail(language, "give either a model file or --psplib FILE",
             "モデルファイルか --psplib FILE のどちらか一方を指定してください", code=2)
    from opmodel.cli.common import load_model
    from opmodel.cli.runner import run_long
    from opmodel.services.planning import ScheduleOptions
    from opmodel.services.planning import schedule as use_case

    model, language = load_model(str(model_file), lang)
    chosen = [s.strip() for s in select.split(",") if s.strip()] if select else None
    options = ScheduleOptions(selected=chosen, time_limit=time_limit, method=method.value)
    result = run_long(model_file, language, use_case, model, options, today=dt.date.today())
    if fmt is Format.json:
        print_json(result)
    else:
        from opmodel.cli.plan_text import render_schedule
        from opmodel.reports.plan_texts import names_of

        render_schedule(result, language, names_of(model))


def register(app: typer.Typer) -> None:
    """Add ``schedule`` to the application."""
    app.command("schedule")(schedule)
