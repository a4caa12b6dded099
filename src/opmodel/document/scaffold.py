"""A new, valid document to start from, with comments that guide the first edits."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

# the facts of the profile asked for by `opmodel new --interactive`, in the order asked
PROFILE_FACTS = ("industry", "employees", "it_staff", "business_units", "developer_teams",
                 "geography", "bu_diversity", "regulatory_intensity", "security_criticality",
                 "agility_need", "cost_pressure", "innovation_priority", "skills_gap",
                 "hiring_difficulty")

_TEMPLATE_EN = """\
# yaml-language-server: $schema=opmodel.schema.json
# An IT operating model for opmodel. Fill it in step by step: every section is optional.
# Check it with `opmodel validate {file}`; list the vocabulary with `opmodel knowledge`.
apiVersion: opmodel/v1
kind: OperatingModel
metadata:
  name: {name}
  organisation: {org}
  state: current            # current | target | transition | scenario
  language: en              # ja | en
  currency: JPY
  fiscal_year_start_month: 4
profile:
  # Design factors; leave out what you do not know (the engines say what is missing).
  # industry: banking       # banking, insurance, government, manufacturing, software, ...
  # employees: 3000
  # business_units: 4
  # geography: single_country   # single_country | regional | global
  # regulatory_intensity: high  # low | medium | high
  # security_criticality: high
  # it_maturity: {{devops: 2, automation: 2, api_management: 1, cloud_native: 1}}
strategy:
  objectives: []            # - {{id: customer-experience, name: ..., weight: 3}}
  outcomes: []
  capabilities: []
roadmap:
  initiatives: []           # - {{id: itsm-rollout, name: ..., duration: {{optimistic: 8, most_likely: 12, pessimistic: 20}}}}
kpis:
  definitions: []
risks:
  items: []
"""

_TEMPLATE_JA = """\
# yaml-language-server: $schema=opmodel.schema.json
# opmodel の IT 運用モデルです。各セクションは省略可能なので、段階的に記入してください。
# `opmodel validate {file}` で検証、`opmodel knowledge` で語彙を確認できます。
apiVersion: opmodel/v1
kind: OperatingModel
metadata:
  name: {name}
  organisation: {org}
  state: current            # current（現状）| target（目標）| transition（移行）| scenario（シナリオ）
  language: ja              # ja | en
  currency: JPY
  fiscal_year_start_month: 4
profile:
  # 設計要因。不明な項目は省略してください（エンジンが不足情報を示します）。
  # industry: banking       # banking, insurance, government, manufacturing, software など
  # employees: 3000
  # business_units: 4
  # geography: single_country   # single_country | regional | global
  # regulatory_intensity: high  # low | medium | high
  # security_criticality: high
  # it_maturity: {{devops: 2, automation: 2, api_management: 1, cloud_native: 1}}
strategy:
  objectives: []            # - {{id: customer-experience, name: 顧客体験の向上, weight: 3}}
  outcomes: []
  capabilities: []
roadmap:
  initiatives: []           # - {{id: itsm-rollout, name: ..., duration: {{optimistic: 8, most_likely: 12, pessimistic: 20}}}}
kpis:
  definitions: []
risks:
  items: []
"""


def _flow(value: Any) -> str:
    """A fact as YAML flow text: enum values and numbers bare, mappings inline."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return str(value)


def _profile_block(template: str, profile: Mapping[str, Any], lang: str) -> str:
    """The template with its commented profile replaced by the facts given (checked)."""
    from opmodel.document.profile import Profile

    facts = Profile.model_validate(dict(profile)).model_dump(mode="json", exclude_none=True)
    head = ("  # 設計要因。値は見直してください（不明な項目は省略できます）。" if lang == "ja"
            else "  # Design factors; review each value (leave out what you do not know).")
    lines = [head] + [f"  {key}: {_flow(value)}" for key, value in facts.items()]
    start = template.index("profile:\n") + len("profile:\n")
    return template[:start] + "\n".join(lines) + "\n" + template[template.index("strategy:"):]


def scaffold(name: str, organisation: str | None, lang: str, file: str = "model.yaml",
             fmt: str = "yaml", state: str = "current",
             profile: Mapping[str, Any] | None = None) -> str:
    """Text of a new document named ``name``: YAML commented in ``lang``, or the same
    content as JSON (which has no comments) when ``fmt`` is ``json``.

    ``state``: the state the document describes (current, target, transition, scenario);
    ``profile``: design factors to fill in (by field name), instead of commented examples.
    """
    template = _TEMPLATE_JA if lang == "ja" else _TEMPLATE_EN
    template = template.replace("  state: current            #", f"  state: {state:<19}#")
    # JSON strings are valid YAML scalars, so any name is quoted safely.
    text = template.format(name=json.dumps(name, ensure_ascii=False),
                           org=json.dumps(organisation or "", ensure_ascii=False), file=file)
    if profile:
        text = _profile_block(text, profile, lang)
    if not organisation:  # not the model's name: a line to fill in
        text = text.replace('  organisation: ""', "  # organisation: Example Bank" if lang != "ja"
                            else "  # organisation: 〇〇銀行")
    text = text.replace("language: en ", f"language: {lang} ").replace(
        "language: ja ", f"language: {lang} ")
    if fmt == "json":
        from opmodel.document.parsing import parse_text

        # a section holding only comments (profile) is an empty mapping to fill in
        data = {key: {} if value is None else value for key, value in parse_text(text).items()}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return text
