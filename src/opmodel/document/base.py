"""Building blocks shared by every section of the operating-model document."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=120)]
"""A stable, human-readable id: lower-case letters and digits joined by '-', '_' or '.'."""

_DAY = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$")


def read_day(text: str) -> dt.date | None:
    """The day ``text`` names as YYYY-MM-DD or YYYY/MM/DD (full-width digits welcome), None
    when it is no such pattern; ValueError when the pattern names no real day (2027-02-30)."""
    import unicodedata

    found = _DAY.match(unicodedata.normalize("NFKC", text))
    if found is None:
        return None
    year, month, day = (int(part) for part in found.groups())
    return dt.date(year, month, day)


def _day(value: Any) -> Any:
    """2027-04-01, 2027/04/01 or ２０２７／０４／０１ as a date; 2027-02-30 refused as a day
    that does not exist (not as text that is no date)."""
    if not isinstance(value, str):
        return value
    try:
        day = read_day(value)
    except ValueError:
        raise PydanticCustomError("day_not_exist", "'{day}' is not a day of the calendar",
                                  {"day": value.strip()}) from None
    return value if day is None else day


Date = Annotated[dt.date, BeforeValidator(_day)]
"""A date written YYYY-MM-DD (or YYYY/MM/DD, full-width digits welcome); a day that does
not exist is refused by name."""


class DocumentModel(BaseModel):
    """Base of every model in the document: unknown keys are errors, order is kept.

    A model that is an item of a list declares ``key_fields``: the fields whose values tell
    the items of one list apart (checked unique by the reference rule), so that a path, a
    change set or a merge can address each item by its key.
    """

    key_fields: ClassVar[tuple[str, ...]] = ()

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=False,
        populate_by_name=True,
        use_enum_values=False,
        allow_inf_nan=False,
    )


@cache
def _defaults(cls: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    # computed once per class: calling default factories per object is what made this slow
    return tuple((name, info.get_default(call_default_factory=True))
                 for name, info in cls.model_fields.items())


def is_written(model: BaseModel, name: str) -> bool:
    """Whether a dump that leaves out the fields never set writes the field ``name`` of
    ``model``: it was set, or its value differs from its default (what
    :func:`mark_changed_fields` marks), without walking the rest of the model."""
    if name in model.__pydantic_fields_set__:
        return True
    default = _default_of(type(model)).get(name)
    return bool(model.__dict__.get(name, default) != default)


@cache
def _default_of(cls: type[BaseModel]) -> dict[str, Any]:
    return dict(_defaults(cls))


def mark_changed_fields(model: BaseModel) -> None:
    """Count as set every field whose value differs from its default, at every depth.

    A dump writes only the fields that were set; a list or sub-model filled in place after
    loading (``model.risks.items.append(...)``) must not be lost because it never was.
    """
    stack: list[Any] = [model]
    while stack:
        obj = stack.pop()
        if isinstance(obj, BaseModel):
            fields_set = obj.__pydantic_fields_set__
            values = obj.__dict__
            for name, default in _defaults(type(obj)):
                value = values.get(name, default)
                if name not in fields_set and value != default:
                    fields_set.add(name)
                if isinstance(value, BaseModel | list | dict) and value:
                    stack.append(value)
        elif isinstance(obj, list):
            if isinstance(obj[0], BaseModel | list | dict):
                stack.extend(obj)
        else:
            stack.extend(v for v in obj.values() if isinstance(v, BaseModel | list | dict))


class Entity(DocumentModel):
    """Anything with an id that other parts of the document may refer to."""

    key_fields: ClassVar[tuple[str, ...]] = ("id",)

    id: Slug
    name: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class RefTo:
    """Marks a field (or the items of a list field) as a reference to a collection.

    The collection is named by its dotted path from the document root, for example
    ``roadmap.initiatives``; the referenced value is the ``id`` of one of its entities.
    """

    collection: str


class Level3(StrEnum):
    """A three-step ordinal rating used throughout the profile."""

    low = "low"
    medium = "medium"
    high = "high"


Maturity = Annotated[int, Field(ge=0, le=5)]
"""A capability or maturity level 0–5 (COBIT/CMMI style)."""

Share = Annotated[float, Field(ge=0.0, le=1.0)]
"""A fraction between 0 and 1."""


# British and American spellings of one value: either is read as the enum's own spelling
SPELLINGS = (("organisation", "organization"), ("behaviour", "behavior"))


class SpelledEnum(StrEnum):
    """An enumeration whose values are also read in their other English spelling
    (``organization`` for ``organisation`` and back); it writes its own spelling."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        for british, american in SPELLINGS:
            for written, own in ((british, american), (american, british)):
                if written in value:
                    found = cls._value2member_map_.get(value.replace(written, own))
                    if found is not None:
                        return found
        return None


class Component(SpelledEnum):
    """The five components of every IT operating model (article)."""

    governance = "governance"
    organization = "organization"
    process = "process"
    technology = "technology"
    sourcing = "sourcing"


class Language(StrEnum):
    """Languages every user-facing text exists in."""

    ja = "ja"
    en = "en"
