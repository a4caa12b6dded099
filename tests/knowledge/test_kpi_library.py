"""The KPI library: size, coverage of components and kinds, bilingual texts, aggregations."""

from __future__ import annotations

from collections import Counter

from opmodel.knowledge.kpis import kpi_library, percentile_of


def test_at_least_30_kpis_across_all_five_components_and_both_kinds() -> None:
    kpis = kpi_library().kpis
    assert len(kpis) >= 30
    assert len({k.id for k in kpis}) == len(kpis)
    per_component = Counter(k.component.value for k in kpis)
    assert set(per_component) == {"governance", "organization", "process", "technology", "sourcing"}
    assert min(per_component.values()) >= 5
    assert {k.kind.value for k in kpis} == {"quantitative", "qualitative"}


def test_every_aggregation_kind_is_used_and_ratios_say_how_they_scale() -> None:
    kpis = kpi_library().kpis
    kinds = {"pNN" if percentile_of(k.aggregation) else k.aggregation for k in kpis}
    assert kinds == {"mean", "sum", "ratio", "last", "pNN"}
    assert all(k.scale == 100 for k in kpis if k.aggregation == "ratio" and k.unit.en == "%")


def test_texts_exist_in_both_languages() -> None:
    for k in kpi_library().kpis:
        assert k.name.ja != k.name.en and k.definition.ja and k.definition.en


def test_lookup_by_id() -> None:
    assert kpi_library().get("mttr").direction == "lower"
    assert kpi_library().get("no-such-kpi") is None
    assert percentile_of("p90") == 0.9 and percentile_of("mean") is None
