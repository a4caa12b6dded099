"""What the pages' forms share: a message to show, and a pydantic model's validation errors
as one message per field of the form."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from opmodel.knowledge.texts import Message


def message(code: str, **params: Any) -> Message:
    """The message ``code`` with ``params``, rendered in the page's language."""
    return Message(code=code, params=params)


def field_errors(exc: ValidationError) -> dict[str, Message]:
    """The first problem of each field (pydantic's reason, in either language)."""
    from opmodel.document.messages import validation_problem

    found: dict[str, Message] = {}
    for error in exc.errors():
        problem = validation_problem(error)
        where = str(error["loc"][0]) if error["loc"] else ""
        found.setdefault(where, Message(code=problem.code, params=problem.params))
    return found


def row_issues(issues: list[Any]) -> list[dict[str, Any]]:
    """An import's row issues (or notes) with their message, to show by row and column."""
    return [{"row": i.row, "column": i.column, "value": i.value,
             "message": Message(code=i.code, params=i.params)} for i in issues]
