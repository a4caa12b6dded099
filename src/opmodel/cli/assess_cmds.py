"""`opmodel assess | recommend | align`: steps 1–3 (where IT stands, which model, alignment)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from opmodel.cli.common import Format, FormatOption, Lang, LangOption, load_model, print_json

if TYPE_CHECKING:
    from opmodel.document import OperatingModel

FileArg = Annotated[Path, typer.Argument(help="Model file (YAML or JSON).")]


def _report(file: Path, fmt: Format, lang: Lang | None,
            use_case: Callable[[OperatingModel], Any], render: str) -> None:
    """Load, call the use case, then print the result as JSON or through
    ``assess_text.<render>``."""
    from opmodel.cli.common import run_use_case

    model, language = load_model(str(file), lang)
    result = run_use_case(file, language, use_case, model)
    if fmt is Format.json:
        print_json(result)
        return
    from opmodel.cli import assess_text

    getattr(assess_text, render)(result, language)


class By(StrEnum):
    """Respondent attributes to compare groups by."""

    business_unit = "business_unit"
    role = "role"
    employment = "employment"
    it_or_business = "it_or_business"


def assess(file: FileArg, fmt: FormatOption = Format.text, lang: LangOption = None,
           by: Annotated[By | None, typer.Option(
               "--by", help="Also compare the groups of respondents: business_unit, role, "
                            "employment (internal or outsourced) or it_or_business.")] = None,
           ) -> None:
    """Score the assessment: per question, component and overall; gaps, disagreements.

    Example: opmodel assess current.yaml --by business_unit
    """
    from opmodel.services.assessment import assess as score

    def use_case(model: OperatingModel) -> Any:
        return score(model, None if by is None else by.value)  # type: ignore[arg-type]

    _report(file, fmt, lang, use_case, "render_assessment")


CurrentOption = Annotated[Path | None, typer.Option(
    "--current", help="The current model, when FILE is a target: its context facts must match.")]


def recommend(file: FileArg, fmt: FormatOption = Format.text, lang: LangOption = None,
              current: CurrentOption = None) -> None:
    """Recommend a structure and, apart, a sourcing stance from the profile, with reasons.

    Example: opmodel recommend target.yaml --current current.yaml --lang ja
    """
    from opmodel.services.assessment import recommend as use_case

    baseline = load_model(str(current), lang)[0] if current else None
    _report(file, fmt, lang, lambda model: use_case(model, baseline), "render_recommendation")


def align(file: FileArg, fmt: FormatOption = Format.text, lang: LangOption = None) -> None:
    """Trace objectives → outcomes → capabilities → initiatives; coverage and gaps.

    Example: opmodel align target.yaml --format json
    """
    from opmodel.services.assessment import align as use_case

    _report(file, fmt, lang, use_case, "render_alignment")


def register(app: typer.Typer) -> None:
    """Add the ``assess``, ``recommend`` and ``align`` commands."""
    app.command("assess")(assess)
    app.command("recommend")(recommend)
    app.command("align")(align)
