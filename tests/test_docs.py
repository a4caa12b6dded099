"""The documentation keeps up with the code: every command and every setting is described."""

import re
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command

from opmodel.cli.app import create_app
from support.guide import GUIDES, run_guide

ROOT = Path(__file__).parents[1]
DOCS = "\n".join(p.read_text(encoding="utf-8")
                 for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def _commands(group: Any, prefix: str = "opmodel") -> list[str]:
    # Typer may bundle its own click, so groups are recognised by their sub-commands
    found = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        found.append(path)
        if hasattr(command, "commands"):
            found.extend(_commands(command, path))
    return found


COMMANDS = _commands(get_command(create_app()))
SETTINGS = sorted(set(re.findall(r"OPMODEL_[A-Z_]+",
                                 "\n".join(p.read_text(encoding="utf-8")
                                           for p in (ROOT / "src").rglob("*.py")))))


def test_the_command_list_is_found() -> None:
    assert "opmodel validate" in COMMANDS and "opmodel kpi itsm" in COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command: str) -> None:
    assert f"{command}" in DOCS, f"`{command}` is not described in README.md or docs/"


@pytest.mark.parametrize("setting", SETTINGS)
def test_every_environment_setting_is_documented(setting: str) -> None:
    assert setting in DOCS, f"{setting} is read by the code but not described in the docs"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_ends_with_an_example(command: str) -> None:
    node: Any = get_command(create_app())
    for part in command.split()[1:]:
        node = node.commands[part]
    assert "Example:" in (node.help or ""), f"`{command} --help` has no example"


GLOSSARY_ROW = re.compile(r"^\| `([a-z_0-9]+)\.([A-Za-z_0-9]+)` \| ([^|]+) \| ([^|]+) \|$", re.M)


def test_the_glossary_says_what_the_labels_say() -> None:
    from opmodel.knowledge.texts import has_label, label

    rows = GLOSSARY_ROW.findall((ROOT / "docs" / "glossary.md").read_text(encoding="utf-8"))
    assert len(rows) >= 25
    for kind, value, en, ja in rows:
        assert has_label(kind, value), f"{kind}.{value}"
        assert (label(kind, value, "en"), label(kind, value, "ja")) == (en.strip(), ja.strip())


@pytest.mark.parametrize("guide", sorted(GUIDES))
def test_the_getting_started_guide_shows_what_opmodel_prints(guide: str, tmp_path: Path) -> None:
    # after a change of output on purpose: cd tests && ../.venv/bin/python -m support.guide
    steps = run_guide((ROOT / "docs" / guide).read_text(encoding="utf-8"), GUIDES[guide],
                      tmp_path)
    assert len(steps) >= 9
    for step in steps:
        assert step.printed == step.shown, f"{guide}: {step.command}"
    assert (tmp_path / "survey.xlsx").exists()


def test_the_readme_starts_with_a_first_model_before_the_developer_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("## Your first model") < readme.index("## Quick start")
    assert "docs/getting-started.md" in readme and "docs/getting-started.ja.md" in readme
