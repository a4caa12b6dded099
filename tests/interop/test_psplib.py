"""The PSPLIB reader on real samples and on malformed text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opmodel.document import DocumentError
from opmodel.interop.psplib import parse_psplib, read_psplib

DATA = Path(__file__).parents[1] / "data" / "psplib"


def test_reads_jobs_resources_and_precedences() -> None:
    inst = read_psplib(DATA / "j301_1.sm")
    problem = inst.problem
    assert inst.name == "j301_1"
    assert len(problem.tasks) == 32
    assert [(r.id, r.capacity) for r in problem.resources] == [
        ("R1", 12), ("R2", 13), ("R3", 4), ("R4", 12)]
    job2 = problem.tasks[1]
    assert (job2.id, job2.duration, dict(job2.demand)) == ("2", 8, {"R1": 4})
    pairs = {(p.before, p.after) for p in problem.precedences}
    assert {("1", "2"), ("1", "3"), ("1", "4"), ("31", "32")} <= pairs
    assert len(problem.precedences) == 48


def _sample() -> str:
    return (DATA / "j301_1.sm").read_text()


def test_short_request_line_is_reported_with_its_line() -> None:
    lines = _sample().splitlines()
    n = next(i for i, line in enumerate(lines) if line.split()[:2] == ["5", "1"]
             and "REQUESTS" in "".join(lines[:i]))
    lines[n] = "  5      1     3       3    0"
    with pytest.raises(DocumentError) as err:
        parse_psplib("\n".join(lines), "bad.sm")
    text = err.value.render("en")
    assert text.startswith(f"bad.sm:{n + 1}:")
    assert "requests" in text


def test_missing_section_and_multi_mode_are_refused() -> None:
    text = _sample()
    with pytest.raises(DocumentError, match="RESOURCEAVAILABILITIES"):
        parse_psplib(text.replace("RESOURCEAVAILABILITIES", "SOMETHING ELSE"), "x.sm")
    with pytest.raises(DocumentError) as err:
        parse_psplib(text.replace("   2        1          3           6  11  15",
                                  "   2        2          3           6  11  15"), "x.sm")
    assert "single-mode" in err.value.render("en") and "単一モード" in err.value.render("ja")


def test_successor_out_of_range() -> None:
    text = _sample().replace("   5        1          1          20",
                             "   5        1          1          99")
    with pytest.raises(DocumentError, match="successor 99"):
        parse_psplib(text, "x.sm")


def test_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as err:
        read_psplib(tmp_path / "nope.sm")
    assert "nope.sm" in err.value.render("en")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789 *-\nPRECEDNCRLATIONSQUSTDU/V:", max_size=400))
def test_garbage_gives_a_document_error_or_an_instance(text: str) -> None:
    try:
        parse_psplib(text, "fuzz.sm")
    except DocumentError as exc:
        assert exc.render("en").startswith("fuzz.sm")


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=90),
       st.lists(st.integers(min_value=-3, max_value=40), max_size=8))
def test_a_mangled_line_gives_a_located_error_or_an_instance(line: int, numbers: list[int]
                                                             ) -> None:
    lines = _sample().splitlines()
    lines[line % len(lines)] = " ".join(map(str, numbers))
    try:
        inst = parse_psplib("\n".join(lines), "mangled.sm")
    except DocumentError as exc:
        assert exc.render("en").startswith("mangled.sm")
    else:
        assert inst.problem.tasks
