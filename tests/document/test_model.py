"""The document's shape: every section optional, the profile's vocabulary pinned."""

from __future__ import annotations

from typing import Any

import pytest

from opmodel.document import DocumentError, OperatingModel, validate_data
from opmodel.document.paths import Key
from opmodel.document.profile import Geography, Industry, ITMaturity, Profile
from support.builders import document

SECTIONS = ["profile", "strategy", "assessment", "design", "roadmap", "budget", "change",
            "kpis", "risks"]


def errors(data: dict[str, Any]) -> list[tuple[Any, str]]:
    try:
        validate_data(data)
    except DocumentError as exc:
        return [(p.path, p.message("en")) for p in exc.problems]
    return []


def test_sections_are_exactly_those_of_the_design() -> None:
    assert list(OperatingModel.model_fields) == ["api_version", "kind", "metadata", *SECTIONS]


def test_a_document_with_metadata_only_is_valid() -> None:
    model = validate_data(document())
    assert all(getattr(model, s) is None for s in SECTIONS)


@pytest.mark.parametrize("section", SECTIONS)
def test_each_section_alone_and_empty_is_valid(section: str) -> None:
    model = validate_data(document(**{section: {}}))
    assert getattr(model, section) is not None


def test_metadata_is_required_and_named() -> None:
    data = document()
    del data["metadata"]
    assert errors(data) == [(("metadata",), "required field 'metadata' is missing")]


def test_api_version_and_kind_are_checked() -> None:
    found = errors(document() | {"apiVersion": "opmodel/v2", "kind": "Other"})
    assert {path for path, _ in found} == {("apiVersion",), ("kind",)}


def test_unknown_fields_are_errors_that_name_the_field() -> None:
    found = errors(document(roadmap={"initiatives": [{"id": "a", "efort": 3}]}))
    assert found == [(("roadmap", "initiatives", Key("a"), "efort"), "unknown field 'efort'")]


@pytest.mark.parametrize(("given", "kept"), [("jpy", "JPY"), (" usd ", "USD"), ("EUR", "EUR")])
def test_currency_is_an_iso_4217_code_in_any_case(given: str, kept: str) -> None:
    data = document()
    data["metadata"]["currency"] = given
    assert validate_data(data).metadata.currency == kept


@pytest.mark.parametrize("given", ["YEN", "円", "JP", "XYZ"])
def test_a_currency_outside_iso_4217_is_refused_with_an_example(given: str) -> None:
    from opmodel.knowledge.texts import render_hint

    data = document()
    data["metadata"]["currency"] = given
    with pytest.raises(DocumentError) as caught:
        validate_data(data)
    (found,) = caught.value.problems
    assert found.path == ("metadata", "currency") and found.code == "validation.currency_code"
    assert "use an ISO 4217 code such as JPY" in render_hint(found.code, found.params, "en")
    assert "ISO 4217" in render_hint(found.code, found.params, "ja")


@pytest.mark.parametrize("written", ["2027/04/01", "2027-04-01", "２０２７／０４／０１", "2027/4/1"])
def test_a_date_is_read_with_slashes_or_dashes_everywhere(written: str) -> None:
    import datetime as dt

    from opmodel.document import loads

    model = loads(f"""apiVersion: opmodel/v1
kind: OperatingModel
metadata: {{name: x, as_of: {written}}}
roadmap:
  initiatives: [{{id: a, deadline: {written}}}]
design:
  sourcing:
    vendors: [{{id: v}}]
    contracts: [{{id: k, vendor: v, end: {written}}}]
""")
    day = dt.date(2027, 4, 1)
    assert model.metadata.as_of == day and model.roadmap.initiatives[0].deadline == day
    assert model.design.sourcing.contracts[0].end == day


@pytest.mark.parametrize("written", ["2027-02-30", "2027/02/30", "'2027-02-30'", "2026-13-01"])
def test_a_day_that_does_not_exist_is_named_at_its_path(written: str) -> None:
    from opmodel.document import loads

    with pytest.raises(DocumentError) as caught:
        loads(f"apiVersion: opmodel/v1\nkind: OperatingModel\nmetadata: {{name: x}}\n"
              f"roadmap:\n  initiatives: [{{id: a, deadline: {written}}}]\n")
    (found,) = caught.value.problems
    assert found.code == "validation.day_not_exist"
    assert found.path == ("roadmap", "initiatives", Key("a"), "deadline")
    assert "does not exist" in found.message("en") and "存在しません" in found.message("ja")
    assert "indentation" not in found.hint("en")


def test_full_width_digits_are_numbers_in_a_document() -> None:
    from opmodel.document import loads

    model = loads("apiVersion: opmodel/v1\nkind: OperatingModel\nmetadata: {name: x}\n"
                  "roadmap:\n  initiatives: [{id: a, effort: １２, business_value: ３．５}]\n")
    initiative = model.roadmap.initiatives[0]
    assert (initiative.effort, initiative.business_value) == (12, 3.5)


