"""Atomic writing: the file is the old one or the new one, with the permissions a user expects."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from opmodel.interop.files import replace_atomically, write_text_atomic

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_file_gets_0666_minus_the_umask(tmp_path: Path, umask_022: None) -> None:
    write_text_atomic(tmp_path / "m.yaml", "a: 1\n")
    assert mode(tmp_path / "m.yaml") == 0o644
    os.umask(0o027)
    write_text_atomic(tmp_path / "n.yaml", "a: 1\n")
    assert mode(tmp_path / "n.yaml") == 0o640


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("old\n", encoding="utf-8")
    os.chmod(path, 0o640)
    write_text_atomic(path, "new\n")
    assert mode(path) == 0o640 and path.read_text(encoding="utf-8") == "new\n"
    os.chmod(path, 0o664)
    replace_atomically(path, lambda tmp: Path(tmp).write_bytes(b"bytes\n"))
    assert mode(path) == 0o664 and path.read_bytes() == b"bytes\n"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("old\n", encoding="utf-8")

    def broken(tmp: str) -> None:
        Path(tmp).write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        replace_atomically(path, broken)
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["m.yaml"]
