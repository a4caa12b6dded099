"""Archi's CSV trio (File > Export > Model to CSV): elements.csv, relations.csv and
properties.csv with Archi's headers, every field quoted, CRLF line ends, in UTF-8; read from a
folder, a zip, or the files of a name prefix (``model-elements.csv`` …), written as files."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from opmodel.interop.archimate_concepts import (
    Concept,
    ConceptModel,
    archi_relationship_class,
    relationship_kind,
)
from opmodel.interop.exchange_errors import exchange_error
from opmodel.interop.files import DEFAULT_MAX_BYTES

ELEMENTS_HEADER = ("ID", "Type", "Name", "Documentation", "Specialization")
RELATIONS_HEADER = ("ID", "Type", "Name", "Documentation", "Source", "Target", "Specialization")
PROPERTIES_HEADER = ("ID", "Key", "Value")
NAMES = ("elements", "relations", "properties")
MODEL_TYPE = "ArchimateModel"
# what Archi writes as properties but are attributes of a relationship or a junction
ARCHI_ATTRIBUTES = ("Directed", "Access_Type", "Influence_Strength", "Junction_Type")
_FORMULA = ("=", "+", "-", "@")  # what a spreadsheet takes for the start of a formula


def _cell(text: str) -> str:
    """A field as Archi quotes it; text that a spreadsheet would take for a formula gets a
    leading space (as Archi's "Excel compatible" export does)."""
    text = text.replace("\t", " ")
    if text.lstrip(" ").startswith(_FORMULA):  # spaces before: one more, so reading is exact
        text = " " + text
    return '"' + text.replace('"', '""') + '"'


def _file(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> bytes:
    lines = [",".join(f'"{h}"' for h in header)]
    lines += [",".join(_cell(v) for v in row) for row in rows]
    return "\r\n".join(lines).encode("utf-8")


def write_archi_csv(model: ConceptModel) -> dict[str, bytes]:
    """The three files of ``model``, by file name."""
    elements = [(model.identifier, MODEL_TYPE, model.name, model.documentation, "")]
    elements += [(e.identifier, e.type, e.name, e.documentation, "") for e in model.elements]
    relations = [(r.identifier, archi_relationship_class(r.type), r.name, r.documentation,
                  r.source, r.target, "") for r in model.relationships]
    properties = [(model.identifier, k, v) for k, v in model.properties.items()]
    for concept in [*model.elements, *model.relationships]:
        properties += [(concept.identifier, k, v) for k, v in concept.properties.items()]
        if concept.type == "Association":
            properties.append((concept.identifier, "Directed", "false"))
    return {"elements.csv": _file(ELEMENTS_HEADER, elements),
            "relations.csv": _file(RELATIONS_HEADER, relations),
            "properties.csv": _file(PROPERTIES_HEADER, properties)}


def _files_of(path: Path, source: str, max_bytes: int) -> dict[str, bytes]:
    """The trio's files by short name (elements, relations, properties) from a folder, a zip,
    or one of the files (its prefix names the others)."""
    from opmodel.interop.guards import check_zip, read_bounded

    if path.is_dir():
        prefix = ""
        folder = path
        members = {p.name for p in folder.iterdir() if p.name.endswith("elements.csv")}
        if "elements.csv" not in members and len(members) == 1:
            prefix = next(iter(members)).removesuffix("elements.csv")
        files = {n: folder / f"{prefix}{n}.csv" for n in NAMES}
    elif path.suffix.lower() == ".zip":
        import zipfile

        check_zip(path, source, max_bytes)
        with zipfile.ZipFile(path) as archive:
            found = {}
            for info in archive.infolist():
                for name in NAMES:
                    if info.filename.endswith(f"{name}.csv") and name not in found:
                        found[name] = archive.read(info)
        if "elements" not in found:
            raise exchange_error("exchange.csv_no_elements", file=source)
        return found
    else:
        stem = path.name
        prefix = next((stem.removesuffix(f"{n}.csv") for n in NAMES if stem.endswith(f"{n}.csv")),
                      stem)
        files = {n: path.parent / f"{prefix}{n}.csv" for n in NAMES}
    if not files["elements"].is_file():
        raise exchange_error("exchange.csv_no_elements", file=source)
    return {n: read_bounded(p, max_bytes) for n, p in files.items() if p.is_file()}


def _rows(raw: bytes, name: str, header: tuple[str, ...], source: str
          ) -> list[tuple[int, dict[str, str]]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise exchange_error("exchange.csv_encoding", file=f"{source} ({name}.csv)",
                             line=line) from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    found = next(reader, [])
    # older Archi versions write no Specialization column
    if tuple(found) != header and (header[-1] != "Specialization"
                                   or tuple(found) != header[:-1]):
        raise exchange_error("exchange.csv_header", file=f"{source} ({name}.csv)", line=1,
                             expected=", ".join(header), found=", ".join(found))
    rows = []
    for row in reader:
        if any(cell.strip() for cell in row):
            rows.append((reader.line_num, {h: _read(v) for h, v in zip(found, row, strict=False)}))
    return rows


def _read(text: str) -> str:
    """A field as written, without the space Archi puts before a formula's first sign."""
    return text[1:] if text.startswith(" ") and text.lstrip(" ").startswith(_FORMULA) else text


def read_archi_csv(data: bytes | Path, source: str,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> ConceptModel:
    """The concepts of Archi's CSV files (a folder, a zip, or a file of the trio)."""
    if isinstance(data, bytes):
        raise exchange_error("exchange.csv_no_elements", file=source)
    files = _files_of(data, source, max_bytes)
    model = ConceptModel("", "")
    concepts: dict[str, Concept] = {}
    for line, row in _rows(files["elements"], "elements", ELEMENTS_HEADER, source):
        if row.get("Type") == MODEL_TYPE:
            model.identifier, model.name = row.get("ID", ""), row.get("Name", "")
            model.documentation = row.get("Documentation", "")
            continue
        concept = Concept(row.get("ID", ""), row.get("Type", ""), row.get("Name", ""),
                          row.get("Documentation", ""))
        model.elements.append(concept)
        concepts[concept.identifier] = concept
        model.lines[concept.identifier] = line
    if "relations" in files:
        for line, row in _rows(files["relations"], "relations", RELATIONS_HEADER, source):
            concept = Concept(row.get("ID", ""), relationship_kind(row.get("Type", "")),
                              row.get("Name", ""), row.get("Documentation", ""),
                              source=row.get("Source", ""), target=row.get("Target", ""))
            model.relationships.append(concept)
            concepts[concept.identifier] = concept
            model.lines[concept.identifier] = line
    if "properties" in files:
        for _, row in _rows(files["properties"], "properties", PROPERTIES_HEADER, source):
            key, value = row.get("Key", ""), row.get("Value", "")
            owner = row.get("ID", "")
            if owner == model.identifier:
                model.properties[key] = value
            elif owner in concepts and key not in ARCHI_ATTRIBUTES:
                concepts[owner].properties[key] = value
    return model
