"""A new, valid document to start from, with comments that guide the first edits."""

from __future__ import annotations

import json

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


def scaffold(name: str, organisation: str | None, lang: str, file: str = "model.yaml",
             fmt: str = "yaml") -> str:
    """Text of a new document named ``name``: YAML commented in ``lang``, or the same
    content as JSON (which has no comments) when ``fmt`` is ``json``."""
    template = _TEMPLATE_JA if lang == "ja" else _TEMPLATE_EN
    # JSON strings are valid YAML scalars, so any name is quoted safely.
    text = template.format(name=json.dumps(name, ensure_ascii=False),
                           org=json.dumps(organisation or "", ensure_ascii=False), file=file)
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
