"""Plain data (dicts, lists, text, numbers) to block-style YAML, many times faster than PyYAML.

Text is written plain only when it cannot be read back as anything else; otherwise it is
double-quoted with JSON's escapes, which YAML reads the same way.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from opmodel.document.parsing import implicit_tag

# Plain only: starts with a letter, digit or one of ./( and holds no character YAML gives
# a meaning to (":", "#", quotes, brackets, "&", "*", "!", "|", ">", "%", "@", "`" ...).
_PLAIN = re.compile(r"[^\W_][\w .,/()+'-]*(?<! )|[./(][\w .,/()+'-]*(?<! )")
# Characters YAML does not allow or reads as line breaks, even inside double quotes.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def scalar(value: Any) -> str:
    """One value as YAML text that reads back as the same value."""
    if isinstance(value, str):
        if _PLAIN.fullmatch(value) and implicit_tag(value) is None:
            return value
        return _UNSAFE.sub(_escape, json.dumps(value, ensure_ascii=False))
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        # YAML 1.1 reads a float only with a dot: 1e+16 must be written 1.0e+16
        return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.texts: dict[str, str] = {}

    def text(self, value: Any) -> str:
        if isinstance(value, str):
            found = self.texts.get(value)
            if found is None:
                found = self.texts[value] = scalar(value)
            return found
        if isinstance(value, dict | list):
            return "{}" if isinstance(value, dict) else "[]"  # only empty ones get here
        return scalar(value)

    def mapping(self, data: dict[Any, Any], indent: str, first: str | None = None) -> None:
        lines = self.lines
        for key, value in data.items():
            prefix, first = (indent if first is None else first), None
            key_text = self.text(key)
            # YAML limits implicit keys to 1024 characters; longer ones need "? key"
            head = (f"{prefix}{key_text}:" if len(key_text) < 1000
                    else f"{prefix}? {key_text}\n{indent}:")
            if value and isinstance(value, dict):
                lines.append(head)
                self.mapping(value, indent + "  ")
            elif value and isinstance(value, list):
                lines.append(head)
                self.sequence(value, indent if len(key_text) < 1000 else indent + "  ")
            else:
                lines.append(f"{head} {self.text(value)}")

    def sequence(self, items: list[Any], indent: str) -> None:
        for item in items:
            if item and isinstance(item, dict):
                self.mapping(item, indent + "  ", first=indent + "- ")
            elif item and isinstance(item, list):
                self.lines.append(f"{indent}-")
                self.sequence(item, indent + "  ")
            else:
                self.lines.append(f"{indent}- {self.text(item)}")


def emit_yaml(data: Any) -> str:
    """Block-style YAML text of ``data``; keys keep their order."""
    writer = _Writer()
    if data and isinstance(data, dict):
        writer.mapping(data, "")
    elif data and isinstance(data, list):
        writer.sequence(data, "")
    else:
        writer.lines.append(writer.text(data))
    return "\n".join(writer.lines) + "\n"
