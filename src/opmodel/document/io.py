"""Reading and writing documents as YAML or JSON, safely, with located errors.

The fast path parses with libyaml and validates with pydantic; only when something is
wrong is the file composed again to find the line and column of each problem.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path as FsPath
from typing import Any

import yaml
from pydantic import ValidationError

from opmodel.document.checks import check_document
from opmodel.document.messages import problem, validation_problem
from opmodel.document.model import OperatingModel
from opmodel.document.problems import DocumentError, Path, Problem

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 100
MAX_ALIAS_NODES = 1_000_000

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def max_bytes_default() -> int:
    """The size limit: OPMODEL_MAX_FILE_SIZE (bytes) if set, else 50 MB."""
    raw = os.environ.get("OPMODEL_MAX_FILE_SIZE", "")
    return int(raw) if raw.isdigit() else DEFAULT_MAX_BYTES


def _fail(code: str, source: str | None, line: int | None = None, column: int | None = None,
          **params: Any) -> DocumentError:
    return DocumentError([problem(code, (), **params).located(line, column)], source)


def read_text(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> str:
    """The file's text, refusing missing, unreadable, oversized, empty and binary files."""
    source = str(path)
    limit = max_bytes_default() if max_bytes is None else max_bytes
    try:
        size = os.stat(path).st_size
        if size > limit:
            raise _fail("file_too_large", source, size=size, limit=limit)
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise _fail("file_missing", source) from None
    except IsADirectoryError:
        raise _fail("file_unreadable", source, reason="it is a directory") from None
    except OSError as exc:
        raise _fail("file_unreadable", source, reason=exc.strerror or str(exc)) from None
    if len(raw) > limit:
        raise _fail("file_too_large", source, size=len(raw), limit=limit)
    return decode(raw, source)


def decode(raw: bytes, source: str | None = None) -> str:
    """UTF-8 text of ``raw`` (a BOM is dropped); binary data is refused."""
    if b"\x00" in raw[:65536]:
        raise _fail("file_binary", source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _fail("file_binary", source) from None
    if not text.strip():
        raise _fail("file_empty", source)
    return text


def _might_be_deep(text: str) -> bool:
    # Cheap bound: block nesting needs indentation (or "- " runs); flow nesting needs brackets.
    if text.count("[") + text.count("{") > MAX_DEPTH:
        return True
    longest = 0
    for line in text.splitlines():
        stripped = line.lstrip(" -")
        longest = max(longest, len(line) - len(stripped))
    return longest > MAX_DEPTH


def _where(event: Any) -> tuple[int | None, int | None]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


def _scan_events(text: str, source: str | None) -> None:
    """Refuse documents nested too deeply or whose aliases expand too far."""
    depth = 0
    stack: list[list[Any]] = [[0, None]]
    anchors: dict[str, int] = {}
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _fail("too_deep", source, *_where(event), limit=MAX_DEPTH)
            stack.append([1, event.anchor])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            size, anchor = stack.pop()
            if anchor:
                anchors[anchor] = size
            stack[-1][0] += size
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                anchors[event.anchor] = 1
            stack[-1][0] += 1
        elif isinstance(event, yaml.AliasEvent):
            stack[-1][0] += anchors.get(event.anchor or "", 1)
        if stack[-1][0] > MAX_ALIAS_NODES and anchors:
            raise _fail("alias_bomb", source, *_where(event), limit=MAX_ALIAS_NODES)


def parse_text(text: str, source: str | None = None, fmt: str = "yaml") -> Any:
    """Plain data from YAML or JSON text, with syntax errors located."""
    if fmt == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise _fail("syntax_json", source, exc.lineno, exc.colno, reason=exc.msg) from None
        except RecursionError:
            raise _fail("too_deep", source, limit=MAX_DEPTH) from None
    try:
        if "&" in text or _might_be_deep(text):
            _scan_events(text, source)
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "expected a single document" in str(exc.problem):
            raise _fail("multiple_documents", source, mark.line + 1 if mark else None) from None
        reason = exc.problem or str(exc)
        raise _fail("syntax_yaml", source, mark.line + 1 if mark else None,
                    mark.column + 1 if mark else None, reason=reason) from None
    except yaml.YAMLError as exc:
        raise _fail("syntax_yaml", source, reason=str(exc)) from None
    except RecursionError:
        raise _fail("too_deep", source, limit=MAX_DEPTH) from None


def _node_at(root: Any, path: Path) -> Any:
    node = root
    for part in path:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == str(part):
                    nxt = value
                    break
        elif (isinstance(node, yaml.SequenceNode) and isinstance(part, int)
              and 0 <= part < len(node.value)):
            nxt = node.value[part]
        if nxt is None:
            if isinstance(node, yaml.MappingNode) or not isinstance(part, str):
                return node
            continue  # a pydantic tag such as a union member name: stay on this node
        node = nxt
    return node


def locate(problems: Iterable[Problem], text: str | None) -> list[Problem]:
    """The problems with the line and column of the place each path names."""
    problems = list(problems)
    if not text:
        return problems
    try:
        root = yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError):
        return problems
    located = []
    for p in problems:
        node = _node_at(root, p.path) if root is not None else None
        if node is None or p.line is not None:
            located.append(p)
        else:
            located.append(p.located(node.start_mark.line + 1, node.start_mark.column + 1))
    return located


def document_language(data: Any) -> str | None:
    """The language the document declares in metadata.language, if any."""
    if isinstance(data, dict):
        meta = data.get("metadata")
        if isinstance(meta, dict) and meta.get("language") in ("ja", "en"):
            return str(meta["language"])
    return None


def validate_data(data: Any, *, text: str | None = None, source: str | None = None
                  ) -> OperatingModel:
    """An :class:`OperatingModel` from plain data, or a DocumentError naming every problem."""
    lang = document_language(data)
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "nothing"
        raise DocumentError([problem("not_a_mapping", (), kind=kind)], source, lang)
    try:
        model = OperatingModel.model_validate(data)
    except ValidationError as exc:
        found = [validation_problem(e) for e in exc.errors(include_url=False)]
        raise DocumentError(locate(found, text), source, lang) from None
    found = check_document(model)
    if found:
        raise DocumentError(locate(found, text), source, lang)
    return model


def format_of(path: str | os.PathLike[str]) -> str:
    """``json`` for .json files, else ``yaml``."""
    return "json" if str(path).lower().endswith(".json") else "yaml"


def loads(text: str, *, source: str | None = None, fmt: str = "yaml") -> OperatingModel:
    """An :class:`OperatingModel` from YAML or JSON text."""
    if not text.strip():
        raise _fail("file_empty", source)
    return validate_data(parse_text(text, source, fmt), text=text, source=source)


def load(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> OperatingModel:
    """Read and validate a document from a YAML or JSON file."""
    text = read_text(path, max_bytes=max_bytes)
    return loads(text, source=str(path), fmt=format_of(path))


def dumps(model: OperatingModel, fmt: str = "yaml") -> str:
    """The document as YAML or JSON text, keys in document order."""
    data = model.dump_data()
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    text: str = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                          default_flow_style=False, width=100)
    return text


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` so that the file is either the old one or the new one, never half."""
    target = FsPath(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        FsPath(tmp).unlink(missing_ok=True)
        raise


def dump(model: OperatingModel, path: str | os.PathLike[str]) -> None:
    """Write the document to ``path`` as YAML, or JSON when the name ends in .json."""
    write_text_atomic(path, dumps(model, format_of(path)))
