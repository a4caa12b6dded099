"""Writes leanix-export.xlsx: a small LeanIX-style fact-sheet export of a fictional insurer
(one sheet per fact-sheet type), made up for the tests. Run it again to rebuild the file."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

SHEETS = {
    "Application": [
        ["id", "type", "name", "description", "lifecycle", "functionalSuitability",
         "technicalSuitability", "relApplicationToBusinessCapability",
         "relApplicationToProvider", "tags"],
        ["5b1e2c8a-0d1f-4a3b-9e6f-1a2b3c4d5e01", "Application", "Policy Admin",
         "Core policy administration", "active", "appropriate", "unreasonable",
         "Underwriting; Claims Handling", "Mirai Systems", "core"],
        ["5b1e2c8a-0d1f-4a3b-9e6f-1a2b3c4d5e02", "Application", "Claims Portal",
         "Claims intake for agents", "phaseIn", "perfect", "fullyAppropriate",
         "Claims Handling", "Cloudia", ""],
        ["5b1e2c8a-0d1f-4a3b-9e6f-1a2b3c4d5e03", "Application", "代理店ポータル",
         "Agent portal", "phaseOut", "insufficient", "inappropriate", "Underwriting", "", ""],
    ],
    "Provider": [
        ["id", "type", "name", "description"],
        ["7c2d3e9b-1e2f-4b4c-8f7a-2b3c4d5e6f01", "Provider", "Mirai Systems", "SIer"],
        ["7c2d3e9b-1e2f-4b4c-8f7a-2b3c4d5e6f02", "Provider", "Cloudia", "SaaS vendor"],
    ],
    "BusinessCapability": [
        ["id", "type", "name", "description", "level"],
        ["9d3e4f0c-2f3a-4c5d-9a8b-3c4d5e6f7a01", "BusinessCapability", "Underwriting",
         "Risk selection and pricing", "1"],
        ["9d3e4f0c-2f3a-4c5d-9a8b-3c4d5e6f7a02", "BusinessCapability", "Claims Handling",
         "From first notice to settlement", "1"],
    ],
    "ITComponent": [
        ["id", "type", "name"],
        ["1f4e5a6b-3a4b-4d6e-8b9c-4d5e6f7a8b01", "ITComponent", "Oracle Database 19c"],
    ],
}


def main() -> None:
    book = Workbook()
    book.remove(book.active)
    for title, rows in SHEETS.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(Path(__file__).with_name("leanix-export.xlsx"))


if __name__ == "__main__":
    main()
