"""The console script as a whole: --version, usage errors in the user's language, and JSON
on standard output when a document is invalid under --format json."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from typer._click.exceptions import MissingParameter, NoSuchOption

from opmodel.cli.app import argv_lang, usage_message_ja
from support.cli import run

INVALID = ("apiVersion: opmodel/v1\nkind: OperatingModel\nmetadata:\n  name: x\n"
           "roadmap:\n  initiatives:\n    - id: a\n      depends_on: [zz]\n")


def opmodel(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    """The real console script in a child process."""
    env = {"OPMODEL_LANG": lang, "PATH": "/usr/bin:/bin"}
    return subprocess.run([str(Path(sys.executable).parent / "opmodel"), *args],
                          capture_output=True, text=True, env=env, check=False, timeout=120)


def invalid(tmp_path: Path) -> str:
    path = tmp_path / "bad.yaml"
    path.write_text(INVALID, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_prints_the_installed_version(flag: str) -> None:
    out = opmodel(flag)
    assert out.returncode == 0, out.stderr
    assert out.stdout == f"opmodel {version('opmodel')}\n"


def test_version_in_process() -> None:
    result = run("--version")
    assert result.code == 0 and result.out.startswith("opmodel ")


# (arguments, Japanese error, English error): the common kinds of usage error
USAGE_ERRORS = [
    (["new"], "エラー: 引数 'name' が指定されていません。", "Error: Missing argument 'name'."),
    (["new", "x", "--foo"], "エラー: --foo というオプションはありません。（候補: --force, --from, --out）",
     "Error: No such option: --foo (Possible options: --force, --from, --out)"),
    (["new", "x", "--out"], "エラー: オプション '--out' には値が必要です。",
     "Error: Option '--out' requires an argument."),
    (["new", "x", "y"], "エラー: 余分な引数があります: y",
     "Error: Got unexpected extra argument(s) (y)"),
    (["chekc"], "エラー: 'chekc' というコマンドはありません。もしかして 'check'",
     "Error: No such command 'chekc'. Did you mean 'check'"),
    (["plan", "m.yaml", "--time-limit", "abc"], "エラー: '--time-limit' の値が正しくありません: 数値を指定してください",
     "Error: Invalid value for '--time-limit':"),
    (["check", "m.yaml", "--format", "xml"],
     "エラー: '--format' / '-f' の値が正しくありません: 'xml' は使えません。'text', 'json' のいずれかを指定してください",
     "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'text', 'json'."),
]


@pytest.mark.parametrize(("args", "ja", "en"), USAGE_ERRORS)
def test_usage_errors_speak_japanese_with_opmodel_lang(args: list[str], ja: str, en: str) -> None:
    out = opmodel(*args, lang="ja")
    assert out.returncode == 2
    assert ja in out.stderr, out.stderr
    assert "を実行してください" in out.stderr and "--help" in out.stderr
    assert "Error:" not in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize(("args", "ja", "en"), USAGE_ERRORS)
def test_usage_errors_stay_english_in_english(args: list[str], ja: str, en: str) -> None:
    out = opmodel(*args)
    assert out.returncode == 2
    assert en in out.stderr, out.stderr
    assert "--help' for help." in out.stderr
    assert "エラー" not in out.stderr


def test_lang_ja_on_the_command_line_wins_over_the_locale() -> None:
    out = opmodel("new", "x", "y", "--lang", "ja")
    assert out.returncode == 2
    assert "使い方: opmodel new" in out.stderr
    assert "詳しくは 'opmodel new --help' を実行してください。" in out.stderr
    assert "エラー: 余分な引数があります: y" in out.stderr
    out = opmodel("new", "--lang=ja")
    assert "エラー: 引数 'name' が指定されていません。" in out.stderr


def test_an_invalid_lang_is_said_without_the_checker_prefix() -> None:
    out = opmodel("new", "x", "--lang", "jp")
    assert out.returncode == 2
    assert "Error: Invalid value for '--lang': 'jp' is not one of 'ja', 'en'." in out.stderr
    assert "Value error" not in out.stderr


def test_a_missing_option_and_an_unknown_kind_in_japanese() -> None:
    assert usage_message_ja(MissingParameter(param_hint="'--org'", param_type="option")) == (
        "オプション '--org' が指定されていません。")
    assert usage_message_ja(NoSuchOption("--x")) == "--x というオプションはありません。"


def test_the_language_of_a_usage_error_comes_from_the_arguments_then_the_locale(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPMODEL_LANG", "en")
    assert argv_lang(["new", "--lang", "ja"]) == "ja"
    assert argv_lang(["new", "--lang=ja"]) == "ja"
    assert argv_lang(["new", "--lang", "jp"]) == "en"
    monkeypatch.setenv("OPMODEL_LANG", "ja")
    assert argv_lang(["new"]) == "ja"
    assert argv_lang(["new", "--lang", "en"]) == "en"


@pytest.mark.parametrize("command", [["check"], ["plan", "--iterations", "10"], ["assess"],
                                     ["design"], ["change", "report"]])
def test_an_invalid_document_gives_json_under_format_json(tmp_path: Path,
                                                          command: list[str]) -> None:
    path = invalid(tmp_path)
    result = run(*command, path, "--format", "json")
    assert result.code == 1, result.output
    data = result.json()
    assert data["file"] == path and data["valid"] is False and data["language"] == "en"
    [problem] = data["problems"]
    assert problem["path"] == "roadmap.initiatives[a].depends_on[zz]"
    assert (problem["line"], problem["column"]) == (8, 20)
    assert "'zz'" in problem["message"] and "roadmap.initiatives" in problem["hint"]
    assert "bad.yaml:8:20" in result.err  # the text stays on standard error


def test_an_invalid_document_gives_json_in_japanese_through_a_pipe(tmp_path: Path) -> None:
    out = opmodel("check", invalid(tmp_path), "-f", "json", "--lang", "ja")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert data["language"] == "ja" and "どの要素の ID でもありません" in data["problems"][0]["message"]
    assert "1 件の問題が見つかりました。" in out.stderr


def test_text_format_keeps_standard_output_empty(tmp_path: Path) -> None:
    result = run("check", invalid(tmp_path))
    assert result.code == 1
    assert result.out == "" and "1 problem(s) found." in result.err


def test_a_problem_found_while_planning_is_json_too(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("apiVersion: opmodel/v1\nkind: OperatingModel\nmetadata: {name: x}\n"
                    "roadmap:\n  calendar: {start: 2026-04-01}\n  initiatives:\n"
                    "    - id: solo\n", encoding="utf-8")
    result = run("plan", str(path), "--iterations", "10", "--time-limit", "1", "-f", "json")
    assert result.code == 1, result.output
    data = result.json()
    assert data["valid"] is False and "solo" in json.dumps(data["problems"])


def test_any_error_under_format_json_is_json_on_standard_output(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("apiVersion: opmodel/v1\nkind: OperatingModel\nmetadata: {name: x}\n",
                    encoding="utf-8")
    result = run("plan", str(path), "-f", "json", "--lang", "ja")
    assert result.code == 1
    data = result.json()
    # nothing to plan is a problem of the document, placed in it like a validation problem
    assert data["language"] == "ja" and "施策" in data["problems"][0]["message"]
    text = run("plan", str(path))
    assert text.code == 1 and text.out == ""


def test_a_usage_error_under_format_json_is_json_too() -> None:
    result = opmodel("plan", "--bogus", "-f", "json")
    assert result.returncode == 2
    assert json.loads(result.stdout) == {"error": "No such option: --bogus", "language": "en"}
    ja = opmodel("plan", "--format=json", lang="ja")
    assert ja.returncode == 2 and "指定されていません" in json.loads(ja.stdout)["error"]
    assert opmodel("plan", "--bogus").stdout == ""  # text: nothing on standard output


@pytest.mark.parametrize(("args", "option"), [
    (["plan", "{model}", "--start", "2027-02-30"], "--start"),
    (["kpi", "status", "{model}", "--as-of", "2027-13-01"], "--as-of"),
])
def test_an_impossible_date_option_is_a_usage_error(args: list[str], option: str) -> None:
    model = str(Path(__file__).parents[2] / "examples" / "saas-company" / "target.yaml")
    result = opmodel(*(model if a == "{model}" else a for a in args))
    assert result.returncode == 2
    assert f"{option} '" in result.stderr and "does not exist" in result.stderr
