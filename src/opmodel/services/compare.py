"""Scenario comparison as a use case: the options a steering committee chooses between, side
by side, each figure taken from the plan, the recommender, the change report, the checks,
the alignment and the diff, with the best option of each row and what each option trades."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field

from opmodel.document.messages import problem
from opmodel.document.model import OperatingModel
from opmodel.document.paths import format_path
from opmodel.document.problems import DocumentError
from opmodel.engines.change.risks import analyse_risks
from opmodel.engines.planning.costs import HIDDEN
from opmodel.engines.planning.plan import STAGES, PlanResult
from opmodel.engines.progress import (
    Progress,
    ProgressCallback,
    StopCheck,
    never_stop,
    no_progress,
)
from opmodel.knowledge.texts import Message, message
from opmodel.services import assessment, design, documents, planning
from opmodel.services.compare_rows import ComparisonRow, mark_rows, trade

CRITICAL = 5  # initiatives named as critical, as `opmodel plan` lists them
TOP_RISKS = 3  # open risks named per option, highest score first


class CompareOptions(planning.PlanOptions):
    """How each option is planned: the settings of ``opmodel plan``, the same for every
    option (time limit per solver and option; one seed for all)."""


class NamedEntity(BaseModel):
    """An entity of an option: its id and its name."""

    id: str
    name: str | None


class CriticalInitiative(NamedEntity):
    """An initiative on the critical path in many simulated futures."""

    criticality: float = Field(description="Share of iterations on a critical path.")


class RiskEntry(NamedEntity):
    """An open risk of the register with its score and level."""

    score: int
    level: str


class PlanFigures(BaseModel):
    """An option's plan in figures: transition cost, hidden costs, run cost, returns, time."""

    currency: str
    feasible: bool
    within_limits: bool
    selected: int = Field(description="Initiatives selected by the portfolio.")
    initiatives: int = Field(description="Initiatives of the roadmap.")
    transition_p50: float | None = Field(description="Simulated transition cost at P50 "
                                                     "(None without a simulation).")
    transition_p80: float | None
    budget_total: float = Field(description="The budget's total, hidden costs included.")
    hidden: dict[str, float] = Field(description="The budget's hidden costs by category "
                                                 "(training, productivity, parallel running, "
                                                 "contingency).")
    hidden_total: float
    run_cost_before: float = Field(description="Run cost per year before (fixed + variable).")
    run_cost_after: float
    annual_saving: float
    npv: float
    payback_years: float | None = Field(description="None: not paid back within the horizon.")
    completion_p50: float | None = Field(description="Simulated completion, weeks from the "
                                                     "start, at P50.")
    completion_p80: float | None
    completion_p50_date: dt.date | None
    completion_p80_date: dt.date | None
    schedule_finish: dt.date | None = Field(description="The planned schedule's finish.")
    critical: list[CriticalInitiative]


class RiskFigures(BaseModel):
    """An option's risk register: open risks per level, the highest scores."""

    per_level: dict[str, int]
    top_score: int | None = Field(description="The highest score of an open risk.")
    top: list[RiskEntry]


class KpiCoverage(BaseModel):
    """An option's KPI targets and the business objectives they measure: a KPI covers an
    objective when an initiative that serves the objective (alignment) expects it to move
    (roadmap benefits)."""

    with_target: int = Field(description="KPI definitions with a target.")
    kpis: int
    objectives_covered: int
    objectives: int
    covered: list[NamedEntity]
    uncovered: list[NamedEntity]


class ChangeCounts(BaseModel):
    """What changes from the baseline, in counts (the semantic diff)."""

    added: int
    removed: int
    changed: int
    fields: int
    by_collection: dict[str, int] = Field(description="Entities added, removed or changed "
                                                      "per collection.")


class OptionProblem(BaseModel):
    """Why an option could not be planned: a problem at a path of its document."""

    path: str
    code: str
    params: dict[str, Any] = Field(default_factory=dict)


