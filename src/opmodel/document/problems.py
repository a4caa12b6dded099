"""Problems found in a document, and the error that carries them.

A problem is a message code with its parameters, at a path; its text in either language
comes from the message catalogue (``opmodel.knowledge.texts``) when it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from opmodel.document.paths import Path, format_path
from opmodel.knowledge.texts import render, render_hint

__all__ = ["DocumentError", "Path", "Problem", "format_path"]

@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a document: a message code and its parameters, at a path."""

    path: Path
    code: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)
    line: int | None = None
    column: int | None = None
    at: Path | None = field(default=None, compare=False)  # by position, to place it in a file

    def message(self, lang: str) -> str:
        """What is wrong, in ``lang`` (ja or en)."""
        return render(self.code, self.params, lang)

    def hint(self, lang: str) -> str:
        """How to fix it, in ``lang``."""
        return render_hint(self.code, self.params, lang)

    def located(self, line: int | None, column: int | None) -> Problem:
        """The same problem with a position in the source file."""
        return replace(self, line=line, column=column)

    def keyed(self, root: Any) -> Problem:
        """The same problem with list items named by key in its path (``root``: the model
        or the plain data the path runs through); the positions are kept to locate it."""
        from opmodel.document.model import OperatingModel
        from opmodel.document.paths import keyed_path

        path = keyed_path(root, self.path, OperatingModel)
        return replace(self, path=path, at=self.at or self.path)

    def render(self, lang: str, source: str | None = None) -> str:
        """One line: ``file:line:col: path: message — hint``."""
        parts = [source] if source else []
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        where = ":".join(parts)
        head = f"{where}: " if where else ""
        loc = format_path(self.path)
        body = f"{loc}: {self.message(lang)}" if loc else self.message(lang)
        hint = self.hint(lang)
        return f"{head}{body}" + (f" — {hint}" if hint else "")

    def as_data(self) -> dict[str, Any]:
        """The problem as plain data: path, line, column, code and parameters."""
        from pydantic_core import to_jsonable_python

        return {"path": format_path(self.path), "line": self.line, "column": self.column,
                "code": self.code, "params": to_jsonable_python(self.params)}


@dataclass
class DocumentError(Exception):
    """A document could not be read or is not valid; carries every problem found."""

    problems: Sequence[Problem]
    source: str | None = None
    language: str | None = field(default=None)

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: str) -> str:
        """All problems, one per line, in ``lang``."""
        return "\n".join(p.render(lang, self.source) for p in self.problems)
