"""KPI measurements in and at rest: CSV/XLSX tables parsed into typed rows (no store, no
model), the column mappings that say which column is what, and the Parquet store."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opmodel.engines.kpi.intake import PARSED_SCHEMA, ParsedMeasurements, RowIssue, sort_issues
from opmodel.interop.files import DEFAULT_MAX_BYTES, replace_atomically
from opmodel.interop.table_errors import named
from opmodel.interop.tables import TableError, read_table, table_error

if TYPE_CHECKING:
    import polars as pl

FIELDS = ("kpi", "scope", "period", "timestamp", "value", "numerator", "denominator")
# Header names recognised without a mapping (compared case-insensitively).
ALIASES: dict[str, tuple[str, ...]] = {
    "kpi": ("kpi", "kpi_id", "指標", "kpi id"),
    "scope": ("scope", "スコープ", "対象"),
    "period": ("period", "month", "date", "期間", "年月", "日付"),
    "timestamp": ("timestamp", "time", "日時"),
    "value": ("value", "値", "実績", "実績値"),
    "numerator": ("numerator", "分子"),
    "denominator": ("denominator", "分母"),
}
ALL_SCOPES = "all"
KEY = ["kpi", "scope", "at"]  # one stored value per KPI, scope and time


class MappingError(TableError):
    """The column mapping names a field or a column that does not exist."""


def _mapping_error(code: str, **params: Any) -> MappingError:
    return MappingError(table_error(code, **params).message)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _fields() -> str:
    return ", ".join(FIELDS)


def parse_column_pairs(pairs: Iterable[str]) -> dict[str, str]:
    """Field → column from ``FIELD=COLUMN`` pairs (the ``--map`` option)."""
    mapping = {}
    for pair in pairs:
        name, sep, column = pair.partition("=")
        name, column = name.strip(), column.strip()
        if not sep or not name or not column:
            raise _mapping_error("measurement.map_pair", pair=pair)
        if name not in FIELDS:
            raise _mapping_error("measurement.map_unknown_field", pair=pair, field=name,
                                 fields=_fields())
        mapping[name] = column
    return mapping


def read_column_mapping(path: Path) -> dict[str, str]:
    """Field → column from a YAML file of ``FIELD: COLUMN`` lines; a MappingError names the
    file and the key that is wrong."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise _mapping_error("measurement.mapping_not_found", file=str(path)) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise _mapping_error("measurement.mapping_unreadable", file=str(path),
                             reason=_first_line(exc)) from None
    if not isinstance(data, dict):
        raise _mapping_error("measurement.mapping_shape", file=str(path))
    for key, column in data.items():
        if str(key) not in FIELDS:
            raise _mapping_error("measurement.mapping_unknown_field", file=str(path),
                                 field=str(key), column=str(column), fields=_fields())
        if not isinstance(column, str) or not column.strip():
            raise _mapping_error("measurement.mapping_column", file=str(path), field=str(key))
    return {str(k): v.strip() for k, v in data.items()}


def resolve_columns(headers: list[str], mapping: Mapping[str, str],
                    source: str) -> dict[str, str]:
    """Field → column: the explicit mapping, then header aliases; checks every name.

    ``source`` (the table's name) starts the messages.
    """
    has = ", ".join(headers)
    for name, column in mapping.items():
        if name not in FIELDS:
            raise _mapping_error("measurement.unknown_field", file=source, field=name,
                                 column=column, fields=_fields())
        if column not in headers:
            raise _mapping_error("measurement.column_absent", file=source, field=name,
                                 column=column, columns=has)
    found = dict(mapping)
    lowered = {h.strip().lower(): h for h in headers}
    for name, names in ALIASES.items():
        if name not in found:
            hit = next((lowered[n] for n in names if n in lowered), None)
            if hit is not None and hit not in found.values():
                found[name] = hit
    if "kpi" not in found:
        raise _mapping_error("measurement.no_kpi_column", file=source, columns=has)
    if "value" not in found and not {"numerator", "denominator"} <= found.keys():
        raise _mapping_error("measurement.no_value_column", file=source, columns=has)
    if "period" not in found and "timestamp" not in found:
        raise _mapping_error("measurement.no_time_column", file=source, columns=has)
    return found


# 1,234 or 12,345,678.9: commas between groups of three digits are thousands separators
THOUSANDS = r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?$"
# with --decimal-comma, 1,234 could still be one thousand two hundred and thirty-four
AMBIGUOUS_COMMA = r"^[+-]?\d{1,3},\d{3}%?$"


