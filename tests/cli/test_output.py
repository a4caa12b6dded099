"""What every command prints: locations stay as written, and output that goes to a file or a
pipe is not cut to a terminal's width."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def opmodel(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real CLI in a child process, its output going to a pipe (not a terminal)."""
    base = {"OPMODEL_LANG": "en", "PATH": "/usr/bin:/bin"}
    return subprocess.run([str(Path(sys.executable).parent / "opmodel"), *args], capture_output=True,
                          text=True, env={**base, **(env or {})}, check=False, timeout=120)


def broken_at_line_100(tmp_path: Path) -> Path:
    head = ["apiVersion: opmodel/v1", "kind: OperatingModel", "metadata: {name: x}",
            "roadmap:", "  initiatives:", "    - id: ini-a"]
    tail = ["    - id: ini-b", "      depends_on: [ini-nope]"]
    padding = ["# padding"] * (100 - len(head) - len(tail))
    path = tmp_path / "m.yaml"
    path.write_text("\n".join(head + padding + tail) + "\n", encoding="utf-8")
    return path


def test_a_location_at_line_100_is_not_an_emoji(tmp_path: Path) -> None:
    out = opmodel("validate", str(broken_at_line_100(tmp_path)))
    assert out.returncode == 1
    assert f"{tmp_path / 'm.yaml'}:100:" in out.stdout + out.stderr
    assert "\U0001f4af" not in out.stdout + out.stderr


def test_piped_output_keeps_whole_lines(tmp_path: Path) -> None:
    out = opmodel("check", str(ROOT / "examples" / "regional-bank" / "current.yaml"))
    lines = out.stdout.splitlines()
    # each finding's location on one line: file:line:column, never split across two
    located = [line for line in lines if "current.yaml:" in line]
    assert located
    for line in located:
        assert any(part.count(":") >= 2 and part.split(":")[-1].isdigit()
                   for part in line.split())
    assert max(len(line) for line in lines) > 80  # not cut to a default 80 columns


def test_columns_still_sets_the_width() -> None:
    out = opmodel("check", str(ROOT / "examples" / "regional-bank" / "current.yaml"),
                  env={"COLUMNS": "100"})
    assert max(len(line) for line in out.stdout.splitlines()) <= 100
