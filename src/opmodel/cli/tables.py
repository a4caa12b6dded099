"""The one table style of the command line: a left-aligned title, a heavy rule under the
headings, no outer frame, and cells that wrap (Japanese between phrases, by the console of
``cli/wrapping.py``) rather than spread past the terminal's width."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.table import Table


def new_table(title: str | None, *headings: str, **options: Any) -> Table:
    """A table in the house style with these column headings.

    ``options`` go to Rich's ``Table`` (``show_header=False`` for a headless list, say); the
    frame and the rules are not options, so every command's tables look alike.
    """
    from rich import box
    from rich.table import Table

    table = Table(title=title, title_justify="left", box=box.HEAVY_HEAD, show_edge=False,
                  **options)
    for heading in headings:
        table.add_column(heading, overflow="fold")
    return table
