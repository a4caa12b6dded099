"""KPI measurements in: CSV/XLSX rows validated row by row, stored as Parquet beside the model."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from opmodel.interop.files import replace_atomically
from opmodel.interop.tables import TableError, read_table

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

# code: (en, ja) of a row problem
ROW_PROBLEMS: dict[str, tuple[str, str]] = {
    "missing": ("a value is required", "値が必要です"),
    "unknown_kpi": ("not a KPI of the model or the library",
                    "モデルにもライブラリにもない KPI です"),
    "bad_date": ("not a date or time (use 2026-04-01, 2026-04 or 2026-04-01T09:00+09:00)",
                 "日付・日時として読めません（2026-04-01、2026-04、2026-04-01T09:00+09:00 など）"),
    "ambiguous_date": ("which comes first, day or month, is not known; write YYYY-MM-DD (2027-04-01), "
                       "or pass --dayfirst (01/04/2027 is 1 April) or --monthfirst (4 January)",
                       "日と月のどちらが先か分かりません。YYYY-MM-DD（2027-04-01）で書くか、"
                       "--dayfirst（01/04/2027 は 4 月 1 日）または --monthfirst（1 月 4 日）を指定してください"),
    "date_order": ("not a date in the order chosen; check --dayfirst / --monthfirst, or write YYYY-MM-DD",
                   "指定した日・月の順では日付になりません。--dayfirst / --monthfirst を確認するか、"
                   "YYYY-MM-DD で書いてください"),
    "bad_number": ("not a number", "数値として読めません"),
    "decimal_comma": ("not a number; if ',' is the decimal mark, use --decimal-comma",
                      "数値として読めません。',' が小数点なら --decimal-comma を指定してください"),
    "ratio_parts": ("this ratio KPI needs a numerator and a denominator, or its value",
                    "比率の KPI には分子と分母、または値が必要です"),
    "ratio_mixed": ("this ratio KPI is given as counts in other rows of the file; give counts "
                    "(numerator, denominator) or values for one KPI, not both",
                    "この比率の KPI はファイルの別の行では件数で与えられています。1 つの KPI には"
                    "件数（分子・分母）か値のどちらか一方だけを使ってください"),
    "negative_denominator": ("the denominator must not be negative", "分母は負にできません"),
    "duplicate": ("an earlier row has the same KPI, scope and time; keep one of them",
                  "前の行と KPI・対象・日時が同じです。どちらか一方にしてください"),
}


class RowIssue(BaseModel):
    """One problem in one cell of the input table (row 1 is the header)."""

    row: int
    column: str
    code: str
    value: str | None
    message_en: str
    message_ja: str


class ImportResult(BaseModel):
    """What an import read, kept, skipped and stored."""

    source: str
    rows: int
    imported: int
    skipped: int
    issues: list[RowIssue]
    stored: int
    path: str


class MappingError(TableError):
    """The column mapping names a field or a column that does not exist."""


def resolve_columns(headers: list[str], mapping: Mapping[str, str], source: str = "") -> dict[str, str]:
    """Field → column: the explicit mapping, then header aliases; checks every name.

    ``source`` (the file's name) starts the messages about a missing column.
    """
    for field, column in mapping.items():
        if field not in FIELDS:
            raise MappingError(f"--map {field}={column}: unknown field '{field}' (fields: {', '.join(FIELDS)})",
                               f"--map {field}={column}: 項目 '{field}' はありません（項目: {', '.join(FIELDS)}）")
        if column not in headers:
            raise MappingError(
                f"mapping {field}: column '{column}' is not in the file (columns: {', '.join(headers)})",
                f"マッピング {field}: 列 '{column}' がファイルにありません（列: {', '.join(headers)}）")
    found = dict(mapping)
    lowered = {h.strip().lower(): h for h in headers}
    for field, names in ALIASES.items():
        if field not in found:
            hit = next((lowered[n] for n in names if n in lowered), None)
            if hit is not None and hit not in found.values():
                found[field] = hit
    where = f"{source}: " if source else ""
    has = ", ".join(headers)
    missing = None
    if "kpi" not in found:
        missing = ("'kpi'", "kpi")
    elif "value" not in found and not {"numerator", "denominator"} <= found.keys():
        missing = ("'value'", "value")
    elif "period" not in found and "timestamp" not in found:
        missing = ("'period' or 'timestamp'", "period")
    if missing is not None:
        need, field = missing
        need_ja = need.replace(" or ", " または ")
        raise MappingError(f"{where}no column for {need} (columns: {has}); map one with --map {field}=COLUMN",
                           f"{where}{need_ja} の列がありません（列: {has}）。--map {field}=列名 で指定してください")
    return found


def _numbers(text: pl.Expr, decimal_comma: bool) -> pl.Expr:
    import polars as pl

    cleaned = text.str.strip_chars().str.replace_all(r"[\s_]", "")
    if decimal_comma:
        cleaned = cleaned.str.replace_all(r"\.", "").str.replace(",", ".", literal=True)
    return cleaned.cast(pl.Float64, strict=False)


def parse_measurements(table: pl.DataFrame, columns: Mapping[str, str], kpis: Mapping[str, tuple[str, float]],
                       *, decimal_comma: bool = False,
                       dayfirst: bool | None = None) -> tuple[pl.DataFrame, list[RowIssue]]:
    """Typed measurement rows of ``table`` and the problems of the invalid ones.

    ``kpis`` maps every acceptable KPI id to its (aggregation, scale). Returned rows
    carry ``row`` (the 1-based line of the table, header = 1) to tell which are valid.
    ``dayfirst`` says how to read 01/04/2027; None refuses such dates rather than guess.
    """
    import polars as pl

    from opmodel.interop.timestamps import DAY_OR_MONTH_FIRST, parse_timestamps

    def col(field: str) -> pl.Expr:
        return pl.col(columns[field]).str.strip_chars() if field in columns else pl.lit(None, pl.Utf8)

    when_col = columns.get("timestamp", columns.get("period", ""))
    raw = table.select(
        row=pl.int_range(2, table.height + 2, dtype=pl.Int64),
        kpi=col("kpi"), scope=col("scope"), when=col("timestamp") if "timestamp" in columns else col("period"),
        value_text=col("value"), num_text=col("numerator"), den_text=col("denominator"))
    known = pl.DataFrame({"kpi": list(kpis), "aggregation": [a for a, _ in kpis.values()],
                          "scale": [s for _, s in kpis.values()]}, schema={"kpi": pl.Utf8, "aggregation": pl.Utf8, "scale": pl.Float64})
    typed = raw.join(known, on="kpi", how="left", maintain_order="left").with_columns(
        at=parse_timestamps(raw["when"], dayfirst=dayfirst),
        value=_numbers(pl.col("value_text"), decimal_comma),
        numerator=_numbers(pl.col("num_text"), decimal_comma),
        denominator=_numbers(pl.col("den_text"), decimal_comma),
        scope=pl.col("scope").fill_null(ALL_SCOPES),
    )
    is_ratio = pl.col("aggregation") == "ratio"
    counted = pl.col("num_text").is_not_null() & pl.col("den_text").is_not_null()

    def bad_number(text: str, parsed: str) -> pl.Expr:
        return pl.col(text).is_not_null() & pl.col(parsed).is_null()

    comma = pl.lit("decimal_comma" if not decimal_comma else "bad_number")
    checks: list[tuple[str, str, pl.Expr, pl.Expr]] = [
        ("kpi", columns["kpi"], pl.col("kpi").is_null(), pl.lit("missing")),
        ("kpi", columns["kpi"], pl.col("kpi").is_not_null() & pl.col("aggregation").is_null(),
         pl.lit("unknown_kpi")),
        ("when", when_col, pl.col("when").is_null(), pl.lit("missing")),
        ("when", when_col, pl.col("when").is_not_null() & pl.col("at").is_null(),
         pl.when(pl.col("when").str.contains(DAY_OR_MONTH_FIRST))
         .then(pl.lit("ambiguous_date" if dayfirst is None else "date_order"))
         .otherwise(pl.lit("bad_date"))),
    ]
    for text, parsed, field in (("value_text", "value", "value"), ("num_text", "numerator", "numerator"),
                                ("den_text", "denominator", "denominator")):
        checks.append((text, columns.get(field, field), bad_number(text, parsed),
                       pl.when(pl.col(text).str.contains(",")).then(comma).otherwise(pl.lit("bad_number"))))
    checks += [
        ("value_text", columns.get("value", "value"),
         ~is_ratio.fill_null(True) & pl.col("value_text").is_null(), pl.lit("missing")),
        ("num_text", columns.get("numerator", "numerator"),
         is_ratio.fill_null(False) & ~counted & pl.col("value_text").is_null(),
         pl.lit("ratio_parts")),
        # a value stands for one observation of the ratio: mixed with counts it would be
        # weighed as one case among thousands
        ("value_text", columns.get("value", "value"),
         is_ratio.fill_null(False) & ~counted & pl.col("value_text").is_not_null()
         & counted.any().over("kpi"), pl.lit("ratio_mixed")),
        ("den_text", columns.get("denominator", "denominator"), pl.col("denominator") < 0,
         pl.lit("negative_denominator")),
        # the store keeps one value per KPI, scope and time: a second one would silently win
        ("when", when_col, pl.col("at").is_not_null() & pl.col("kpi").is_not_null()
         & (pl.int_range(pl.len()).over(["kpi", "scope", "at"]) > 0), pl.lit("duplicate")),
    ]
    found = pl.concat([
        typed.filter(cond.fill_null(False)).select(
            "row", column=pl.lit(column), code=code, value=pl.col(source).cast(pl.Utf8))
        for source, column, cond, code in checks
    ]).sort("row", maintain_order=True)
    issues = [RowIssue(**r, message_en=ROW_PROBLEMS[r["code"]][0], message_ja=ROW_PROBLEMS[r["code"]][1])
              for r in found.to_dicts()]
    bare = is_ratio & pl.col("numerator").is_null() & pl.col("denominator").is_null()
    rows = typed.with_columns(
        value=pl.when(is_ratio & pl.col("value").is_null() & (pl.col("denominator") > 0))
        .then(pl.col("numerator") / pl.col("denominator") * pl.col("scale"))
        .otherwise(pl.col("value")),
        # a ratio given as its value (99.9 for 99.9 %) is one observation: value / scale of 1
        numerator=pl.when(bare).then(pl.col("value") / pl.col("scale"))
        .otherwise(pl.col("numerator")),
        denominator=pl.when(bare).then(pl.lit(1.0)).otherwise(pl.col("denominator")),
    ).select("row", "kpi", "scope", "at", "value", "numerator", "denominator")
    return rows, issues



def empty_measurements() -> pl.DataFrame:
    """A frame with the measurement columns and no rows."""
    import polars as pl

    return pl.DataFrame(schema={"kpi": pl.Utf8, "scope": pl.Utf8, "at": pl.Datetime("us"),
                                "value": pl.Float64, "numerator": pl.Float64, "denominator": pl.Float64})


def measurements_path(model_path: Path) -> Path:
    """Where a model's measurements live: <model>.measurements.parquet beside the model."""
    return model_path.parent / f"{model_path.stem}.measurements.parquet"


def load_measurements(path: Path) -> pl.DataFrame:
    """The stored measurements (an empty frame when there are none yet)."""
    import polars as pl

    if not path.exists():
        return empty_measurements()
    try:
        return pl.read_parquet(path).select(empty_measurements().columns)
    except Exception as exc:  # a damaged or foreign file
        raise TableError(f"{path}: not a measurements file ({exc})",
                         f"{path}: 測定値ファイルとして読めません（{exc}）") from None


def merge_measurements(old: pl.DataFrame, new: pl.DataFrame) -> pl.DataFrame:
    """Old and new rows; a new row replaces an old one of the same KPI, scope and time."""
    import polars as pl

    both = pl.concat([old.select(empty_measurements().columns),
                      new.select(empty_measurements().columns)], how="vertical_relaxed")
    return (both.unique(subset=["kpi", "scope", "at"], keep="last", maintain_order=True)
            .sort(["kpi", "scope", "at"]))


def write_parquet_atomic(frame: pl.DataFrame, path: Path) -> None:
    """Write ``frame`` to a temporary file beside ``path``, then rename it into place."""
    replace_atomically(path, lambda tmp: frame.write_parquet(tmp, statistics=True))


def import_measurements(source: Path, store: Path, kpis: Mapping[str, tuple[str, float]],
                        mapping: Mapping[str, str], *, skip_invalid: bool = False,
                        decimal_comma: bool = False, sheet: str | None = None,
                        dayfirst: bool | None = None) -> ImportResult:
    """Read, validate and store measurements; nothing is stored when a row is invalid
    unless ``skip_invalid`` (then the invalid rows are left out and reported)."""
    import polars as pl

    table = read_table(source, sheet)
    columns = resolve_columns(table.columns, mapping, str(source))
    rows, issues = parse_measurements(table, columns, kpis, decimal_comma=decimal_comma, dayfirst=dayfirst)
    bad = {i.row for i in issues}
    result = ImportResult(source=str(source), rows=rows.height, imported=0, skipped=len(bad),
                          issues=issues, stored=0, path=str(store))
    if bad and not skip_invalid:
        return result
    good = rows.filter(~pl.col("row").is_in(sorted(bad))).drop("row")
    merged = merge_measurements(load_measurements(store), good)
    write_parquet_atomic(merged, store)
    return result.model_copy(update={"imported": good.height, "stored": merged.height})
