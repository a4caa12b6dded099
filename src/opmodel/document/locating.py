"""Line and column of the place each problem's path names in YAML or JSON text.

Runs only when a document has problems: it walks the parser's events once, keeping the
position of every node whose path leads to a problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

from opmodel.document.model import OperatingModel
from opmodel.document.parsing import event_loader, resolve_scalar
from opmodel.document.paths import Key, Part, indexed_path
from opmodel.document.problems import DocumentError, Problem


def _key(part: Part) -> str:
    return part.value if isinstance(part, Key) else str(part)


def _positions(text: str, wanted: set[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[int, int]]:
    """Path (parts as text) → (line, column) of every node on the way to a wanted path."""
    found: dict[tuple[str, ...], tuple[int, int]] = {}
    # each frame: [is_mapping, path, next index or pending key (None: expecting a key)]
    stack: list[list[Any]] = []
    loader = event_loader(text)
    try:
        while True:
            event = loader.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                break
            is_node = isinstance(event, yaml.NodeEvent)
            if not is_node and not isinstance(event, yaml.CollectionEndEvent):
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
                path = None
            elif not stack:
                path = ()
            else:
                frame = stack[-1]
                if frame[0] and frame[2] is None:  # a mapping key: remember it, no node
                    value = (resolve_scalar(event.value, event.tag, event.implicit[0])
                             if isinstance(event, yaml.ScalarEvent) else "?")
                    frame[2] = str(value)
                    if isinstance(event, yaml.CollectionStartEvent):
                        stack.append([False, ("\0",), 0])  # a complex key: skip its content
                    continue
                if frame[0]:
                    path, frame[2] = (*frame[1], frame[2]), None
                else:
                    path, frame[2] = (*frame[1], str(frame[2])), frame[2] + 1
            if path is not None:
                if path in wanted:
                    mark = event.start_mark
                    found[path] = (mark.line + 1, mark.column + 1)
                if isinstance(event, yaml.CollectionStartEvent):
                    stack.append([isinstance(event, yaml.MappingStartEvent), path,
                                  None if isinstance(event, yaml.MappingStartEvent) else 0])
    except (yaml.YAMLError, ValueError, OverflowError, TypeError):
        pass  # the text parsed before; keep what was found
    finally:
        loader.dispose()
    return found


def _positional(problems: list[Problem], text: str) -> list[tuple[str, ...]]:
    """Each problem's path by position (as the parser walks the text), parts as text."""
    data: Any = None
    out = []
    for p in problems:
        path = p.at
        if path is None:
            if any(isinstance(part, Key) for part in p.path):
                if data is None:
                    data = _data(text)
                path = indexed_path(data, p.path, OperatingModel)
            else:
                path = p.path
        out.append(tuple(_key(part) for part in path))
    return out


def _data(text: str) -> Any:
    from opmodel.document.parsing import parse_text

    try:
        return parse_text(text, fmt="json" if text.lstrip().startswith("{") else "yaml")
    except DocumentError:
        return {}


def locate(problems: Iterable[Problem], text: str | None) -> list[Problem]:
    """The problems with the line and column of the place each path names.

    A path that goes further than the file (a missing field, a pydantic union tag) is
    placed at the deepest node of the file on its way.
    """
    problems = list(problems)
    if not text or all(p.line is not None for p in problems):
        return problems
    paths = _positional(problems, text)
    wanted = {keys[:n] for keys in paths for n in range(len(keys) + 1)}
    found = _positions(text, wanted)
    located = []
    for p, keys in zip(problems, paths, strict=True):
        if p.line is not None:
            located.append(p)
            continue
        where = next((found[keys[:n]] for n in range(len(keys), -1, -1) if keys[:n] in found),
                     None)
        located.append(p.located(*where) if where else p)
    return located
