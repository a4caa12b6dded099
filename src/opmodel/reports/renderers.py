"""Which renderer writes which format of the executive report: one entry per format, each
taking the report's contents, the reader's language and the options, returning the file."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from opmodel.reports.contents import RenderError, RenderOptions

if TYPE_CHECKING:
    from opmodel.reports.contents import Report

FORMATS = ("html", "pdf", "pptx", "xlsx")
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8", "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
"""What each format is sent as (a web server's Content-Type)."""


__all__ = ["FORMATS", "MEDIA_TYPES", "RENDERERS", "RenderError", "RenderOptions", "Renderer", "renderer_for"]


Renderer = Callable[["Report", str, RenderOptions], bytes]


def _html(report: Report, lang: str, options: RenderOptions) -> bytes:
    from opmodel.reports.html_report import render_html

    return render_html(report, lang, options)


def _pdf(report: Report, lang: str, options: RenderOptions) -> bytes:
    from opmodel.reports.pdf_report import render_pdf

    return render_pdf(report, lang, options)


def _pptx(report: Report, lang: str, options: RenderOptions) -> bytes:
    from opmodel.reports.pptx_report import render_pptx

    return render_pptx(report, lang, options)


def _xlsx(report: Report, lang: str, options: RenderOptions) -> bytes:
    from opmodel.reports.xlsx_report import render_xlsx

    return render_xlsx(report, lang, options)


# a format is one entry (its module imported when the format is asked for); a format of
# FORMATS without an entry is refused with a message, not an error
RENDERERS: dict[str, Renderer] = {"html": _html, "pdf": _pdf, "pptx": _pptx, "xlsx": _xlsx}


def renderer_for(fmt: str) -> Renderer | None:
    """The renderer of ``fmt``; None when no renderer writes it (yet)."""
    return RENDERERS.get(fmt)
