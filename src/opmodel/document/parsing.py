"""YAML and JSON text to plain data, safely: bounded depth and alias expansion, located errors.

YAML is built straight from libyaml's event stream, without PyYAML's node graph: this is
faster than ``yaml.load`` with the C loader, keeps memory near the size of the data, and lets
depth, alias expansion and duplicate keys be checked while building.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import yaml

from opmodel.document.messages import problem
from opmodel.document.parser_reasons import parser_reason
from opmodel.document.problems import DocumentError

MAX_DEPTH = 100
MAX_ALIAS_NODES = 100_000

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_YAML_TAG + t for t in
                         ("str", "int", "float", "bool", "null", "timestamp", "binary"))
_SEQ, _MAP = 0, 1
_MERGE = object()  # stands for the YAML merge key "<<" until its mapping ends


def fail(code: str, source: str | None, line: int | None = None, column: int | None = None,
         **params: Any) -> DocumentError:
    """A DocumentError with one problem at the top of the document."""
    return DocumentError([problem(code, (), **params).located(line, column)], source)


def _at(mark: Any) -> tuple[int | None, int | None]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


@cache
def _constructor() -> Any:
    return yaml.SafeLoader("")


@cache
def _resolvers() -> dict[str, list[tuple[str, Any]]]:
    table: dict[str, list[tuple[str, Any]]] = _Loader.yaml_implicit_resolvers
    return table


def implicit_tag(value: str) -> str | None:
    """The tag YAML 1.1 gives ``value`` written plain (int, bool, null ...), None for text."""
    for candidate, regexp in _resolvers().get(value[:1], ()):
        if regexp.match(value):
            return candidate
    return None


def resolve_scalar(value: str, tag: str | None, plain: bool) -> Any:
    """The Python value of one scalar, with YAML 1.1 implicit typing as PyYAML's SafeLoader."""
    if tag is None or tag == "!":
        if not plain:
            return value
        tag = implicit_tag(value)
        if tag is None:
            return _full_width_number(value)
        if tag == _YAML_TAG + "timestamp" and not _real_timestamp(value):
            return value  # 2027-02-30: the schema says the day does not exist, at its path
    if tag == _YAML_TAG + "str":
        return value
    if tag == _YAML_TAG + "null":
        return None
    if tag == _YAML_TAG + "merge":
        return _MERGE
    if tag == _YAML_TAG + "int" and value.isdigit() and (value[0] != "0" or value == "0"):
        return int(value)
    if tag not in _SCALAR_TAGS:
        return value if tag == _YAML_TAG + "value" else _unsupported(tag)
    constructor = _constructor()
    try:
        return constructor.yaml_constructors[tag](constructor, yaml.ScalarNode(tag, value))
    except Exception:  # PyYAML's constructors fail in many ways on odd explicit tags
        raise ValueError(f"'{value}' is not a valid {tag.removeprefix(_YAML_TAG)}") from None


def _real_timestamp(value: str) -> bool:
    try:
        _constructor().construct_yaml_timestamp(yaml.ScalarNode(_YAML_TAG + "timestamp", value))
    except ValueError:
        return False
    return True


def _full_width_number(value: str) -> Any:
    """１２ or －３．５ written with full-width digits (a Japanese input method's default) is
    the number it shows; any other text stays text."""
    if not any("\uff10" <= ch <= "\uff19" for ch in value):
        return value
    import unicodedata

    narrow = unicodedata.normalize("NFKC", value)
    tag = implicit_tag(narrow)
    if tag in (_YAML_TAG + "int", _YAML_TAG + "float"):
        return resolve_scalar(narrow, None, True)
    return value


def full_width_values(text: str) -> list[tuple[int, int, str, str]]:
    """Plain values written with full-width digits (１２, ２０２７／０４／０１) that are read as
    numbers or dates: (line, column, as written, as read), for a note to the user."""
    import unicodedata

    found: list[tuple[int, int, str, str]] = []
    loader = event_loader(text)
    try:
        while (event := loader.get_event()) is not None:
            value: Any = getattr(event, "value", None)
            if not isinstance(event, yaml.ScalarEvent) or not event.implicit[0] \
                    or not isinstance(value, str) \
                    or not any("\uff10" <= ch <= "\uff19" for ch in value):
                continue
            narrow = unicodedata.normalize("NFKC", value)
            mark: Any = event.start_mark
            if implicit_tag(narrow) in (_YAML_TAG + "int", _YAML_TAG + "float") \
                    or re.match(r"^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*$", narrow):
                found.append((mark.line + 1, mark.column + 1, value, narrow))
    except yaml.YAMLError:
        pass  # the loader has reported the syntax already
    finally:
        loader.dispose()
    return found