class ComparedOption(BaseModel):
    """One option with every figure the comparison shows."""

    index: int
    name: str
    organisation: str | None
    state: str
    structure: str | None
    sourcing: str | None
    fit: float | None = Field(description="The recommender's score 0–100 of the option's "
                                          "structure for the option's profile.")
    fit_rank: int | None = Field(description="1 when the recommender ranks it first.")
    recommended_structure: str
    recommended_sourcing: str
    plan: PlanFigures | None = Field(description="None when the option cannot be planned "
                                                 "(problems say why).")
    problems: list[OptionProblem]
    risks: RiskFigures
    findings: dict[str, int] = Field(description="Consistency findings per severity.")
    kpis: KpiCoverage
    changes: ChangeCounts | None = Field(description="From the baseline; None without one.")
    trade: Message = Field(description="What the option trades, in one sentence.")


class Comparison(BaseModel):
    """Options side by side: each option's figures, each row with its best options, notes."""

    baseline: str | None = Field(description="The baseline's name, when one was given.")
    settings: CompareOptions
    options: list[ComparedOption]
    rows: list[ComparisonRow]
    notes: list[Message]
    stopped: bool = Field(description="Interrupted: the plans found so far.")


def _plan_figures(model: OperatingModel, result: PlanResult) -> PlanFigures:
    b, k, s = result.budget, result.risk, result.schedule
    names = {i.id: i.name for i in model.roadmap.initiatives} if model.roadmap else {}
    # as `opmodel plan` lists them, leaving out those never on a critical path
    top = sorted((x for x in k.initiatives if x.criticality > 0),
                 key=lambda x: (-x.criticality, x.id))[:CRITICAL] if k else []
    hidden = {c.value: b.by_category.get(c.value, 0.0) for c in HIDDEN}
    rc = b.run_cost
    p = result.portfolio
    return PlanFigures(
        currency=b.currency, feasible=result.feasible, within_limits=result.within_limits,
        selected=len(p.selected), initiatives=len(p.selected) + len(p.rejected),
        transition_p50=k.cost.p50 if k else None, transition_p80=k.cost.p80 if k else None,
        budget_total=b.total, hidden=hidden, hidden_total=sum(hidden.values()),
        run_cost_before=rc.before_fixed + rc.before_variable,
        run_cost_after=rc.after_fixed + rc.after_variable, annual_saving=rc.annual_saving,
        npv=b.npv, payback_years=b.payback_years,
        completion_p50=k.completion.p50 if k else None,
        completion_p80=k.completion.p80 if k else None,
        completion_p50_date=k.completion_dates.get("p50") if k else None,
        completion_p80_date=k.completion_dates.get("p80") if k else None,
        schedule_finish=s.finish if s else None,
        critical=[CriticalInitiative(id=x.id, name=names.get(x.id), criticality=x.criticality)
                  for x in top])


def _risks(model: OperatingModel) -> RiskFigures:
    found = analyse_risks(model)  # the change report's risks, without the rest of the report
    open_ = [r for r in found.risks if r.status.value != "closed"]
    return RiskFigures(per_level=found.per_level,
                       top_score=max((r.score for r in open_), default=None),
                       top=[RiskEntry(id=r.id, name=r.title, score=r.score, level=r.level)
                            for r in open_[:TOP_RISKS]])


def _kpis(model: OperatingModel) -> KpiCoverage:
    definitions = model.kpis.definitions if model.kpis else []
    targeted = {k.id for k in definitions if k.target is not None}
    initiatives = model.roadmap.initiatives if model.roadmap else []
    moving = {i.id for i in initiatives if any(b.kpi in targeted for b in i.benefits)}
    traces = assessment.align(model).objectives
    covered = [NamedEntity(id=t.objective, name=t.name) for t in traces
               if moving & set(t.initiatives)]
    ids = {n.id for n in covered}
    return KpiCoverage(with_target=len(targeted), kpis=len(definitions),
                       objectives_covered=len(covered), objectives=len(traces), covered=covered,
                       uncovered=[NamedEntity(id=t.objective, name=t.name) for t in traces
                                  if t.objective not in ids])


def _changes(baseline: OperatingModel, model: OperatingModel) -> ChangeCounts:
    found = documents.diff(baseline, model)
    by: dict[str, int] = {}
    for collection in [e.collection for e in [*found.added, *found.removed]] + [
            e.collection for e in found.changed]:
        by[collection] = by.get(collection, 0) + 1
    return ChangeCounts(added=len(found.added), removed=len(found.removed),
                        changed=len(found.changed), fields=len(found.fields),
                        by_collection=dict(sorted(by.items())))