def _numbers(text: pl.Expr, decimal_comma: bool) -> pl.Expr:
    """A cell's number: thousands separators dropped, a trailing % (Excel's percentage
    cells) left off; what is not clearly a number is null (and told as a problem)."""
    import polars as pl

    cleaned = text.str.strip_chars().str.replace_all(r"[\s_]", "")
    if decimal_comma:
        cleaned = (pl.when(cleaned.str.contains(AMBIGUOUS_COMMA)).then(pl.lit(None, pl.Utf8))
                   .otherwise(cleaned.str.replace_all(r"\.", "")
                              .str.replace(",", ".", literal=True)))
    else:
        cleaned = (pl.when(cleaned.str.contains(THOUSANDS))
                   .then(cleaned.str.replace_all(",", "", literal=True)).otherwise(cleaned))
    return cleaned.str.strip_suffix("%").cast(pl.Float64, strict=False)


def _percent(text: pl.Expr) -> pl.Expr:
    return text.str.strip_chars().str.ends_with("%").fill_null(False)


def _normalised(table: pl.DataFrame, fields: Mapping[str, str]
                ) -> tuple[pl.DataFrame, list[RowIssue]]:
    """Full-width digits and signs (１２、２０２７／０４／０１) as their ASCII forms, and a
    note for every cell that had them. ``fields`` maps the frame's columns to the table's."""
    import polars as pl

    notes = [RowIssue(row=r["row"], column=column, code="measurement.full_width",
                      params={"text": r["text"]}, value=r["text"])
             for name, column in fields.items()
             for r in table.filter(pl.col(name).str.contains(r"[\uff01-\uff5e]").fill_null(False))
             .select("row", text=pl.col(name)).to_dicts()]
    return table.with_columns([pl.col(n).str.normalize("NFKC") for n in fields]), notes


def parse_measurements(table: pl.DataFrame, columns: Mapping[str, str], source: str = "", *,
                       decimal_comma: bool = False, dayfirst: bool | None = None,
                       first_row: int = 2) -> ParsedMeasurements:
    """Typed measurement rows of ``table`` and the problems of reading their cells.

    ``columns`` maps fields to the table's columns (see :func:`resolve_columns`). Which
    KPIs exist is not known here: the use case checks the rows against the model.
    ``dayfirst`` says how to read 01/04/2027; None refuses such dates rather than guess.
    ``first_row`` numbers the first row in the problems (2 under a header row; 1 in JSON).
    """
    import polars as pl

    from opmodel.interop.timestamps import DAY_OR_MONTH_FIRST, parse_timestamps

    def col(name: str) -> pl.Expr:
        return pl.col(columns[name]).str.strip_chars() if name in columns else pl.lit(None, pl.Utf8)

    when_field = "timestamp" if "timestamp" in columns else "period"
    raw, notes = _normalised(table.select(
        row=pl.int_range(first_row, table.height + first_row, dtype=pl.Int64),
        kpi=col("kpi"), scope=col("scope"), when=col(when_field),
        value_text=col("value"), numerator_text=col("numerator"),
        denominator_text=col("denominator")),
        {"when": columns.get(when_field, when_field), "value_text": columns.get("value", "value"),
         "numerator_text": columns.get("numerator", "numerator"),
         "denominator_text": columns.get("denominator", "denominator")})
    typed = raw.with_columns(
        percent=_percent(pl.col("value_text")),
        at=parse_timestamps(raw["when"], dayfirst=dayfirst),
        value=_numbers(pl.col("value_text"), decimal_comma),
        numerator=_numbers(pl.col("numerator_text"), decimal_comma),
        denominator=_numbers(pl.col("denominator_text"), decimal_comma),
        scope=pl.col("scope").fill_null(ALL_SCOPES),
    )
    comma = "measurement.bad_number" if decimal_comma else "measurement.decimal_comma"
    when_col = columns.get(when_field, when_field)
    checks: list[tuple[str, str, pl.Expr, pl.Expr]] = [
        ("kpi", columns["kpi"], pl.col("kpi").is_null(), pl.lit("measurement.missing")),
        ("when", when_col, pl.col("when").is_null(), pl.lit("measurement.missing")),
        ("when", when_col, pl.col("when").is_not_null() & pl.col("at").is_null(),
         pl.when(pl.col("when").str.contains(DAY_OR_MONTH_FIRST))
         .then(pl.lit("measurement.ambiguous_date" if dayfirst is None
                      else "measurement.date_order"))
         .otherwise(pl.lit("measurement.bad_date"))),
    ]
    for name in ("value", "numerator", "denominator"):
        text = f"{name}_text"
        checks.append((text, columns.get(name, name),
                       pl.col(text).is_not_null() & pl.col(name).is_null(),
                       pl.when(pl.col(text).str.contains(AMBIGUOUS_COMMA) & decimal_comma)
                       .then(pl.lit("measurement.ambiguous_comma"))
                       .when(pl.col(text).str.contains(",")).then(pl.lit(comma))
                       .otherwise(pl.lit("measurement.bad_number"))))
    checks += [
        ("denominator_text", columns.get("denominator", "denominator"),
         pl.col("denominator") < 0, pl.lit("measurement.negative_denominator")),
        # the store keeps one value per KPI, scope and time: a second one would silently win
        ("when", when_col, pl.col("at").is_not_null() & pl.col("kpi").is_not_null()
         & (pl.int_range(pl.len()).over(KEY) > 0), pl.lit("measurement.duplicate")),
    ]
    issues = [RowIssue(**r) for source_col, column, cond, code in checks
              for r in typed.filter(cond.fill_null(False)).select(
                  "row", column=pl.lit(column), code=code,
                  value=pl.col(source_col).cast(pl.Utf8)).to_dicts()]
    rows = typed.select(*PARSED_SCHEMA).cast(PARSED_SCHEMA)
    return ParsedMeasurements(source=source, rows=rows, issues=sort_issues(issues),
                              columns=dict(columns), notes=sorted(notes, key=lambda n: n.row))


