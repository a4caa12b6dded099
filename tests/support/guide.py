"""Running a guide in docs/ as a reader would: its files written, its edits made and its
commands run in order in an empty folder, each command's output set beside what the guide
shows (so that the guide cannot drift from what opmodel prints).

A guide marks what to do with HTML comments before fenced blocks:

- ``<!-- file: NAME -->`` then a block: write the block to NAME;
- ``<!-- edit: NAME replaces "TEXT" -->`` then a block: replace the line that starts with
  TEXT in NAME by the block;
- a ``console`` block: each ``$ opmodel …`` line is run; the lines after it, up to the next
  ``$``, are its output (standard output, then standard error).
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from support.cli import run

BLOCK = re.compile(r"(?:<!-- (?P<directive>[^>]*?) -->\n)?```(?P<kind>\w*)\n(?P<body>.*?)```",
                   re.S)
WIDTH = "100"


@dataclass
class Step:
    """One command of a guide: what the guide shows it prints, and what it printed."""

    command: str
    shown: str
    printed: str
    start: int  # where the shown output starts in the guide's text
    end: int


def _tidy(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def run_guide(text: str, lang: str, folder: Path) -> list[Step]:
    """Every command of the guide, run in ``folder`` in the guide's order."""
    steps: list[Step] = []
    here = Path.cwd()
    os.chdir(folder)
    try:
        for block in BLOCK.finditer(text):
            directive, kind, body = block["directive"], block["kind"], block["body"]
            if directive and directive.startswith("file: "):
                Path(directive[6:].strip()).write_text(body, encoding="utf-8")
            elif directive and directive.startswith("edit: "):
                name, _, rest = directive[6:].partition(" replaces ")
                start = rest.strip().strip('"')
                path = Path(name.strip())
                lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
                index = next(i for i, line in enumerate(lines) if line.startswith(start))
                lines[index:index + 1] = [body]
                path.write_text("".join(lines), encoding="utf-8")
            elif kind == "console":
                offset = block.start("body")
                parts = re.split(r"(?m)^(\$ .*\n)", body)
                position = offset + len(parts[0])
                for command, shown in zip(parts[1::2], parts[2::2], strict=True):
                    args = shlex.split(command[2:])
                    assert args[0] == "opmodel", command
                    result = run(*args[1:], env={"COLUMNS": WIDTH, "OPMODEL_LANG": lang})
                    position += len(command)
                    steps.append(Step(command.strip(), _tidy(shown), _tidy(result.output),
                                      position, position + len(shown)))
                    position += len(shown)
    finally:
        os.chdir(here)
    return steps


def refresh_guide(path: Path, lang: str, folder: Path) -> None:
    """Rewrite the guide with what each command prints today (for a maintainer's use)."""
    text = path.read_text(encoding="utf-8")
    for step in reversed(run_guide(text, lang, folder)):
        text = text[:step.start] + step.printed + "\n" + text[step.end:]
    path.write_text(text, encoding="utf-8")


GUIDES = {"getting-started.md": "en", "getting-started.ja.md": "ja"}

if __name__ == "__main__":  # cd tests && ../.venv/bin/python -m support.guide
    import tempfile

    docs = Path(__file__).parents[2] / "docs"
    for name, language in GUIDES.items():
        with tempfile.TemporaryDirectory() as tmp:
            refresh_guide(docs / name, language, Path(tmp))