def _option(n: int, model: OperatingModel, baseline: OperatingModel | None,
            plan: PlanResult | None, problems: list[OptionProblem]) -> ComparedOption:
    choice = model.design.model if model.design else None
    structure = choice.structure.value if choice and choice.structure else None
    ranking = assessment.recommend(model, baseline)
    ranks = {s.type: (rank, s.score) for rank, s in enumerate(ranking.structures, 1)}
    rank, fit = ranks.get(structure or "", (None, None))
    return ComparedOption(
        index=n, name=model.metadata.name, organisation=model.metadata.organisation,
        state=model.metadata.state.value, structure=structure,
        sourcing=choice.sourcing.value if choice and choice.sourcing else None,
        fit=fit, fit_rank=rank, recommended_structure=ranking.structure,
        recommended_sourcing=ranking.sourcing.stance,
        plan=_plan_figures(model, plan) if plan else None, problems=problems,
        risks=_risks(model), findings=design.check(model).counts, kpis=_kpis(model),
        changes=_changes(baseline, model) if baseline else None,
        trade=message("compare.trade.level", option=model.metadata.name))


def _planned(model: OperatingModel, settings: CompareOptions, today: dt.date,
             progress: ProgressCallback, should_stop: StopCheck
             ) -> tuple[PlanResult | None, list[OptionProblem]]:
    try:
        return planning.plan(model, settings, today=today, progress=progress,
                             should_stop=should_stop), []
    except DocumentError as exc:  # an option without a roadmap is still compared
        return None, [OptionProblem(path=format_path(p.path), code=p.code, params=p.params)
                      for p in exc.problems]


def compare(options: Sequence[OperatingModel], baseline: OperatingModel | None = None,
            settings: CompareOptions | None = None, *, today: dt.date,
            progress: ProgressCallback = no_progress,
            should_stop: StopCheck = never_stop) -> Comparison:
    """Plan each option (the same settings and seed for all), gather its figures from the
    engines, and set them side by side with the best option of each row.

    ``baseline`` (the current model, say): each option's changes from it, and the current
    profile the recommender checks the option's against. An option that cannot be planned
    (no initiatives) is compared without plan figures; its problems say why. Fewer than two
    options is a problem.
    """
    settings = settings or CompareOptions()
    if len(options) < 2:
        raise DocumentError([problem("compare.too_few_options", (), count=len(options))])
    compared = []
    count = len(options)
    for n, model in enumerate(options):
        overall = _Overall(progress, n, count, model.metadata.name)
        plan, problems = _planned(model, settings, today, overall, should_stop)
        compared.append(_option(n, model, baseline, plan, problems))
    currencies = {o.plan.currency for o in compared if o.plan}
    rows = mark_rows(compared, len(currencies) <= 1, baseline is not None)
    compared = [o.model_copy(update={"trade": trade(o.index, o.name, rows)})
                for o in compared]
    notes = ([message("compare.currencies_differ", currencies=sorted(currencies))]
             if len(currencies) > 1 else [])
    notes += [message("compare.not_planned", option=o.name) for o in compared if o.problems]
    notes += [message("compare.infeasible", option=o.name)
              for o in compared if o.plan and not o.plan.feasible]
    progress(Progress("compare", 1.0))
    return Comparison(baseline=baseline.metadata.name if baseline else None, settings=settings,
                      options=compared, rows=rows, notes=notes, stopped=should_stop())


class _Overall:
    """One option's plan progress as the whole comparison's: one "compare" stage that only
    moves forward (a plan may select again after its simulation), its detail naming the
    option and the plan's stage. Only what the comparison's own thread reports counts: each
    stage's start and end and the simulation's chunks; the solvers' threads report findings
    that one bar over several plans does not show (and a job would write them from a thread
    of its own)."""

    def __init__(self, progress: ProgressCallback, number: int, count: int, name: str) -> None:
        self.progress, self.number, self.count, self.name = progress, number, count, name
        self.done = 0.0
        self.thread = threading.get_ident()

    def __call__(self, found: Progress) -> None:
        if found.stage not in STAGES or threading.get_ident() != self.thread:
            return
        share = (STAGES.index(found.stage) + found.fraction) / len(STAGES)
        self.done = max(self.done, share)
        self.progress(Progress("compare", (self.number + self.done) / self.count,
                               message("compare.progress", option=self.name,
                                       number=self.number + 1, count=self.count,
                                       stage=found.stage)))
