"""The executive report as PDF: its HTML page in print style, laid out by WeasyPrint on A4
landscape pages with page numbers. Japanese needs a CJK font installed (fonts-noto-cjk)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from opmodel.reports.html_report import html_page

if TYPE_CHECKING:
    from opmodel.reports.contents import RenderOptions, Report


def _no_fetching(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    """The page links to nothing: any address asked for is refused (no network)."""
    raise ValueError(f"the report fetches nothing: {url}")


def render_pdf(report: Report, lang: str, options: RenderOptions) -> bytes:
    """The report as a PDF file."""
    from weasyprint import HTML

    del options
    # WeasyPrint reports each CSS property it does not know as a warning: not the user's
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(string=html_page(report, lang, media="print"), url_fetcher=_no_fetching)
    pdf: bytes = document.write_pdf()
    return pdf
