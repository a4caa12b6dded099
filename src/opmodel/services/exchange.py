"""Exchange with other tools: a registry of file formats (the ArchiMate exchange file, Archi's
CSV trio …), each with an exporter and an importer, and the use cases that go through it:
export a model, import a file as a new model or as a change set on an existing one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, Field

from opmodel.document.changes import ChangeSet, changes
from opmodel.document.io import validate_data
from opmodel.document.model import OperatingModel
from opmodel.document.shapes import item_key, shapes
from opmodel.interop.files import DEFAULT_MAX_BYTES
from opmodel.knowledge.texts import Message

Exported = bytes | dict[str, bytes]
"""What an exporter makes: the bytes of one file, or files by name (``elements.csv`` …)."""


class ImportOutcome(BaseModel):
    """What an import read: the new model (or the existing one with the import merged in),
    the change set against the existing model, the entities read per collection, the foreign
    types left out with their counts, and notes on what was not taken as it was."""

    source: str
    format: str
    model: OperatingModel = Field(exclude=True, description="The model to write.")
    imported: dict[str, int] = Field(description="Entities read, per collection path.")
    changes: ChangeSet | None = Field(
        default=None, description="What the import changes in the model given with --into.")
    skipped: dict[str, int] = Field(
        default_factory=dict, description="Types of the file not imported, with their counts.")
    notes: list[Message] = Field(default_factory=list)


class Exporter(Protocol):
    """Makes a format's file (or files) of a model; ``lang`` names what opmodel adds."""

    def __call__(self, model: OperatingModel, lang: str) -> Exported: ...


