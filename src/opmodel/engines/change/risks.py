"""The risk register: scores, heat-map data and templates suggested for the model at hand."""

from __future__ import annotations

from pydantic import BaseModel

from opmodel.document.design import Lifecycle, TimeDisposition
from opmodel.document.model import OperatingModel
from opmodel.document.risks import RiskStatus
from opmodel.engines.change.stakeholders import STANCE_ORDER
from opmodel.engines.change.training import training_costs
from opmodel.knowledge.change_catalog import RiskCondition, RiskTemplate, risk_catalog
from opmodel.knowledge.texts import Message

HIDDEN_COSTS = ("training", "productivity", "parallel_running", "contingency")
WEAK_FIT = 2  # technical fit at or below this marks a legacy system
HEAVY_IMPACT = 4


class RiskRow(BaseModel):
    """A risk of the register with its score and level."""

    id: str
    title: str | None
    likelihood: int
    impact: int
    score: int
    level: str
    status: RiskStatus
    owner: str | None
    mitigation: str | None
    initiatives: list[str]
    template: str | None


class RiskHeatCell(BaseModel):
    """One cell of the likelihood × impact grid: how many open risks and which."""

    likelihood: int
    impact: int
    level: str
    count: int
    ids: list[str]


class RiskSuggestion(BaseModel):
    """A template that fits the model, why, and the initiatives it concerns.

    The template's title is the label of ``template`` in the kind ``risk_template``.
    """

    template: str
    likelihood: int
    impact: int
    model_type: str | None
    drawback: str | None
    challenge: str | None
    reasons: list[Message]
    """Each condition that holds: ``risk.condition.<id>`` with what matched as ``value`` (a list)."""
    initiatives: list[str]
    in_register: bool


class RiskAnalysis(BaseModel):
    """The register (risks) by score, the heat map of open risks, counts per level and suggestions."""

    risks: list[RiskRow]
    heatmap: list[RiskHeatCell]
    per_level: dict[str, int]
    suggestions: list[RiskSuggestion]


def _facts(model: OperatingModel) -> dict[str, tuple[list[str], list[str]]]:
    """What each condition matches in the document: (matched values, related initiatives)."""
    design, roadmap, change = model.design, model.roadmap, model.change
    initiatives = roadmap.initiatives if roadmap else []
    tech = [i.id for i in initiatives if "technology" in i.components]
    apps = design.technology.applications if design and design.technology else []
    legacy = [a.id for a in apps if a.lifecycle in (Lifecycle.phase_out, Lifecycle.retired)
              or a.time in (TimeDisposition.migrate, TimeDisposition.eliminate)
              or (a.technical_fit is not None and a.technical_fit <= WEAK_FIT)]
    present = {c.category.value for i in initiatives for c in i.costs}
    if model.budget:
        present |= {b.category.value for b in model.budget.items}
        if model.budget.contingency.percent > 0 or model.budget.contingency.method != "percent":
            present.add("contingency")
    if any(c.amount > 0 for c in training_costs(model)):
        present.add("training")
    missing = [c for c in HIDDEN_COSTS if c not in present] if initiatives else []
    stakeholders = change.stakeholders if change else []
    doubters = [s.id for s in stakeholders if STANCE_ORDER[s.stance] <= 1]
    heavy = change.impacts if change else []
    hit = sorted({i.group or i.stakeholder or "" for i in heavy if i.level >= HEAVY_IMPACT})
    return {
        "structures": ([design.model.structure.value] if design and design.model
                       and design.model.structure else [], []),
        "sourcing": ([design.model.sourcing.value] if design and design.model
                     and design.model.sourcing else [], []),
        "legacy": (legacy or tech, tech),
        "missing_costs": (missing, []),
        "resistance": (doubters + [h for h in hit if h not in doubters],
                       sorted({i.initiative for i in heavy if i.level >= HEAVY_IMPACT})),
        "outsourced_staff": ([s.id for s in stakeholders if s.outsourced], []),
    }


