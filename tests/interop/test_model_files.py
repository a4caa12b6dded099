"""Loading a document file: bad input never escapes as a traceback or a hang; each case gets a
clear error placed in the file (encoding, size, nesting, aliases, syntax, shape)."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import pytest

from opmodel.document import DocumentError
from opmodel.document.parsing import MAX_ALIAS_NODES, MAX_DEPTH, parse_yaml
from opmodel.interop.model_files import load

VALID = """\
apiVersion: opmodel/v1
kind: OperatingModel
metadata:
  name: 地方銀行 現状モデル
  language: ja
"""


def refused(source: str | bytes, tmp_path: Path, name: str = "model.yaml", **kw: Any
            ) -> DocumentError:
    path = tmp_path / name
    if isinstance(source, bytes):
        path.write_bytes(source)
    else:
        path.write_text(source, encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        load(path, **kw)
    assert info.value.source == str(path)
    assert info.value.problems
    return info.value


def only(exc: DocumentError) -> Any:
    assert len(exc.problems) == 1, exc.render("en")
    return exc.problems[0]


def test_a_valid_file_loads(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(VALID, encoding="utf-8")
    assert load(tmp_path / "m.yaml").metadata.name == "地方銀行 現状モデル"


def test_not_yaml_is_located(tmp_path: Path) -> None:
    p = only(refused("apiVersion: opmodel/v1\nmetadata: [name: x\n  bad: : :\n", tmp_path))
    assert p.line is not None and p.column is not None
    assert "not valid YAML" in p.message("en") and "YAML として正しくありません" in p.message("ja")
    assert p.hint("en") and p.hint("ja")


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\n\n", "# only a comment\n", "---\n"])
def test_empty_files_are_refused(tmp_path: Path, text: str) -> None:
    p = only(refused(text, tmp_path))
    assert p.message("en") == "the file is empty"
    assert p.message("ja") == "ファイルが空です"


def test_binary_is_refused(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
    assert "binary" in only(refused(png, tmp_path)).message("en")


def test_binary_without_nul_bytes_is_refused(tmp_path: Path) -> None:
    noise = bytes((i * 37 + 11) % 256 for i in range(4000)).replace(b"\x00", b"\x01")
    assert "binary" in only(refused(noise, tmp_path)).message("en")


def test_shift_jis_is_refused_with_the_line(tmp_path: Path) -> None:
    text = VALID + "profile:\n  industry: banking  # 銀行\n"
    p = only(refused(text.encode("shift_jis"), tmp_path))
    assert "not UTF-8" in p.message("en") and "line 4" in p.message("en")
    assert p.line == 4
    assert "iconv" in p.hint("en") and "UTF-8" in p.message("ja")


def test_utf8_with_bom_and_utf16_with_bom_are_read(tmp_path: Path) -> None:
    for raw in (codecs.BOM_UTF8 + VALID.encode(), VALID.encode("utf-16")):
        (tmp_path / "m.yaml").write_bytes(raw)
        assert load(tmp_path / "m.yaml").metadata.language == "ja"


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    p = only(refused(VALID, tmp_path, max_bytes=50))
    assert "more than the limit of 50 bytes" in p.message("en")
    assert "--max-size" in p.hint("en") and "OPMODEL_MAX_FILE_SIZE" in p.hint("ja")


def _nested_mappings(depth: int) -> str:
    return "".join("  " * i + f"k{i}:\n" for i in range(depth)) + "  " * depth + "leaf\n"


@pytest.mark.parametrize("text", [
    "[" * 100_000,
    "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
    "{a: " * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1),
    _nested_mappings(MAX_DEPTH + 1),
    "- " * (MAX_DEPTH + 1) + "x\n",
    "- " * 100_000 + "x\n",
])
def test_deep_nesting_is_refused(tmp_path: Path, text: str) -> None:
    p = only(refused(text, tmp_path))
    assert f"more than {MAX_DEPTH} levels" in p.message("en")
    assert p.line is not None
    if text.startswith("["):  # on the first line, where the limit is passed, however deep
        assert p.line == 1 and MAX_DEPTH <= p.column <= MAX_DEPTH + 2


def test_nesting_up_to_the_limit_parses() -> None:
    assert parse_yaml("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    assert parse_yaml(_nested_mappings(MAX_DEPTH - 1))


BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi",
                                                                   strict=True))


def test_alias_bombs_are_refused(tmp_path: Path) -> None:
    p = only(refused(BILLION_LAUGHS, tmp_path))
    assert f"more than {MAX_ALIAS_NODES} nodes" in p.message("en") and "YAML 爆弾" in p.message("ja")


def test_multiple_documents_are_refused(tmp_path: Path) -> None:
    p = only(refused(VALID + "---\n" + VALID, tmp_path))
    assert "more than one YAML document" in p.message("en") and p.line == 6


@pytest.mark.parametrize(("text", "kind", "kind_ja"), [
    ("- a\n- b\n", "a list", "リスト"), ("just text\n", "text", "文字列"),
    ("42\n", "a whole number", "整数")])
def test_top_level_must_be_a_mapping(tmp_path: Path, text: str, kind: str, kind_ja: str
                                     ) -> None:
    p = only(refused(text, tmp_path))
    assert f"must be a mapping with apiVersion, kind and metadata, not {kind}" in p.message("en")
    assert f"（{kind_ja} ではなく）" in p.message("ja")


def test_json_syntax_errors_have_line_and_column(tmp_path: Path) -> None:
    p = only(refused('{\n  "apiVersion": "opmodel/v1",\n  "kind": }\n', tmp_path, "m.json"))
    assert (p.line, p.column) == (3, 11)
    assert "not valid JSON" in p.message("en") and "JSON として正しくありません" in p.message("ja")


def test_deep_json_is_refused(tmp_path: Path) -> None:
    p = only(refused("[" * 100_000 + "]" * 100_000, tmp_path, "m.json"))
    assert "levels deep" in p.message("en")


def test_duplicate_json_keys_are_refused(tmp_path: Path) -> None:
    p = only(refused('{"metadata": {"name": "a", "name": "b"}}', tmp_path, "m.json"))
    assert "'name' appears twice" in p.message("en")


def test_duplicate_json_keys_are_located_at_the_second(tmp_path: Path) -> None:
    # the same name in a sibling object and inside a string is not a repeat
    text = ('{"a": {"name": "x", "k": "\\"name\\": 1"},\n "b": [{"name": 1}],\n'
            ' "c": {"name": 2,\n   "name": 3}}')
    p = only(refused(text, tmp_path, "m.json"))
    assert "'name' appears twice" in p.message("en") and (p.line, p.column) == (4, 4)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as info:
        load(tmp_path)
    assert only(info.value).message("en") == "this is a directory, not a file"


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as info:
        load(tmp_path / "nope.yaml")
    p = only(info.value)
    assert (p.message("en"), p.message("ja")) == ("file not found", "ファイルが見つかりません")


def test_duplicate_keys_are_refused_at_the_second(tmp_path: Path) -> None:
    p = only(refused(VALID + "metadata:\n  name: again\n", tmp_path))
    assert "'metadata' appears twice" in p.message("en") and (p.line, p.column) == (6, 1)


def test_errors_name_file_line_column_path_and_fix_in_both_languages(tmp_path: Path) -> None:
    text = VALID + ("roadmap:\n  initiatives:\n    - id: a\n    - id: b\n"
                    "      depends_on: [a, zz]\n")
    exc = refused(text, tmp_path)
    path = str(tmp_path / "model.yaml")
    assert exc.language == "ja"
    assert exc.render("en") == (
        f"{path}:10:23: roadmap.initiatives[b].depends_on[zz]: 'zz' does not name any entry of "
        "roadmap.initiatives (referred to by 'b') — use the id of an existing entry (known: a, b) or add 'zz' to "
        "roadmap.initiatives")
    assert exc.render("ja") == (
        f"{path}:10:23: roadmap.initiatives[b].depends_on[zz]: 'b' が参照する 'zz' は "
        "roadmap.initiatives のどの要素の ID でもありません — 既存の ID（例: a, b）を指定するか、roadmap.initiatives に"
        " 'zz' を追加してください")


def test_a_missing_field_is_placed_at_its_parent(tmp_path: Path) -> None:
    exc = refused("apiVersion: opmodel/v1\nkind: OperatingModel\nmetadata:\n  language: en\n",
                  tmp_path)
    p = only(exc)
    assert p.path == ("metadata", "name") and p.line == 4
    assert "required field 'name' is missing" in p.message("en")


def test_unreadable_paths_are_refused(tmp_path: Path) -> None:
    for path in ("bad\0name.yaml", ""):
        with pytest.raises(DocumentError) as info:
            load(path)
        assert only(info.value).message("en").startswith(("the file cannot be read",
                                                       "file not found"))
    locked = tmp_path / "locked.yaml"
    locked.write_text(VALID, encoding="utf-8")
    locked.chmod(0)
    try:
        load(locked)
    except DocumentError as exc:  # as root the file is still readable: nothing to check then
        assert "cannot be read" in only(exc).message("en")


@pytest.mark.parametrize(("text", "name", "language"), [
    ("metadata:\n  name: x\n  language: ja\n  name: y\n", "m.yaml", "ja"),
    ('{"metadata": {"language": "en", "name": 1,}}', "m.json", "en"),
    ("metadata: {name: [unclosed\n", "m.yaml", None),
])
def test_a_file_that_cannot_be_parsed_still_speaks_its_declared_language(
        tmp_path: Path, text: str, name: str, language: str | None) -> None:
    assert refused(text, tmp_path, name).language == language
