"""`opmodel export` and `opmodel import` as a user runs them: the format from the extension,
files written only when all is well, and each
bad file (an entity bomb, a DTD, a 200 MB file, not XML, not ArchiMate) refused with a message
naming it, in the user's language, nothing written."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from support.cli import JA, run

EXAMPLES = Path(__file__).parents[2] / "src" / "opmodel" / "examples"
TARGET = EXAMPLES / "saas-company" / "target.yaml"
CURRENT = EXAMPLES / "saas-company" / "current.yaml"
MB = 1024 * 1024


@pytest.mark.parametrize("out", ["m.xml", "m.zip", "archi/", "csv/bank-", "bank.csv"])
def test_export_then_import_gives_the_same_entities(tmp_path: Path, out: str) -> None:
    fmt = [] if out.endswith((".xml", ".zip", "/", ".csv")) else ["--format", "archi-csv"]
    written = run("export", str(TARGET), "--out", str(tmp_path / out), *fmt)
    assert written.code == 0, written.err
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert files == {"m.xml": ["m.xml"], "m.zip": ["m.zip"],
                     "archi/": ["archi/elements.csv", "archi/properties.csv",
                                "archi/relations.csv"],
                     "csv/bank-": ["csv/bank-elements.csv", "csv/bank-properties.csv",
                                   "csv/bank-relations.csv"],
                     "bank.csv": ["bank-elements.csv", "bank-properties.csv",
                                  "bank-relations.csv"]}[out]
    source = tmp_path / files[0]
    back = run("import", str(source), "--into", str(TARGET), "--out", str(tmp_path / "t.yaml"))
    assert back.code == 0, back.err
    assert "0 change(s)" in back.out
    assert (tmp_path / "t.yaml").exists()


def test_import_dry_run_lists_the_changes_and_writes_nothing(tmp_path: Path) -> None:
    run("export", str(TARGET), "--out", str(tmp_path / "t.xml"))
    printed = run("import", str(tmp_path / "t.xml"), "--into", str(CURRENT), "--out",
                  str(tmp_path / "merged.yaml"), "--dry-run")
    assert printed.code == 0, printed.err
    assert "+ design.technology.applications: " in printed.out  # as `opmodel diff` shows it
    assert not (tmp_path / "merged.yaml").exists()


def test_into_alone_updates_that_model_in_place(tmp_path: Path) -> None:
    model = tmp_path / "current.yaml"
    model.write_bytes(CURRENT.read_bytes())
    run("export", str(TARGET), "--out", str(tmp_path / "t.xml"))
    printed = run("import", str(tmp_path / "t.xml"), "--into", str(model))
    assert printed.code == 0, printed.err
    assert f"Wrote {model}." in printed.out and model.read_bytes() != CURRENT.read_bytes()
    refused = run("import", str(tmp_path / "t.xml"), env=JA)
    assert refused.code == 2 and "--into MODEL.yaml で既存のモデルを更新" in refused.err


def test_an_import_speaks_japanese_and_reports_the_types_it_leaves_out(tmp_path: Path) -> None:
    sample = Path(__file__).parents[1] / "data" / "archimate" / "foreign-sample.xml"
    printed = run("import", str(sample), "--out", str(tmp_path / "m.yaml"), env=JA)
    assert printed.code == 0, printed.err
    assert "アプリケーション 2 件" in printed.out
    assert "DataObject × 2" in printed.out and "Node × 1" in printed.out
    assert "読み込みませんでした" in printed.out


BAD = {
    "laughs.xml": ('<?xml version="1.0"?>\n<!DOCTYPE model [<!ENTITY a "aaaaaaaaaa">'
                   '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<model>&b;</model>',
                   "DTD", "2"),
    "external.xml": ('<?xml version="1.0"?>\n<!DOCTYPE model SYSTEM "http://127.0.0.1:9/x.dtd">\n'
                     "<model/>", "DTD", "2"),
    "notxml.xml": ("name,id\nsales,1\n", "XML", "1"),
    "v2.xml": ('<?xml version="1.0"?>\n<model xmlns="http://www.opengroup.org/xsd/archimate">'
               "</model>", "ArchiMate 3", "2"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_file_is_refused_by_name_and_line_and_nothing_is_written(tmp_path: Path,
                                                                      name: str) -> None:
    text, says, line = BAD[name]
    bad = tmp_path / name
    bad.write_text(text, encoding="utf-8")
    for env, word in ((None, "line"), (JA, "行目")):
        printed = run("import", str(bad), "--out", str(tmp_path / "m.yaml"), env=env)
        assert printed.code == 1
        assert str(bad) in printed.err and says in printed.err
        assert f"{line} {word}" in printed.err or f"{line}{word}" in printed.err \
            or f"line {line}" in printed.err
        assert "Traceback" not in printed.output
    assert not (tmp_path / "m.yaml").exists()


def test_a_200_mb_file_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    with open(big, "wb") as handle:
        handle.write(b'<?xml version="1.0"?><model>')
        handle.truncate(200 * MB)
    tracemalloc.start()
    try:
        printed = run("import", str(big), "--out", str(tmp_path / "m.yaml"))
        top = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert printed.code == 1
    assert "big.xml" in printed.err and "200.0 MB" in printed.err
    assert top < 20 * MB
    assert not (tmp_path / "m.yaml").exists()


def test_a_blank_model_exports_and_reads_back_as_nothing(tmp_path: Path) -> None:
    assert run("new", "Blank", "--out", str(tmp_path / "n.yaml")).code == 0
    assert run("export", str(tmp_path / "n.yaml"), "--out", str(tmp_path / "n.xml")).code == 0
    printed = run("import", str(tmp_path / "n.xml"), "--out", str(tmp_path / "m.yaml"))
    assert printed.code == 0 and "nothing that opmodel maps" in printed.out


def test_import_needs_out_unless_it_is_a_dry_run(tmp_path: Path) -> None:
    printed = run("import", str(tmp_path / "m.xml"))
    assert printed.code == 2 and "--out" in printed.err
