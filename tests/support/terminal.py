"""Running the real console script on a terminal and pressing Ctrl-C once it shows a text."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Interrupted:
    """How an interrupted command ended: its exit code, standard output, what the terminal
    showed, and whether the marker was seen (and Ctrl-C pressed)."""

    code: int
    out: str
    screen: str
    pressed: bool


def interrupt_on(*args: str, marker: str, timeout: float = 120) -> Interrupted:
    """``opmodel ARGS`` with standard error on a pseudo-terminal (so progress shows); Ctrl-C
    once ``marker`` appears there. Standard output goes to a file (a pipe left unread would
    block a long JSON)."""
    env = {"OPMODEL_LANG": "en", "PATH": "/usr/bin:/bin", "TERM": "xterm", "COLUMNS": "120"}
    master, slave = pty.openpty()
    screen = b""
    pressed = False
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([str(Path(sys.executable).parent / "opmodel"), *args],
                                stdin=subprocess.DEVNULL, stdout=out, stderr=slave, env=env)
        os.close(slave)
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                ready, _, _ = select.select([master], [], [], 0.1)
                if ready:
                    try:
                        screen += os.read(master, 65536)
                    except OSError:  # the child closed the terminal
                        break
                if proc.poll() is not None and not ready:
                    break
                if not pressed and marker in screen.decode("utf-8", errors="replace"):
                    proc.send_signal(signal.SIGINT)
                    pressed = True
            code = proc.wait(timeout=max(deadline - time.monotonic(), 1))
        finally:
            if proc.poll() is None:
                proc.kill()
            os.close(master)
        out.seek(0)
        text = out.read().decode("utf-8")
    return Interrupted(code, text, screen.decode("utf-8", errors="replace"), pressed)
