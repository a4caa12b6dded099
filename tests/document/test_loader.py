"""Bad input never escapes as a traceback or a hang: each case gets a clear, located error."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import pytest
import yaml

from opmodel.document import DocumentError, loads
from opmodel.document.parsing import MAX_ALIAS_NODES, MAX_DEPTH, parse_json, parse_text, parse_yaml
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


def test_the_limit_comes_from_the_environment(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from opmodel.cli.common import max_file_size

    monkeypatch.setenv("OPMODEL_MAX_FILE_SIZE", "60")
    assert "limit of 60 bytes" in only(refused(VALID, tmp_path,
                                               max_bytes=max_file_size())).message("en")
    assert load(tmp_path / "model.yaml", max_bytes=10_000).metadata.name


def test_the_default_limit_is_50_mb(monkeypatch: pytest.MonkeyPatch) -> None:
    from opmodel.cli.common import max_file_size

    monkeypatch.delenv("OPMODEL_MAX_FILE_SIZE", raising=False)
    assert max_file_size() == 50 * 1024 * 1024


@pytest.mark.parametrize("value", ["abc", "50MB", "-1", "0"])
def test_a_size_setting_that_is_not_bytes_is_refused(
        value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from opmodel.cli.common import max_file_size

    monkeypatch.setenv("OPMODEL_MAX_FILE_SIZE", value)
    with pytest.raises(DocumentError) as info:
        max_file_size()
    p = only(info.value)
    assert f"OPMODEL_MAX_FILE_SIZE is '{value}'" in p.message("en")
    assert "OPMODEL_MAX_FILE_SIZE=104857600" in p.hint("ja")


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


def test_modest_anchors_aliases_and_merge_keys_work() -> None:
    data = parse_yaml("base: &b {x: 1, y: 2}\nuse: {<<: *b, y: 3}\nlist: [*b, *b]\n")
    assert data["use"] == {"x": 1, "y": 3}
    assert data["list"] == [{"x": 1, "y": 2}] * 2


def test_merge_key_semantics_match_pyyaml() -> None:
    text = "a: &a {x: 1, z: 0}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n  z: 9\n"
    assert parse_yaml(text) == yaml.safe_load(text)


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


def test_json_brackets_inside_strings_do_not_count() -> None:
    text = '{"a": "' + "[" * 500 + '", "b": [[1]]}'
    assert parse_json(text)["b"] == [[1]]


@pytest.mark.parametrize("text", ['{"n": 1' + "0" * 5000 + "}", "[1e999999, NaN]"])
def test_odd_json_numbers_do_not_crash(text: str) -> None:
    try:
        parse_json(text)
    except DocumentError as exc:
        assert exc.problems


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


@pytest.mark.parametrize(("text", "reason"), [
    ("a: *nowhere\n", "undefined alias"),
    ("a: !!python/object:os.system [ls]\n", "unsupported tag"),
    ("a: 2024-02-30\n", "'2024-02-30' is not a valid timestamp"),
    ("a: !!int\n", "'' is not a valid int"),
    ("a: b\x07c\n", "control characters"),
    ("? [a, b]\n: c\n", "mapping key"),
])
def test_odd_yaml_is_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(DocumentError) as info:
        parse_yaml(text)
    assert reason in only(info.value).message("en")


@pytest.mark.parametrize(("text", "fmt", "ja"), [
    ("a: b: c\n", "yaml", "キーと値の組"),
    ("a:\n\tb: 1\n", "yaml", "値を始められない文字"),
    ("a: [1, 2\n", "yaml", "']' が見つかりません"),
    ("a: {b: 1\n", "yaml", "'}' が見つかりません"),
    ("a:\n  - 1\n  b: 2\n", "yaml", "リストの '-'"),
    ("a: 'x\n", "yaml", "閉じないまま"),
    ('a: "x\\q"\n', "yaml", "エスケープ"),
    ("a: !foo!bar x\n", "yaml", "タグ"),
    ("a: 2024-02-30\n", "yaml", "'2024-02-30' は timestamp として正しくありません"),
    ("a: *nowhere\n", "yaml", "エイリアスです: 'nowhere'"),
    ("a: b\x07c\n", "yaml", "制御文字"),
    ("? [a, b]\n: c\n", "yaml", "マッピングのキー"),
    ('{"a": 1,}', "json", "二重引用符"),
    ('{"a" 1}', "json", "':' がありません"),
    ('{"a": "b\tc"}', "json", "制御文字"),
    ("[1] 2", "json", "余分なデータ"),
    ("", "json", "値がありません"),
    ('{"metadata": {"name": "x",', "json", "JSON が完結する前にファイルが終わっています"),
])
def test_the_parsers_reasons_read_in_japanese(text: str, fmt: str, ja: str) -> None:
    with pytest.raises(DocumentError) as info:
        parse_text(text, fmt=fmt)
    problem = only(info.value)
    assert ja in problem.message("ja"), problem.message("ja")
    assert ja not in problem.message("en")  # the English reason is kept as the parser gave it


def test_yaml_scalars_are_typed_as_pyyaml_does() -> None:
    text = ("a: yes\nb: 0o17\nc: 012\nd: 0x1F\ne: 1_000\nf: .inf\ng: ~\nh: 2026-04-01\n"
            "i: '12'\nj: 1.5e3\nk: null\nl: -7\nm: =\nn: !!str 12\no: 190:20:30\n")
    assert parse_yaml(text) == yaml.safe_load(text.replace("m: =", "m: '='"))


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


def test_loads_locates_problems_in_json_text() -> None:
    text = '{"apiVersion": "opmodel/v1", "kind": "OperatingModel",\n "metadata": {"name": 5}}'
    with pytest.raises(DocumentError) as info:
        loads(text, fmt="json")
    p = only(info.value)
    assert p.path == ("metadata", "name") and (p.line, p.column) == (2, 23)


YAML_FEATURES = [
    "text: |\n  line one\n  line two\nfolded: >-\n  folded\n  text\nkeep: |+\n  kept\n\n",
    "plain: multi\n  line plain\nsingle: 'it''s'\ndouble: \"tab\\tnew\\nline \\u00e9\"\n",
    "# comment\nlist:\n- a   # trailing\n- [b, {c: d}]\n-\n  - nested\nempty:\n",
    "? complex key\n: value\n'quoted key': 1\n\"k2\": 2\n",
    "bools: [yes, No, on, OFF, true, False]\nnulls: [~, null, Null, '']\n",
    "nums: [0, -1, +2, 0o7, 0x_1F, 1_000, 3.14, -.5, 1e3, .NaN, -.inf, 190:20:30]\n",
    "dates: [2026-04-01, 2026-04-01 10:30:00, 2026-04-01T10:30:00Z]\n",
    "%YAML 1.1\n---\njapanese: 地方銀行の IT 運用モデル\nemoji: \"\\U0001F600\"\n...\n",
    "anchors:\n  base: &base {a: 1}\n  copy: *base\n  merged:\n    <<: *base\n    b: 2\n",
    "str_tags: [!!str 1, !!str true, !!float 1, !!int '7']\n",
]


@pytest.mark.parametrize("text", YAML_FEATURES)
def test_parse_yaml_agrees_with_pyyaml(text: str) -> None:
    expected = yaml.safe_load(text)
    got = parse_yaml(text)
    if "nan" in text.lower():  # NaN is never equal to itself: compare its text instead
        assert repr(got) == repr(expected)
    else:
        assert got == expected


@pytest.mark.parametrize("path", sorted(Path(__file__).parents[2].glob("examples/*/*.yaml")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_examples_parse_as_pyyaml_does(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert parse_yaml(text) == yaml.safe_load(text)


def test_problems_without_a_file_name_still_show_line_and_column() -> None:
    with pytest.raises(DocumentError) as info:
        loads("apiVersion: opmodel/v1\nkind: OperatingModel\nmetadata:\n  name: [x]\n")
    assert info.value.render("en").startswith("4:9: metadata.name: expected text")


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
