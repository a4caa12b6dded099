"""The texts the knowledge base's catalogues hold, fed into the one message and label
catalogue of ``texts``: names of model types, components, KPIs, rules and so on as labels,
reasons and rule messages as message codes.

Each provider yields entries of one catalogue; adding a catalogue means adding a provider
here, never a branch in the code that renders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from opmodel.knowledge.base import Text, load_resource

MessageEntry = tuple[str, Text, Text | None]
"""A message code, its text and its hint (None: no hint)."""
LabelEntry = tuple[str, str, Text]
"""A label kind, the value it names and its text."""

@dataclass(frozen=True, slots=True)
class ParserReason:
    """The fixed beginning of a parser's English reason, its Japanese and its code."""

    prefix: str
    ja: str
    code: str


@cache
def parser_reasons() -> tuple[ParserReason, ...]:
    """The parsers' reasons of ``parser_reasons.yaml``, in file order (first match wins)."""
    return tuple(ParserReason(entry["beginning"]["en"], entry["beginning"]["ja"],
                              f"parser.{entry['id']}")
                 for entry in load_resource("parser_reasons")["reasons"])


def _parser_messages() -> Iterable[MessageEntry]:
    for reason in parser_reasons():
        literal = reason.ja.replace("{", "{{").replace("}", "}}")
        yield reason.code, Text(en="{text}", ja=literal + "{named}"), None


def _rule_messages() -> Iterable[MessageEntry]:
    from opmodel.knowledge.rules import rule_book

    for rule in rule_book().rules:
        yield f"rule.{rule.id}", rule.message, rule.hint


def _fit_messages() -> Iterable[MessageEntry]:
    from opmodel.knowledge.fit import fit_rules

    for factor in fit_rules().factors:
        for n, case in enumerate(factor.cases):
            yield fit_reason_code(factor.id, n), case.reason, None
            if case.sourcing_reason is not None:
                yield fit_reason_code(factor.id, n, sourcing=True), case.sourcing_reason, None


def fit_reason_code(factor: str, case: int, sourcing: bool = False) -> str:
    """The message code of the reason of one case of a fit factor (of its sourcing effect)."""
    return f"fit.{factor}.{case}" + (".sourcing" if sourcing else "")


def _sourcing_messages() -> Iterable[MessageEntry]:
    from opmodel.knowledge.rules import sourcing_criteria

    book = sourcing_criteria()
    for criterion in book.criteria:
        yield f"sourcing.criterion.{criterion.id}.high", criterion.high, None
        yield f"sourcing.criterion.{criterion.id}.medium", criterion.medium, None
        yield f"sourcing.criterion.{criterion.id}.low", criterion.low, None
    for cap in book.caps:
        yield f"sourcing.cap.{cap.id}", cap.reason, None


def _change_messages() -> Iterable[MessageEntry]:
    from opmodel.knowledge.change_catalog import adkar_catalog, engagement_catalog, risk_catalog

    for condition in risk_catalog().conditions:
        yield f"risk.condition.{condition.id}", condition.reason, None
    for template in risk_catalog().templates:
        yield f"risk.template.{template.id}.description", template.description, None
        yield f"risk.template.{template.id}.mitigation", template.mitigation, None
    for element in adkar_catalog().elements:
        for action in element.actions:
            yield f"adkar.action.{element.id}.{action.id}", action.text, None
    for quadrant in engagement_catalog().quadrants:
        yield f"engagement.approach.{quadrant.id}", quadrant.approach, None


def _named(kind: str, entries: Iterable[Any], attribute: str = "name"
           ) -> Iterable[LabelEntry]:
    for entry in entries:
        yield kind, entry.id, getattr(entry, attribute)


def _catalog_labels() -> Iterable[LabelEntry]:
    from opmodel.knowledge.catalog import get_catalog

    catalog = get_catalog()
    yield from _named("model_type", catalog.model_types.entries)
    yield from _named("component", catalog.components.entries)
    yield from _named("step", catalog.steps.entries)
    yield from _named("challenge", catalog.challenges.entries)
    yield from _named("decision_domain", catalog.decision_domains.entries)
    yield from _named("archetype", catalog.archetypes.entries)
    yield from _named("practice", catalog.practices.entries)
    yield from _named("design_factor", catalog.design_factors.entries)
    yield from _named("question", catalog.questions.entries, "text")
    for model_type in catalog.model_types.entries:
        for point in (*model_type.advantages, *model_type.drawbacks):
            yield "model_type_point", f"{model_type.id}.{point.id}", point.title


def _rule_labels() -> Iterable[LabelEntry]:
    from opmodel.knowledge.fit import fit_rules
    from opmodel.knowledge.kpis import kpi_library
    from opmodel.knowledge.rules import design_rules, sourcing_criteria

    yield from _named("profile_factor", fit_rules().factors, "label")
    yield from _named("in_house_core", fit_rules().sourcing.stays_in_house, "label")
    yield from _named("kpi", kpi_library().kpis)
    yield from _named("kpi_unit", kpi_library().kpis, "unit")
    yield from _named("sourcing_criterion", sourcing_criteria().criteria)
    yield "sourcing_criterion", "differentiating", sourcing_criteria().core_flag
    rules = design_rules()
    yield from _named("lock_in_signal", rules.lock_in.signals)
    yield from _named("concentration_band", rules.bands)


def _change_labels() -> Iterable[LabelEntry]:
    from opmodel.knowledge.change_catalog import adkar_catalog, engagement_catalog, risk_catalog

    engagement = engagement_catalog()
    yield from _named("quadrant", engagement.quadrants)
    yield from _named("stance", engagement.stances)
    adkar = adkar_catalog()
    yield from _named("adkar_element", adkar.elements)
    yield from _named("resistance_level", adkar.levels)
    risks = risk_catalog()
    yield from _named("risk_level", risks.levels)
    yield from _named("risk_template", risks.templates, "title")


MESSAGE_PROVIDERS: list[Callable[[], Iterable[MessageEntry]]] = [_parser_messages, _rule_messages, _fit_messages,
                                          _sourcing_messages, _change_messages]
LABEL_PROVIDERS: list[Callable[[], Iterable[LabelEntry]]] = [_catalog_labels, _rule_labels, _change_labels]
