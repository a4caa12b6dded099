"""docs/document.md stays true to the code: commands, limits, vocabulary, editor wiring."""

from __future__ import annotations

from pathlib import Path

import pytest

from opmodel.document.parsing import MAX_ALIAS_NODES, MAX_DEPTH
from opmodel.document.profile import Industry
from opmodel.document.scaffold import scaffold
from opmodel.interop.files import DEFAULT_MAX_BYTES

DOC = (Path(__file__).parents[2] / "docs" / "document.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["opmodel new", "opmodel validate", "opmodel schema",
                                     "opmodel diff"])
def test_commands_are_documented(command: str) -> None:
    assert command in DOC


def test_limits_are_documented() -> None:
    assert f"{DEFAULT_MAX_BYTES // (1024 * 1024)} MB" in DOC
    assert f"deeper than {MAX_DEPTH} levels" in DOC
    assert f"more than {MAX_ALIAS_NODES:,} nodes" in DOC
    assert "OPMODEL_MAX_FILE_SIZE" in DOC and "--max-size" in DOC


def test_the_industry_list_is_the_documented_one() -> None:
    assert ", ".join(i.value for i in Industry) in DOC


def test_the_editor_modeline_is_the_one_the_scaffold_writes() -> None:
    modeline = scaffold("x", None, "en").splitlines()[0]
    assert modeline in DOC
    assert '"yaml.schemas"' in DOC
