"""The example organisations: valid, lossless, complete, realistic, and every command runs on them."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from opmodel.document import OperatingModel, dumps, loads
from opmodel.interop.model_files import dump, load
from opmodel.knowledge.base import load_resource
from support.cli import run

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ORGS = sorted(p.name for p in EXAMPLES.iterdir() if (p / "target.yaml").exists())
FILES = sorted(EXAMPLES.glob("*/*.yaml"))
TARGETS = [EXAMPLES / org / "target.yaml" for org in ORGS]
SECTIONS = ("metadata", "profile", "strategy", "assessment", "design", "roadmap", "budget",
            "change", "kpis", "risks")
SAMPLE_LOG = Path(__file__).resolve().parent / "data" / "itsm" / "incident_event_log.sample.csv.gz"


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _run(*args: str) -> object:
    """What ``opmodel ARGS`` prints as JSON, once it succeeded."""
    result = run(*args, catch_exceptions=False)
    assert result.code == 0, f"{args}: exit {result.code}\n{result.output}"
    return result.json()


def test_there_are_at_least_three_organisations() -> None:
    assert {"regional-bank", "global-manufacturer", "saas-company"} <= set(ORGS)
    for org in ORGS:
        assert (EXAMPLES / org / "current.yaml").exists()


# --- every file -----------------------------------------------------------------------------

@pytest.mark.parametrize("path", FILES, ids=_id)
def test_example_is_valid(path: Path) -> None:
    assert isinstance(load(path), OperatingModel)


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_example_round_trips(path: Path, tmp_path: Path) -> None:
    model = load(path)
    assert loads(dumps(model)) == model
    assert loads(dumps(model, "json"), fmt="json") == model
    copy = tmp_path / path.name
    dump(model, copy)
    assert load(copy) == model


@pytest.fixture(scope="module")
def json_schema_validator():  # type: ignore[no-untyped-def]
    """A validator for `opmodel schema`, the schema editors use for completion."""
    import jsonschema

    schema = _run("schema")
    return jsonschema.validators.validator_for(schema)(schema)


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_example_passes_the_editor_schema(json_schema_validator, path: Path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
    errors = [f"{list(e.path)}: {e.message}" for e in json_schema_validator.iter_errors(data)]
    assert not errors, errors[:5]


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_example_fills_every_section(path: Path) -> None:
    model = load(path)
    for name in SECTIONS:
        section = getattr(model, name)
        assert section is not None, name
        assert section.model_dump(exclude_defaults=True), f"{name} is empty"
    assert model.strategy and model.strategy.objectives and model.strategy.outcomes
    assert model.strategy.capabilities
    assert model.assessment and len(model.assessment.respondents) >= 4
    design = model.design
    assert design and design.model and design.model.structure and design.model.sourcing
    assert design.governance and design.governance.bodies and design.governance.decisions
    assert design.organization and design.organization.roles and design.organization.skills
    assert design.processes
    assert design.technology and design.technology.applications and design.technology.platforms
    assert design.sourcing and design.sourcing.vendors and design.sourcing.contracts
    assert model.roadmap and model.roadmap.initiatives and model.roadmap.phases
    assert model.roadmap.resources and model.roadmap.calendar and model.roadmap.budget_limits
    assert model.budget and model.budget.run_cost_before
    assert model.change and model.change.stakeholders and model.change.communications
    assert model.change.courses and model.change.completions and model.change.surveys
    assert model.kpis and model.kpis.definitions
    assert model.risks and model.risks.items


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_example_uses_knowledge_base_ids(path: Path) -> None:
    """Bank questions, ITIL practices, W&R domains and archetypes, KPIs, risk templates exist."""
    model = load(path)
    bank = {q["id"] for q in load_resource("questions")["questions"]}
    practices = {p["id"] for p in load_resource("itil_practices")["practices"]}
    domains = {d["id"] for d in load_resource("decision_domains")["decision_domains"]}
    archetypes = {a["id"] for a in load_resource("archetypes")["archetypes"]}
    kpis = {k["id"] for k in load_resource("kpi_library")["kpis"]}
    templates = {t["id"] for t in load_resource("risk_templates")["templates"]}
    assert model.assessment and model.design and model.kpis and model.risks
    assert model.assessment.bank and set(model.assessment.bank) <= bank
    custom = {q.id for q in model.assessment.questions}
    answered = {a.question for r in model.assessment.respondents for a in r.answers}
    assert answered <= bank | custom
    assert answered & bank, "the example should answer questions from the bank"
    assert {p.practice for p in model.design.processes} <= practices
    assert model.design.governance
    decisions = model.design.governance.decisions
    assert {d.domain for d in decisions} == domains, "every Weill & Ross domain is decided"
    assert {d.archetype for d in decisions} <= archetypes
    assert {k.kpi for k in model.kpis.definitions if k.kpi} <= kpis
    used = {r.template for r in model.risks.items if r.template}
    assert used and used <= templates


# --- current and target of one organisation ---------------------------------------------------

@pytest.mark.parametrize("org", ORGS)
def test_pair_shares_the_organisation(org: str) -> None:
    current = load(EXAMPLES / org / "current.yaml")
    target = load(EXAMPLES / org / "target.yaml")
    assert current.metadata.organisation and current.metadata.organisation == target.metadata.organisation
    assert current.metadata.state.value == "current"
    assert target.metadata.state.value == "target"
    assert current.metadata.language == target.metadata.language
    assert current.metadata.currency == target.metadata.currency
    assert current.metadata.fiscal_year_start_month == target.metadata.fiscal_year_start_month
    assert current.design and target.design and current.design.model and target.design.model
    assert current.design.model != target.design.model, "the target changes the model type"


@pytest.mark.parametrize("org", ORGS)
def test_diff_from_current_to_target(org: str) -> None:
    diff = _run("diff", str(EXAMPLES / org / "current.yaml"), str(EXAMPLES / org / "target.yaml"),
                "--format", "json")
    assert isinstance(diff, dict)
    assert diff["added"] and diff["removed"] and diff["changed"]


@pytest.mark.parametrize("path", TARGETS, ids=_id)
def test_target_is_rich_enough_for_the_engines(path: Path) -> None:
    model = load(path)
    assert model.assessment and model.roadmap and model.budget and model.change
    respondents = model.assessment.respondents
    assert {r.group.value for r in respondents if r.group} == {"it", "business"}
    assert {r.employment.value for r in respondents} == {"internal", "outsourced"}
    assert any(a.dont_know for r in respondents for a in r.answers) or len(respondents) >= 8
    initiatives = model.roadmap.initiatives
    assert 10 <= len(initiatives) <= 25
    deps = [d for i in initiatives for d in i.depends_on]
    assert any(d.type.value == "ss" for d in deps) and any(d.lag > 0 for d in deps)
    assert any(i.excludes for i in initiatives), "mutually exclusive alternatives"
    assert any(i.mandatory for i in initiatives) and any(i.deadline for i in initiatives)
    assert all(i.duration and i.demand and i.costs and i.impact for i in initiatives)
    categories = {c.category.value for i in initiatives for c in i.costs}
    assert {"training", "productivity", "parallel_running"} <= categories
    assert any(i.benefits for i in initiatives)
    assert any(r.periods for r in model.roadmap.resources), "capacity that changes over time"
    assert model.roadmap.milestones and model.roadmap.calendar and model.roadmap.calendar.holidays
    assert model.budget.run_cost_after and model.budget.contingency
    assert any(s.outsourced for s in model.change.stakeholders)
    anchors = [a for c in model.change.communications for a in (c.start, c.end) if a]
    assert any(a.phase for a in anchors) and any(a.milestone for a in anchors)
    assert model.change.impacts
    assert model.design and model.design.sourcing
    assert any(c.service_levels for c in model.design.sourcing.contracts)
    roles = model.design.organization.roles if model.design.organization else []
    assert any(r.required_skills and r.current_skills for r in roles)


def test_bank_is_japanese_with_an_april_fiscal_year_and_japanese_holidays() -> None:
    for state in ("current", "target"):
        model = load(EXAMPLES / "regional-bank" / f"{state}.yaml")
        assert model.metadata.language and model.metadata.language.value == "ja"
        assert model.metadata.currency == "JPY" and model.metadata.fiscal_year_start_month == 4
        assert model.profile and model.profile.industry and model.profile.industry.value == "banking"
        assert model.design and model.design.model and model.design.model.structure
        assert model.design.model.structure.value == "centralized"
    target = load(EXAMPLES / "regional-bank" / "target.yaml")
    assert target.design and target.design.model and target.design.model.sourcing
    assert target.design.model.sourcing.value == "hybrid"
    assert target.roadmap and target.roadmap.calendar
    holidays = {d.isoformat() for d in target.roadmap.calendar.holidays}
    # Constitution Day, a bank holiday on 31 December, and a substitute holiday
    assert {"2027-05-03", "2027-12-31", "2029-02-12"} <= holidays


# --- measurements and ITSM mapping ----------------------------------------------------------

def test_bank_has_a_cp932_csv_with_japanese_headers() -> None:
    raw = (EXAMPLES / "regional-bank" / "measurements-cp932.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    header = next(csv.reader(io.StringIO(raw.decode("cp932"))))
    assert header[:4] == ["指標", "対象", "年月", "実績値"]


def _copy(org: str, tmp_path: Path) -> Path:
    folder = tmp_path / org
    shutil.copytree(EXAMPLES / org, folder)
    return folder


MEASUREMENTS = [(org, p.name) for org in ORGS for p in sorted((EXAMPLES / org).glob("measurements*.csv"))]


@pytest.mark.parametrize(("org", "name"), MEASUREMENTS)
def test_measurements_import_into_the_target(org: str, name: str, tmp_path: Path) -> None:
    folder = _copy(org, tmp_path)
    result = _run("kpi", "import", str(folder / "target.yaml"), str(folder / name),
                  "--format", "json")
    assert isinstance(result, dict)
    text = (folder / name).read_text(encoding="cp932" if "cp932" in name else "utf-8")
    rows = len(text.splitlines()) - 1
    assert result["imported"] == rows and result["skipped"] == 0


def test_itsm_mapping_reads_the_servicenow_sample() -> None:
    result = _run("kpi", "itsm", str(SAMPLE_LOG), "--mapping",
                  str(EXAMPLES / "itsm-mapping.servicenow.yaml"), "--format", "json")
    assert isinstance(result, dict)
    assert result["cases"] == 149 and 0 < result["resolved"] <= 149
    assert result["by_priority"] and result["by_group"]


# --- every engine command on every example (quick settings) ----------------------------------

def _selection(path: Path) -> str:
    """All initiatives but the second of each pair of exclusive alternatives."""
    model = load(path)
    assert model.roadmap
    dropped: set[str] = set()
    for ini in model.roadmap.initiatives:
        if ini.id not in dropped:
            dropped.update(ini.excludes)
    return ",".join(i.id for i in model.roadmap.initiatives if i.id not in dropped)


def _commands(path: Path, tmp_path: Path) -> Iterator[list[str]]:
    file = str(path)
    yield ["assess", file]
    yield ["recommend", file]
    yield ["align", file]
    yield ["design", file]
    yield ["plan", file, "--time-limit", "0.5", "--iterations", "200", "--seed", "1"]
    yield ["schedule", file, "--time-limit", "0.5", "--select", _selection(path)]
    yield ["schedule", file, "--method", "heuristic", "--select", _selection(path)]
    yield ["change", "report", file]
    yield ["kpi", "report", file]
    yield ["kpi", "status", file]


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_engine_commands_run_and_print_json(path: Path, tmp_path: Path) -> None:
    for args in _commands(path, tmp_path):
        result = _run(*args, "--format", "json")
        assert isinstance(result, dict) and result, args


def _check(path: Path) -> dict[str, int]:
    result = run("check", str(path), "--format", "json", catch_exceptions=False)
    assert result.code in (0, 1), result.output
    report = result.json()
    assert isinstance(report, dict)
    counts = report["counts"]
    assert isinstance(counts, dict)
    assert result.code == (1 if counts["error"] else 0)
    return counts


@pytest.mark.parametrize("path", TARGETS, ids=_id)
def test_check_finds_no_error_in_a_target(path: Path) -> None:
    assert _check(path)["error"] == 0


@pytest.mark.parametrize("org", ORGS)
def test_check_finds_the_flaws_of_today(org: str) -> None:
    """Current models keep realistic flaws (e.g. a decision without one accountable)."""
    counts = _check(EXAMPLES / org / "current.yaml")
    assert counts["error"] >= 1


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_change_calendar_writes_ics(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    result = run("change", "calendar", str(path), "--out", str(out))
    assert result.code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and text.count("BEGIN:VEVENT") >= 2


@pytest.mark.parametrize("org", ORGS)
def test_kpi_status_after_import_rates_kpis(org: str, tmp_path: Path) -> None:
    folder = _copy(org, tmp_path)
    model = str(folder / "target.yaml")
    _run("kpi", "import", model, str(folder / "measurements.csv"), "--format", "json")
    card = _run("kpi", "status", model, "--as-of", "2028-12-31", "--format", "json")
    assert isinstance(card, dict)
    text = json.dumps(card)
    assert '"green"' in text, "imported measurements give at least one rated KPI"
