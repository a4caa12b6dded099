"""One path dialect for problems, diffs, change sets and merges, addressing list items by key:
``roadmap.initiatives[itsm-rollout].costs[licences].amount``.

A path is a tuple of parts: a field name (``str``), or a :class:`Key` in brackets: the key of
a list item (an entity's id, the declared key fields of the item joined by '/', a
referenced id), or the key of a mapping. Indices (``int``) appear only in paths on their way
from pydantic or a rule to this dialect, and in lists of plain values (dates, tags), whose
items have no key of their own: there the key is the position.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from opmodel.document.shapes import FieldShape, by_alias, item_key, shapes


@dataclass(frozen=True, slots=True)
class Key:
    """The key of a list item or of a mapping entry, written in brackets."""

    value: str

    def __str__(self) -> str:
        return self.value


Part = str | int | Key
Path = tuple[Part, ...]


def _bracket(text: str) -> str:
    return "[" + text.replace("\\", "\\\\").replace("]", "\\]") + "]"


def format_path(path: Path) -> str:
    """``('roadmap', 'initiatives', Key('a'), 'costs', Key('x'))`` → ``roadmap.initiatives[a].costs[x]``."""
    out = ""
    for part in path:
        if isinstance(part, Key):
            out += _bracket(part.value)
        elif isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


class PathError(ValueError):
    """A path that is not written in the dialect."""


def parse_path(text: str) -> Path:
    """The parts of a path written by :func:`format_path` (every bracket is a :class:`Key`)."""
    parts: list[Part] = []
    i, n = 0, len(text)
    name = ""
    while i < n:
        char = text[i]
        if char == ".":
            if name:
                parts.append(name)
            elif not parts or not isinstance(parts[-1], Key):
                raise PathError(f"empty field name at {i} in {text!r}")
            name = ""
            i += 1
        elif char == "[":
            if name:
                parts.append(name)
                name = ""
            value, i = _read_key(text, i + 1)
            parts.append(Key(value))
        else:
            name += char
            i += 1
    if name:
        parts.append(name)
    elif text.endswith("."):
        raise PathError(f"the path {text!r} ends with a dot")
    return tuple(parts)


def _read_key(text: str, i: int) -> tuple[str, int]:
    value = ""
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            value += text[i + 1]
            i += 2
        elif char == "]":
            return value, i + 1
        else:
            value += char
            i += 1
    raise PathError(f"a bracket is not closed in {text!r}")


# ---------------------------------------------------------------------------------------
# Walking documents (models or their plain data) along paths


def _field(cls: type[BaseModel] | None, part: str) -> FieldShape | None:
    if cls is None:
        return None
    return by_alias(cls).get(part) or shapes(cls).get(part)


def _child(node: Any, shape: FieldShape) -> Any:
    if isinstance(node, BaseModel):
        return getattr(node, shape.name, None)
    if isinstance(node, dict):
        return node.get(shape.alias)
    return None


def _steps(root: Any, path: Path, root_cls: type[BaseModel]
           ) -> Iterator[tuple[Part, Any, FieldShape | None, Any]]:
    """(part, the node it applies to, the field holding that node, the node it leads to)."""
    node: Any = root
    cls: type[BaseModel] | None = root_cls
    holder: FieldShape | None = None  # the field whose value ``node`` is
    in_item = False  # ``node`` is the list or mapping of ``holder`` itself
    for part in path:
        if isinstance(part, str) and not in_item:
            shape = _field(cls, part)
            nxt = _child(node, shape) if shape else None
            yield part, node, None, nxt
            node, holder = nxt, shape
            in_item = shape is not None and shape.container in ("list", "dict")
            cls = shape.model if shape and shape.container == "model" else None
            continue
        # a list item or a mapping entry of ``holder``
        nxt = None
        if isinstance(node, list):
            index = _index(node, part, holder)
            nxt = node[index] if index is not None else None
        elif isinstance(node, dict):
            key = part.value if isinstance(part, Key) else part
            nxt = node.get(key)
            if nxt is None and not isinstance(key, str):
                nxt = node.get(str(key))
            if nxt is None:  # keys that are enum values or dates in the model
                nxt = next((v for k, v in node.items() if _same_key(k, key)), None)
        yield part, node, holder, nxt
        node = nxt
        cls = holder.model if holder else None
        in_item = False


def _same_key(k: Any, key: Any) -> bool:
    return str(getattr(k, "value", k)) == str(key) or (hasattr(k, "isoformat")
                                                         and k.isoformat() == str(key))


def _index(items: list[Any], part: Part, holder: FieldShape | None) -> int | None:
    if isinstance(part, int):
        return part if -len(items) <= part < len(items) else None
    wanted = part.value if isinstance(part, Key) else part
    if holder is not None and holder.keyed_list:
        model = holder.model if holder.ref is None else None
        return next((i for i, item in enumerate(items) if item_key(item, model) == wanted), None)
    return int(wanted) if wanted.isdigit() and int(wanted) < len(items) else None


def keyed_path(root: Any, path: Path, root_cls: type[BaseModel]) -> Path:
    """``path`` with every list index replaced by the key of the item it names.

    ``root`` is a document model or its plain data; where the path leaves what ``root``
    holds, the rest is kept as it is (an index stays an index).
    """
    out: list[Part] = []
    for part, node, holder, nxt in _steps(root, path, root_cls):
        if isinstance(part, int) and isinstance(node, list):
            if nxt is not None and holder is not None and holder.keyed_list:
                model = holder.model if holder.ref is None else None
                key = item_key(nxt, model)
                out.append(Key(key) if key else part)
            else:
                out.append(Key(str(part)) if nxt is not None else part)
        elif isinstance(part, int | str) and holder is not None and isinstance(node, dict):
            out.append(Key(str(part)))
        else:
            out.append(part)
    return (*out, *path[len(out):])


def indexed_path(root: Any, path: Path, root_cls: type[BaseModel]) -> Path:
    """``path`` with every key of a list item replaced by the item's position in ``root``
    (plain data or a model), for placing a problem in the text it came from."""
    out: list[Part] = []
    for part, node, _holder, nxt in _steps(root, path, root_cls):
        if isinstance(part, Key) and isinstance(node, list):
            index = next((i for i, item in enumerate(node) if item is nxt), None)
            out.append(index if index is not None else part)
        elif isinstance(part, Key):
            out.append(part.value)
        else:
            out.append(part)
    return (*out, *path[len(out):])


def resolve(root: Any, path: Path, root_cls: type[BaseModel]) -> Any:
    """The value ``path`` names in ``root`` (a model or plain data); None when absent."""
    node: Any = root
    for _part, _node, _holder, nxt in _steps(root, path, root_cls):
        node = nxt
        if node is None:
            return None
    return node


def field_at(path: Path, root_cls: type[BaseModel]) -> FieldShape | None:
    """The field ``path`` names, or whose list item or mapping entry it names
    (``roadmap.initiatives[a].components`` → the field ``components``); None when the path
    leaves the schema."""
    cls: type[BaseModel] | None = root_cls
    holder: FieldShape | None = None
    in_item = False  # the last part named a list or a mapping: a key may follow
    for part in path:
        if isinstance(part, str) and not in_item:
            holder = _field(cls, part)
            if holder is None:
                return None
            in_item = holder.container in ("list", "dict")
            cls = holder.model if holder.container == "model" else None
        elif in_item and holder is not None:
            cls, in_item = holder.model, False
        else:
            return None
    return holder
