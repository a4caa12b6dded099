"""How long work reports its progress and hears that it should stop (engines and use cases).

One callback, ``progress(Progress(stage, fraction, detail))``, and one question,
``should_stop()``: both work in a thread, in a worker process (the server's jobs) and under
Ctrl-C (the command line sets a flag that ``should_stop`` reads).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from opmodel.knowledge.texts import Message


@dataclass(frozen=True, slots=True)
class Progress:
    """Where long work stands: its stage, the share of the stage done (0–1), and what it
    has found so far (a message, rendered by whoever shows the progress)."""

    stage: str
    fraction: float
    detail: Message | None = None


ProgressCallback = Callable[[Progress], None]
StopCheck = Callable[[], bool]


def no_progress(_: Progress) -> None:
    """A progress callback that shows nothing."""


def never_stop() -> bool:
    """A stop check for work that runs to the end."""
    return False
