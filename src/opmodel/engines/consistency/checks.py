"""The rules engine of ``opmodel check``: every consistency rule of the knowledge base, run
over one document, as findings with a severity, a path and a message in ja or en."""

from __future__ import annotations

import datetime as dt
from functools import cache
from string import Formatter
from typing import Any

from pydantic import BaseModel, Field

from opmodel.document.locating import locate
from opmodel.document.model import OperatingModel
from opmodel.document.problems import Path, Problem, format_path
from opmodel.engines.consistency.conditions import Binding, at_path, bindings, holds, plain
from opmodel.engines.consistency.named_checks import NAMED_CHECKS, Facts
from opmodel.knowledge.rules import Rule, RuleBook, Severity, rule_book

SEVERITY_ORDER = (Severity.error, Severity.warning, Severity.info)


class Finding(BaseModel):
    """One rule that fired, where, and what it says."""

    rule: str
    severity: Severity
    section: str
    path: str
    line: int | None = None
    column: int | None = None
    message: str
    hint: str
    parts: list[str | int] = Field(default_factory=list, exclude=True)


class CheckResult(BaseModel):
    """Findings, most serious first: the json of ``opmodel check``."""

    rules: int
    counts: dict[str, int]
    passed: bool
    findings: list[Finding]


class RuleInfo(BaseModel):
    """A rule as ``opmodel check --list-rules`` shows it."""

    id: str
    severity: Severity
    section: str
    kind: str
    message: dict[str, str]
    hint: dict[str, str]


def _shown(value: Any, lang: str) -> str:
    value = plain(value)
    if value is None:
        return "—"
    if isinstance(value, dict) and {"ja", "en"} <= set(value):
        return str(value[lang if lang == "ja" else "en"])
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _View:
    """Attribute access to an entity for message templates ({cap.id}), values shown."""

    def __init__(self, obj: Any, lang: str) -> None:
        self._obj, self._lang = obj, lang

    def __getattr__(self, name: str) -> str:
        obj = self._obj
        value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        return _shown(value, self._lang)

    def __format__(self, spec: str) -> str:
        return _shown(getattr(self._obj, "id", None), self._lang)


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@cache
def _placeholders(template: str) -> frozenset[str]:
    """The top-level names a message template uses: ``{ini.id}`` → ``ini``."""
    names = (name for _, name, _, _ in Formatter().parse(template) if name)
    return frozenset(name.split(".")[0].split("[")[0] for name in names)


def _params(b: Binding, seen: dict[str, Any], template: str, lang: str) -> _Params:
    out = _Params()
    item = b.item
    for name in _placeholders(template):
        if name in b.aliases:
            out[name] = _View(b.aliases[name][0], lang)
        elif name in seen:
            out[name] = _shown(seen[name], lang)
        else:
            value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
            out[name] = _shown(value, lang)
    return out


def _finding(rule: Rule, path: Path, params: dict[str, Any], lang: str) -> Finding:
    message = rule.message.get(lang)
    try:
        text = message.format_map(params)
    except (AttributeError, IndexError, KeyError, ValueError):
        text = message  # a template naming what the entity lacks: show it unfilled
    return Finding(rule=rule.id, severity=rule.severity, section=rule.section,
                   path=format_path(path), message=text, hint=rule.hint.get(lang),
                   parts=list(path))


def run_rule(rule: Rule, model: OperatingModel, lang: str = "en",
             facts: Facts | None = None) -> list[Finding]:
    """The findings of one rule on the document (``facts``: engine results to share)."""
    if rule.kind == "named":
        check = NAMED_CHECKS[rule.check or ""]
        hits = check(facts or Facts(model, lang))
        return [_finding(rule, path, _Params({k: _shown(v, lang) for k, v in params.items()}),
                         lang) for path, params in hits]
    found = []
    for b in bindings(rule, model):
        seen: dict[str, Any] = {}
        if all(holds(c, b, seen) for c in rule.when):
            params = _params(b, seen, rule.message.get(lang), lang)
            found.append(_finding(rule, at_path(rule, b), params, lang))
    return found


def check(model: OperatingModel, lang: str = "en", book: RuleBook | None = None) -> CheckResult:
    """Run every consistency rule over the document; errors first, then warnings, then info."""
    book = book or rule_book()
    facts = Facts(model, lang)
    findings = [f for rule in book.rules for f in run_rule(rule, model, lang, facts)]
    findings.sort(key=lambda f: SEVERITY_ORDER.index(f.severity))
    counts = {s.value: sum(1 for f in findings if f.severity is s) for s in SEVERITY_ORDER}
    return CheckResult(rules=len(book.rules), counts=counts,
                       passed=counts[Severity.error.value] == 0, findings=findings)


def locate_findings(result: CheckResult, text: str | None) -> CheckResult:
    """The result with the line and column of each finding's path in the YAML or JSON text."""
    problems = [Problem(tuple(f.parts), f"rule.{f.rule}") for f in result.findings]
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
