"""Every text a user reads, as data: messages by code and labels by kind and value, in
Japanese and English, rendered at the edge.

Results carry a :class:`Message` (a code and its parameters) and raw values; the command
line, the pages and the reports turn them into text with :func:`render` and :func:`label`.
The texts live in ``knowledge/data/messages/*.yaml`` and ``knowledge/data/labels/*.yaml``;
the catalogues of the knowledge base (model types, components, KPIs, rules ...) add theirs
(``texts_catalog``), so one lookup serves them all.

A message's placeholders name its parameters and may say how to show them:
``{category:cost_category}`` shows the label of the value in its kind, ``{ids:list}`` joins
a list (``{choices:list.@kind}``: labels of the kind that the parameter ``kind`` names),
``{amount:money}`` formats an amount in the parameter ``currency``, ``{year:fy}``
names a fiscal year (FY2027, 2027年度), and a standard spec such as ``{share:.0%}`` formats a
number. A parameter that is itself a message is rendered in the same language.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from opmodel.knowledge import catalog_texts
from opmodel.knowledge.base import Text

LANGUAGES = ("en", "ja")


class Message(BaseModel):
    """Something a result says: a code of the message catalogue and its parameters."""

    model_config = ConfigDict(frozen=True)

    code: str
    params: dict[str, Any] = Field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        return render(self.code, self.params, lang)

    def hint(self, lang: str) -> str:
        """How to act on it in ``lang`` (empty when the message has no hint)."""
        return render_hint(self.code, self.params, lang)


def message(code: str, **params: Any) -> Message:
    """A :class:`Message`; the code must be in the catalogue (checked by the tests)."""
    return Message(code=code, params=params)


class MessageText(BaseModel):
    """The text of one message code, and how to fix what it reports."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: Text
    hint: Text | None = None


# ---------------------------------------------------------------------------------------
# The catalogue: static files plus the texts of the knowledge base's own catalogues.

MessagesProvider = Callable[[], Iterable[tuple[str, Text, Text | None]]]
LabelsProvider = Callable[[], Iterable[tuple[str, str, Text]]]


def _files(folder: str) -> list[Any]:
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    root = resources.files("opmodel.knowledge") / "data" / folder
    return [(p.name, yaml.load(p.read_text(encoding="utf-8"), Loader=loader))
            for p in sorted(root.iterdir(), key=lambda p: p.name) if p.name.endswith(".yaml")]


def _static_messages() -> Iterable[tuple[str, Text, Text | None]]:
    for name, data in _files("messages"):
        for code, entry in (data or {}).items():
            try:
                found = MessageText.model_validate(entry)
            except ValueError as exc:
                raise ValueError(f"messages/{name}: {code}: {exc}") from None
            yield code, found.text, found.hint


def _static_labels() -> Iterable[tuple[str, str, Text]]:
    for name, data in _files("labels"):
        for kind, values in (data or {}).items():
            for value, text in values.items():
                try:
                    yield kind, str(value), Text.model_validate(text)
                except ValueError as exc:
                    raise ValueError(f"labels/{name}: {kind}.{value}: {exc}") from None


def _providers() -> tuple[list[MessagesProvider], list[LabelsProvider]]:
    return ([_static_messages, *catalog_texts.MESSAGE_PROVIDERS],
            [_static_labels, *catalog_texts.LABEL_PROVIDERS])


@cache
def messages_catalog() -> dict[str, MessageText]:
    """Every message code and its texts (built once per process)."""
    found: dict[str, MessageText] = {}
    for provider in _providers()[0]:
        for code, text, hint in provider():
            if code in found:
                raise ValueError(f"message code {code!r} is defined twice")
            found[code] = MessageText(text=text, hint=hint)
    return found


@cache
def labels_catalog() -> dict[str, dict[str, Text]]:
    """kind → value → label, for every kind (built once per process)."""
    found: dict[str, dict[str, Text]] = {}
    for provider in _providers()[1]:
        for kind, value, text in provider():
            values = found.setdefault(kind, {})
            if value in values:
                raise ValueError(f"label {kind}.{value} is defined twice")
            values[value] = text
    return found


# ---------------------------------------------------------------------------------------
# Rendering

SEPARATOR = {"en": ", ", "ja": "、"}


def label(kind: str, value: Any, lang: str) -> str:
    """The name of ``value`` among the values of ``kind`` in ``lang``; the value itself when
    the catalogue has no label for it (an id the user made up, say)."""
    if value is None:
        return "—"
    key = value.value if hasattr(value, "value") and not isinstance(value, str) else value
    found = labels_catalog().get(kind, {}).get(str(key))
    return found.get(lang) if found is not None else str(key)


