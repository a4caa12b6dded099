"""The error of a file from another tool (an ArchiMate exchange file, Archi's CSV) that cannot
be read: a message naming the file, and the line when it is known."""

from __future__ import annotations

from typing import Any

from opmodel.interop.table_errors import TableError
from opmodel.knowledge.texts import Message


class ExchangeError(TableError):
    """A file to import cannot be used; says why as a :class:`Message` (a table error, so that
    whoever shows table errors shows these too)."""


def exchange_error(code: str, **params: Any) -> ExchangeError:
    """An :class:`ExchangeError` of message ``code`` with ``params``."""
    return ExchangeError(Message(code=code, params=params))