class Importer(Protocol):
    """Reads a format's file (its bytes, or the path of a folder, zip or prefix) named
    ``name`` into an outcome; with ``into``, merged into that model."""

    def __call__(self, data: bytes | Path, name: str, into: OperatingModel | None, *,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> ImportOutcome: ...


@dataclass(frozen=True)
class ExchangeFormat:
    """A format of the registry: its name, the file suffixes it is known by, and how to write
    and read it; ``several`` when it is a set of files (a folder, a zip or a name prefix)."""

    name: str
    suffixes: tuple[str, ...]
    exporter: Exporter
    importer: Importer
    media_type: str
    several: bool = False


def _archimate_export(model: OperatingModel, lang: str) -> Exported:
    from opmodel.interop.archimate_export import concepts_of
    from opmodel.interop.archimate_xml_write import write_exchange_xml

    return write_exchange_xml(concepts_of(model, lang))


def _archimate_import(data: bytes | Path, name: str, into: OperatingModel | None, *,
                      max_bytes: int = DEFAULT_MAX_BYTES) -> ImportOutcome:
    from opmodel.interop.archimate_xml_read import read_exchange_xml
    from opmodel.interop.guards import read_bounded

    raw = read_bounded(data, max_bytes) if isinstance(data, Path) else data
    return concepts_outcome(read_exchange_xml(raw, name, max_bytes), name, "archimate", into)


def _archi_csv_export(model: OperatingModel, lang: str) -> Exported:
    from opmodel.interop.archi_csv import write_archi_csv
    from opmodel.interop.archimate_export import concepts_of

    return write_archi_csv(concepts_of(model, lang))


def _archi_csv_import(data: bytes | Path, name: str, into: OperatingModel | None, *,
                      max_bytes: int = DEFAULT_MAX_BYTES) -> ImportOutcome:
    from opmodel.interop.archi_csv import read_archi_csv

    return concepts_outcome(read_archi_csv(data, name, max_bytes), name, "archi-csv", into)


def _xlsx_export(model: OperatingModel, lang: str) -> Exported:
    from opmodel.services.workbook_export import export_workbook

    return export_workbook(model, lang)


def _xlsx_import(data: bytes | Path, name: str, into: OperatingModel | None, *,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> ImportOutcome:
    from opmodel.services.workbook_outcome import read_xlsx

    result, counts, notes = read_xlsx(data, name, into, max_bytes=max_bytes)
    assert result.model is not None
    return ImportOutcome(source=name, format="xlsx", model=result.model, imported=counts,
                         changes=result.changes, skipped=result.skipped, notes=notes)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMATS: dict[str, ExchangeFormat] = {
    "archimate": ExchangeFormat("archimate", (".xml",), _archimate_export, _archimate_import,
                                "application/xml"),
    # a set of files: as one file, a zip (the media type of the one file it is sent as)
    "archi-csv": ExchangeFormat("archi-csv", (".csv", ".zip"), _archi_csv_export,
                                _archi_csv_import, "application/zip", several=True),
    "xlsx": ExchangeFormat("xlsx", (".xlsx",), _xlsx_export, _xlsx_import, XLSX_TYPE),
}
"""The formats by name; another format is one more entry."""


def format_for(path: str | Path, is_folder: bool = False) -> str | None:
    """The name of the format a path's suffix says (a folder: the format of several files),
    None when no format of the registry claims it."""
    suffix = Path(path).suffix.lower()
    for found in FORMATS.values():
        if suffix in found.suffixes or (is_folder and found.several):
            return found.name
    return None


def export_model(model: OperatingModel, fmt: str, lang: str) -> Exported:
    """The file (or files) of ``model`` in the format ``fmt`` of the registry."""
    return FORMATS[fmt].exporter(model, lang)


def archive(files: dict[str, bytes]) -> bytes:
    """Files by name in one zip, the same bytes for the same files (a fixed date)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


def export_one_file(model: OperatingModel, fmt: str, lang: str) -> tuple[bytes, str]:
    """``model`` in the format ``fmt`` as one file, and its suffix: a set of files (Archi's
    CSV) as a zip of them."""
    exported = export_model(model, fmt, lang)
    if isinstance(exported, bytes):
        return exported, FORMATS[fmt].suffixes[0]
    return archive(exported), ".zip"


def import_file(data: bytes | Path, name: str, fmt: str, into: OperatingModel | None = None,
                *, max_bytes: int = DEFAULT_MAX_BYTES) -> ImportOutcome:
    """What a file in the format ``fmt`` gives: a new model, or ``into`` with it merged."""
    return FORMATS[fmt].importer(data, name, into, max_bytes=max_bytes)


def _merge_list(old: list[Any], new: list[Any], model: type[BaseModel] | None) -> list[Any]:
    """``new``, keeping the item of ``old`` with the same key (a dependency's type and lag)."""
    kept = {item_key(item, model): item for item in old}
    return [kept.get(item_key(item, model), item) for item in new]


def _merge_entity(old: dict[str, Any], new: dict[str, Any], model: type[BaseModel]
                  ) -> dict[str, Any]:
    fields = {s.alias: s for s in shapes(model).values()}
    merged = {**old, **new}
    for key, value in new.items():
        shape = fields.get(key)
        if shape is not None and shape.container == "list" and isinstance(old.get(key), list):
            merged[key] = _merge_list(old[key], value, shape.model)
    return merged


def merge_sections(document: dict[str, Any], imported: dict[str, Any],
                   where: tuple[str, ...], model: type[BaseModel]) -> None:
    """Merge the entities (or keyed items) at ``where`` of ``imported`` into ``document``: an
    item whose key is in the document gets the fields given, the others are added."""
    source = imported
    for part in where[:-1]:
        source = source.get(part, {})
    new = source.get(where[-1], [])
    if not new:
        return
    node = document
    for part in where[:-1]:
        node = node.setdefault(part, {})
    items = {item_key(item, model): item for item in node.get(where[-1], [])}
    for item in new:
        key = item_key(item, model)
        items[key] = _merge_entity(items[key], item, model) if key in items else item
    node[where[-1]] = list(items.values())


def outcome(imported: dict[str, Any], collections: list[tuple[tuple[str, ...], type[BaseModel]]],
            into: OperatingModel | None, *, source: str, fmt: str, counts: dict[str, int],
            skipped: dict[str, int] | None = None, notes: list[Message] | None = None
            ) -> ImportOutcome:
    """The outcome of an import that read ``imported`` (a document's plain data, metadata
    included): a new model, or ``into`` with each collection merged and the change set."""
    if into is None:
        model = validate_data(imported, source=source)
        change_set = None
    else:
        document = into.dump_data()
        for where, item_model in collections:
            merge_sections(document, imported, where, item_model)
        model = validate_data(document, source=source)
        change_set = changes(into, model)
    return ImportOutcome(source=source, format=fmt, model=model, imported=counts,
                         changes=change_set, skipped=skipped or {}, notes=notes or [])


def concepts_outcome(concepts: Any, source: str, fmt: str, into: OperatingModel | None
                     ) -> ImportOutcome:
    """The outcome of ArchiMate concepts read from a file (exchange XML or Archi's CSV)."""
    from opmodel.document.design import SourcingDecision
    from opmodel.interop.archimate_import import import_concepts
    from opmodel.interop.archimate_kinds import KINDS

    found = import_concepts(concepts, source)
    data = {"apiVersion": "opmodel/v1", "kind": "OperatingModel", **found.data}
    collections: list[tuple[tuple[str, ...], type[BaseModel]]] = [
        (k.where, k.model) for k in KINDS]
    collections.append((("design", "sourcing", "decisions"), SourcingDecision))
    return outcome(data, collections, into, source=source, fmt=fmt, counts=found.counts,
                   skipped=found.skipped, notes=found.notes)



__all__ = ["FORMATS", "ExchangeFormat", "Exported", "ImportOutcome", "archive",
           "export_model", "export_one_file",
           "format_for", "import_file", "merge_sections", "outcome"]
