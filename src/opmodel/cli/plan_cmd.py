"""`opmodel plan`: portfolio, schedule, risk and budget of the roadmap in one run."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from opmodel.cli.common import (
    Format,
    FormatOption,
    LangOption,
    date_option,
    err_console,
    load_model,
    pick,
    print_json,
)


class Distribution(StrEnum):
    """How durations are sampled from three-point estimates."""

    pert = "pert"
    triangular = "triangular"


# how a plan is made, the same options wherever a command plans (plan, report, compare)
DistributionOption = Annotated[Distribution, typer.Option(
    "--distribution", help="Duration distribution from the three-point estimates.")]
CorrelationOption = Annotated[float, typer.Option(
    "--correlation", min=0.0, max=0.99,
    help="Rank correlation between initiatives' durations and costs (0 = independent).")]
StartOption = Annotated[str | None, typer.Option(
    "--start", help="Plan start date YYYY-MM-DD (default: roadmap.calendar.start, "
                    "metadata.as_of, today).")]


def plan_command(
    file: Annotated[Path, typer.Argument(help="Model file (YAML or JSON).")],
    time_limit: Annotated[float, typer.Option("--time-limit", min=0.1,
                                              help="Seconds per solver (portfolio, schedule).")] = 10.0,
    iterations: Annotated[int, typer.Option("--iterations", min=0, max=10_000_000,
                                            help="Monte Carlo iterations (0 skips the simulation).")] = 10_000,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed; the same seed gives the same risk figures.")] = 0,
    distribution: DistributionOption = Distribution.pert,
    correlation: CorrelationOption = 0.0,
    start: StartOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when the plan breaks a budget limit (roadmap.budget_limits).")] = False,
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
) -> None:
    """Select the portfolio, schedule it, simulate its risk and budget it by fiscal year.

    Prints the selected initiatives, start and finish per initiative and per phase, the
    P10/P50/P80/P90 completion and cost, and the budget by year and category. Ctrl-C
    returns the best answer found so far.

    A plan over a budget limit says so first; with --strict it exits 1.

    Example: opmodel plan target.yaml --time-limit 5 --iterations 20000 --seed 1 --strict
    """
    from opmodel.cli.runner import run_long
    from opmodel.services.planning import PlanOptions, plan

    model, language = load_model(str(file), lang)
    options = PlanOptions(time_limit=time_limit, iterations=iterations, seed=seed,
                          distribution=distribution.value, correlation=correlation,
                          start=date_option(start, "--start", language))
    result = run_long(file, language, plan, model, options, today=dt.date.today())
    if fmt is Format.json:
        print_json(result)
    else:
        from opmodel.cli.plan_text import render_plan

        render_plan(result, model, language)
    if not result.feasible:  # the document asks for the impossible: the notes say what
        from opmodel.cli.plan_text import say
        from opmodel.reports.naming import names_of

        for note in result.notes:
            err_console().print(pick(language, "error: ", "エラー: ")
                                + say(note, language, names_of(model)), markup=False)
        raise typer.Exit(1)
    if strict and not result.within_limits:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``opmodel plan`` to the application."""
    app.command("plan")(plan_command)
