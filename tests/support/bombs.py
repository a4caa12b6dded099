"""Hostile files for the bad-input tests: a gzip bomb, a zip bomb in an XLSX workbook, a
YAML bomb, binary bytes; each built small on disk and huge once unpacked."""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

MB = 1024 * 1024
_LINE = b"availability,2026-04,99.9\n"
_ROW = b'<row><c t="inlineStr"><is><t>availability</t></is></c></row>'
_PARTS = {
    "[Content_Types].xml":
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
        '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels":
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml":
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
        'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships"><sheets><sheet name="data" sheetId="1" r:id="rId1"'
        '/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels":
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>',
}


def gzip_bomb(path: Path, unpacked: int = 1024 * MB) -> Path:
    """A .csv.gz of a header and ``unpacked`` bytes of the same row, about 1/1000 its size."""
    block = _LINE * (MB // len(_LINE))
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(b"kpi,period,value\n")
        for _ in range(unpacked // len(block)):
            out.write(block)
    return path


def xlsx_bomb(path: Path, unpacked: int = 1024 * MB) -> Path:
    """A workbook whose one sheet's XML is ``unpacked`` bytes of the same row."""
    block = _ROW * (MB // len(_ROW))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for name, text in _PARTS.items():
            book.writestr(name, text)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://'
                        b'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for _ in range(unpacked // len(block)):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    return path


def yaml_bomb(levels: int = 9) -> str:
    """Billion laughs: each alias list holds nine of the one before, 9**levels in the end."""
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def binary_bytes(size: int = 4096) -> bytes:
    """Bytes of no text encoding: an image's or an executable's."""
    return b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * (size // 256)
