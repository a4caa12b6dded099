"""`opmodel plan`: portfolio, schedule, risk and budget of the roadmap in one run."""

from __future__ import annotations

import datetime as dt
import signal
import threading
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from opmodel.cli.common import (
    Format,
    FormatOption,
    LangOption,
    date_option,
    err_console,
    fail,
    load_model,
    pick,
    print_json,
)

if TYPE_CHECKING:
    from opmodel.engines.planning.plan import PlanResult

class Distribution(StrEnum):
    """How durations are sampled from three-point estimates."""

    pert = "pert"
    triangular = "triangular"


STAGES = {
    "portfolio": ("portfolio selection", "ポートフォリオ選定"),
    "schedule": ("scheduling", "スケジューリング"),
    "risk": ("Monte Carlo", "モンテカルロ"),
    "budget": ("budget", "予算"),
}


def _run(model: Any, lang: str, *, time_limit: float, iterations: int, seed: int,
         start: dt.date | None, distribution: str, correlation: float) -> PlanResult:
    """Run the plan in a worker thread with a progress bar; Ctrl-C keeps the best so far."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from opmodel.engines.planning.plan import plan

    stop = threading.Event()
    finished = threading.Event()  # waited on rather than join(), which Ctrl-C can upset
    box: dict[str, Any] = {}
    out = err_console()
    progress = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[detail]}"),
                        TimeElapsedColumn(), console=out, transient=True,
                        disable=not out.is_terminal)
    tasks = {k: progress.add_task(pick(lang, *v), total=1.0, detail="", visible=False)
             for k, v in STAGES.items()}

    def report(stage: str, fraction: float, detail: str) -> None:
        progress.update(tasks[stage], completed=fraction, detail=detail, visible=True)

    def work() -> None:
        try:
            box["result"] = plan(model, time_limit=time_limit, iterations=iterations, seed=seed,
                                 start=start, distribution=distribution,
                                 correlation=correlation, on_progress=report, stop=stop)
        except BaseException as exc:  # re-raised in the main thread
            box["error"] = exc
        finally:
            finished.set()

    worker = threading.Thread(target=work, daemon=True)
    with progress:
        worker.start()
        while not finished.is_set():
            try:
                # a solver library may reset SIGINT to its default (kill) after solving: keep
                # Python's handler in place so that Ctrl-C reaches us as KeyboardInterrupt
                signal.signal(signal.SIGINT, signal.default_int_handler)
                finished.wait(0.1)
            except KeyboardInterrupt:
                if stop.is_set():
                    raise
                stop.set()
                out.print(pick(lang, "Stopping: keeping the best answers found so far "
                                     "(Ctrl-C again to abort)…",
                               "中断します。ここまでの最良の結果を表示します（もう一度 Ctrl-C で終了）…"))
    if "error" in box:
        raise box["error"]
    result: PlanResult = box["result"]
    return result


def plan_command(
    file: Annotated[Path, typer.Argument(help="Model file (YAML or JSON).")],
    time_limit: Annotated[float, typer.Option("--time-limit", min=0.1,
                                              help="Seconds per solver (portfolio, schedule).")] = 10.0,
    iterations: Annotated[int, typer.Option("--iterations", min=0, max=10_000_000,
                                            help="Monte Carlo iterations (0 skips the simulation).")] = 10_000,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed; the same seed gives the same risk figures.")] = 0,
    distribution: Annotated[Distribution, typer.Option("--distribution", help="Duration distribution from the three-point estimates.")] = Distribution.pert,
    correlation: Annotated[float, typer.Option("--correlation", min=0.0, max=0.99, help="Rank correlation between initiatives' durations and costs (0 = independent).")] = 0.0,
    start: Annotated[str | None, typer.Option("--start", help="Plan start date YYYY-MM-DD (default: roadmap.calendar.start, metadata.as_of, today).")] = None,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Select the portfolio, schedule it, simulate its risk and budget it by fiscal year.

    Prints the selected initiatives, start and finish per initiative and per phase, the
    P10/P50/P80/P90 completion and cost, and the budget by year and category. Ctrl-C
    returns the best answer found so far.

    Example: opmodel plan target.yaml --time-limit 5 --iterations 20000 --seed 1
    """
    from opmodel.engines.planning.costs import plan_start

    model, language = load_model(str(file), lang)
    day: dt.date | None = None
    if start is not None:
        day = date_option(start, "--start", language)
    elif plan_start(model) is None:
        day = dt.date.today()  # no date in the document: plan from today
    if not (model.roadmap and model.roadmap.initiatives):
        fail(language, f"{file}: the roadmap has no initiatives to plan; add roadmap.initiatives",
             f"{file}: ロードマップに施策がありません。roadmap.initiatives を追加してください")
    from opmodel.document import DocumentError

    try:
        result = _run(model, language, time_limit=time_limit, iterations=iterations, seed=seed,
                      start=day, distribution=distribution.value, correlation=correlation)
    except DocumentError as exc:  # an input only planning needs (e.g. a duration to schedule)
        from opmodel.cli.common import report_document_error
        from opmodel.document.locating import locate

        text = file.read_text(encoding="utf-8", errors="replace")
        report_document_error(DocumentError(locate(exc.problems, text), str(file)), language)
        raise typer.Exit(1) from None
    if fmt is Format.json:
        print_json(result)
    else:
        from opmodel.cli.plan_text import render_plan

        render_plan(result, model, language)
    if result.portfolio.status == "infeasible":  # the document asks for the impossible
        for note in result.portfolio.notes:
            err_console().print(pick(language, "error: ", "エラー: ") + pick(language, note.en,
                                                                          note.ja), markup=False)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``opmodel plan`` to the application."""
    app.command("plan")(plan_command)