def event_loader(text: str) -> Any:
    """A libyaml (or pure-Python) parser over ``text``; call ``get_event`` and ``dispose``."""
    return _Loader(text)


def _unsupported(tag: str) -> Any:
    raise ValueError(f"unsupported tag {tag}")


class _Frame:
    __slots__ = ("anchor", "container", "key", "key_mark", "kind", "merges", "size")

    def __init__(self, kind: int, container: Any, anchor: str | None) -> None:
        self.kind, self.container, self.anchor = kind, container, anchor
        self.key: Any = _Frame  # _Frame itself means "expecting a key"
        self.key_mark: Any = None
        self.merges: list[Any] | None = None
        self.size = 1


def _merge(frame: _Frame, value: Any, mark: Any, source: str | None) -> None:
    sources = value if isinstance(value, list) else [value]
    if not all(isinstance(s, dict) for s in sources):
        raise fail("document.syntax_yaml", source, *_at(mark), reason=parser_reason("'<<' must merge mappings"))
    frame.merges = [*sources, *(frame.merges or [])]


def _finish_mapping(frame: _Frame) -> dict[Any, Any]:
    own: dict[Any, Any] = frame.container
    if not frame.merges:
        return own
    merged: dict[Any, Any] = {}
    for src in reversed(frame.merges):  # earlier sources win, own keys win over all
        merged.update(src)
    merged.update(own)
    return merged


