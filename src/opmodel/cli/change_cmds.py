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
    """Stakeholder grid, gaps, impact heatmap, calendar, training, adoption and risks.

    Example: opmodel change report target.yaml --format json
    """
    from opmodel.engines.change.report import report_change

    model, language = load_model(str(file), lang)
    result = report_change(model)
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

    from opmodel.engines.change.communication import plan_communications
    from opmodel.interop.files import write_text_atomic
    from opmodel.interop.icalendar_export import CalendarExportError, calendar_to_ics

    model, language = load_model(str(file), lang)
    plan = plan_communications(model)
    change = model.change
    people = change.stakeholders if change else []
    try:
        data = calendar_to_ics(plan, name=model.metadata.name, stamp=dt.datetime.now(dt.UTC),
                               lang=language, names={s.id: s.name or s.id for s in people},
                               emails={s.id: s.email for s in people if s.email}, rrule=rrule)
    except CalendarExportError as exc:
        fail(language, exc.en, exc.ja)
    notes = err_console()
    if plan.schedule_problem and any(s.unscheduled for s in plan.series):
        notes.print(pick(language, "The roadmap schedule could not date some anchors: ",
                         "ロードマップのスケジュールで一部の日付を決められません: ")
                    + plan.schedule_problem["ja" if language == "ja" else "en"], markup=False)
    for series in plan.series:
        if series.unscheduled:
            notes.print(pick(language,
                             f"{series.communication}: not scheduled ({series.unscheduled}); "
                             "give its start a date or a phase with dates",
                             f"{series.communication}: 日程未確定（{series.unscheduled}）。"
                             "開始に日付か日付のあるフェーズを指定してください"), markup=False)
    if out is None:
        sys.stdout.buffer.write(data)
        return
    try:
        write_text_atomic(out, data.decode("utf-8"))
    except OSError as exc:
        fail(language, f"cannot write {out}: {exc.strerror}", f"{out} に書き込めません: {exc.strerror}")
    count = len(plan.events)
    notes.print(pick(language, f"Wrote {count} event{'s' if count != 1 else ''} to {out}.",
                     f"{len(plan.events)} 件の予定を {out} に書き出しました。"))


@change_app.command("templates")
def templates(
    file: Annotated[Path | None, typer.Argument(help="Model file: suggest only the templates that fit it.")] = None,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """List risk templates (the article's challenges and each model type's drawbacks), or those that fit a model.

    Example: opmodel change templates target.yaml --lang ja
    """
    from opmodel.cli.change_text import render_suggestions
    from opmodel.engines.change.risks import RiskSuggestion, suggest_risks
    from opmodel.knowledge.change_catalog import risk_catalog

    if file is not None:
        model, language = load_model(str(file), lang)
        found = suggest_risks(model)
    else:
        language = resolve_lang(lang)
        found = [RiskSuggestion(template=t.id, title=t.title, likelihood=t.likelihood,
                                impact=t.impact, model_type=t.model_type, drawback=t.drawback,
                                challenge=t.challenge, reasons=[], initiatives=[],
                                in_register=False)
                 for t in risk_catalog().templates]
    if fmt is Format.json:
        print_json([s.model_dump(mode="json") for s in found])
        return
    render_suggestions(found, language)


def register(app: typer.Typer) -> None:
    """Add the ``change`` command group."""
    app.add_typer(change_app, name="change")
