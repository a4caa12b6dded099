"""`opmodel kpi …`: the KPI library, measurement import, roll-up report, scorecard, ITSM logs.

The command line keeps a model's measurements in a Parquet file (``--measurements``, by
default ``MODEL.measurements.parquet`` beside the model) and hands the use cases that store.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from opmodel.cli.common import (
    Format,
    FormatOption,
    LangOption,
    date_option,
    err_console,
    fail,
    load_model,
    max_file_size,
    pick,
    print_json,
    resolve_lang,
    run_use_case,
)

if TYPE_CHECKING:
    from opmodel.interop.measurements import ParquetMeasurementStore
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

ModelArg = Annotated[Path, typer.Argument(help="The model (YAML or JSON).")]
MeasurementsOption = Annotated[Path | None, typer.Option(
    "--measurements", help="The measurements file (Parquet); default: "
                           "MODEL.measurements.parquet beside the model.")]


def _table_error(exc: TableError, lang: str) -> NoReturn:
    """Report a table, mapping or store that cannot be used, and exit 1."""
    from opmodel.cli.common import fail_message

    fail_message(exc.message, lang)


def _store(file: Path, measurements: Path | None) -> ParquetMeasurementStore:
    """The store the command works on: ``--measurements``, else the file beside the model."""
    from opmodel.interop.measurements import ParquetMeasurementStore, measurements_path

    return ParquetMeasurementStore(measurements or measurements_path(file))


def _run(file: Path, language: str, use_case: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a use case; a table or store it cannot use is reported, not raised."""
    from opmodel.interop.tables import TableError

    try:
        return run_use_case(file, language, use_case, *args, **kwargs)
    except TableError as exc:
        _table_error(exc, language)


@kpi_app.command("library")
def library(
    component: Annotated[str | None, typer.Option("--component", help="Only this component.")] = None,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """List the KPIs of the library: id, component, step, direction, aggregation, target.

    Example: opmodel kpi library --component process --lang ja
    """
    from opmodel.document import DocumentError
    from opmodel.services.kpi import kpi_library

    language = resolve_lang(lang)
    try:
        kpis = kpi_library(component)
    except DocumentError as exc:  # an unknown component: a usage error
        (found,) = exc.problems
        fail(language, f"--component {component}: {found.message('en')}",
             f"--component {component}: {found.message('ja')}", code=2)
    if fmt is Format.json:
        print_json(kpis)
        return
    from opmodel.cli.kpi_text import print_library

    print_library(kpis, language)


@kpi_app.command("import")
def import_(
    file: ModelArg,
    data: Annotated[Path, typer.Argument(help="Measurements: a .csv (UTF-8, BOM or CP932; or .csv.gz), .xlsx or .json (a list of rows) file.")],
    map_: Annotated[list[str] | None, typer.Option("--map", help="FIELD=COLUMN (fields: kpi, scope, period, timestamp, value, numerator, denominator); repeat.")] = None,
    mapping: Annotated[Path | None, typer.Option("--mapping", help="A YAML file of FIELD: COLUMN lines.")] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="XLSX sheet (default: the first).")] = None,
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Import the valid rows and report the others.")] = False,
    decimal_comma: Annotated[bool, typer.Option("--decimal-comma", help="Read 1.234,5 as 1234.5.")] = False,
    dayfirst: Annotated[bool | None, typer.Option(
        "--dayfirst/--monthfirst",
        help="Read 01/04/2027 as 1 April (--dayfirst) or 4 January (--monthfirst); "
             "without either, such dates are refused. 2027-04-01 and 2027/04/01 need neither.")] = None,
    measurements: MeasurementsOption = None,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Import KPI measurements into a Parquet file (all or nothing); by default
    MODEL.measurements.parquet beside the model, or the --measurements file.

    Example: opmodel kpi import target.yaml sla.csv --map kpi=指標 --map value=値 --map period=年月
    """
    from opmodel.interop.measurements import (
        parse_column_pairs,
        read_column_mapping,
        read_measurements,
    )
    from opmodel.interop.tables import TableError
    from opmodel.services.kpi import import_measurements

    model, language = load_model(str(file), lang)
    store = _store(file, measurements)
    try:
        columns = read_column_mapping(mapping) if mapping else {}
        columns.update(parse_column_pairs(map_ or []))
        parsed = read_measurements(data, columns, sheet=sheet, decimal_comma=decimal_comma,
                                   dayfirst=dayfirst, max_bytes=max_file_size(str(data)))
    except TableError as exc:
        _table_error(exc, language)
    result = _run(file, language, import_measurements, model, parsed, store,
                  skip_invalid=skip_invalid)
    if fmt is Format.json:
        print_json(result)
    else:
        from opmodel.cli.kpi_text import print_import

        print_import(result, str(store.path), skip_invalid, language)
    if result.issues and not skip_invalid:
        raise typer.Exit(1)


@kpi_app.command("report")
def report(
    file: ModelArg,
    period: Annotated[PeriodOption, typer.Option("--period", help="day, week, month, quarter, fiscal_quarter or fiscal_year.")] = PeriodOption.month,
    last: Annotated[int, typer.Option("--last", min=1, help="Periods shown per KPI in text.")] = 12,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Ignore measurements after this date (YYYY-MM-DD).")] = None,
    measurements: MeasurementsOption = None,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Roll up each KPI by period (its own aggregation), pooled and per scope, rated RAG.

    Example: opmodel kpi report target.yaml --period quarter --format json
    """
    from opmodel.document.kpis import Period
    from opmodel.services.kpi import KpiReportOptions
    from opmodel.services.kpi import report as use_case

    model, language = load_model(str(file), lang)
    options = KpiReportOptions(period=Period(period.value),
                               as_of=date_option(as_of, "--as-of", language))
    result = _run(file, language, use_case, model, _store(file, measurements), options)
    if fmt is Format.json:
        print_json(result)
        return
    from opmodel.cli.kpi_text import print_report

    print_report(result, last, language)