def _match(when: RiskCondition, facts: dict[str, tuple[list[str], list[str]]],
           model: OperatingModel) -> tuple[list[Message], list[str]] | None:
    """Why each condition holds and the initiatives concerned when all hold, else None."""
    reasons: list[Message] = []
    linked: list[str] = []
    listed = {"structures": when.structures, "sourcing": when.sourcing,
              "missing_costs": when.missing_costs}
    for name, wanted in listed.items():
        if wanted:
            hits = [v for v in facts[name][0] if v in wanted]
            if not hits:
                return None
            reasons.append(_reason(name, hits))
    if when.components:
        initiatives = model.roadmap.initiatives if model.roadmap else []
        ids = [i.id for i in initiatives if any(c.value in when.components for c in i.components)]
        if not ids:
            return None
        reasons.append(_reason("components", ids))
        linked += ids
    for name in ("legacy", "resistance", "outsourced_staff"):
        if getattr(when, name):
            values, related = facts[name]
            if not values:
                return None
            reasons.append(_reason(name, values))
            linked += related
    return reasons or [Message(code="risk.condition.always")], list(dict.fromkeys(linked))


def _reason(condition: str, values: list[str]) -> Message:
    return Message(code=f"risk.condition.{condition}", params={"value": values})


def _suggestion(template: RiskTemplate, reasons: list[Message], initiatives: list[str],
                in_register: bool) -> RiskSuggestion:
    return RiskSuggestion(
        template=template.id, likelihood=template.likelihood, impact=template.impact,
        model_type=template.model_type, drawback=template.drawback,
        challenge=template.challenge, reasons=reasons, initiatives=initiatives,
        in_register=in_register)


def list_templates() -> list[RiskSuggestion]:
    """Every template of the catalogue, in its order, with no reasons (no model to match)."""
    return [_suggestion(t, [], [], False) for t in risk_catalog().templates]


def suggest_risks(model: OperatingModel) -> list[RiskSuggestion]:
    """Templates whose conditions the model meets (design structure and sourcing, roadmap,
    change), highest likelihood × impact first."""
    catalog = risk_catalog()
    facts = _facts(model)
    used = {r.template for r in model.risks.items} if model.risks else set()
    out = []
    for template in catalog.templates:
        found = _match(template.when, facts, model)
        if found is None:
            continue
        reasons, linked = found
        out.append(_suggestion(template, reasons, linked, template.id in used))
    # the likeliest and worst first, as in the register (the catalogue's order breaks ties)
    return sorted(out, key=lambda s: -s.likelihood * s.impact)


def analyse_risks(model: OperatingModel) -> RiskAnalysis:
    """Register sorted by score, heat map of open risks, counts per level, suggested templates."""
    catalog = risk_catalog()
    rows = [RiskRow(id=r.id, title=r.title or r.name, likelihood=r.likelihood, impact=r.impact,
                    score=r.likelihood * r.impact, level=catalog.level(r.likelihood * r.impact).id,
                    status=r.status, owner=r.owner, mitigation=r.mitigation,
                    initiatives=list(r.initiatives), template=r.template)
            for r in (model.risks.items if model.risks else [])]
    rows.sort(key=lambda r: (r.status is RiskStatus.closed, -r.score, r.id))
    live = [r for r in rows if r.status is not RiskStatus.closed]
    heat = [RiskHeatCell(likelihood=lk, impact=im, level=catalog.level(lk * im).id,
                     count=len(ids := [r.id for r in live if (r.likelihood, r.impact) == (lk, im)]),
                     ids=ids)
            for lk in range(5, 0, -1) for im in range(1, 6)]
    per_level = {lv.id: sum(1 for r in live if r.level == lv.id) for lv in catalog.levels}
    return RiskAnalysis(risks=rows, heatmap=heat, per_level=per_level,
                        suggestions=suggest_risks(model))
