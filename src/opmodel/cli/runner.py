"""Long work on the command line: a use case in a worker thread, its progress on standard
error (on a terminal), and Ctrl-C that stops it with the best answer so far (twice: abort)."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from opmodel.cli.common import err_console, pick

if TYPE_CHECKING:
    from opmodel.engines.progress import Progress

T = TypeVar("T")


class _Display:
    """One bar per stage, named by its label, with what the stage has found so far."""

    def __init__(self, lang: str) -> None:
        from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bars

        out = err_console()
        self.lang = lang
        self.bars = Bars(TextColumn("{task.description}"), BarColumn(),
                         TextColumn("{task.fields[detail]}"), TimeElapsedColumn(), console=out,
                         transient=True, disable=not out.is_terminal)
        self.tasks: dict[str, Any] = {}
        self.lock = threading.Lock()  # stages report from the worker and the solvers' threads

    def report(self, progress: Progress) -> None:
        """Show ``progress`` on the bar of its stage (added when the stage first reports)."""
        from opmodel.knowledge.texts import label

        with self.lock:
            task = self.tasks.get(progress.stage)
            if task is None:
                task = self.bars.add_task(label("plan_stage", progress.stage, self.lang),
                                          total=1.0, detail="")
                self.tasks[progress.stage] = task
        fields: dict[str, Any] = {}
        if progress.detail is not None:
            fields["detail"] = progress.detail.text(self.lang)
        self.bars.update(task, completed=progress.fraction, **fields)


def run_interruptible(lang: str, use_case: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``use_case(*args, **kwargs, progress=…, should_stop=…)`` in a worker thread.

    Its progress shows on standard error when that is a terminal. The first Ctrl-C asks the
    use case to stop (it returns the best answer found so far); a second one aborts
    (KeyboardInterrupt). An error of the use case is raised here, in the calling thread.
    """
    stop = threading.Event()
    finished = threading.Event()  # waited on rather than join(), which Ctrl-C can upset
    box: dict[str, Any] = {}
    display = _Display(lang)

    def work() -> None:
        try:
            box["result"] = use_case(*args, progress=display.report, should_stop=stop.is_set,
                                     **kwargs)
        except BaseException as exc:  # raised again in the calling thread
            box["error"] = exc
        finally:
            finished.set()

    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGINT) if in_main else None
    worker = threading.Thread(target=work, daemon=True)
    try:
        with display.bars:
            while not finished.is_set():
                try:
                    if in_main:
                        # a solver library may reset SIGINT to its default (kill): keep
                        # Python's handler so that Ctrl-C reaches us as KeyboardInterrupt
                        signal.signal(signal.SIGINT, signal.default_int_handler)
                    if worker.ident is None:  # started once the handler is in place
                        worker.start()
                    finished.wait(0.1)
                except KeyboardInterrupt:
                    if stop.is_set():
                        raise
                    stop.set()
                    err_console().print(pick(
                        lang, "Stopping: keeping the best answer found so far (Ctrl-C again "
                              "to abort)…",
                        "中断します。ここまでの最良の結果を表示します（もう一度 Ctrl-C で終了）…"))
    finally:
        if in_main:
            signal.signal(signal.SIGINT, previous if previous is not None
                          else signal.default_int_handler)
    if "error" in box:
        raise box["error"]
    result: T = box["result"]
    return result


def run_long(file: str | os.PathLike[str], lang: str, use_case: Callable[..., T], *args: Any,
             **kwargs: Any) -> T:
    """Like ``run_use_case`` (a problem the use case finds is reported in ``file``, exit 1),
    with the use case run by :func:`run_interruptible`."""
    from opmodel.cli.common import run_use_case

    result: T = run_use_case(file, lang, run_interruptible, lang, use_case, *args, **kwargs)
    return result
