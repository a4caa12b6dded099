"""The report as PDF, read back: the Japanese (or English) text found, a sensible number of
pages, nothing wider than the page, key figures never broken across lines; its pages as PNG
images under test-artifacts/report/ to look at."""

from __future__ import annotations

import io
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from opmodel.reports.pdf_report import render_pdf
from opmodel.reports.renderers import RenderOptions
from opmodel.reports.report_texts import figure_text, section_title
from support.reports import EXAMPLES, ROOT, bare_report, example_id, example_report

MARGIN = 14 / 25.4 * 72  # the page's side margin (14 mm) in points
ARTIFACTS = ROOT / "test-artifacts" / "report"


@cache
def _pdf(path: Path | None, lang: str) -> bytes:
    report = example_report(path) if path else bare_report()
    return render_pdf(report, lang, RenderOptions())


def _squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("path", EXAMPLES, ids=example_id)
def test_the_pdf_reads_back(path: Path, lang: str) -> None:
    import pdfplumber

    report = example_report(path)
    with pdfplumber.open(io.BytesIO(_pdf(path, lang))) as pdf:
        pages = pdf.pages
        assert len(report.sections) <= len(pages) <= 4 * len(report.sections)
        lines: list[str] = []
        for page in pages:
            assert page.width > page.height  # A4 landscape
            right = max((c["x1"] for c in page.chars), default=0)
            assert right <= page.width - MARGIN + 1, f"page {page.page_number}: text at {right}"
            assert min((c["x0"] for c in page.chars), default=MARGIN) >= MARGIN - 1
            lines += (page.extract_text() or "").splitlines()
    text = _squeezed(" ".join(lines))
    for section in report.sections:
        assert _squeezed(section_title(section.key, lang)) in text
    if lang == "ja":
        assert "推奨する組織構造" in text and "年度" in text
    # a key figure (an amount, a date) is never broken across two lines
    squeezed_lines = [_squeezed(line) for line in lines]
    for figure in report.sections[0].figures:
        value = _squeezed(figure_text(figure, lang, report.currency))
        if len(value) <= 16:
            assert any(value in line for line in squeezed_lines), value


def test_a_model_without_data_gives_one_page() -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(_pdf(None, "ja"))) as pdf:
        assert len(pdf.pages) == 1
        assert "株式会社テスト" in (pdf.pages[0].extract_text() or "")


@pytest.mark.skipif(shutil.which("pdftoppm") is None,
                    reason="pdftoppm (poppler-utils) is not installed")
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_pages_as_images_to_look_at(lang: str, tmp_path: Path) -> None:
    import pdfplumber

    path = next(p for p in EXAMPLES if "regional-bank/target" in str(p))
    data = _pdf(path, lang)
    source = tmp_path / "report.pdf"
    source.write_bytes(data)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    prefix = ARTIFACTS / f"{path.parent.name}-{lang}"
    for old in ARTIFACTS.glob(f"{prefix.name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(source), str(prefix)], check=True)
    images = sorted(ARTIFACTS.glob(f"{prefix.name}-*.png"))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(images) == len(pdf.pages)
    assert all(image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for image in images)
