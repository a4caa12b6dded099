"""Every command's Japanese output reads in Japanese: no raw enumeration value (in_house,
centralized, low …) and no English field name where a label exists."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from opmodel.knowledge.texts import labels_catalog
from support.cli import JA, run

EXAMPLES = Path(__file__).parents[2] / "examples"
JAPANESE = EXAMPLES / "regional-bank"  # a model written in Japanese: its own texts are Japanese
# codes that read the same in both languages, or that Japanese readers use as they are
KEPT = {"DevOps", "API", "IT", "KPI", "SLA", "ITSM", "CIO", "RACI", "MSP", "CoE", "SRE", "R", "A",
        "C", "I", "ja", "en", "P10", "P50", "P80", "P90", "fs", "ss", "p90"}
# the headings of spreadsheet sheets and columns: their values are the document's own field
# names (costs, annual_benefit), which a hint writes as the YAML file has them
SHEET_KINDS = {"workbook_sheet", "inventory_field"}


def _document_enums() -> dict[str, set[str]]:
    """The values of every enumeration of the document, by label kind (labelled or not)."""
    from opmodel.document.model import OperatingModel
    from opmodel.document.shapes import label_kind, shapes

    found: dict[str, set[str]] = {}
    seen: set[type] = set()
    stack: list[type] = [OperatingModel]
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for shape in shapes(cls).values():
            if shape.enum is not None:
                found.setdefault(label_kind(shape.enum), set()).update(
                    str(e.value) for e in shape.enum)
            if shape.model is not None:
                stack.append(shape.model)
    return found


@cache
def _raw_values() -> dict[str, set[str]]:
    """Every value of a document enumeration, and every labelled value, whose Japanese is not
    the value itself, by kind."""
    found: dict[str, set[str]] = {}
    catalogue = labels_catalog()
    for kind, values in [*catalogue.items(), *_document_enums().items()]:
        if kind in SHEET_KINDS:
            continue
        for value in values:
            text = catalogue.get(kind, {}).get(value)
            if (text is None or text.ja != value) and value not in KEPT \
                    and re.fullmatch(r"[a-z][a-z0-9_]+", value):
                found.setdefault(kind, set()).add(value)
    return found


def _field_names() -> set[str]:
    """Profile fields and other document field names that have a label of their own."""
    return {v for v in labels_catalog().get("profile_factor", {}) if "_" in v or "." in v}


def _prose(text: str) -> str:
    """``text`` without what is not prose: a command to run (``opmodel design``), and the
    document's own keys and values that a diff quotes as the YAML file has them."""
    text = re.sub(r"opmodel [a-z-]+( [a-z-]+)?", "", text)
    # a keyed path where a finding sits (roadmap.initiatives[ini-a].costs)
    text = re.sub(r"[a-z_]+(\.[a-z_]+)*\[[^\]]*\]([.\[][^\s]*)?", "", text)
    text = re.sub(r"\{\".*$", "", text, flags=re.M)  # a value written as JSON
    return re.sub(r"([~+-] )[a-z_]+(\[[^\]]*\])*:", r"\1", text)  # "~ capacity: 4 → 5"


def _shown(text: str, strict: bool) -> list[str]:
    """Raw values and field names that appear as words of ``text`` (ids are not words)."""
    text = _prose(text)
    values = set().union(*_raw_values().values()) | _field_names()
    if not strict:  # a model written in English: its own texts may hold English words
        values = {v for v in values if "_" in v or "." in v}
    words = set(re.findall(r"(?<![\w.\-/@\[])[a-z][a-z0-9_.]*[a-z0-9](?![\w\-/@\[\]])", text))
    return sorted(words & values)


def _commands(folder: Path, tmp: Path) -> list[list[str]]:
    current, target = str(folder / "current.yaml"), str(folder / "target.yaml")
    store = str(tmp / "measurements.parquet")
    return [
        ["assess", current], ["recommend", current], ["recommend", target], ["align", target],
        ["design", target], ["check", current], ["check", target],
        ["plan", target, "--time-limit", "1", "--iterations", "500", "--seed", "1"],
        ["schedule", target, "--method", "heuristic"],
        ["change", "report", target], ["change", "templates", target],
        ["kpi", "report", target, "--measurements", store],
        ["kpi", "status", target, "--measurements", store],
        ["diff", current, target], ["validate", current, target],
    ]


def _import(folder: Path, tmp: Path) -> None:
    store = str(tmp / "measurements.parquet")
    for csv in sorted(folder.glob("measurements*.csv")):
        done = run("kpi", "import", str(folder / "target.yaml"), str(csv), "--measurements",
                   store, env=JA)
        assert done.code == 0, done.err


@pytest.mark.parametrize("folder", sorted(p for p in EXAMPLES.iterdir() if p.is_dir()),
                         ids=lambda p: p.name)
def test_japanese_output_shows_no_raw_codes(folder: Path, tmp_path: Path) -> None:
    _import(folder, tmp_path)
    strict = folder == JAPANESE
    found = {}
    for args in _commands(folder, tmp_path):
        printed = run(*args, "--lang", "ja", env=JA)
        assert printed.code in (0, 1), (args, printed.err)
        # a diff quotes the document's own values (free text too): codes with '_' only
        shown = _shown(printed.out + printed.err, strict and args[0] != "diff")
        if shown:
            found[" ".join(a if not a.startswith("/") else Path(a).name for a in args)] = shown
    assert found == {}


def test_a_raw_code_is_caught() -> None:
    # the check itself: a raw value in a Japanese sentence is found, an id is not
    assert _shown("調達方針: in_house、施策 ini-parallel_running-2", strict=True) == ["in_house"]
    assert _shown("推奨: centralized", strict=True) == ["centralized"]
    assert _shown("roadmap.initiatives[ini-a].costs 計画", strict=True) == []
    assert _shown("roadmap.initiatives[ini-a].costs roadmap", strict=True) == ["roadmap"]
    assert _shown("推奨: centralized", strict=False) == []
    assert _shown("opmodel design で確認 / ~ capacity: 4 → 5 / {\"date\": 1}", strict=True) == []
    assert _shown("~ time: tolerate → invest", strict=True) == ["invest", "tolerate"]
