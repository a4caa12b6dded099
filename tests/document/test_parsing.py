"""The YAML and JSON parsers: what they accept reads as PyYAML reads it, and what they refuse
gets a clear reason in English and Japanese, placed at its line and column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from opmodel.document import DocumentError, loads
from opmodel.document.parsing import parse_json, parse_text, parse_yaml


def only(exc: DocumentError) -> Any:
    assert len(exc.problems) == 1, exc.render("en")
    return exc.problems[0]


def test_modest_anchors_aliases_and_merge_keys_work() -> None:
    data = parse_yaml("base: &b {x: 1, y: 2}\nuse: {<<: *b, y: 3}\nlist: [*b, *b]\n")
    assert data["use"] == {"x": 1, "y": 3}
    assert data["list"] == [{"x": 1, "y": 2}] * 2


def test_merge_key_semantics_match_pyyaml() -> None:
    text = "a: &a {x: 1, z: 0}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n  z: 9\n"
    assert parse_yaml(text) == yaml.safe_load(text)


def test_json_brackets_inside_strings_do_not_count() -> None:
    text = '{"a": "' + "[" * 500 + '", "b": [[1]]}'
    assert parse_json(text)["b"] == [[1]]


@pytest.mark.parametrize("text", ['{"n": 1' + "0" * 5000 + "}", "[1e999999, NaN]"])
def test_odd_json_numbers_do_not_crash(text: str) -> None:
    try:
        parse_json(text)
    except DocumentError as exc:
        assert exc.problems


@pytest.mark.parametrize(("text", "reason"), [
    ("a: *nowhere\n", "undefined alias"),
    ("a: !!python/object:os.system [ls]\n", "unsupported tag"),
    ("a: !!timestamp 2024-02-30\n", "'2024-02-30' is not a valid timestamp"),
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
    ("a: !!timestamp 2024-02-30\n", "yaml", "'2024-02-30' は timestamp として正しくありません"),
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
