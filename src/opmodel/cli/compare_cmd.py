"""`opmodel compare`: the options a steering committee chooses between, side by side."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from opmodel.cli.common import (
    Format,
    FormatOption,
    LangOption,
    date_option,
    fail_message,
    load_model,
    print_json,
    resolve_lang,
)
from opmodel.cli.plan_cmd import CorrelationOption, Distribution, DistributionOption, StartOption


def compare_command(
    files: Annotated[list[Path], typer.Argument(help="Two or more model files (YAML or JSON), "
                                                     "one per option.")],
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", help="The model the options change (the current one, say): each "
                           "option's changes from it, in counts.")] = None,
    time_limit: Annotated[float, typer.Option("--time-limit", min=0.1,
                                              help="Seconds per solver (portfolio, schedule), "
                                                   "per option.")] = 10.0,
    iterations: Annotated[int, typer.Option("--iterations", min=0, max=10_000_000,
                                            help="Monte Carlo iterations per option (0 skips "
                                                 "the simulation).")] = 10_000,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed; the same seed gives "
                                                            "the same comparison.")] = 0,
    distribution: DistributionOption = Distribution.pert,
    correlation: CorrelationOption = 0.0,
    start: StartOption = None,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Set the options side by side: structure and fit, transition cost at P50 and P80 with
    the hidden costs, run cost, NPV and payback, completion and critical initiatives, risks,
    consistency findings, KPI targets and the objectives they measure, and with --baseline
    the changes from it. Marks the best option in each row and says in one sentence what each
    option trades.

    Each option is planned as `opmodel plan` plans it, with the same settings and seed, so
    its figures are those `opmodel plan` prints. Ctrl-C keeps the plans found so far.

    Example: opmodel compare federated.yaml centralized.yaml --baseline current.yaml --lang ja
    """
    from opmodel.cli.runner import run_long
    from opmodel.knowledge.texts import message
    from opmodel.services.compare import CompareOptions, compare

    if len(files) < 2:
        fail_message(message("compare.too_few_options", count=len(files)), resolve_lang(lang),
                     code=2)
    loaded = [load_model(str(f), lang) for f in files]
    options = [model for model, _ in loaded]
    language = loaded[0][1]
    current = load_model(str(baseline), lang)[0] if baseline is not None else None
    settings = CompareOptions(time_limit=time_limit, iterations=iterations, seed=seed,
                              distribution=distribution.value, correlation=correlation,
                              start=date_option(start, "--start", language))
    result = run_long(files[0], language, compare, options, current, settings,
                      today=dt.date.today())
    if fmt is Format.json:
        print_json(result)
        return
    from opmodel.cli.compare_text import render_comparison

    render_comparison(result, [str(f) for f in files], language)


def register(app: typer.Typer) -> None:
    """Add ``opmodel compare`` to the application."""
    app.command("compare")(compare_command)
