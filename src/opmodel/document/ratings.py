"""A 1–5 rating whose out-of-range error names the entity it belongs to."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, ValidationInfo
from pydantic_core import PydanticCustomError

Rating = Annotated[int, Field(ge=1, le=5)]
"""A five-point ordinal rating (likelihood, impact, influence, interest ...)."""

RATING_LOW, RATING_HIGH = 1, 5


def check_rating(value: Any, info: ValidationInfo) -> Any:
    """Reject a number outside 1–5 with an error that names the entity's id.

    Used as a ``field_validator(mode="before")``; other inputs pass on to the type.
    """
    if isinstance(value, int | float) and not isinstance(value, bool) and not (
        RATING_LOW <= value <= RATING_HIGH
    ):
        owner = info.data.get("id", "?") if info.data else "?"
        raise PydanticCustomError(
            "rating_range",
            "{field} of '{id}' is {value}, outside {low}–{high}",
            {"id": owner, "value": value, "low": RATING_LOW, "high": RATING_HIGH,
             "field": info.field_name or ""},
        )
    return value
