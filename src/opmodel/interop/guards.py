"""Limits on what a table file may make us hold in memory: its own size, what its gzip or zip
(XLSX) packing unpacks to, checked before unpacking, and binary bytes where text belongs.

Each refusal is a :class:`TableError` naming the file; the command line and the server pass
their own limit (OPMODEL_MAX_FILE_SIZE), the same for a file and for what it unpacks to.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import IO

from opmodel.interop.files import DEFAULT_MAX_BYTES, read_at_most
from opmodel.interop.table_errors import TableError, table_error

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
# a worksheet's XML deflates 5 to 20 times; a zip bomb's members, a thousand times and more
MAX_ZIP_RATIO = 100
STEP = 1024 * 1024
RATIO_FROM = 1024 * 1024  # members smaller than this are never refused for their ratio
MAX_ZIP_MEMBERS = 10_000  # a workbook holds a few dozen parts
_CONTROL = bytes([*range(0, 9), *range(14, 32), 127])  # bytes that text files do not hold

__all__ = ["DEFAULT_MAX_BYTES", "check_zip", "gunzip", "read_bounded", "refuse_binary"]


def _mb(size: int) -> str:
    return f"{size / 1_048_576:.1f}"


def too_large(source: str, size: int | str, limit: int) -> TableError:
    """The refusal of a file larger than ``limit`` bytes."""
    shown = _mb(size) if isinstance(size, int) else size
    return table_error("table.too_large", file=source, size=shown, limit=_mb(limit))


def read_bounded(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes as stored, refused when there are more than ``max_bytes`` (checked
    before reading, and again while reading: a pipe or a growing file says no size)."""
    if path.is_dir():  # Windows says "permission denied" for a folder
        raise table_error("table.folder", file=str(path))
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise too_large(str(path), size, max_bytes)
            raw = read_at_most(handle, min(size, max_bytes) + 1, max_bytes + 1)
    except FileNotFoundError:
        raise table_error("table.not_found", file=str(path)) from None
    except IsADirectoryError:
        raise table_error("table.folder", file=str(path)) from None
    except OSError as exc:
        raise table_error("table.unreadable", file=str(path),
                          reason=exc.strerror or str(exc)) from None
    if len(raw) > max_bytes:
        raise too_large(str(path), f"> {_mb(max_bytes)}", max_bytes)
    return raw


def gunzip(raw: bytes, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """``raw`` unpacked when it is gzip (every member), else itself; refused as soon as it
    unpacks to more than ``max_bytes``, so that a gzip bomb never fills memory."""
    if not raw.startswith(GZIP_MAGIC):
        return raw
    parts: list[bytes] = []
    total = 0
    rest = raw
    try:
        while rest:
            unpacker = zlib.decompressobj(wbits=31)
            data = rest
            while not unpacker.eof:
                # a megabyte at a time: zlib would otherwise hold a large answer twice
                part = unpacker.decompress(data, min(STEP, max_bytes + 1 - total))
                total += len(part)
                if total > max_bytes:
                    raise table_error("table.unpacked_too_large", file=source,
                                      limit=_mb(max_bytes))
                parts.append(part)
                data = unpacker.unconsumed_tail
                if not part and not data:
                    break  # the input ended before the gzip stream did
            if not unpacker.eof:
                raise table_error("table.bad_gzip", file=source, reason="truncated")
            rest = unpacker.unused_data
            if rest and not rest.startswith(GZIP_MAGIC):
                break  # padding after the last member, as some tools write
    except zlib.error as exc:
        raise table_error("table.bad_gzip", file=source, reason=str(exc)) from None
    return b"".join(parts)


def check_zip(path: Path | IO[bytes], source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse a zip (an XLSX workbook) from its directory alone, before anything is
    inflated: more than ``max_bytes`` unpacked in all, a member packed more than
    ``MAX_ZIP_RATIO`` times, or too many members. Python's zipfile never inflates a member
    beyond the size its directory declares, so these figures bound what reading costs."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except FileNotFoundError:
        raise table_error("table.not_found", file=source) from None
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise table_error("table.bad_xlsx", file=source, reason=str(exc)) from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise table_error("table.zip_members", file=source, members=len(members),
                          limit=MAX_ZIP_MEMBERS)
    total = sum(m.file_size for m in members)
    if total > max_bytes:
        raise table_error("table.unpacked_too_large", file=source, limit=_mb(max_bytes))
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= RATIO_FROM and ratio > MAX_ZIP_RATIO:
            raise table_error("table.zip_ratio", file=source, member=member.filename,
                              ratio=int(ratio), limit=MAX_ZIP_RATIO)


def refuse_binary(head: bytes, source: str) -> None:
    """Refuse bytes that are not text: a NUL, or more than one byte in twenty a control
    character (a workbook, an image, an archive given where a CSV or JSON file belongs)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 text: its NULs are half of its characters
    sample = head[:8192]
    controls = sum(sample.count(bytes([c])) for c in _CONTROL)
    if b"\x00" in sample or controls > len(sample) // 20:
        code = "table.zip_as_text" if sample.startswith(ZIP_MAGIC) else "table.binary"
        raise table_error(code, file=source)
