"""`--help` in Japanese: every command and parameter has its Japanese text, the console script
shows it under OPMODEL_LANG=ja or --lang ja, and the English help stays as it was."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command

from opmodel.cli import help_ja
from opmodel.cli.app import create_app, help_args, use_japanese_help, walk_commands
from opmodel.cli.help_ja_params import PARAMS

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def tree() -> dict[str, Any]:
    return dict(walk_commands(get_command(create_app())))


def opmodel(*args: str, lang: str) -> subprocess.CompletedProcess[str]:
    """The real console script in a child process, 80 columns wide."""
    env = {"OPMODEL_LANG": lang, "PATH": "/usr/bin:/bin", "COLUMNS": "80"}
    return subprocess.run([str(Path(sys.executable).parent / "opmodel"), *args],
                          capture_output=True, text=True, env=env, check=False, timeout=120)


def test_every_command_with_help_has_its_japanese_help() -> None:
    missing = [path or "(root)" for path, node in tree().items()
               if node.help and path not in help_ja.COMMANDS]
    assert missing == []


def test_every_parameter_with_help_has_its_japanese_help() -> None:
    missing = [f"{path or '(root)'}: {param.name}"
               for path, node in tree().items() for param in node.params
               if getattr(param, "help", None)
               and param.name not in PARAMS.get(path, {})]
    assert missing == []


def test_no_japanese_text_names_a_command_or_parameter_that_is_gone() -> None:
    commands = tree()
    orphans = [path for path in help_ja.COMMANDS if path not in commands]
    orphans += [f"{path}: {name}" for path, names in PARAMS.items()
                for name in names
                if path not in commands or name not in {p.name for p in commands[path].params}]
    assert orphans == []


@pytest.mark.parametrize("path", sorted(help_ja.COMMANDS))
def test_japanese_help_keeps_the_example_command(path: str) -> None:
    english = tree()[path].help
    example = re.search(r"^Example: (.+)$", english, re.MULTILINE)
    assert example is not None
    assert f"例: {example[1]}" in help_ja.COMMANDS[path]
    assert JAPANESE.search(help_ja.COMMANDS[path].split("\n\n")[0])


def test_every_japanese_help_page_fits_80_columns() -> None:
    root = get_command(create_app())
    use_japanese_help(root)
    for path, node in walk_commands(root):
        ctx = node.context_class(node, info_name=f"opmodel {path}".strip(), terminal_width=80)
        page = node.get_help(ctx)
        assert "使い方: " in page and "オプション:" in page
        too_wide = [line for line in page.splitlines() if help_ja.display_width(line) > 80]
        assert too_wide == [], path


def test_the_wrapping_keeps_closing_punctuation_off_the_start_of_a_line() -> None:
    lines = help_ja.wrap("あいうえおかきくけこ。さしすせそ", 20)
    assert lines == ["あいうえおかきくけ", "こ。さしすせそ"]
    assert help_ja.wrap("例: opmodel plan target.yaml", 14) == ["例: opmodel", "plan", "target.yaml"]


@pytest.mark.parametrize(("args", "expected"), [
    (["--help"], "IT 運用モデルを設計し"),
    (["plan", "--help"], "ポートフォリオを選定して"),
    (["kpi", "import", "--help"], "Parquet ファイルに取り込みます"),
    (["kpi", "--help"], "測定値の取り込み"),
])
def test_help_is_japanese_with_opmodel_lang_ja(args: list[str], expected: str) -> None:
    out = opmodel(*args, lang="ja")
    assert out.returncode == 0, out.stderr
    assert expected in out.stdout
    assert "例: opmodel " in out.stdout
    assert "オプション:" in out.stdout and "このヘルプを表示して終了します。" in out.stdout
    assert "Example:" not in out.stdout and "Show this message" not in out.stdout


def test_the_parameters_of_a_command_are_told_in_japanese() -> None:
    out = opmodel("kpi", "import", "--help", lang="ja")
    assert "運用モデル（YAML または JSON）。 [必須]" in out.stdout
    assert "正しい行だけを取り込み" in out.stdout
    assert "[既定値: text]" in out.stdout


@pytest.mark.parametrize("args", [
    ["assess", "--help", "--lang", "ja"],
    ["assess", "--lang=ja", "--help"],
])
def test_lang_ja_on_the_command_line_gives_japanese_help(args: list[str]) -> None:
    out = opmodel(*args, lang="en")
    assert out.returncode == 0, out.stderr
    assert "アセスメントを採点します" in out.stdout
    assert "例: opmodel assess current.yaml --by business_unit" in out.stdout


@pytest.mark.parametrize("args", [
    ["--lang", "ja", "--help"],
    ["--help", "--lang", "ja"],
    ["kpi", "--lang", "ja", "--help"],
])
def test_lang_given_to_a_command_group_chooses_the_language_of_its_help(args: list[str]) -> None:
    out = opmodel(*args, lang="en")
    assert out.returncode == 0, out.stderr
    assert "使い方: opmodel" in out.stdout
    assert "例: opmodel" in out.stdout


def test_lang_en_on_the_command_line_wins_over_a_japanese_locale() -> None:
    out = opmodel("plan", "--help", "--lang", "en", lang="ja")
    assert out.returncode == 0, out.stderr
    assert "Select the portfolio" in out.stdout
    assert not JAPANESE.search(out.stdout)


def test_help_args_drop_lang_only_where_a_group_would_refuse_it() -> None:
    root = get_command(create_app())
    assert help_args(root, ["--lang", "ja", "--help"]) == ["--help"]
    assert help_args(root, ["--lang=ja", "kpi"]) == ["kpi"]
    assert help_args(root, ["plan", "--lang", "ja", "--help"]) is None
    assert help_args(root, ["plan", "x.yaml", "--lang", "ja"]) is None
    assert help_args(root, ["--lang", "ja", "plan", "x.yaml"]) is None  # still refused
    assert help_args(root, ["--", "--lang", "ja", "--help"]) is None


@pytest.mark.parametrize(("args", "path"), [
    (["--help"], ""), (["plan", "--help"], "plan"), (["kpi", "import", "--help"], "kpi import"),
])
def test_english_help_is_unchanged_with_opmodel_lang_en(args: list[str], path: str) -> None:
    out = opmodel(*args, lang="en")
    assert out.returncode == 0, out.stderr
    english = tree()[path]
    assert out.stdout.startswith("Usage: opmodel")
    assert "Options:" in out.stdout and "Show this message and exit." in out.stdout
    summary = english.help.split("\n\n")[0]
    assert " ".join(summary.split()[:6]) in " ".join(out.stdout.split())
    assert "Example: opmodel" in out.stdout
    # only the example of kpi import holds Japanese column names
    assert not JAPANESE.search(out.stdout.replace("指標", "").replace("値", "").replace("年月", ""))
