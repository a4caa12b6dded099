"""`opmodel assess | recommend | align`: steps 1–3 (where IT stands, which model, alignment)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from opmodel.cli.common import Format, FormatOption, LangOption, fail, load_model, print_json

FileArg = Annotated[Path, typer.Argument(help="Model file (YAML or JSON).")]


def assess(file: FileArg, fmt: FormatOption = Format.text, lang: LangOption = None) -> None:
    """Score the assessment: per question, component and overall; gaps, disagreements.

    Example: opmodel assess current.yaml --format json
    """
    from opmodel.engines.assessment import assess as score

    model, language = load_model(str(file), lang)
    if model.assessment is None or not model.assessment.respondents:
        fail(language, f"{file}: the model has no assessment respondents to score; add "
             "assessment.respondents with their answers",
             f"{file}: 採点する評価の回答者がいません。assessment.respondents に回答者と回答を追加してください")
    result = score(model, language)
    if fmt is Format.json:
        print_json(result)
        return
    from opmodel.cli.assess_text import render_assessment

    render_assessment(result, language)


def recommend(file: FileArg, fmt: FormatOption = Format.text, lang: LangOption = None) -> None:
    """Recommend a model type (structure + sourcing stance) from the profile, with reasons.

    Example: opmodel recommend current.yaml --lang ja
    """
    from opmodel.engines.recommendation import recommend as rank

    model, language = load_model(str(file), lang)
    result = rank(model.profile, language)
    if fmt is Format.json:
        print_json(result)
        return
    from opmodel.cli.assess_text import render_recommendation

    render_recommendation(result, language)


def align(file: FileArg, fmt: FormatOption = Format.text, lang: LangOption = None) -> None:
    """Trace objectives → outcomes → capabilities → initiatives; coverage and gaps.

    Example: opmodel align target.yaml --format json
    """
    from opmodel.engines.alignment import align as trace

    model, language = load_model(str(file), lang)
    result = trace(model)
    if fmt is Format.json:
        print_json(result)
        return
    from opmodel.cli.assess_text import render_alignment

    render_alignment(result, language)


def register(app: typer.Typer) -> None:
    """Add the ``assess``, ``recommend`` and ``align`` commands."""
    app.command("assess")(assess)
    app.command("recommend")(recommend)
    app.command("align")(align)
