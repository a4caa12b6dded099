"""The error of a table file that cannot be used, as a message rendered at the edge."""

from __future__ import annotations

from typing import Any

from opmodel.knowledge.texts import Message


class TableError(Exception):
    """A table (or a file beside it: a mapping, a store) cannot be used; says why as a
    :class:`Message`, rendered in the user's language by whoever shows it."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.code)
        self.message = message

    def __str__(self) -> str:
        return self.message.text("en")


def table_error(code: str, **params: Any) -> TableError:
    """A :class:`TableError` of message ``code`` with ``params``."""
    return TableError(Message(code=code, params=params))


def named(error: TableError, name: str) -> TableError:
    """``error`` naming the file ``name`` (an upload's own name rather than where it was
    spooled)."""
    return TableError(error.message.model_copy(
        update={"params": {**error.message.params, "file": name}}))