# The profile vocabulary is a contract other tools rely on (issue 2): pin it exactly.
INDUSTRIES = ["banking", "insurance", "healthcare", "government", "education", "research",
              "manufacturing", "retail", "hospitality", "logistics", "energy", "telecom",
              "media", "software", "professional_services", "conglomerate", "other"]
COUNTS = ["employees", "it_staff", "business_units", "developer_teams"]
LEVELS = ["bu_diversity", "regulatory_intensity", "security_criticality", "agility_need",
          "cost_pressure", "innovation_priority", "skills_gap", "hiring_difficulty",
          "budget_flexibility_need", "standardization_level", "digital_product_focus"]
MATURITY = ["devops", "automation", "api_management", "cloud_native"]


def test_industry_values_are_pinned() -> None:
    assert [i.value for i in Industry] == INDUSTRIES


def test_geography_values_are_pinned() -> None:
    assert [g.value for g in Geography] == ["single_country", "regional", "global"]


def test_profile_fields_are_pinned() -> None:
    assert set(Profile.model_fields) == {"industry", "geography", "it_maturity", *COUNTS,
                                          *LEVELS}
    assert list(ITMaturity.model_fields) == MATURITY


@pytest.mark.parametrize("field", LEVELS)
def test_level_fields_take_low_medium_high(field: str) -> None:
    for value in ("low", "medium", "high"):
        assert getattr(Profile.model_validate({field: value}), field).value == value
    found = errors(document(profile={field: "very_high"}))
    assert [path for path, _ in found] == [("profile", field)]


@pytest.mark.parametrize("field", COUNTS)
def test_counts_are_whole_numbers_at_least_zero(field: str) -> None:
    assert getattr(Profile.model_validate({field: 0}), field) == 0
    assert errors(document(profile={field: -1}))
    assert errors(document(profile={field: 2.5}))


@pytest.mark.parametrize("field", MATURITY)
def test_it_maturity_is_zero_to_five(field: str) -> None:
    for level in range(6):
        assert getattr(ITMaturity.model_validate({field: level}), field) == level
    for bad in (-1, 6):
        assert [p for p, _ in errors(document(profile={"it_maturity": {field: bad}}))] == [
            ("profile", "it_maturity", field)]


def test_industry_rejects_values_outside_the_list() -> None:
    found = errors(document(profile={"industry": "fintech"}))
    assert [p for p, _ in found] == [("profile", "industry")]


def test_unknown_profile_fields_are_none() -> None:
    profile = validate_data(document(profile={})).profile
    assert profile is not None
    assert all(getattr(profile, name) is None for name in Profile.model_fields)
    maturity = ITMaturity()
    assert all(getattr(maturity, name) is None for name in MATURITY)


def test_organization_and_organisation_are_one_value_in_every_list() -> None:
    from opmodel.document import loads
    from opmodel.document.base import Component
    from opmodel.document.change import ImpactArea
    from opmodel.document.kpis import ScopeKind

    for enum in (Component, ImpactArea, ScopeKind):
        own = next(v for v in enum if v.value.startswith("organi"))
        assert enum("organization") is own and enum("organisation") is own
    model = loads("""apiVersion: opmodel/v1
kind: OperatingModel
metadata: {name: x}
assessment:
  targets: {organisation: {target: 3}}
kpis:
  definitions: [{id: k, kpi: service-availability, component: organisation,
                 scope: {kind: organization}}]
""")
    assert Component.organization in model.assessment.targets
    definition = model.kpis.definitions[0]
    assert (definition.component, definition.scope.kind) == (Component.organization,
                                                             ScopeKind.organisation)


def test_a_comma_in_an_unquoted_flow_value_gets_a_hint_to_quote_it() -> None:
    from opmodel.document import loads

    with pytest.raises(DocumentError) as caught:
        loads("apiVersion: opmodel/v1\nkind: OperatingModel\nmetadata: {name: x}\n"
              "roadmap:\n  initiatives:\n    - {id: t, name: 1,100 名の操作研修}\n")
    split = next(p for p in caught.value.problems if p.code.startswith("validation.extra"))
    assert split.code == "validation.extra_forbidden_comma"
    assert "quotes" in split.hint("en") and "引用符" in split.hint("ja")
    with pytest.raises(DocumentError) as caught:  # a misspelt field keeps its own message
        loads("apiVersion: opmodel/v1\nkind: OperatingModel\nmetadata: {name: x}\n"
              "roadmap:\n  initiatives:\n    - {id: t, efort: 3}\n")
    assert caught.value.problems[0].code == "validation.extra_forbidden"
