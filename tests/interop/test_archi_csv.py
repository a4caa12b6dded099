"""Archi's CSV trio: written with Archi's exact headers, quoting and line ends, read back from a
folder, a zip or a prefixed file into the same concepts; formulas escaped as Archi does; a file
that is not Archi's refused by name and line."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from opmodel.interop.archi_csv import read_archi_csv, write_archi_csv
from opmodel.interop.archimate_concepts import Concept, ConceptModel
from opmodel.interop.archimate_export import concepts_of
from opmodel.interop.exchange_errors import ExchangeError
from opmodel.interop.model_files import load

EXAMPLE = Path(__file__).parents[2] / "src" / "opmodel" / "examples" / "regional-bank" / "target.yaml"


def _model() -> ConceptModel:
    return concepts_of(load(EXAMPLE), "ja")


def _write(folder: Path, files: dict[str, bytes], prefix: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / f"{prefix}{name}").write_bytes(data)


def _same(a: ConceptModel, b: ConceptModel) -> None:
    assert (a.identifier, a.name, a.documentation) == (b.identifier, b.name, b.documentation)
    for mine, theirs in ((a.elements, b.elements), (a.relationships, b.relationships)):
        assert [(c.identifier, c.type, c.name, c.documentation, c.properties, c.source,
                 c.target) for c in mine] == [
            (c.identifier, c.type, c.name, c.documentation, c.properties, c.source, c.target)
            for c in theirs]


def test_the_files_have_archis_headers_quotes_and_line_ends() -> None:
    files = write_archi_csv(_model())
    assert list(files) == ["elements.csv", "relations.csv", "properties.csv"]
    assert files["elements.csv"].startswith(
        b'"ID","Type","Name","Documentation","Specialization"\r\n"id-opmodel","ArchimateModel",')
    assert files["relations.csv"].split(b"\r\n")[0] == (
        b'"ID","Type","Name","Documentation","Source","Target","Specialization"')
    assert files["properties.csv"].split(b"\r\n")[0] == b'"ID","Key","Value"'
    rows = list(csv.reader(io.StringIO(files["relations.csv"].decode())))
    assert {r[1] for r in rows[1:]} >= {"RealizationRelationship", "AssociationRelationship",
                                        "CompositionRelationship", "TriggeringRelationship"}
    assert all(line.startswith(b'"') and line.endswith(b'"')
               for data in files.values() for line in data.split(b"\r\n"))
    properties = list(csv.reader(io.StringIO(files["properties.csv"].decode())))
    assert any(r[1:] == ["Directed", "false"] for r in properties)


def test_a_folder_reads_back_into_the_same_concepts(tmp_path: Path) -> None:
    model = _model()
    _write(tmp_path / "out", write_archi_csv(model))
    _same(read_archi_csv(tmp_path / "out", "out"), model)


def test_a_zip_and_a_prefix_read_back_too(tmp_path: Path) -> None:
    model = _model()
    files = write_archi_csv(model)
    with zipfile.ZipFile(tmp_path / "m.zip", "w") as archive:
        for name, data in files.items():
            archive.writestr(f"export/bank-{name}", data)
    _same(read_archi_csv(tmp_path / "m.zip", "m.zip"), model)
    _write(tmp_path / "p", files, prefix="bank-")
    _same(read_archi_csv(tmp_path / "p" / "bank-relations.csv", "bank"), model)
    _same(read_archi_csv(tmp_path / "p", "p"), model)


def test_formulas_get_archis_leading_space_and_lose_it_on_reading(tmp_path: Path) -> None:
    model = ConceptModel("id-m", "=HYPERLINK(\"x\")", elements=[
        Concept("id-a", "Capability", "+1 growth", "@risk", {"note": "-5"}),
        Concept("id-b", "Capability", "  =spaced", " plain")])
    files = write_archi_csv(model)
    assert b'" =HYPERLINK(""x"")"' in files["elements.csv"]
    assert b'" +1 growth"," @risk"' in files["elements.csv"]
    _write(tmp_path, files)
    back = read_archi_csv(tmp_path, "t")
    assert back.name == '=HYPERLINK("x")'
    assert (back.elements[0].name, back.elements[0].documentation) == ("+1 growth", "@risk")
    assert back.elements[0].properties == {"note": "-5"}
    assert (back.elements[1].name, back.elements[1].documentation) == ("  =spaced", " plain")


def test_semicolons_a_bom_and_the_older_header_are_read(tmp_path: Path) -> None:
    (tmp_path / "elements.csv").write_bytes(
        '\ufeff"ID";"Type";"Name";"Documentation"\r\n"id-1";"Capability";"Sales";"x"\r\n'
        .encode())
    back = read_archi_csv(tmp_path, "t")
    assert [(e.identifier, e.type, e.name) for e in back.elements] == [
        ("id-1", "Capability", "Sales")]


@pytest.mark.parametrize(("content", "code", "line"), [
    (b'"Id","Kind","Name"\r\n', "exchange.csv_header", 1),
    (b'"ID","Type","Name","Documentation","Specialization"\r\n"a","B","\xff\xfe"\r\n',
     "exchange.csv_encoding", 2),
])
def test_files_that_are_not_archis_are_refused_by_line(tmp_path: Path, content: bytes,
                                                       code: str, line: int) -> None:
    (tmp_path / "elements.csv").write_bytes(content)
    with pytest.raises(ExchangeError) as caught:
        read_archi_csv(tmp_path, "trio")
    assert caught.value.message.code == code
    assert caught.value.message.params["line"] == line
    assert "trio" in caught.value.message.text("ja")


def test_a_folder_without_elements_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExchangeError) as caught:
        read_archi_csv(tmp_path, "empty")
    assert caught.value.message.code == "exchange.csv_no_elements"