def has_label(kind: str, value: Any) -> bool:
    """Whether the catalogue names ``value`` in ``kind``."""
    return str(value) in labels_catalog().get(kind, {})


def label_kinds() -> frozenset[str]:
    """Every kind of label the catalogue knows."""
    return frozenset(labels_catalog())


def currency_decimals(currency: str) -> int:
    """Digits after the decimal point in amounts of ``currency`` (ISO 4217 minor units)."""
    from opmodel.knowledge.currencies import minor_units

    return minor_units(currency)


def format_money(amount: float, currency: str) -> str:
    """An amount with thousands separators and the currency's decimals, e.g. ``JPY 1,235``."""
    decimals = currency_decimals(currency)
    scale = 10 ** decimals
    sign = -1 if amount < 0 else 1
    rounded = float(sign * int(abs(amount) * scale + 0.5) / scale)
    return f"{currency} {rounded:,.{decimals}f}"


def fiscal_year_label(year: Any, lang: str) -> str:
    """FY2027 in English, 2027年度 in Japanese; a dash for no year."""
    if year is None:
        return "—"
    return f"{year}年度" if lang == "ja" else f"FY{year}"


class _Missing:
    def __init__(self, name: str) -> None:
        self.name = name


class _Formatter(string.Formatter):
    def __init__(self, lang: str, params: Mapping[str, Any]) -> None:
        self.lang, self.params = lang, params

    def get_value(self, key: int | str, args: Any, kwargs: Any) -> Any:
        return self.params.get(str(key), _Missing(str(key)))

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        return value if conversion is None else super().convert_field(value, conversion)

    def show(self, value: Any, spec: str = "") -> str:
        lang = self.lang
        if isinstance(value, _Missing):
            return "{" + value.name + "}"
        if isinstance(value, Message):
            return value.text(lang)
        if isinstance(value, dict) and "code" in value and set(value) <= {"code", "params"}:
            return render(value["code"], value.get("params") or {}, lang)
        if spec == "list" or spec.startswith("list."):
            items = value if isinstance(value, list | tuple) else [value]
            inner = spec[5:]
            if inner.startswith("@"):  # the items' label kind is the parameter named here
                inner = str(self.params.get(inner[1:]) or "")
            return SEPARATOR[_lang(lang)].join(self.show(item, inner) for item in items)
        if isinstance(value, list | tuple):
            return SEPARATOR[_lang(lang)].join(self.show(item, spec) for item in value)
        if spec == "money":
            return format_money(float(value), str(self.params.get("currency", "")))
        if spec == "fy":
            return fiscal_year_label(value, lang)
        if spec in label_kinds():
            return label(spec, value, lang)
        if isinstance(value, dt.date):
            return value.isoformat() if not spec else format(value, spec)
        if spec:
            try:
                return format(value, spec)
            except (TypeError, ValueError):
                return str(value)
        return str(value)

    def format_field(self, value: Any, format_spec: str) -> str:
        return self.show(value, format_spec)


def _lang(lang: str) -> str:
    return "ja" if lang == "ja" else "en"


def fill(template: str, params: Mapping[str, Any], lang: str) -> str:
    """``template`` with its placeholders filled from ``params``, shown for ``lang``."""
    return _Formatter(_lang(lang), params).vformat(template, (), {})


def render(code: str, params: Mapping[str, Any] | None, lang: str) -> str:
    """The message ``code`` in ``lang`` with ``params`` filled in.

    An unknown code is shown as the code with its parameters, never an exception: a text
    missing from the catalogue must not break the output (the tests forbid it).
    """
    params = params or {}
    found = messages_catalog().get(code)
    if found is None:
        return code + (f" {dict(params)}" if params else "")
    return fill(found.text.get(_lang(lang)), params, lang)


def render_hint(code: str, params: Mapping[str, Any] | None, lang: str) -> str:
    """The hint of message ``code`` in ``lang`` (empty when it has none)."""
    found = messages_catalog().get(code)
    if found is None or found.hint is None:
        return ""
    return fill(found.hint.get(_lang(lang)), params or {}, lang)


def placeholders(template: str) -> list[tuple[str, str]]:
    """(name, spec) of every placeholder of a template."""
    return [(name, spec or "") for _, name, spec, _ in string.Formatter().parse(template)
            if name is not None]
