"""The message and label catalogue: every text in both languages with the same placeholders,
every code the code names present, rendering that never breaks."""

from __future__ import annotations

import ast
import datetime as dt
import re
import string
from pathlib import Path

import pytest

from opmodel.knowledge.texts import (
    Message,
    fill,
    label,
    label_kinds,
    labels_catalog,
    messages_catalog,
    render,
    render_hint,
)

SRC = Path(__file__).parents[2] / "src" / "opmodel"
SPECIAL_SPECS = {"", "list", "money", "fy"}
STANDARD_SPEC = re.compile(r"^[<>=^]?[+\- ]?#?0?\d*[,_]?(\.\d+)?[bcdeEfFgGnosxX%]?$")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _placeholders(template: str) -> dict[str, str]:
    return {name: spec or "" for _, name, spec, _ in string.Formatter().parse(template)
            if name is not None}


def _spec_ok(spec: str) -> bool:
    if spec.startswith("list."):
        spec = spec[5:]
        if spec.startswith("@"):  # the label kind named by another parameter
            return True
    return spec in SPECIAL_SPECS or spec in label_kinds() or bool(STANDARD_SPEC.match(spec))


def test_the_catalogue_is_large_and_loads() -> None:
    assert len(messages_catalog()) > 300
    assert {"model_type", "component", "value_type", "kpi", "question"} <= label_kinds()


@pytest.mark.parametrize("code", sorted(messages_catalog()))
def test_both_languages_say_the_same_things(code: str) -> None:
    entry = messages_catalog()[code]
    if entry.text.en != "{text}":  # a parser's own English text, translated from its parts
        assert _placeholders(entry.text.en) == _placeholders(entry.text.ja), code
    if entry.hint is not None:
        assert _placeholders(entry.hint.en) == _placeholders(entry.hint.ja), code
    hints = (entry.hint.en, entry.hint.ja) if entry.hint else ()
    for template in (entry.text.en, entry.text.ja, *hints):
        for name, spec in _placeholders(template).items():
            assert _spec_ok(spec), f"{code}: {{{name}:{spec}}}"


def test_japanese_messages_are_japanese() -> None:
    for code, entry in messages_catalog().items():
        bare = re.sub(r"\{[^}]*\}", "", entry.text.ja).strip()
        if len(entry.text.en.split()) >= 4 and bare:
            assert JAPANESE.search(entry.text.ja), code


def _code_literals() -> list[tuple[str, str]]:
    namespaces = {code.split(".", 1)[0] for code in messages_catalog()}
    shape = re.compile(rf"^(?:{'|'.join(sorted(namespaces))})\.[a-z0-9_]+(?:\.[a-z0-9_-]+)*$")
    found = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and shape.match(node.value):
                found.append((str(path.relative_to(SRC)), node.value))
    return found


def test_every_code_the_source_names_is_in_the_catalogue() -> None:
    found = _code_literals()
    assert len(found) > 50
    missing = [(f, code) for f, code in found if code not in messages_catalog()]
    assert missing == []


def test_an_unknown_code_renders_as_itself_never_an_error() -> None:
    assert render("no.such.code", {"a": 1}, "ja") == "no.such.code {'a': 1}"
    assert render_hint("no.such.code", {}, "en") == ""


def test_placeholders_show_labels_lists_money_and_fiscal_years() -> None:
    params = {"type": "federated", "parts": ["governance", "sourcing"], "amount": 1234567.4,
              "currency": "JPY", "year": 2027, "share": 0.256, "day": dt.date(2027, 4, 1),
              "nested": Message(code="common.none_yet")}
    template = ("{type:model_type} / {parts:list.component} / {amount:money} / {year:fy} / "
                "{share:.0%} / {day} / {nested} / {absent}")
    parts = f"{label('component', 'governance', 'en')}, {label('component', 'sourcing', 'en')}"
    assert fill(template, params, "en") == (
        f"Federated / {parts} / JPY 1,234,567 / FY2027 / 26% / 2027-04-01 / none yet / {{absent}}")
    ja = fill(template, params, "ja")
    assert ja.startswith("フェデレーテッド") and "2027年度" in ja and "まだありません" in ja
    assert "、" in ja.split(" / ")[1]


def test_a_nested_message_as_plain_data_is_rendered_too() -> None:
    assert fill("{x}", {"x": {"code": "common.none_yet", "params": {}}}, "ja") == "まだありません"


def test_a_label_falls_back_to_the_value() -> None:
    assert label("component", "governance", "ja") != "governance"
    assert label("component", "made-up", "ja") == "made-up"
    assert label("no-such-kind", "x", "en") == "x"
    assert label("component", None, "en") == "—"


def test_every_label_has_both_languages() -> None:
    for kind, values in labels_catalog().items():
        for value, text in values.items():
            assert text.en and text.ja, f"{kind}.{value}"


def test_time_tolerate_is_kyoyo_in_japanese_everywhere() -> None:
    # TIME's "tolerate" is 許容; 維持 ("maintain") is a different idea and must not name it
    from opmodel.knowledge.texts import label

    assert label("time_disposition", "tolerate", "ja") == "許容"
    data = Path(__file__).parents[2] / "src" / "opmodel"
    for path in [*data.glob("knowledge/data/**/*.yaml"), *data.glob("examples/**/*.yaml"),
                 *Path(__file__).parents[2].glob("docs/*.md")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            lists_time = ("TIME" in line or "tolerate" in line) and "移行" in line
            assert not (lists_time and "維持" in line), f"{path}:{number}"
            if "TIME" in line and "投資" in line and "移行" in line:
                assert "許容" in line, f"{path}:{number}"
