"""`opmodel kpi …`: the KPI library, measurement import, roll-up report, scorecard, ITSM logs."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from opmodel.cli.common import (
    Format,
    FormatOption,
    LangOption,
    console,
    date_option,
    fail,
    load_model,
    pick,
    print_json,
    resolve_lang,
)
from opmodel.cli.kpi_text import aggregation_label, period_label
from opmodel.cli.kpi_text import num as _num

if TYPE_CHECKING:
    from opmodel.interop.tables import TableError

class PeriodOption(StrEnum):
    """Roll-up periods; the values of opmodel.document.kpis.Period (kept here so that
    loading the command does not load the document package)."""

    day = "day"
    week = "week"
    month = "month"
    quarter = "quarter"
    fiscal_quarter = "fiscal_quarter"
    fiscal_year = "fiscal_year"


kpi_app = typer.Typer(help="KPIs: library, measurement import, report, scorecard, ITSM logs.\n\n"
                      "Example: opmodel kpi status target.yaml", no_args_is_help=True)

def _table_error(exc: TableError, lang: str) -> None:
    fail(lang, exc.en, exc.ja)


def _today(model: Any) -> dt.date:
    return model.metadata.as_of or dt.date.today()


@kpi_app.command("library")
def library(
    component: Annotated[str | None, typer.Option("--component", help="Only this component.")] = None,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """List the KPIs of the library: id, component, step, direction, aggregation, target.

    Example: opmodel kpi library --component process --lang ja
    """
    from opmodel.knowledge.kpis import kpi_library

    language = resolve_lang(lang)
    component = _component(component, language)
    kpis = [k for k in kpi_library().kpis if component is None or k.component.value == component]
    if fmt is Format.json:
        print_json([k.model_dump(mode="json") for k in kpis])
        return
    from opmodel.cli.kpi_text import COMPONENT_JA, STEP_JA, print_table

    print_table([pick(language, h, j) for h, j in (
        ("id", "ID"), ("component", "構成要素"), ("step", "ステップ"), ("better", "良い方向"),
        ("aggregation", "集計"), ("target", "目安"), ("unit", "単位"), ("name", "名称"))],
        [(k.id, pick(language, k.component.value, COMPONENT_JA[k.component.value]),
          pick(language, k.step.value, STEP_JA[k.step.value]),
          pick(language, k.direction, "高" if k.direction == "higher" else "低"),
          aggregation_label(k.aggregation, language), f"{k.target:g}", k.unit.get(language),
          k.name.get(language)) for k in kpis])


# the assess output and the docs say "organisation"; the knowledge base says "organization"
_COMPONENT_SPELLINGS = {"organisation": "organization"}


def _component(text: str | None, lang: str) -> str | None:
    """The component id ``text`` names (British spelling accepted); a usage error otherwise."""
    from opmodel.knowledge.kpis import ComponentId

    if text is None:
        return None
    name = _COMPONENT_SPELLINGS.get(text.strip().lower(), text.strip().lower())
    if name not in {c.value for c in ComponentId}:
        choices = ", ".join(c.value for c in ComponentId)
        fail(lang, f"--component {text}: no such component; use one of: {choices}",
             f"--component {text}: その構成要素はありません。次のいずれかを指定してください: {choices}", code=2)
    return name


def _parse_map(pairs: list[str], lang: str) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            fail(lang, f"--map {pair}: write FIELD=COLUMN, e.g. --map kpi=指標",
                 f"--map {pair}: 項目=列名 の形で指定してください（例: --map kpi=指標）")
        mapping[field.strip()] = column.strip()
    return mapping


def _load_map_file(path: Path, lang: str) -> dict[str, str]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        fail(lang, f"{path}: cannot read the mapping ({exc})",
             f"{path}: マッピングを読めません（{exc}）")
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        fail(lang, f"{path}: the mapping must be FIELD: COLUMN lines, e.g. kpi: 指標",
             f"{path}: マッピングは「項目: 列名」の形で書いてください（例: kpi: 指標）")
    from opmodel.interop.measurements import FIELDS

    fields = ", ".join(FIELDS)
    for key, column in data.items():
        if str(key) not in FIELDS:
            fail(lang, f"{path}: {key}: {column}: unknown field '{key}' (fields: {fields})",
                 f"{path}: {key}: {column}: 項目 '{key}' はありません（項目: {fields}）")
    return {str(k): v for k, v in data.items()}


@kpi_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="The model (YAML or JSON).")],
    data: Annotated[Path, typer.Argument(help="Measurements: a .csv (UTF-8, BOM or CP932) or .xlsx file.")],
    map_: Annotated[list[str] | None, typer.Option("--map", help="FIELD=COLUMN (fields: kpi, scope, period, timestamp, value, numerator, denominator); repeat.")] = None,
    mapping: Annotated[Path | None, typer.Option("--mapping", help="A YAML file of FIELD: COLUMN lines.")] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="XLSX sheet (default: the first).")] = None,
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Import the valid rows and report the others.")] = False,
    decimal_comma: Annotated[bool, typer.Option("--decimal-comma", help="Read 1.234,5 as 1234.5.")] = False,
    dayfirst: Annotated[bool | None, typer.Option(
        "--dayfirst/--monthfirst",
        help="Read 01/04/2027 as 1 April (--dayfirst) or 4 January (--monthfirst); "
             "without either, such dates are refused. 2027-04-01 and 2027/04/01 need neither.")] = None,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Import KPI measurements into the Parquet file beside the model (all or nothing).

    Example: opmodel kpi import target.yaml sla.csv --map kpi=指標 --map value=値 --map period=年月
    """
    from opmodel.engines.kpi.report import accepted_kpis
    from opmodel.interop.measurements import import_measurements, measurements_path
    from opmodel.interop.tables import TableError

    model, language = load_model(str(file), lang)
    columns = _load_map_file(mapping, language) if mapping else {}
    columns.update(_parse_map(map_ or [], language))
    store = measurements_path(file)
    try:
        result = import_measurements(data, store, accepted_kpis(model), columns,
                                     skip_invalid=skip_invalid, decimal_comma=decimal_comma,
                                     sheet=sheet, dayfirst=dayfirst)
    except TableError as exc:
        _table_error(exc, language)
    if fmt is Format.json:
        print_json(result)
    else:
        out = console()
        for issue in result.issues:
            message = pick(language, issue.message_en, issue.message_ja)
            shown = pick(language, "empty", "空") if issue.value is None else repr(issue.value)
            out.print(pick(language, f"{data}: row {issue.row}, column '{issue.column}': {message}"
                           f" (value: {shown})",
                           f"{data}: {issue.row} 行目、列 '{issue.column}': {message}（値: {shown}）"),
                      markup=False)
        if result.issues and not skip_invalid:
            out.print(pick(language,
                           f"{result.skipped} of {result.rows} rows are invalid; nothing was imported. "
                           "Fix them, or use --skip-invalid to import the others.",
                           f"{result.rows} 行中 {result.skipped} 行が不正なため、何も取り込んでいません。"
                           "修正するか、--skip-invalid で残りを取り込んでください。"), markup=False)
        else:
            out.print(pick(language,
                           f"Imported {result.imported} of {result.rows} rows ({result.skipped} skipped); "
                           f"{result.stored} measurements in {result.path}.",
                           f"{result.rows} 行中 {result.imported} 行を取り込みました（{result.skipped} 行を除外）。"
                           f"{result.path} に {result.stored} 件の測定値があります。"), markup=False)
    if result.issues and not skip_invalid:
        raise typer.Exit(1)


