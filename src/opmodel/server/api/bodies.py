"""Request bodies read as JSON, with what is wrong located: bytes that are not UTF-8 (a
binary file, CP932 text) by line and byte, broken JSON by line and column."""

from __future__ import annotations

import json
from typing import Any, cast

from django.http import HttpRequest
from ninja.parser import Parser

from opmodel.server.api.errors import Refusal


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


class BodyParser(Parser):
    """ninja's JSON parser, refusing a body with a message that says where and why."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        raw = request.body
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            if b"\x00" in raw[:8192]:
                raise Refusal(422, "api.body_binary") from None
            raise Refusal(422, "api.body_not_utf8", line=_line_of(raw, exc.start),
                          byte=exc.start + 1) from None
        try:
            return cast(dict[str, Any], json.loads(text))
        except RecursionError:
            raise Refusal(422, "api.body_too_deep") from None
        except json.JSONDecodeError as exc:
            code = "api.body_binary" if "\x00" in text[:8192] else "api.body_not_json"
            raise Refusal(422, code, line=exc.lineno, column=exc.colno,
                          reason=exc.msg) from None