def parse_yaml(text: str, source: str | None = None) -> Any:
    """Plain data from YAML text; one document; depth, aliases and keys checked."""
    loader = event_loader(text)
    get_event = loader.get_event
    scalar_cls, alias_cls = yaml.ScalarEvent, yaml.AliasEvent
    seq_cls, map_cls = yaml.SequenceStartEvent, yaml.MappingStartEvent
    end_classes = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}
    cache_: dict[str, Any] = {}
    expanded = 0
    root: Any = None
    documents = 0
    event: Any = None
    try:
        while True:
            event = get_event()
            cls = event.__class__
            if cls is scalar_cls:
                value = event.value
                plain = event.implicit[0]
                if plain and event.tag is None:
                    try:
                        node = cache_[value]
                    except KeyError:
                        node = cache_[value] = resolve_scalar(value, None, True)
                else:
                    node = resolve_scalar(value, event.tag, plain)
                size = 1
                if event.anchor:
                    anchors[event.anchor] = (node, 1)
            elif cls is alias_cls:
                if event.anchor not in anchors:
                    raise fail("document.syntax_yaml", source, *_at(event.start_mark),
                               reason=parser_reason(f"undefined alias '{event.anchor}'"))
                node, size = anchors[event.anchor]
                expanded += size
                if expanded > MAX_ALIAS_NODES:
                    raise fail("document.alias_bomb", source, *_at(event.start_mark),
                               limit=MAX_ALIAS_NODES)
            elif cls is map_cls or cls is seq_cls:
                if len(stack) >= MAX_DEPTH:
                    raise fail("document.too_deep", source, *_at(event.start_mark), limit=MAX_DEPTH)
                tag = event.tag
                if tag is not None and tag != "!" and tag not in (_YAML_TAG + "map",
                                                                  _YAML_TAG + "seq"):
                    raise ValueError(f"unsupported tag {tag}")
                kind = _MAP if cls is map_cls else _SEQ
                stack.append(_Frame(kind, {} if kind == _MAP else [], event.anchor))
                continue
            elif isinstance(event, end_classes):
                frame = stack.pop()
                node = _finish_mapping(frame) if frame.kind == _MAP else frame.container
                size = frame.size
                if frame.anchor:
                    anchors[frame.anchor] = (node, size)
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise fail("document.multiple_documents", source, *_at(event.start_mark))
                continue
            elif isinstance(event, yaml.StreamEndEvent):
                return root
            else:
                continue
            parent = stack[-1] if stack else None
            if node is _MERGE and (parent is None or parent.key is not _Frame):
                node = "<<"  # the merge key is only special as a key
            if parent is None:
                root = node
                continue
            parent.size += size
            if parent.kind == _SEQ:
                parent.container.append(node)
            elif parent.key is _Frame:
                parent.key, parent.key_mark = node, event.start_mark
            else:
                key, parent.key = parent.key, _Frame
                if key is _MERGE:
                    _merge(parent, node, parent.key_mark, source)
                elif key in parent.container:
                    raise fail("document.duplicate_key", source, *_at(parent.key_mark), key=key)
                else:
                    parent.container[key] = node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "maximum nesting depth" in str(exc.problem):  # libyaml's own limit, above ours
            # libyaml stops deeper than our limit: point at where the limit is passed
            deep_at = _json_too_deep(text)
            place = _line_column(text, deep_at) if deep_at is not None else _at(mark)
            raise fail("document.too_deep", source, *place, limit=MAX_DEPTH) from None
        raise fail("document.syntax_yaml", source, *_at(mark), reason=parser_reason(exc.problem or str(exc))) from None
    except yaml.reader.ReaderError as exc:
        raise fail("document.syntax_yaml", source, *_line_column(text, exc.position),
                   reason=parser_reason(exc.reason)) from None
    except yaml.YAMLError as exc:
        raise fail("document.syntax_yaml", source, *_at(getattr(event, "start_mark", None)),
                   reason=parser_reason(str(exc))) from None
    except TypeError:  # a sequence or mapping used as a mapping key
        raise fail("document.syntax_yaml", source, *_at(stack[-1].key_mark if stack else None),
                   reason=parser_reason("a mapping key must be a plain value")) from None
    except (ValueError, OverflowError) as exc:  # bad dates, huge numbers, unknown tags
        raise fail("document.syntax_yaml", source, *_at(getattr(event, "start_mark", None)),
                   reason=parser_reason(str(exc))) from None
    finally:
        loader.dispose()


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _json_too_deep(text: str) -> int | None:
    """The offset where JSON nesting first exceeds MAX_DEPTH, if it does."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        char = match.group()[0]
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif char in "]}":
            depth -= 1
    return None


class _DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


_COLON = re.compile(r"\s*:")


def _duplicate_key_at(text: str, key: str) -> int | None:
    """The offset where ``key`` first repeats within one JSON object."""
    stack: list[set[str] | None] = []  # one set of keys per open object, None per array
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            stack.append(set() if token == "{" else None)
        elif token in "]}":
            if stack:
                stack.pop()
        elif stack and stack[-1] is not None and _COLON.match(text, match.end()):
            name = json.loads(token)
            if name == key and name in stack[-1]:
                return match.start()
            stack[-1].add(name)
    return None


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return (text.count("\n", 0, offset) + 1,
            offset - (text.rfind("\n", 0, offset) + 1) + 1)


def parse_json(text: str, source: str | None = None) -> Any:
    """Plain data from JSON text, with syntax errors located."""
    deep_at = _json_too_deep(text)
    if deep_at is not None:
        raise fail("document.too_deep", source, *_line_column(text, deep_at), limit=MAX_DEPTH)
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except _DuplicateKey as exc:
        at = _duplicate_key_at(text, exc.args[0])
        place = _line_column(text, at) if at is not None else (None, None)
        raise fail("document.duplicate_key", source, *place, key=exc.args[0]) from None
    except json.JSONDecodeError as exc:
        # at the very end: the text stops before the JSON is complete (a cut-off file)
        reason = ("the file ends before the JSON is complete"
                  if text.strip() and exc.pos >= len(text.rstrip())
                  else exc.msg)
        raise fail("document.syntax_json", source, exc.lineno, exc.colno,
                   reason=parser_reason(reason)) from None
    except RecursionError:
        raise fail("document.too_deep", source, limit=MAX_DEPTH) from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise fail("document.syntax_json", source, reason=parser_reason(str(exc))) from None


def parse_text(text: str, source: str | None = None, fmt: str = "yaml") -> Any:
    """Plain data from YAML or JSON text."""
    return parse_json(text, source) if fmt == "json" else parse_yaml(text, source)