def _measurements(file: Path, model: Any, language: str) -> Any:
    from opmodel.interop.measurements import load_measurements, measurements_path
    from opmodel.interop.tables import TableError

    try:
        return load_measurements(measurements_path(file))
    except TableError as exc:
        _table_error(exc, language)


@kpi_app.command("report")
def report(
    file: Annotated[Path, typer.Argument(help="The model (YAML or JSON).")],
    period: Annotated[PeriodOption, typer.Option("--period", help="day, week, month, quarter or fiscal_year.")] = PeriodOption.month,
    last: Annotated[int, typer.Option("--last", min=1, help="Periods shown per KPI in text.")] = 12,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Ignore measurements after this date (YYYY-MM-DD).")] = None,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Roll up each KPI by period (its own aggregation), pooled and per scope, rated RAG.

    Example: opmodel kpi report target.yaml --period quarter --format json
    """
    from opmodel.document.kpis import Period
    from opmodel.engines.kpi.report import report_kpis

    model, language = load_model(str(file), lang)
    result = report_kpis(model, _measurements(file, model, language), Period(period.value),
                         date_option(as_of, "--as-of", language))
    if fmt is Format.json:
        print_json(result)
        return
    out = console()
    specs = {s.id: s for s in result.kpis}
    for spec in result.kpis:
        points = [p for p in result.points if p.kpi == spec.id]
        unit = spec.unit.get(language) if spec.unit else ""
        how = aggregation_label(spec.aggregation, language)
        better = pick(language, f"{spec.direction.value} is better",
                      f"{'高' if spec.direction.value == 'higher' else '低'}いほど良い")
        parts = [p for p in (unit, better, how,
                             pick(language, "target ", "目標 ") + _num(spec.target)) if p]
        out.print(f"[bold]{spec.id}[/bold] {spec.name.get(language)}"
                  + pick(language, f" ({'; '.join(parts)})", f"（{'、'.join(parts)}）"))
        if not points:
            out.print("  " + pick(language, "no measurements", "測定値なし"))
        for scope in dict.fromkeys(p.scope for p in points):
            row = [p for p in points if p.scope == scope][-last:]
            cells = "  ".join(f"{period_label(p.label, language)} {_num(p.value)} "
                              f"{_rag(p.status.value, language)}" for p in row)
            out.print(f"  {scope}: {cells}")
    if not specs:
        out.print(pick(language, "The model defines no KPIs (kpis.definitions).",
                       "モデルに KPI が定義されていません（kpis.definitions）。"))


def _rag(status: str, lang: str) -> str:
    from opmodel.cli.kpi_text import RAG_JA

    return "" if status == "none" else f"({pick(lang, status, RAG_JA[status])})"


@kpi_app.command("status")
def status(
    file: Annotated[Path, typer.Argument(help="The model (YAML or JSON).")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date of the scorecard (default: metadata.as_of, then today).")] = None,
    trend: Annotated[int, typer.Option("--trend", min=2, help="Periods in the trend slope.")] = 6,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """The scorecard: each KPI's RAG status, trend and streak, per component, and benefits.

    Example: opmodel kpi status target.yaml --as-of 2027-03-31 --lang ja
    """
    from opmodel.engines.kpi.scorecard import scorecard

    model, language = load_model(str(file), lang)
    day = date_option(as_of, "--as-of", language) or _today(model)
    card = scorecard(model, _measurements(file, model, language), day, trend)
    if fmt is Format.json:
        print_json(card)
        return
    from opmodel.cli.kpi_text import print_scorecard

    print_scorecard(card, language)


@kpi_app.command("itsm")
def itsm(
    log: Annotated[Path, typer.Argument(help="Incident event log: CSV, optionally .gz.")],
    mapping: Annotated[Path, typer.Option("--mapping", help="YAML: case, timestamp, state, resolved_states, group, priority, opened_at, sla_met, dayfirst.")],
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Service-management KPIs from an incident event log: resolution, reopen, handoffs, SLA, backlog.

    Example: opmodel kpi itsm incident_event_log.csv.gz --mapping servicenow.yaml --format json
    """
    from opmodel.engines.kpi.itsm import itsm_kpis
    from opmodel.interop.itsm_log import load_mapping, read_event_log
    from opmodel.interop.tables import TableError

    language = resolve_lang(lang)
    try:
        spec = load_mapping(mapping)
        result = itsm_kpis(read_event_log(log, spec), spec.resolved_states)
    except TableError as exc:
        _table_error(exc, language)
    if fmt is Format.json:
        print_json(result)
        return
    from opmodel.cli.kpi_text import print_itsm

    print_itsm(result, language)


def register(app: typer.Typer) -> None:
    """Add the ``kpi`` command group to ``app``."""
    app.add_typer(kpi_app, name="kpi")
