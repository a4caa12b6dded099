"""Operating-model documents from and to files: YAML, or JSON when the name ends in .json."""

from __future__ import annotations

import os

from opmodel.document.io import dumps, format_of, located, parse, validate_box
from opmodel.document.model import OperatingModel
from opmodel.document.parsing import fail
from opmodel.document.problems import DocumentError
from opmodel.interop.files import DEFAULT_MAX_BYTES, read_text, write_text_atomic


def load(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> OperatingModel:
    """Read and validate a document from a YAML or JSON file (at most ``max_bytes``)."""
    source = str(path)
    text = read_text(path, max_bytes=max_bytes)
    if not text.strip():
        raise fail("document.file_empty", source)
    box = [parse(text, source, format_of(source))]
    del text  # memory: the text is read again only to place problems, when there are any
    if box[0] is None:
        raise fail("document.file_empty", source)
    try:
        return validate_box(box, source)
    except DocumentError as exc:
        try:
            again: str | None = read_text(path, max_bytes=max_bytes)
        except DocumentError:
            again = None
        raise located(exc, again) from None


def dump(model: OperatingModel, path: str | os.PathLike[str]) -> None:
    """Write the document to ``path`` as YAML, or JSON when the name ends in .json."""
    write_text_atomic(path, dumps(model, format_of(str(path))))
