"""The rules engine of ``opmodel check``: every consistency rule of the knowledge base, run
over one document, as findings with a severity, a keyed path and a message code."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel

from opmodel.document.locating import locate
from opmodel.document.model import OperatingModel
from opmodel.document.paths import Path, format_path, keyed_path, parse_path
from opmodel.document.problems import Problem
from opmodel.engines.consistency.conditions import Binding, at_path, bindings, holds, plain
from opmodel.engines.consistency.named_checks import NAMED_CHECKS, Facts
from opmodel.engines.consistency.screens import screen
from opmodel.knowledge.rules import Rule, RuleBook, Severity, rule_book
from opmodel.knowledge.texts import Message, placeholders

SEVERITY_ORDER = (Severity.error, Severity.warning, Severity.info)


class RuleFinding(BaseModel):
    """One rule that fired, where (a keyed path, and the place in the file when located),
    and what it says: the message ``rule.<id>`` with the values that fill it."""

    rule: str
    severity: Severity
    section: str
    path: str
    line: int | None = None
    column: int | None = None
    message: Message


class CheckResult(BaseModel):
    """Findings, most serious first: the json of ``opmodel check``."""

    rules: int
    counts: dict[str, int]
    passed: bool
    findings: list[RuleFinding]


class RuleInfo(BaseModel):
    """A rule as ``opmodel check --list-rules`` shows it: its texts themselves, both
    languages, with their placeholders (a finding carries the code ``rule.<id>``)."""

    id: str
    severity: Severity
    section: str
    kind: str
    message: dict[str, str]
    hint: dict[str, str]


@cache
def _names(template: str) -> tuple[str, ...]:
    """The parameter names a message template uses, each once."""
    return tuple(dict.fromkeys(name for name, _ in placeholders(template) if name))


def _value(value: Any) -> Any:
    """A value as a message parameter: enum members as their codes, lists of them too."""
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return plain(value)


def _params(rule: Rule, b: Binding, seen: dict[str, Any]) -> dict[str, Any]:
    """The values of a condition rule's placeholders: a path the rule names for it, a side
    of its first condition (``left``, ``right``), else the entity's field of that name."""
    out: dict[str, Any] = {}
    item = b.item
    for name in _names(rule.message.en):
        if name in rule.params:
            found = b.values(rule.params[name])
            out[name] = found[0] if found else None
        elif name in seen:
            out[name] = _value(seen[name])
        else:
            value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
            out[name] = _value(value)
    return out


def _finding(rule: Rule, path: Path, params: dict[str, Any],
             model: OperatingModel) -> RuleFinding:
    # a path with no list index is keyed already (a named check may give it so; the test
    # in C, as 7,000 findings of a large model come keyed)
    keyed = keyed_path(model, path, OperatingModel) if int in map(type, path) else path
    return RuleFinding(rule=rule.id, severity=rule.severity, section=rule.section,
                       path=format_path(keyed),
                       message=Message(code=f"rule.{rule.id}", params=params))


def run_rule(rule: Rule, model: OperatingModel, facts: Facts | None = None) -> list[RuleFinding]:
    """The findings of one rule on the document (``facts``: engine results to share)."""
    if rule.kind == "named":
        check = NAMED_CHECKS[rule.check or ""]
        return [_finding(rule, path, params, model)
                for path, params in check(facts or Facts(model))]
    found = []
    for b in bindings(rule, model, screen(rule)):
        seen: dict[str, Any] = {}
        if all(holds(c, b, seen) for c in rule.when):
            found.append(_finding(rule, at_path(rule, b), _params(rule, b, seen), model))
    return found


def check(model: OperatingModel, book: RuleBook | None = None) -> CheckResult:
    """Run every consistency rule over the document; errors first, then warnings, then info."""
    book = book or rule_book()
    facts = Facts(model)
    findings = [f for rule in book.rules for f in run_rule(rule, model, facts)]
    findings.sort(key=lambda f: SEVERITY_ORDER.index(f.severity))
    counts = {s.value: sum(1 for f in findings if f.severity is s) for s in SEVERITY_ORDER}
    return CheckResult(rules=len(book.rules), counts=counts,
                       passed=counts[Severity.error.value] == 0, findings=findings)


def locate_findings(result: CheckResult, text: str | None) -> CheckResult:
    """The result with the line and column of each finding's path in the YAML or JSON text."""
    if not result.findings or not text:
        return result
    problems = [Problem(parse_path(f.path), f.message.code) for f in result.findings]
    placed = locate(problems, text)
    findings = [f.model_copy(update={"line": p.line, "column": p.column})
                for f, p in zip(result.findings, placed, strict=True)]
    return result.model_copy(update={"findings": findings})


def list_rules(book: RuleBook | None = None) -> list[RuleInfo]:
    """Every rule with its id, severity, section, kind and texts in both languages."""
    book = book or rule_book()
    return [RuleInfo(id=r.id, severity=r.severity, section=r.section, kind=r.kind,
                     message={"ja": r.message.ja, "en": r.message.en},
                     hint={"ja": r.hint.ja, "en": r.hint.en}) for r in book.rules]