def read_measurements(path: Path, mapping: Mapping[str, str] | None = None, *,
                      sheet: str | None = None, decimal_comma: bool = False,
                      dayfirst: bool | None = None, source: str | None = None,
                      max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedMeasurements:
    """A CSV (UTF-8, BOM or CP932; optionally gzip), XLSX or JSON-rows file of
    measurements, parsed; at most ``max_bytes`` in the file and unpacked. ``source`` names
    the file in problems (default: its path)."""
    name = source or str(path)
    try:
        table = read_table(path, sheet, max_bytes=max_bytes)
    except TableError as exc:
        raise named(exc, name) from None
    columns = resolve_columns(table.columns, mapping or {}, name)
    first_row = 1 if path.name.lower().endswith((".json", ".json.gz")) else 2
    return parse_measurements(table, columns, name, decimal_comma=decimal_comma,
                              dayfirst=dayfirst, first_row=first_row)


def empty_measurements() -> pl.DataFrame:
    """A frame with the measurement columns and no rows."""
    import polars as pl

    return pl.DataFrame(schema={"kpi": pl.Utf8, "scope": pl.Utf8, "at": pl.Datetime("us"),
                                "value": pl.Float64, "numerator": pl.Float64,
                                "denominator": pl.Float64})


def merge_measurements(old: pl.DataFrame, new: pl.DataFrame) -> pl.DataFrame:
    """Old and new rows; a new row replaces an old one of the same KPI, scope and time."""
    import polars as pl

    both = pl.concat([old.select(empty_measurements().columns),
                      new.select(empty_measurements().columns)], how="vertical_relaxed")
    return both.unique(subset=KEY, keep="last", maintain_order=True).sort(KEY)


def measurements_path(model_path: Path) -> Path:
    """Where a model's measurements live by default: <model>.measurements.parquet beside it."""
    return model_path.parent / f"{model_path.stem}.measurements.parquet"


class ParquetMeasurementStore:
    """A model's measurements in one Parquet file, replaced whole and atomically on each
    change, its rows sorted by KPI, scope and time (the same imports give the same file)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"ParquetMeasurementStore({str(self.path)!r})"

    def read(self, kpis: Collection[str] | None = None) -> pl.DataFrame:
        """The stored measurements, of the KPIs ``kpis`` only when given (none yet: empty)."""
        import polars as pl

        if not self.path.exists():
            return empty_measurements()
        try:
            frame = pl.scan_parquet(self.path).select(empty_measurements().columns)
            if kpis is not None:
                frame = frame.filter(pl.col("kpi").is_in(list(kpis)))
            return frame.collect()
        except Exception as exc:  # a damaged or foreign file
            raise self._unreadable(exc) from None

    def add(self, rows: pl.DataFrame) -> None:
        """Store ``rows``, each replacing a stored row of the same KPI, scope and time: all
        of them or, when writing fails, none."""
        merged = merge_measurements(self.read(), rows)
        try:
            replace_atomically(self.path, lambda tmp: merged.write_parquet(tmp, statistics=True))
        except OSError as exc:
            raise table_error("measurement.store_unwritable", file=str(self.path),
                              reason=exc.strerror or str(exc)) from None

    def count(self) -> int:
        """How many measurements are stored."""
        import polars as pl

        if not self.path.exists():
            return 0
        try:
            return int(pl.scan_parquet(self.path).select(pl.len()).collect().item())
        except Exception as exc:  # a damaged or foreign file
            raise self._unreadable(exc) from None

    def _unreadable(self, exc: Exception) -> TableError:
        return table_error("measurement.store_unreadable", file=str(self.path),
                           reason=_first_line(exc))
