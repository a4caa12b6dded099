"""Incident event logs in: a mapping file says which column is what, whatever tool exported it;
or a tool's incident export (a row per incident, its columns known by its dialect) read as the
events of each incident."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from opmodel.interop.files import DEFAULT_MAX_BYTES
from opmodel.interop.table_errors import TableError, named
from opmodel.interop.tables import read_csv_text, table_error
from opmodel.knowledge.texts import Message

if TYPE_CHECKING:
    import polars as pl

TRUE = ("true", "t", "yes", "y", "1", "はい")
FALSE = ("false", "f", "no", "n", "0", "いいえ")


class ItsmMapping(BaseModel):
    """Which column of the log holds the case, time, state and the optional fields."""

    model_config = ConfigDict(extra="forbid")

    case: str
    timestamp: str
    state: str
    resolved_states: Annotated[list[str], Field(min_length=1)]
    group: str | None = None
    priority: str | None = None
    opened_at: str | None = None
    sla_met: str | None = None
    dayfirst: bool = False
    missing: list[str] = Field(default_factory=lambda: ["?", ""],
                               description="Cell values that mean 'no value'.")

    def columns(self) -> dict[str, str]:
        """Mapping key → column, for every column the mapping names."""
        keys = ("case", "timestamp", "state", "group", "priority", "opened_at", "sla_met")
        return {k: getattr(self, k) for k in keys if getattr(self, k) is not None}


def read_mapping_file(path: Path) -> Any:
    """The YAML of a mapping file (what it holds unchecked), or a TableError naming it."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise table_error("itsm.mapping_not_found", file=str(path)) from None
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        raise table_error("itsm.mapping_unreadable", file=str(path), reason=str(exc)) from None


def load_mapping(path: Path) -> ItsmMapping:
    """The mapping file, or a TableError naming every key that is wrong."""
    data = read_mapping_file(path)
    try:
        return ItsmMapping.model_validate(data)
    except ValidationError as exc:
        problems = [_key_problem(err) for err in exc.errors()]
        raise table_error("itsm.mapping_invalid", file=str(path), problems=problems) from None


def _key_problem(error: Any) -> Message:
    """What is wrong with one key of the mapping."""
    key = ".".join(str(p) for p in error["loc"]) or "(top)"
    kind = error["type"]
    if kind == "missing":
        return Message(code="itsm.mapping_key_missing", params={"key": key})
    if kind == "extra_forbidden":
        keys = ", ".join(ItsmMapping.model_fields)
        return Message(code="itsm.mapping_key_unknown", params={"key": key, "keys": keys})
    if kind == "too_short":
        return Message(code="itsm.mapping_key_empty", params={"key": key})
    from opmodel.document.messages import validation_problem

    found = validation_problem(error)  # pydantic's reason, in either language
    reason = Message(code=found.code, params=found.params)
    return Message(code="itsm.mapping_key_value", params={"key": key, "reason": reason})


