"""Problems from message codes, and from pydantic's validation errors.

The texts are data (``knowledge/data/messages``): document rules raise ``document.*``
codes, refused values ``validation.*`` codes named after pydantic's error types.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from opmodel.document.problems import Path, Problem
from opmodel.knowledge.texts import Message, messages_catalog


def problem(code: str, path: Path, **params: Any) -> Problem:
    """A :class:`Problem` of message ``code`` at ``path`` with ``params``."""
    return Problem(path, code, params)


def type_name(value: Any) -> str:
    """What kind of value this is, as a ``value_type`` label: str, int, list, none ..."""
    name = type(value).__name__.lower()
    return "none" if name == "nonetype" else name


def nearest_ids(wrong: str, ids: Iterable[str], limit: int = 5) -> str | Message:
    """Known ids for a message about ``wrong``: the most similar first (a typo's fix leads),
    then the others in their order, at most ``limit``, "…" when there are more."""
    others = [i for i in dict.fromkeys(ids) if i != wrong]
    if not others:
        return Message(code="common.none_yet")
    close = difflib.get_close_matches(wrong, others, n=limit, cutoff=0.6)
    shown = close + [i for i in others if i not in close][:limit - len(close)]
    return ", ".join(shown) + (" …" if len(others) > limit else "")


_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def validation_problem(error: Any) -> Problem:
    """A :class:`Problem` from one pydantic error dict."""
    loc = tuple(error.get("loc", ()))
    kind = error.get("type", "")
    value = error.get("input")
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    params: dict[str, Any] = {k: (v if isinstance(v, int | float | str | bool) or v is None
                                  else str(v))
                              for k, v in (error.get("ctx") or {}).items()}
    params.update(field=field, input=_short(value), input_type=type_name(value))
    code = f"validation.{kind}"
    if kind == "extra_forbidden" and value is None and not _FIELD_NAME.match(field):
        # `{name: 1,100 名の操作研修}`: the comma ended the value, its rest became a key
        code = "validation.extra_forbidden_comma"
    if code in messages_catalog():
        return Problem(loc, code, params)
    return Problem(loc, "validation.other", {"msg": str(error.get("msg", kind))})
