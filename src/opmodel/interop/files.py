"""Reading files as text, refusing what is too large, binary or not UTF-8; writing atomically.

The size limit is the caller's: the command line and the server read it from their own
settings (OPMODEL_MAX_FILE_SIZE)."""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path as FsPath
from typing import BinaryIO

from opmodel.document.parsing import fail

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_CONTROL = [*range(0, 9), *range(14, 32), 127]  # bytes that text files do not hold


def read_at_most(handle: BinaryIO, expected: int, cap: int) -> bytes:
    """Up to ``cap`` bytes; a pipe or a growing file may hold more than its size said."""
    raw = handle.read(expected)  # read(n) reserves n bytes at once: ask for what is there
    if len(raw) < expected:
        return raw
    chunks = [raw]
    total = len(raw)
    while total < cap:
        chunk = handle.read(min(1 << 20, cap - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def read_text(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The file's text, refusing missing, unreadable, oversized, empty and binary files."""
    source = str(path)
    limit = max_bytes
    try:
        if os.path.isdir(path):
            raise fail("document.file_is_directory", source)
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise fail("document.file_too_large", source, size=size, limit=limit)
            raw = read_at_most(handle, min(size, limit) + 1, limit + 1)
    except FileNotFoundError:
        raise fail("document.file_missing", source) from None
    except IsADirectoryError:
        raise fail("document.file_is_directory", source) from None
    except OSError as exc:
        raise fail("document.file_unreadable", source, reason=exc.strerror or str(exc)) from None
    except ValueError as exc:  # e.g. a path with a NUL character
        raise fail("document.file_unreadable", source, reason=str(exc)) from None
    if len(raw) > limit:
        raise fail("document.file_too_large", source, size=f"{limit}+", limit=limit)
    return decode(raw, source)


def decode(raw: bytes, source: str | None = None) -> str:
    """Text of ``raw``: UTF-8 (a BOM is dropped) or UTF-16 with a BOM; binary is refused."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise fail("document.file_encoding", source, at_line=1) from None
    else:
        if b"\x00" in raw[:8192]:
            raise fail("document.file_binary", source)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            head = raw[:8192]
            if sum(head.count(bytes([c])) for c in _CONTROL) > len(head) // 20:
                raise fail("document.file_binary", source) from None
            line = raw.count(b"\n", 0, exc.start) + 1
            raise fail("document.file_encoding", source, line, at_line=line) from None
    if not text.strip():
        raise fail("document.file_empty", source)
    return text


def _create_beside(target: FsPath) -> FsPath:
    """A new, empty, uniquely named file beside ``target``.

    Created with mode 0o666 so that the kernel applies the umask, as for any new file
    (mkstemp would make it 0600, and reading the umask means changing it for every thread).
    """
    for _ in range(100):
        tmp = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return tmp
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target.parent))


def replace_atomically(path: str | os.PathLike[str], write: Callable[[str], object]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it into place,
    so that the file is either the old one or the new one, never half.

    The file keeps the permissions of the one it replaces; a new one gets 0o666 minus
    the umask, as ``open`` would give it.
    """
    target = FsPath(path)
    tmp = _create_beside(target)
    try:
        write(str(tmp))
        with contextlib.suppress(FileNotFoundError):  # a new file keeps the umask's mode
            os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8, LF line ends) so that the file is either the old one or the new one."""

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)

    replace_atomically(path, write)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` so that the file is either the old one or the new one."""

    def write(tmp: str) -> None:
        with open(tmp, "wb") as handle:
            handle.write(data)

    replace_atomically(path, write)
