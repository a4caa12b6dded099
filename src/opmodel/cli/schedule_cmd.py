"""``opmodel schedule``: schedule a roadmap, or a PSPLIB instance, within the teams' capacity."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from opmodel.cli.common import (
    Format,
    FormatOption,
    LangOption,
    console,
    err_console,
    fail,
    pick,
    print_json,
    resolve_lang,
)

if TYPE_CHECKING:
    from opmodel.engines.planning.roadmap_schedule import RoadmapSchedule
    from opmodel.engines.planning.scheduling.problem import Progress


@contextmanager
def _interruptible(show: bool, lang: str) -> Iterator[tuple[threading.Event,
                                                             Callable[[Progress], None] | None]]:
    """A stop event set by Ctrl-C (the best schedule so far is kept) and a progress line."""
    stop = threading.Event()
    previous = signal.getsignal(signal.SIGINT)
    in_main = threading.current_thread() is threading.main_thread()
    if in_main:
        signal.signal(signal.SIGINT, lambda *_: stop.set())
    status: Any = None
    if show:
        status = err_console().status(pick(lang, "Scheduling… (Ctrl-C keeps the best so far)",
                                           "スケジュール作成中…（Ctrl-C でその時点の最良解を表示）"))
        status.start()

    def report(progress: Progress) -> None:
        status.update(pick(lang, f"makespan {progress.makespan}, bound {progress.lower_bound}, "
                                 f"{progress.seconds:.1f} s",
                           f"所要期間 {progress.makespan}、下界 {progress.lower_bound}、"
                           f"{progress.seconds:.1f} 秒"))

    try:
        yield stop, (report if show else None)
    finally:
        if status is not None:
            status.stop()
        if in_main:
            signal.signal(signal.SIGINT, previous)


def _psplib(path: Path, method: str, time_limit: float, fmt: Format, lang: str) -> None:
    from opmodel.document import DocumentError
    from opmodel.engines.planning.scheduling.solve import solve
    from opmodel.interop.psplib import read_psplib

    try:
        instance = read_psplib(path)
    except DocumentError as exc:
        from opmodel.cli.common import report_document_error

        report_document_error(exc, lang)
        raise typer.Exit(1) from None
    with _interruptible(fmt is Format.text, lang) as (stop, report):
        result = solve(instance.problem, method=method,  # type: ignore[arg-type]
                       time_limit=time_limit, stop=stop, on_progress=report)
    if fmt is Format.json:
        print_json({"makespan": result.makespan, "status": result.status,
                    "lower_bound": result.lower_bound, "seconds": result.seconds})
        return
    state = pick(lang, result.status, "最適" if result.status == "optimal" else "実行可能")
    console().print(pick(lang, f"{instance.name}: makespan {result.makespan} ({state}), "
                               f"lower bound {result.lower_bound}, {result.seconds:.2f} s",
                         f"{instance.name}: 所要期間 {result.makespan}（{state}）、"
                         f"下界 {result.lower_bound}、{result.seconds:.2f} 秒"))


def _print_roadmap(result: RoadmapSchedule, lang: str) -> None:
    from rich.table import Table

    out = console()
    state = pick(lang, result.status, "最適" if result.status == "optimal" else "実行可能")
    out.print(pick(lang, f"{result.start} → {result.finish}: {result.makespan_weeks} working weeks "
                         f"({state}, lower bound {result.lower_bound_weeks}), {result.seconds:.2f} s",
                   f"{result.start} → {result.finish}: {result.makespan_weeks} 稼働週"
                   f"（{state}、下界 {result.lower_bound_weeks}）、{result.seconds:.2f} 秒"))
    table = Table(box=None)
    for en, ja in (("initiative", "施策"), ("phase", "フェーズ"), ("start", "開始"),
                   ("finish", "終了"), ("weeks", "週"), ("deadline", "期限"),
                   ("late days", "遅延日数")):
        table.add_column(pick(lang, en, ja), overflow="fold")
    for item in result.items:
        table.add_row(item.id, item.phase or "", str(item.start), str(item.finish),
                      f"{item.start_week}–{item.finish_week}", str(item.deadline or ""),
                      str(item.late_days or ""))
    out.print(table)
    for phase in result.phases:
        out.print(pick(lang, "phase", "フェーズ") + f" {phase.id}: {phase.start} → {phase.finish}")
    for milestone in result.milestones:
        out.print(pick(lang, "milestone", "マイルストーン") + f" {milestone.id}: {milestone.date or '-'}")
    for v in result.violations:
        out.print(pick(lang, f"late: {v.initiative} finishes {v.finish}, {v.late_days} days after "
                             f"its deadline {v.deadline}",
                       f"遅延: {v.initiative} の終了 {v.finish} は期限 {v.deadline} の {v.late_days} 日後"),
                  style="yellow")
    for m in result.milestone_violations:
        out.print(pick(lang, f"late: milestone {m.milestone} is reached {m.date}, {m.late_days} days "
                             f"after its date {m.due}",
                       f"遅延: マイルストーン {m.milestone} の到達日 {m.date} は予定日 {m.due} の "
                       f"{m.late_days} 日後"),
                  style="yellow")
    for note in result.notes:
        out.print(pick(lang, note.message_en, note.message_ja), style="dim")


def schedule(
    model_file: Annotated[Path | None, typer.Argument(help="Model file whose roadmap to schedule.")] = None,
    psplib: Annotated[Path | None, typer.Option("--psplib", help="Schedule a PSPLIB .sm instance instead.")] = None,
    select: Annotated[str | None, typer.Option("--select", help="Comma-separated initiative ids (default: all).")] = None,
    time_limit: Annotated[float, typer.Option("--time-limit", min=0.0, help="Seconds for CP-SAT.")] = 10.0,
    method: Annotated[str, typer.Option("--method", help="cpsat or heuristic.")] = "cpsat",
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Build a resource-constrained schedule (CP-SAT, or the fast heuristic); Ctrl-C stops the
    search and prints the best schedule so far.

    Example: opmodel schedule --psplib j301_1.sm --time-limit 1 --format json
    """
    from opmodel.cli.common import load_model, report_document_error

    language = resolve_lang(lang)
    if method not in ("cpsat", "heuristic"):
        fail(language, f"unknown method '{method}'; use cpsat or heuristic",
             f"不明な方式 '{method}' です。cpsat か heuristic を指定してください", code=2)
    if (model_file is None) == (psplib is None):
        fail(language, "give either a model file or --psplib FILE",
             "モデルファイルか --psplib FILE のどちらか一方を指定してください", code=2)
    if psplib is not None:
        _psplib(psplib, method, time_limit, fmt, language)
        return
    from opmodel.document import DocumentError
    from opmodel.engines.planning.roadmap_schedule import schedule_roadmap

    model, language = load_model(str(model_file), lang)
    chosen = [s.strip() for s in select.split(",") if s.strip()] if select else None
    try:
        with _interruptible(fmt is Format.text, language) as (stop, report):
            result = schedule_roadmap(model, chosen, time_limit=time_limit,
                                      method=method,  # type: ignore[arg-type]
                                      on_progress=report, stop=stop)
    except DocumentError as exc:
        from opmodel.cli.common import read_file_text as read_text
        from opmodel.document.locating import locate

        exc.source = str(model_file)
        exc.problems = locate(exc.problems, read_text(str(model_file)))
        report_document_error(exc, language)
        raise typer.Exit(1) from None
    if fmt is Format.json:
        print_json(result)
    else:
        _print_roadmap(result, language)


def register(app: typer.Typer) -> None:
    """Add ``schedule`` to the application."""
    app.command("schedule")(schedule)
