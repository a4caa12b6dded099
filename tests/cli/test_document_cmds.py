"""`opmodel new`, `validate` and `schema`: exit codes, languages, files written."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import jsonschema
import pytest

from opmodel.interop.model_files import load
from support.builders import document
from support.cli import JA, run

VALID = "apiVersion: opmodel/v1\nkind: OperatingModel\nmetadata:\n  name: ok\n"
DANGLING = VALID + "roadmap:\n  initiatives:\n    - id: a\n      depends_on: [zz]\n"


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_validate_exits_0_for_valid_files(tmp_path: Path) -> None:
    code, out, _ = run("validate", write(tmp_path, "a.yaml", VALID),
                       write(tmp_path, "b.json", json.dumps(document(name="j"))))
    assert code == 0
    assert out.count(": valid") == 2


def test_validate_exits_1_and_lists_every_problem(tmp_path: Path) -> None:
    good, bad = write(tmp_path, "good.yaml", VALID), write(tmp_path, "bad.yaml", DANGLING)
    code, out, err = run("validate", good, bad, str(tmp_path / "missing.yaml"))
    assert code == 1
    assert f"{good}: valid" in out
    assert f"{bad}:8:20: roadmap.initiatives[a].depends_on[zz]: 'zz' does not name" in err
    assert f"{tmp_path / 'missing.yaml'}: file not found" in err


@pytest.mark.parametrize("args", [[], ["--lang", "fr", "x.yaml"], ["--no-such-option", "x"],
                                  ["--max-size", "0", "x.yaml"]])
def test_validate_usage_errors_exit_2(args: list[str]) -> None:
    assert run("validate", *args)[0] == 2


def test_validate_speaks_japanese_on_request(tmp_path: Path) -> None:
    code, _, err = run("validate", "--lang", "ja", write(tmp_path, "bad.yaml", DANGLING))
    assert code == 1
    assert "roadmap.initiatives のどの要素の ID でもありません" in err
    assert "1 件の問題が見つかりました" in err


def test_validate_takes_the_language_of_the_document(tmp_path: Path) -> None:
    text = DANGLING.replace("  name: ok\n", "  name: ok\n  language: ja\n")
    _, _, err = run("validate", write(tmp_path, "bad.yaml", text))
    assert "どの要素の ID でもありません" in err
    _, _, err = run("validate", "--lang", "en", write(tmp_path, "bad.yaml", text))
    assert "does not name any entry" in err


def test_validate_falls_back_to_the_locale(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", DANGLING)
    for env in ({"OPMODEL_LANG": "ja"}, {"OPMODEL_LANG": "", "LC_ALL": "ja_JP.UTF-8"},
                {"OPMODEL_LANG": "", "LC_ALL": "", "LANG": "ja_JP.UTF-8"}):
        _, _, err = run("validate", path, env=env)
        assert "どの要素の ID でもありません" in err, env


def test_validate_max_size(tmp_path: Path) -> None:
    path = write(tmp_path, "m.yaml", VALID)
    code, _, err = run("validate", "--max-size", "10", path)
    assert code == 1 and "more than the limit of 10 bytes" in err
    code, _, err = run("validate", path, env={"OPMODEL_MAX_FILE_SIZE": "10"})
    assert code == 1 and "limit of 10 bytes" in err
    assert run("validate", "--max-size", "1000", path)[0] == 0


def test_validate_never_shows_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_bytes(b"\x00\x01binary" * 100)
    code, out, err = run("validate", str(path), str(tmp_path))
    assert code == 1
    assert "Traceback" not in out + err
    assert "binary" in err and "directory" in err


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_new_writes_a_valid_model_in_either_language(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "m.yaml"
    code, _, _ = run("new", "Target 2027", "--org", "Example Bank", "--lang", lang,
                     "--out", str(out))
    assert code == 0
    model = load(out)
    assert (model.metadata.name, model.metadata.organisation) == ("Target 2027", "Example Bank")
    assert model.metadata.language == lang
    assert run("validate", str(out))[0] == 0


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_new_with_a_json_name_writes_json_that_validates(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "x.json"
    code, _, _ = run("new", "X", "--lang", lang, "--out", str(out))
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["metadata"] == {"name": "X", "state": "current", "language": lang,
                                "currency": "JPY", "fiscal_year_start_month": 4}
    assert load(out).metadata.name == "X"
    assert run("validate", str(out))[0] == 0


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_files_written_get_the_permissions_a_user_expects(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out, schema_file = tmp_path / "m.yaml", tmp_path / "s.json"
        assert run("new", "X", "--out", str(out))[0] == 0
        assert run("schema", "--out", str(schema_file))[0] == 0
        assert stat.S_IMODE(os.stat(out).st_mode) == 0o644
        assert stat.S_IMODE(os.stat(schema_file).st_mode) == 0o644
        os.chmod(out, 0o640)
        assert run("new", "Y", "--out", str(out), "--force")[0] == 0
        assert stat.S_IMODE(os.stat(out).st_mode) == 0o640 and load(out).metadata.name == "Y"
    finally:
        os.umask(old)


def test_new_prints_to_stdout_without_out() -> None:
    code, out, _ = run("new", "Stdout model")
    assert code == 0 and out.startswith("# yaml-language-server: $schema=")
    assert "name: \"Stdout model\"" in out


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "m.yaml"
    out.write_text("keep me", encoding="utf-8")
    code, _, err = run("new", "X", "--out", str(out))
    assert code == 1 and "--force" in err
    assert out.read_text(encoding="utf-8") == "keep me"
    code, _, err = run("new", "X", "--out", str(out), env=JA)
    assert code == 1 and "既に存在します" in err
    assert run("new", "X", "--out", str(out), "--force")[0] == 0
    assert load(out).metadata.name == "X"


def test_schema_is_json_schema_that_checks_documents(tmp_path: Path) -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    check = jsonschema.Draft202012Validator(schema)
    minimal = document(name="x")
    assert check.is_valid(minimal)
    assert not check.is_valid({k: v for k, v in minimal.items() if k != "metadata"})
    target = tmp_path / "opmodel.schema.json"
    assert run("schema", "--out", str(target))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8")) == schema


def test_schema_speaks_the_users_language() -> None:
    ja = json.loads(run("schema", "--lang", "ja")[1])
    en = json.loads(run("schema", "--lang", "en")[1])
    effort_ja = ja["$defs"]["Initiative"]["properties"]["effort"]["description"]
    effort_en = en["$defs"]["Initiative"]["properties"]["effort"]["description"]
    assert effort_ja != effort_en and any("\u3040" <= ch <= "\u9fff" for ch in effort_ja)
    assert ja["$defs"].keys() == en["$defs"].keys()


@pytest.mark.parametrize("command", ["new", "validate", "schema"])
def test_help_has_an_example(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and "Example: opmodel " in out


def test_writing_into_a_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    target = str(tmp_path / "no" / "such" / "m.yaml")
    for args in (["new", "X", "--out", target], ["schema", "--out", target]):
        code, _, err = run(*args)
        assert code == 1 and f"cannot write {target}" in err, err
    code, _, err = run("new", "X", "--out", target, env=JA)
    assert code == 1 and "書き込めません" in err


def test_validate_json_lists_every_file_with_its_problems(tmp_path: Path) -> None:
    good, bad = write(tmp_path, "good.yaml", VALID), write(tmp_path, "bad.yaml", DANGLING)
    code, out, err = run("validate", good, bad, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["valid"] is False
    assert data["files"][0] == {"file": good, "valid": True, "language": "en", "problems": [],
                                "notes": []}
    entry = data["files"][1]
    assert entry["file"] == bad and entry["valid"] is False and entry["language"] == "en"
    assert entry["problems"] == [{
        "path": "roadmap.initiatives[a].depends_on[zz]", "line": 8, "column": 20,
        "code": "document.dangling_reference_in",
        "params": {"id": "zz", "collection": "roadmap.initiatives", "owner": "a", "known": "a"},
        "message": "'zz' does not name any entry of roadmap.initiatives (referred to by 'a')",
        "hint": "use the id of an existing entry (known: a) or add 'zz' to roadmap.initiatives"}]
    assert "bad.yaml:8:20" in err  # the text stays on standard error


def test_validate_json_all_valid_exits_0_in_japanese(tmp_path: Path) -> None:
    code, out, _ = run("validate", "-f", "json", "--lang", "ja", write(tmp_path, "a.yaml", VALID))
    assert code == 0
    data = json.loads(out)
    assert data["valid"] is True and data["files"][0]["language"] == "ja"
    code, out, _ = run("validate", "-f", "json", "--lang", "ja", write(tmp_path, "b.yaml", DANGLING))
    assert code == 1
    assert "どの要素の ID でもありません" in json.loads(out)["files"][0]["problems"][0]["message"]


def test_validate_json_reports_a_missing_file(tmp_path: Path) -> None:
    code, out, _ = run("validate", "-f", "json", str(tmp_path / "nope.yaml"))
    assert code == 1
    [entry] = json.loads(out)["files"]
    assert entry["valid"] is False and entry["problems"][0]["line"] is None


@pytest.mark.parametrize("name", ["", "   "])
def test_new_refuses_an_empty_name(tmp_path: Path, name: str) -> None:
    out = tmp_path / "m.yaml"
    code, stdout, err = run("new", name, "--out", str(out))
    assert code == 2 and "NAME is empty" in err and stdout == ""
    assert not out.exists()
    code, _, err = run("new", name, env=JA)
    assert code == 2 and "モデル名 NAME が空です" in err


def test_validate_notes_the_full_width_values_it_read(tmp_path: Path) -> None:
    path = tmp_path / "wide.yaml"
    path.write_text("apiVersion: opmodel/v1\nkind: OperatingModel\n"
                    "metadata: {name: x, as_of: ２０２７／０４／０１}\n"
                    "roadmap:\n  initiatives: [{id: a, effort: １２}]\n", encoding="utf-8")
    code, out, _ = run("validate", str(path), "--lang", "ja")
    assert code == 0 and "全角の '１２' を 12 として読み取りました" in out
    assert ":5:" in out and ":3:" in out
    code, out, _ = run("validate", str(path), "-f", "json")
    (entry,) = json.loads(out)["files"]
    assert [(n["line"], n["params"]["value"]) for n in entry["notes"]] == [
        (3, "2027/04/01"), (5, "12")]
