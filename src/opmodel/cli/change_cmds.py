"""`opmodel change`: the change-management report, the .ics calendar and risk templates."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from opmodel.cli.common import (
    Format,
    FormatOption,
    LangOption,
    err_console,
    fail,
    load_model,
    pick,
    print_json,
    resolve_lang,
    run_use_case,
)

change_app = typer.Typer(help="Lead the change: stakeholders, communication, training, adoption, risks.\n\n"
                              "Example: opmodel change report target.yaml --lang ja",
                         no_args_is_help=True)


@change_app.command("report")
def report(
    file: Annotated[Path, typer.Argument(help="Model file (YAML or JSON).")],
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Power/interest grid, engagement gaps, impact heatmap, calendar, training, adoption and risks.

    Example: opmodel change report target.yaml --format json
    """
    from opmodel.services.change import report as use_case

    model, language = load_model(str(file), lang)
    result = run_use_case(file, language, use_case, model)
    if fmt is Format.json:
        print_json(result)
        return
    from opmodel.cli.change_text import render_report

    render_report(result, language)


@change_app.command("calendar")
def calendar(
    file: Annotated[Path, typer.Argument(help="Model file (YAML or JSON).")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the .ics here (default: standard output).")] = None,
    rrule: Annotated[bool, typer.Option("--rrule", help="One event per message with a recurrence rule, instead of every event.")] = False,
    lang: LangOption = None,
) -> None:
    """Export the communication plan as an iCalendar file for Outlook or Google Calendar.

    Example: opmodel change calendar target.yaml --out plan.ics
    """
    import datetime as dt

    from opmodel.cli.change_text import render_notes
    from opmodel.interop.files import write_text_atomic
    from opmodel.interop.icalendar_export import CalendarExportError, to_ics
    from opmodel.services.change import CalendarOptions
    from opmodel.services.change import calendar as use_case

    model, language = load_model(str(file), lang)
    result = run_use_case(file, language, use_case, model, CalendarOptions(rrule=rrule))
    try:
        data = to_ics(result, language, dt.datetime.now(dt.UTC))
    except CalendarExportError as exc:
        fail(language, exc.message.text("en"), exc.message.text("ja"))
    render_notes(result.notes, language)
    if out is None:
        sys.stdout.buffer.write(data)
        return
    try:
        write_text_atomic(out, data.decode("utf-8"))
    except OSError as exc:
        fail(language, f"cannot write {out}: {exc.strerror}", f"{out} に書き込めません: {exc.strerror}")
    events, recurring = data.count(b"BEGIN:VEVENT"), data.count(b"\nRRULE:")
    if recurring:
        occurrences, single = len(result.plan.events), events - recurring
        err_console().print(pick(
            language, f"Wrote {events} events to {out}: {recurring} recurring (a recurrence "
                      f"rule each) and {single} single, {occurrences} occurrences in all.",
            f"{events} 件の予定を {out} に書き出しました（繰り返しの予定 {recurring} 件、"
            f"単発の予定 {single} 件。発生回数は合計 {occurrences} 回）。"), markup=False)
        return
    err_console().print(pick(language, f"Wrote {events} event{'s' if events != 1 else ''} to {out}.",
                             f"{events} 件の予定を {out} に書き出しました。"), markup=False)


@change_app.command("templates")
def templates(
    file: Annotated[Path | None, typer.Argument(help="Model file: suggest only the templates that fit it.")] = None,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """List risk templates (the article's challenges and each model type's drawbacks), or those that fit a model.

    Example: opmodel change templates target.yaml --lang ja
    """
    from opmodel.services.change import risk_templates

    if file is None:
        language, model = resolve_lang(lang), None
        found = risk_templates(None)
    else:
        model, language = load_model(str(file), lang)
        found = run_use_case(file, language, risk_templates, model)
    if fmt is Format.json:
        print_json(found)
        return
    from opmodel.cli.change_text import render_suggestions
    from opmodel.engines.change.names import change_names

    render_suggestions(found, language, change_names(model) if model else None)


def register(app: typer.Typer) -> None:
    """Add the ``change`` command group."""
    app.add_typer(change_app, name="change")
