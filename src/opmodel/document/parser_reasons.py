"""The YAML and JSON parsers' own reasons (libyaml, PyYAML, the json module) as messages, so
that a syntax error reads in one language from start to end."""

from __future__ import annotations

import re

from opmodel.knowledge.catalog_texts import parser_reasons
from opmodel.knowledge.texts import Message

_NOT_VALID = re.compile(r"^('.*') is not a valid (\w+)$", re.DOTALL)
_QUOTED = re.compile(r"('[^']*'|\"[^\"]*\"|#x[0-9a-fA-F]+)")


def parser_reason(text: str) -> Message:
    """The parser's reason as a message: its English text as given, its Japanese from the
    knowledge base; a reason not there stays in English in both."""
    invalid = _NOT_VALID.match(text)
    if invalid:
        return Message(code="parser.not_valid_as",
                       params={"text": text, "value": invalid.group(1), "kind": invalid.group(2)})
    for reason in parser_reasons():
        if text.startswith(reason.prefix):
            named = _QUOTED.findall(text[len(reason.prefix):])
            return Message(code=reason.code,
                           params={"text": text, "named": f": {' '.join(named)}" if named else ""})
    return Message(code="parser.other", params={"text": text})
