"""Running a long use case from the command line: the first Ctrl-C asks it to stop and keeps
its answer, a second one aborts, and its own errors reach the caller."""

from __future__ import annotations

import os
import signal
import time
from typing import Any

import pytest

from opmodel.cli.runner import run_interruptible


def _interrupting(times: int) -> Any:
    """A use case that presses Ctrl-C itself, ``times`` times, once its stop is heard."""

    def work(*, progress: Any, should_stop: Any) -> bool:
        time.sleep(0.2)
        for _ in range(times):
            os.kill(os.getpid(), signal.SIGINT)
            waited = 0.0
            while not should_stop() and waited < 10:
                time.sleep(0.01)
                waited += 0.01
        return bool(should_stop())

    return work


def test_the_first_ctrl_c_asks_the_use_case_to_stop_and_keeps_its_answer() -> None:
    before = signal.getsignal(signal.SIGINT)
    assert run_interruptible("en", _interrupting(1)) is True
    assert signal.getsignal(signal.SIGINT) is before  # the caller's handler is back


def test_a_second_ctrl_c_aborts() -> None:
    with pytest.raises(KeyboardInterrupt):
        run_interruptible("en", _interrupting(2))


def test_an_error_of_the_use_case_reaches_the_caller() -> None:
    def failing(*, progress: Any, should_stop: Any) -> None:
        raise ValueError("broken")

    with pytest.raises(ValueError, match="broken"):
        run_interruptible("en", failing)
