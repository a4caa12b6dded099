"""The YAML writer: whatever it writes reads back as the same data, with PyYAML too."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from opmodel.document.emitting import emit_yaml, scalar
from opmodel.document.parsing import parse_yaml

ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
TRICKY = st.sampled_from(["yes", "No", "on", "~", "null", "", " ", "1", "0o17", "0x1F", "1_0",
                          "1e5", ".5", ".inf", "2026-04-01", "12:30", "<<", "=", "- x", "? x",
                          "a: b", "a #b", "#x", "&a", "*a", "!t", "|", ">", "%", "@", "`",
                          "'q'", '"q"', "x ", " x", "a\nb", "\t", "\x7f", "\x85", "\u2028",
                          "\ufeff", "日本語", "k" * 1100, "a,b", "[x]", "{x}"])
plain_data = st.recursive(
    st.none() | st.booleans() | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False) | ANY_TEXT | TRICKY,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(ANY_TEXT | TRICKY, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(plain_data)
def test_what_is_written_reads_back_the_same(data: Any) -> None:
    text = emit_yaml(data)
    assert parse_yaml(text) == data
    assert yaml.safe_load(text) == data


@pytest.mark.parametrize(("value", "text"), [
    ("cloud-migration", "cloud-migration"), ("地方銀行 現状モデル", "地方銀行 現状モデル"),
    ("yes", '"yes"'), ("12", '"12"'), ("2026-04-01", '"2026-04-01"'), ("a: b", '"a: b"'),
    ("", '""'), ("\x85", '"\\u0085"'), (None, "null"), (True, "true"), (3, "3"),
    (2.5, "2.5"), (1e16, "1.0e+16"), (float("inf"), ".inf"),
])
def test_scalars(value: Any, text: str) -> None:
    assert scalar(value) == text


def test_block_layout_is_readable() -> None:
    data = {"roadmap": {"initiatives": [{"id": "a", "depends_on": ["b", {"initiative": "c",
                                                                          "lag": 2.0}]}],
                        "phases": []}, "kpis": {}}
    assert emit_yaml(data) == (
        "roadmap:\n"
        "  initiatives:\n"
        "  - id: a\n"
        "    depends_on:\n"
        "    - b\n"
        "    - initiative: c\n"
        "      lag: 2.0\n"
        "  phases: []\n"
        "kpis: {}\n")


def test_other_types_are_refused() -> None:
    with pytest.raises(TypeError):
        emit_yaml({"a": object()})
