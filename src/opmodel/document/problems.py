"""Problems found in a document and the error that carries them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """``('roadmap', 'initiatives', 3, 'depends_on', 0)`` → ``roadmap.initiatives[3].depends_on[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a document, at a path, in both languages."""

    path: Path
    message_en: str
    message_ja: str
    hint_en: str = ""
    hint_ja: str = ""
    line: int | None = None
    column: int | None = None

    def message(self, lang: str) -> str:
        """The message in ``lang`` (ja or en)."""
        return self.message_ja if lang == "ja" else self.message_en

    def hint(self, lang: str) -> str:
        """How to fix it, in ``lang``."""
        return self.hint_ja if lang == "ja" else self.hint_en

    def located(self, line: int | None, column: int | None) -> Problem:
        """The same problem with a position in the source file."""
        return Problem(
            self.path, self.message_en, self.message_ja, self.hint_en, self.hint_ja, line, column
        )

    def render(self, lang: str, source: str | None = None) -> str:
        """One line: ``file:line:col: path: message (hint)``."""
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
