"""The executive report as a PowerPoint deck: a title slide, then per section its key figures
and sentences, a slide per chart (native charts, editable in PowerPoint) and per table.

The default deck is 16:9 with a Japanese font that Windows and Office carry (Meiryo) beside
a latin one; with the user's own template, its slide layouts and fonts are used and its
sample slides left out."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opmodel.reports.report_texts import (
    column_title,
    figure_text,
    more_text,
    report_title,
    section_title,
    show,
    title,
)

if TYPE_CHECKING:
    from opmodel.reports.contents import RenderOptions, Report, ReportSection, ReportTable

LATIN, EAST_ASIAN = "Segoe UI", "Meiryo"
ROWS_PER_SLIDE = 12
WIDE = (12192000, 6858000)  # 16:9 (13.333 × 7.5 in) in EMU


class _Deck:
    """A presentation being filled, with the layouts to use and whether to set fonts."""

    def __init__(self, template: Path | None) -> None:
        from pptx import Presentation

        self.own_fonts = template is not None
        self.deck = Presentation(str(template)) if template is not None else Presentation()
        if template is None:
            from pptx.util import Emu

            self.deck.slide_width, self.deck.slide_height = Emu(WIDE[0]), Emu(WIDE[1])
        else:
            _drop_slides(self.deck)
        layouts = list(self.deck.slide_layouts)
        self.title_layout = layouts[0]
        self.content_layout = _titled_layout(layouts)

    def slide(self, heading: str, first: bool = False) -> Any:
        found = self.deck.slides.add_slide(self.title_layout if first else self.content_layout)
        if found.shapes.title is not None:
            found.shapes.title.text = heading
            self._fonts(found.shapes.title.text_frame, 28 if first else 24, bold=True)
        else:
            box = found.shapes.add_textbox(*self.area(top=0.03, height=0.12))
            box.text_frame.text = heading
            self._fonts(box.text_frame, 24, bold=True)
        return found

    def area(self, top: float = 0.18, height: float = 0.76) -> tuple[int, int, int, int]:
        """A box of the slide: left and right margins of 5 %, from ``top`` for ``height``."""
        w, h = int(self.deck.slide_width or WIDE[0]), int(self.deck.slide_height or WIDE[1])
        return int(w * 0.05), int(h * top), int(w * 0.9), int(h * height)

    def _fonts(self, frame: Any, size: int, bold: bool = False) -> None:
        if self.own_fonts:
            return
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                set_font(run, size, bold)

    def text(self, slide: Any, lines: list[str], top: float = 0.18,
             height: float = 0.76) -> None:
        from pptx.util import Pt

        box = slide.shapes.add_textbox(*self.area(top, height))
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.text = line
            paragraph.space_after = Pt(6)
        self._fonts(frame, 16)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.deck.save(out)
        return out.getvalue()


def set_font(run: Any, size: int, bold: bool = False) -> None:
    """A run in the deck's fonts: latin and East Asian typefaces, size in points."""
    from pptx.util import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = LATIN
    props = run.font._rPr  # python-pptx sets only the latin typeface
    for tag in ("a:ea", "a:cs"):
        found = props.find(f"{{http://schemas.openxmlformats.org/drawingml/2006/main}}{tag[2:]}")
        if found is None:
            found = props.makeelement(
                f"{{http://schemas.openxmlformats.org/drawingml/2006/main}}{tag[2:]}", {})
            props.append(found)
        found.set("typeface", EAST_ASIAN)


def _titled_layout(layouts: list[Any]) -> Any:
    """The layout with a title and the fewest other placeholders ("Title Only")."""
    titled = [layout for layout in layouts
              if any(p.placeholder_format.type in (1, 3) for p in layout.placeholders)]
    return min(titled or layouts, key=lambda layout: len(layout.placeholders))


def _drop_slides(deck: Any) -> None:
    """Leave out a template's own slides; its layouts and master stay."""
    listed = deck.slides._sldIdLst
    for entry in list(listed):
        deck.part.drop_rel(entry.rId)
        listed.remove(entry)


def _table(deck: _Deck, slide: Any, table: ReportTable, rows: list[list[Any]], lang: str,
           currency: str) -> None:
    from pptx.util import Pt

    box = deck.area()
    shape = slide.shapes.add_table(len(rows) + 1, len(table.columns), box[0], box[1], box[2],
                                   min(box[3], int(Pt(22)) * (len(rows) + 1)))
    grid = shape.table
    for j, column in enumerate(table.columns):
        grid.cell(0, j).text = column_title(column, lang, currency)
    for i, row in enumerate(rows, start=1):
        for j, (cell, column) in enumerate(zip(row, table.columns, strict=False)):
            grid.cell(i, j).text = show(cell, column.format, lang, currency)
    for i in range(len(rows) + 1):
        for j in range(len(table.columns)):
            deck._fonts(grid.cell(i, j).text_frame, 11, bold=i == 0)


def _section(deck: _Deck, section: ReportSection, lang: str, currency: str) -> None:
    from opmodel.reports.pptx_charts import add_chart

    heading = section_title(section.key, lang)
    lines = [f"{title('report_figure', f.key, lang)}: {figure_text(f, lang, currency)}"
             for f in section.figures]
    lines += [show(n, "text", lang, currency) for n in section.notes]
    if lines:
        deck.text(deck.slide(heading), lines)
    for chart in section.charts:
        slide = deck.slide(f"{heading} — {title('report_chart', chart.key, lang)}")
        add_chart(slide, chart, lang, currency, deck.area())
    for table in section.tables:
        name = f"{heading} — {title('report_table', table.key, lang)}"
        pages = [table.rows[i:i + ROWS_PER_SLIDE]
                 for i in range(0, len(table.rows), ROWS_PER_SLIDE)] or [[]]
        for n, rows in enumerate(pages):
            slide = deck.slide(name if n == 0 else f"{name} ({n + 1})")
            _table(deck, slide, table, rows, lang, currency)
        if table.more:
            deck.text(slide, [more_text(table.more, lang)], top=0.9, height=0.06)


def render_pptx(report: Report, lang: str, options: RenderOptions) -> bytes:
    """The report as a .pptx deck in ``lang``, on the user's template when one is given;
    a template that is no usable .pptx is a :class:`RenderError` naming it."""
    deck = _open(options.template)
    cover = deck.slide(report_title(report, lang), first=True)
    subtitle = [report.organisation or "", show(report.state, "text", lang, report.currency),
                show(report.as_of, "date", lang, report.currency)]
    placeholders = [p for p in cover.placeholders if p.placeholder_format.idx == 1]
    if placeholders:
        placeholders[0].text = " · ".join(s for s in subtitle if s)
        deck._fonts(placeholders[0].text_frame, 18)
    else:
        deck.text(cover, [s for s in subtitle if s], top=0.6, height=0.25)
    for section in report.sections:
        _section(deck, section, lang, report.currency)
    return deck.save()


def _open(template: Path | None) -> _Deck:
    from opmodel.reports.contents import RenderError

    if template is None:
        return _Deck(None)
    if not template.is_file():
        raise RenderError("report.template_missing", file=str(template))
    try:
        return _Deck(template)
    except Exception as exc:  # python-pptx raises many kinds for a file that is no deck
        raise RenderError("report.bad_template", file=str(template),
                          reason=str(exc) or type(exc).__name__) from None


__all__ = ["render_pptx", "set_font"]