@kpi_app.command("status")
def status(
    file: ModelArg,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date of the scorecard (default: metadata.as_of, then today).")] = None,
    trend: Annotated[int, typer.Option("--trend", min=2, help="Periods in the trend slope.")] = 6,
    measurements: MeasurementsOption = None,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """The scorecard: each KPI's RAG status, trend and streak, per component, and benefits.

    Example: opmodel kpi status target.yaml --as-of 2027-03-31 --lang ja
    """
    from opmodel.services.kpi import StatusOptions
    from opmodel.services.kpi import status as use_case

    model, language = load_model(str(file), lang)
    options = StatusOptions(as_of=date_option(as_of, "--as-of", language), trend_periods=trend)
    card = _run(file, language, use_case, model, _store(file, measurements), options,
                today=dt.date.today())
    if fmt is Format.json:
        print_json(card)
        return
    from opmodel.cli.kpi_text import print_scorecard

    print_scorecard(card, language)


class ItsmTool(StrEnum):
    """The tools whose incident exports are read as they are."""

    servicenow = "servicenow"


@kpi_app.command("itsm")
def itsm(
    log: Annotated[Path, typer.Argument(help="Incident event log: CSV, optionally .gz; with "
                                             "--from, a CSV or XLSX export of incidents.")],
    mapping: Annotated[Path | None, typer.Option("--mapping", help="YAML: case, timestamp, state, resolved_states, group, priority, opened_at, sla_met, dayfirst.")] = None,
    tool: Annotated[ItsmTool | None, typer.Option(
        "--from", help="Read a tool's incident export (a row per incident) instead: "
                       "servicenow (number, opened_at, resolved_at, closed_at, priority, "
                       "assignment_group, made_sla).")] = None,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Service-management KPIs from an incident event log: resolution, reopen, handoffs, SLA, backlog.

    Example: opmodel kpi itsm incident_event_log.csv.gz --mapping servicenow.yaml --format json
    """
    from opmodel.interop.itsm_log import load_mapping, read_event_log, read_incident_export
    from opmodel.interop.tables import TableError
    from opmodel.services.kpi import incident_columns
    from opmodel.services.kpi import itsm as use_case

    language = resolve_lang(lang)
    if (mapping is None) == (tool is None):
        fail(language, "give --mapping (an event log) or --from (a tool's incident export)",
             "--mapping（イベントログ）か --from（ツールのインシデントのエクスポート）の"
             "どちらか一方を指定してください", code=2)
    try:
        if tool is not None:
            events, read = read_incident_export(log, incident_columns(tool.value))
            result = use_case(events, None)
            if fmt is Format.text:
                err_console().print(pick(language, "Columns read: ", "読み込んだ列: ") + ", ".join(
                    f"{h} → {k}" for k, h in read.items()), markup=False)
        else:
            spec = load_mapping(mapping)  # type: ignore[arg-type]
            result = use_case(read_event_log(log, spec), spec)
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
