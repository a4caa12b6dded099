"""Japanese in the terminal wraps between phrases (``knowledge.phrases``): no word, number or
name is cut in two and no line starts with 、 or 。. Rich alone breaks text at spaces only and
then folds Japanese at any character."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.containers import Lines
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import ConsoleOptions, ConsoleRenderable, JustifyMethod, OverflowMethod
    from rich.measure import Measurement


class PhrasedText(Text):
    """Text that wraps between phrases and asks for no more width than its longest phrase."""

    def wrap(self, console: Console, width: int, *, justify: JustifyMethod | None = None,
             overflow: OverflowMethod | None = None, tab_size: int = 8,
             no_wrap: bool | None = None) -> Lines:
        from opmodel.knowledge.phrases import break_offsets

        if no_wrap or self.no_wrap or overflow == "ignore":
            return super().wrap(console, width, justify=justify, overflow=overflow,
                                tab_size=tab_size, no_wrap=no_wrap)
        lines = Lines()
        for line in self.split(allow_blank=True):
            pieces = line.divide(break_offsets(line.plain, width))
            for piece in pieces:
                piece.rstrip()
            pieces.justify(console, width, justify=justify or self.justify or "default",
                           overflow=overflow or self.overflow or "fold")
            lines.extend(pieces)
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        from opmodel.knowledge.phrases import phrases, width

        lines = self.plain.splitlines() or [""]
        widest = max(width(line) for line in lines)
        longest = max((width(p.rstrip()) for line in lines for p in phrases(line)), default=0)
        return Measurement(min(longest, widest), widest)


def phrased(text: Text) -> Text:
    """``text`` as :class:`PhrasedText` when it holds Japanese, else as it is."""
    from opmodel.knowledge.phrases import has_cjk

    if isinstance(text, PhrasedText) or not has_cjk(text.plain):
        return text
    found = PhrasedText(text.plain, style=text.style, justify=text.justify,
                        overflow=text.overflow, no_wrap=text.no_wrap, end=text.end,
                        tab_size=text.tab_size)
    found._spans = list(text.spans)
    return found


class PhrasingConsole(Console):
    """Rich's console, whose Japanese text (printed, or in a table's cells) wraps between
    phrases."""

    def render_str(self, text: str, **options: Any) -> Text:
        return phrased(super().render_str(text, **options))

    def _collect_renderables(self, *args: Any, **options: Any) -> list[ConsoleRenderable]:
        # printed strings are joined into one plain Text here: make it phrased again
        return [phrased(r) if isinstance(r, Text) else r
                for r in super()._collect_renderables(*args, **options)]
