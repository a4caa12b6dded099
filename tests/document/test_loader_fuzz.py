"""Fuzzing the loader: any text or bytes give a model or a DocumentError, nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opmodel.document import DocumentError, loads
from opmodel.document.parsing import parse_yaml
from opmodel.interop.model_files import load

# A generous deadline only to catch a hang; speed itself is measured in benchmarks/.
FUZZ = settings(max_examples=150, deadline=5000,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

TOKENS = ["[", "]", "{", "}", ":", ": ", ",", "- ", "? ", "\n", "  ", "\t", "'", '"', "#",
          "&a ", "*a", "&b ", "*b", "<<: ", "!!int ", "!!str ", "!tag ", "!!binary ", "---\n",
          "...\n", "|\n", ">-\n", "%YAML 1.1\n", "apiVersion: opmodel/v1\n",
          "kind: OperatingModel\n", "metadata:\n  name: x\n", "id: a", "0x1F", "1e5", ".inf",
          "2026-02-30", "yes", "~", "null", "日本語", "\\", "\x85", "\ufeff", "\x00", "9" * 30]

yaml_soup = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)


def _only_document_errors(text: str, fmt: str = "yaml") -> None:
    try:
        loads(text, fmt=fmt, source="fuzz")
    except DocumentError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.message("en") and p.message("ja")
            exc.render("en")
            exc.render("ja")


@FUZZ
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    _only_document_errors(text)


@FUZZ
@given(yaml_soup)
def test_yaml_like_text(text: str) -> None:
    _only_document_errors(text)


@FUZZ
@given(st.text(alphabet='{}[]:,"0123456789.eE-+ \ntrufalsn\\', max_size=200))
def test_json_like_text(text: str) -> None:
    _only_document_errors(text, "json")


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_from_a_file(tmp_path_factory: Any, raw: bytes) -> None:
    path = Path(tmp_path_factory.mktemp("fuzz")) / "m.yaml"
    path.write_bytes(raw)
    try:
        load(path)
    except DocumentError as exc:
        assert exc.problems


plain_data = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=10) | st.dates(),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(data=plain_data, flow=st.sampled_from([None, True, False]), canonical=st.booleans())
def test_parse_matches_pyyaml_on_what_pyyaml_writes(data: Any, flow: Any, canonical: bool
                                                    ) -> None:
    text = yaml.safe_dump({"root": data}, default_flow_style=flow, canonical=canonical,
                          allow_unicode=True)
    assert parse_yaml(text) == yaml.safe_load(text)


paths = st.lists(st.one_of(st.sampled_from(["metadata", "roadmap", "initiatives", "id", "a"]),
                           st.integers(0, 3)), max_size=5).map(tuple)


@FUZZ
@given(text=yaml_soup, where=st.lists(paths, min_size=1, max_size=4))
def test_locating_never_fails(text: str, where: list[tuple[Any, ...]]) -> None:
    from opmodel.document.locating import locate
    from opmodel.document.messages import problem

    found = [problem("file_empty", path) for path in where]
    located = locate(found, text)
    assert [p.path for p in located] == [p.path for p in found]
    assert all(p.line is None or p.line >= 1 for p in located)
