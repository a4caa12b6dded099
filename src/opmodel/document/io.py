"""Documents from and to YAML or JSON text, safely, with located errors.

Text is parsed to plain data (``parsing``), validated by pydantic and the document rules
(``checks``); only when something is wrong is the text walked again to place each problem
at its line and column (``locating``). YAML is written by ``emitting``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ValidationError

from opmodel.document.emitting import emit_yaml
from opmodel.document.locating import locate
from opmodel.document.messages import problem, type_name, validation_problem
from opmodel.document.model import OperatingModel
from opmodel.document.parsing import MAX_ALIAS_NODES, MAX_DEPTH, fail, parse_text
from opmodel.document.problems import DocumentError
from opmodel.document.rules import check_document
from opmodel.document.upgrade import old_shape_problems

__all__ = [
    "MAX_ALIAS_NODES",
    "MAX_DEPTH",
    "document_language",
    "dumps",
    "format_of",
    "loads",
    "parse_text",
    "validate_data",
]


def document_language(data: Any) -> str | None:
    """The language the document declares in metadata.language, if any."""
    if isinstance(data, dict):
        meta = data.get("metadata")
        if isinstance(meta, dict) and meta.get("language") in ("ja", "en"):
            return str(meta["language"])
    return None


# metadata.language as written, for text that cannot be parsed (YAML or JSON)
_DECLARED = re.compile(r"""(?:^|[\s{,])["']?language["']?\s*:\s*["']?(ja|en)\b""", re.MULTILINE)


def parse(text: str, source: str | None, fmt: str) -> Any:
    """Plain data from the text; a syntax error speaks the language the text declares."""
    try:
        return parse_text(text, source, fmt)
    except DocumentError as exc:
        declared = _DECLARED.search(text) if exc.language is None else None
        if declared is None:
            raise
        raise DocumentError(exc.problems, exc.source, declared.group(1)) from None


def validate_box(box: list[Any], source: str | None) -> OperatingModel:
    """Validate the data in ``box``, letting it go once the model is built (memory)."""
    data = box.pop()
    lang = document_language(data)
    if not isinstance(data, dict):
        kind = type_name(data)
        raise DocumentError([problem("document.not_a_mapping", (), kind=kind)], source, lang)
    older = old_shape_problems(data)
    if older:  # what changed in the schema comes first: the rest follows from it
        raise DocumentError([p.keyed(data) for p in older], source, lang)
    try:
        model = OperatingModel.model_validate(data)
    except ValidationError as exc:
        found = [validation_problem(e).keyed(data) for e in exc.errors(include_url=False)]
        raise DocumentError(found, source, lang) from None
    del data
    found = [p.keyed(model) for p in check_document(model)]
    if found:
        raise DocumentError(found, source, lang)
    return model


def located(exc: DocumentError, text: str | None) -> DocumentError:
    return DocumentError(locate(exc.problems, text), exc.source, exc.language)


def validate_data(data: Any, *, text: str | None = None, source: str | None = None
                  ) -> OperatingModel:
    """An :class:`OperatingModel` from plain data, or a DocumentError naming every problem.

    With ``text`` (the YAML or JSON the data came from), problems carry line and column.
    """
    try:
        return validate_box([data], source)
    except DocumentError as exc:
        raise located(exc, text) from None


def loads(text: str, *, source: str | None = None, fmt: str = "yaml") -> OperatingModel:
    """An :class:`OperatingModel` from YAML or JSON text."""
    if not text.strip():
        raise fail("document.file_empty", source)
    box = [parse(text, source, fmt)]
    if box[0] is None:
        raise fail("document.file_empty", source)
    try:
        return validate_box(box, source)
    except DocumentError as exc:
        raise located(exc, text) from None


def dumps(model: OperatingModel, fmt: str = "yaml") -> str:
    """The document as YAML or JSON text: fields in schema order, only those that were set."""
    data = model.dump_data()
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return emit_yaml(data)


def format_of(name: str) -> str:
    """``json`` for .json files, else ``yaml``."""
    return "json" if name.lower().endswith(".json") else "yaml"
