"""`opmodel survey …`: survey answers from spreadsheets into the model, and the blank
questionnaire (XLSX, a drop-down of the six levels per question) to send out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from opmodel.cli.common import (
    Format,
    FormatOption,
    Lang,
    LangOption,
    fail_message,
    load_model,
    pick,
    resolve_lang,
    run_use_case,
)
from opmodel.cli.model_writes import cannot_write, finish_import, refuse_folder

if TYPE_CHECKING:
    from opmodel.services.survey import SurveyImport

survey_app = typer.Typer(help="Survey answers from spreadsheets, and the blank questionnaire.\n\n"
                         "Example: opmodel survey import answers.xlsx --into current.yaml",
                         no_args_is_help=True)


def _summary(result: SurveyImport, written: Path, lang: str) -> str:
    """What an import without problems wrote (after the columns it did not read)."""
    ignored = pick(lang, "Columns not read: ", "読み込まなかった列: ") + ", ".join(
        result.ignored_columns) + "\n" if result.ignored_columns else ""
    return ignored + pick(lang, f"Wrote {result.answers} answers of {result.respondents} respondents "
                      f"({len(result.added)} added, {len(result.updated)} updated) into "
                      f"{written}.",
                f"回答者 {result.respondents} 名（追加 {len(result.added)} 名、更新 "
                f"{len(result.updated)} 名）の回答 {result.answers} 件を {written} に"
                "書き込みました。")


@survey_app.command("import")
def import_(
    answers: Annotated[Path, typer.Argument(help="Answers: a .csv (UTF-8, BOM or CP932) or .xlsx "
                                                 "file, wide (a column per question) or long.")],
    into: Annotated[Path, typer.Option("--into", help="The model to write the answers into.")],
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Write the model here instead of over --into.")] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="XLSX sheet (default: the first).")] = None,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Read survey answers from a spreadsheet into the model's assessment: all or nothing,
    each problem named by row and column. YAML comments of the model are not kept.

    Example: opmodel survey import answers.xlsx --into current.yaml
    """
    from opmodel.document.rules.assessment import known_questions
    from opmodel.interop.survey_sheets import read_survey
    from opmodel.interop.tables import TableError
    from opmodel.services.survey import import_answers

    model, language = load_model(str(into), lang)
    from opmodel.document.assessment import Assessment

    try:
        parsed = read_survey(answers, known_questions(model.assessment or Assessment()), sheet)
    except TableError as exc:
        fail_message(exc.message, language)
    result = run_use_case(into, language, import_answers, model, parsed)
    target = out or into
    finish_import(result, target, fmt, language, lambda: _summary(result, target, language))


@survey_app.command("template")
def template(
    file: Annotated[Path | None, typer.Argument(
        help="The model whose questions to ask (default: the whole question bank).")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The .xlsx file to write.")] = Path(
        "questionnaire.xlsx"),
    questions: Annotated[str | None, typer.Option(
        "--questions", help="Comma-separated question ids (default: every question in use).")
    ] = None,
    lang: LangOption = None,
) -> None:
    """Write the blank questionnaire: a row per respondent, a column per question, each answer
    a drop-down of the question's six levels; it reads back with opmodel survey import.

    Example: opmodel survey template current.yaml --lang ja --out survey.xlsx
    """
    from opmodel.document.model import OperatingModel
    from opmodel.interop.survey_sheets import write_survey_template
    from opmodel.services.survey import survey_questions

    if file is None:
        language = resolve_lang(lang)
        model = OperatingModel.model_validate({"metadata": {"name": "survey"}})
    else:
        model, language = load_model(str(file), lang)
    refuse_folder(out, language)
    ids = [q.strip() for q in questions.split(",") if q.strip()] if questions else None
    chosen = run_use_case(file or out, language, survey_questions, model, ids)
    try:
        write_survey_template(chosen, language, out)
    except OSError as exc:
        cannot_write(out, exc, language)
    from opmodel.cli.common import err_console

    err_console().print(pick(language, f"Wrote {out}: {len(chosen)} questions.",
                             f"{out} に {len(chosen)} 問の質問票を書き出しました。"), markup=False)


def register(app: typer.Typer) -> None:
    """Add the ``survey`` command group."""
    app.add_typer(survey_app, name="survey")


__all__ = ["Lang", "register"]
