"""`opmodel assess | recommend | align`: steps 1–3 (where IT stands, which model, alignment)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from opmodel.cli.common import Format, FormatOption, Lang, LangOption, fail, load_model, print_json

if TYPE_CHECKING:
    from opmodel.document import OperatingModel

FileArg = Annotated[Path, typer.Argument(help="Model file (YAML or JSON).")]


def _report(file: Path, fmt: Format, lang: Lang | None,
            compute: Callable[[OperatingModel, str], Any], render: str) -> None:
    """Load, compute, then print the result as JSON or through ``assess_text.<render>``."""
    model, language = load_model(str(file), lang)
    result = compute(model, language)
    if fmt is Format.json:
        print_json(result)
        return
    from opmodel.cli import assess_text

    getattr(assess_text, render)(result, language)


def assess(file: FileArg, fmt: FormatOption = Format.text, lang: LangOption = None) -> None:
    """Score the assessment: per question, component and overall; gaps, disagreements.

    Example: opmodel assess current.yaml --format json
    """
    from opmodel.engines.assessment.scoring import assess as score

    def compute(model: OperatingModel, language: str) -> Any:
        if model.assessment is None or not model.assessment.respondents:
            fail(language, f"{file}: the model has no assessment respondents to score; add "
                 "assessment.respondents with their answers",
                 f"{file}: 採点する評価の回答者がいません。assessment.respondents に回答者と回答を追加してください")
        return score(model, language)

    _report(file, fmt, lang, compute, "render_assessment")


def recommend(file: FileArg, fmt: FormatOption = Format.text, lang: LangOption = None) -> None:
    """Recommend a model type (structure + sourcing stance) from the profile, with reasons.

    Example: opmodel recommend current.yaml --lang ja
    """
    from opmodel.engines.recommendation.ranking import recommend as rank

    _report(file, fmt, lang, lambda model, language: rank(model.profile, language),
            "render_recommendation")


def align(file: FileArg, fmt: FormatOption = Format.text, lang: LangOption = None) -> None:
    """Trace objectives → outcomes → capabilities → initiatives; coverage and gaps.

    Example: opmodel align target.yaml --format json
    """
    from opmodel.engines.alignment.coverage import align as trace

    _report(file, fmt, lang, lambda model, _: trace(model), "render_alignment")


def register(app: typer.Typer) -> None:
    """Add the ``assess``, ``recommend`` and ``align`` commands."""
    app.command("assess")(assess)
    app.command("recommend")(recommend)
    app.command("align")(align)
