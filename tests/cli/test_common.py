"""What every command shares: the limit on the size of a file it reads, from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from opmodel.cli.common import max_file_size
from opmodel.document import DocumentError
from opmodel.interop.model_files import load
from support.builders import document, write_document


def test_the_limit_comes_from_the_environment(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_document(tmp_path, document(name="x", language="ja"))  # 79 bytes, over 60
    monkeypatch.setenv("OPMODEL_MAX_FILE_SIZE", "60")
    with pytest.raises(DocumentError) as info:
        load(path, max_bytes=max_file_size())
    assert info.value.source == path
    (problem,) = info.value.problems
    assert "limit of 60 bytes" in problem.message("en")
    assert load(path, max_bytes=10_000).metadata.name


def test_the_default_limit_is_50_mb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPMODEL_MAX_FILE_SIZE", raising=False)
    assert max_file_size() == 50 * 1024 * 1024


@pytest.mark.parametrize("value", ["abc", "50MB", "-1", "0"])
def test_a_size_setting_that_is_not_bytes_is_refused(
        value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPMODEL_MAX_FILE_SIZE", value)
    with pytest.raises(DocumentError) as info:
        max_file_size()
    (p,) = info.value.problems
    assert f"OPMODEL_MAX_FILE_SIZE is '{value}'" in p.message("en")
    assert "OPMODEL_MAX_FILE_SIZE=104857600" in p.hint("ja")