def read_event_log(path: Path, mapping: ItsmMapping, *, source: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> pl.DataFrame:
    """The log as row, case, at (UTC) and state, plus group, priority, opened_at, sla_met
    when the mapping names them; a TableError names a missing column or unreadable time
    (and the file as ``source``, by default its path)."""
    try:
        return _read_event_log(path, mapping, max_bytes)
    except TableError as exc:
        raise named(exc, source) if source else exc from None


def _read_event_log(path: Path, mapping: ItsmMapping, max_bytes: int) -> pl.DataFrame:
    import polars as pl

    from opmodel.interop.timestamps import parse_timestamps

    cols = mapping.columns()

    def select(header: list[str]) -> list[str]:
        for key, column in cols.items():
            if column not in header:
                raise table_error("itsm.column_absent", key=key, column=column, file=str(path),
                                  columns=", ".join(header[:40]))
        return list(dict.fromkeys(cols.values()))

    table = read_csv_text(path, select, max_bytes=max_bytes)
    missing = mapping.missing

    def text(key: str) -> pl.Expr:
        c = pl.col(cols[key]).str.strip_chars()
        return pl.when(c.is_in(missing)).then(None).otherwise(c).alias(key)

    frame = table.select(pl.int_range(1, table.height + 1, dtype=pl.Int64).alias("row"),
                         *[text(k) for k in cols])
    frame = frame.with_columns(at=parse_timestamps(frame["timestamp"], dayfirst=mapping.dayfirst))
    if "opened_at" in cols:
        frame = frame.with_columns(
            opened_at=parse_timestamps(frame["opened_at"], dayfirst=mapping.dayfirst))
    if "sla_met" in cols:
        low = pl.col("sla_met").str.to_lowercase()
        frame = frame.with_columns(sla_met=pl.when(low.is_in(TRUE)).then(True)
                                   .when(low.is_in(FALSE)).then(False))
    _refuse_bad_rows(frame, path, mapping)
    return frame.drop("timestamp")


def _refuse_bad_rows(frame: pl.DataFrame, path: Path, mapping: ItsmMapping) -> None:
    import polars as pl

    for key, column, bad in (
        ("case", mapping.case, pl.col("case").is_null()),
        ("timestamp", mapping.timestamp, pl.col("at").is_null()),
    ):
        rows = frame.filter(bad)
        if rows.height:
            # data rows start on line 2 of the file, after the header
            lines = [Message(code="itsm.line", params={"line": r["row"] + 1,
                                                       "value": r.get("timestamp") or ""})
                     for r in rows.head(5).to_dicts()]
            raise table_error("itsm.no_time" if key == "timestamp" else "itsm.no_case",
                              file=str(path), count=rows.height, key=key, column=column,
                              lines=lines)


RESOLVED = ("Resolved", "Closed")  # the states of the events an incident export makes


def read_incident_export(path: Path, columns: dict[str, set[str]],
                         *, dayfirst: bool = False) -> tuple[pl.DataFrame, dict[str, str]]:
    """A CSV or XLSX export of incidents (a row per incident) as events: each incident
    opened (state New), resolved and closed at its times; ``columns`` gives the compacted
    headers each field goes by. Returns the events and the header read for each field; an
    export without the incident number or the time it was opened is a TableError."""
    import re

    import polars as pl

    from opmodel.interop.survey_sheets import normalise
    from opmodel.interop.tables import read_table
    from opmodel.interop.timestamps import parse_timestamps

    table = read_table(path)
    keys = {re.sub(r"[\s_\-]", "", normalise(h)): h for h in reversed(table.columns)}
    found = {name: next(keys[k] for k in names if k in keys)
             for name, names in columns.items() if any(k in keys for k in names)}
    for key in ("case", "opened_at"):
        if key not in found:
            raise table_error("itsm.column_absent", key=key, column="/".join(sorted(
                columns[key])), file=str(path), columns=", ".join(table.columns[:40]))
    frame = table.select(pl.int_range(1, table.height + 1, dtype=pl.Int64).alias("row"),
                         *[pl.col(h).str.strip_chars().alias(k) for k, h in found.items()])
    for key in ("opened_at", "resolved_at", "closed_at"):
        if key in found:
            frame = frame.with_columns(parse_timestamps(frame[key], dayfirst=dayfirst)
                                       .alias(key))
    if "sla_met" in found:
        low = pl.col("sla_met").str.to_lowercase()
        frame = frame.with_columns(sla_met=pl.when(low.is_in(TRUE)).then(True)
                                   .when(low.is_in(FALSE)).then(False))
    keep = ["row", "case", *(k for k in ("group", "priority", "opened_at", "sla_met")
                             if k in found)]
    steps = [("opened_at", "New"), ("resolved_at", RESOLVED[0]), ("closed_at", RESOLVED[1])]
    events = pl.concat([frame.filter(pl.col(at).is_not_null())
                        .select(*keep, at=pl.col(at), state=pl.lit(state))
                        for at, state in steps if at in found])
    missing = frame.filter(pl.col("case").is_null() | pl.col("opened_at").is_null())
    if missing.height:
        lines = [Message(code="itsm.line", params={"line": r["row"] + 1, "value": ""})
                 for r in missing.head(5).to_dicts()]
        raise table_error("itsm.no_time", file=str(path), count=missing.height,
                          key="opened_at", column=found["opened_at"], lines=lines)
    return events, found
