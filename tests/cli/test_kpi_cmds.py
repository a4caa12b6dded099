"""`opmodel kpi library|import|report|status|itsm` end to end: text in ja/en, json, exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from support.cli import run

ITSM = Path(__file__).parents[1] / "data" / "itsm"

MODEL = """apiVersion: opmodel/v1
kind: OperatingModel
metadata: {name: KPI demo, language: en, as_of: 2026-07-31}
kpis:
  definitions:
    - {id: availability, kpi: service-availability, warning: 99.5, critical: 99.0}
    - {id: csat, kpi: user-satisfaction, target: 4.0, critical: 3.0}
roadmap:
  initiatives:
    - id: monitoring
      benefits: [{kpi: availability, baseline: 99.0, target: 99.9, by: 2026-12-31}]
"""
CSV = ("指標,サービス,年月,値,分子,分母\n"
       "service-availability,給与,2026-04,,9990,10000\n"
       "service-availability,給与,2026-05,,9960,10000\n"
       "service-availability,会計,2026-06,,9800,10000\n"
       "csat,給与,2026-06,4.4,,\n")


def setup(tmp_path: Path) -> tuple[Path, Path]:
    model = tmp_path / "demo.yaml"
    model.write_text(MODEL, encoding="utf-8")
    data = tmp_path / "m.csv"
    data.write_bytes(CSV.encode("cp932"))
    return model, data


def test_import_report_status(tmp_path: Path) -> None:
    model, data = setup(tmp_path)
    out = run("kpi", "import", str(model), str(data), "--map", "kpi=指標", "--map", "scope=サービス",
              "--map", "period=年月")
    assert out.code == 0, out.output
    assert "Imported 4 of 4 rows" in out.output
    assert (tmp_path / "demo.measurements.parquet").exists()

    report = run("kpi", "report", str(model), "--format", "json")
    points = report.json()["points"]
    june = next(p for p in points if p["kpi"] == "availability" and p["scope"] == "all" and p["label"] == "2026-06")
    assert june["value"] == 98.0 and june["status"] == "red"
    text = run("kpi", "report", str(model), "--period", "quarter", "--lang", "ja")
    assert "2026-Q2" in text.out and "赤" in text.out

    status = json.loads(run("kpi", "status", str(model), "--format", "json").out)
    assert status["as_of"] == "2026-07-31"
    assert [b["status"] for b in status["benefits"]] == ["in_progress"]
    states = {s["kpi"]["id"]: s for s in status["kpis"]}
    assert states["availability"]["trend"] == "worsening" and states["csat"]["status"] == "green"
    ja = run("kpi", "status", str(model), "--lang", "ja")
    assert ja.code == 0 and "施策の計画効果と実績" in ja.out and "悪化" in ja.out
    assert "目標達成" in ja.out
    csat = next(line.split("│") for line in run("kpi", "status", str(model)).out.splitlines()
                if line.split("│")[0].strip().startswith("csat "))
    assert "yes" in [cell.strip() for cell in csat]  # 4.4 against a target of 4.0


def test_invalid_rows_exit_1_and_import_nothing(tmp_path: Path) -> None:
    model, _ = setup(tmp_path)
    data = tmp_path / "bad.csv"
    data.write_text("kpi,period,value\ncsat,2026-04,4\ncsat,someday,4\n", encoding="utf-8")
    out = run("kpi", "import", str(model), str(data), "--lang", "ja")
    assert out.code == 1
    assert "3 行目、列 'period'" in out.output and "何も取り込んでいません" in out.output
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("指標,年月,値\nnot-a-kpi,2026-04,1\n", encoding="utf-8")
    out = run("kpi", "import", str(model), str(unknown), "--map", "kpi=指標", "--map", "period=年月")
    assert out.code == 1 and "row 2, column '指標': not a KPI of the model or the library" in out.output
    assert not (tmp_path / "demo.measurements.parquet").exists()
    skipped = run("kpi", "import", str(model), str(data), "--skip-invalid", "--format", "json")
    assert skipped.code == 0 and skipped.json()["skipped"] == 1


def test_bad_mapping_is_a_clear_error(tmp_path: Path) -> None:
    model, data = setup(tmp_path)
    out = run("kpi", "import", str(model), str(data), "--map", "value=amount")
    assert out.code == 1 and "column 'amount' is not in the file" in out.output
    assert "Traceback" not in out.output


def test_itsm_json_keys_and_text(tmp_path: Path) -> None:
    log, mapping = ITSM / "incident_event_log.sample.csv.gz", ITSM / "servicenow.mapping.yaml"
    out = run("kpi", "itsm", str(log), "--mapping", str(mapping), "--format", "json")
    assert out.code == 0, out.output
    data = out.json()
    assert list(data) == ["cases", "resolved", "resolution_hours", "reopen_rate", "mean_handoffs",
                          "sla_met_rate", "by_priority", "by_group", "backlog"]
    assert set(data["resolution_hours"]) == {"median", "mean", "p90"}
    assert data["cases"] == 149 and data["backlog"][0]["open"] >= 1
    text = run("kpi", "itsm", str(log), "--mapping", str(mapping), "--lang", "ja")
    assert "優先度別" in text.out and "149" in text.out
    bad = tmp_path / "bad.yaml"
    bad.write_text(mapping.read_text().replace("assignment_group", "team"), encoding="utf-8")
    err = run("kpi", "itsm", str(log), "--mapping", str(bad))
    assert err.code == 1 and "mapping key 'group': column 'team'" in err.output


def test_library_lists_every_kpi() -> None:
    out = run("kpi", "library", "--format", "json")
    kpis = out.json()
    assert len(kpis) >= 30 and {k["component"] for k in kpis} == {
        "governance", "organization", "process", "technology", "sourcing"}
    assert "平均復旧時間" in run("kpi", "library", "--lang", "ja", "--component", "process").out


def test_every_kpi_command_says_example_in_its_help() -> None:
    for command in ("library", "import", "report", "status", "itsm"):
        assert "Example: opmodel kpi" in run("kpi", command, "--help").out


def test_period_option_matches_the_document_periods() -> None:
    from opmodel.cli.kpi_cmds import PeriodOption
    from opmodel.document.kpis import Period

    assert [p.value for p in PeriodOption] == [p.value for p in Period]


def test_status_names_the_scopes_a_scoped_kpi_has_no_data_for(tmp_path: Path) -> None:
    model, data = setup(tmp_path)
    model.write_text(MODEL.replace(
        "    - {id: csat,",
        "    - {id: payroll-availability, kpi: service-availability, target: 99.9,\n"
        "       scope: {kind: service, id: payroll}}\n    - {id: csat,"), encoding="utf-8")
    assert run("kpi", "import", str(model), str(data), "--map", "kpi=指標",
               "--map", "scope=サービス", "--map", "period=年月").code == 0
    status = json.loads(run("kpi", "status", str(model), "--format", "json").out)
    states = {s["kpi"]["id"]: s for s in status["kpis"]}
    assert states["payroll-availability"]["periods"] == 0
    assert states["payroll-availability"]["other_scopes"] == ["会計", "給与"]
    assert states["availability"]["other_scopes"] == []  # unscoped: every scope feeds it
    en = run("kpi", "status", str(model)).out
    assert "no measurements for its scope 'payroll', but some for 会計, 給与" in en
    ja = run("kpi", "status", str(model), "--lang", "ja").out
    assert "スコープ 'payroll' の計測値がありません" in ja


def test_import_refuses_day_or_month_first_dates_until_told_the_order(tmp_path: Path) -> None:
    model, _ = setup(tmp_path)
    data = tmp_path / "slashes.csv"
    data.write_text("kpi,period,value\ncsat,01/04/2027,4\ncsat,2027/04/02,4\n", encoding="utf-8")
    out = run("kpi", "import", str(model), str(data), "--lang", "ja")
    assert out.code == 1 and "2 行目、列 'period': 日と月のどちらが先か分かりません" in out.output
    assert "--dayfirst" in out.output and not (tmp_path / "demo.measurements.parquet").exists()
    en = run("kpi", "import", str(model), str(data), "--lang", "en")
    assert en.code == 1 and "row 2, column 'period': which comes first, day or month" in en.output
    for option, day in (("--dayfirst", "2027-04-01"), ("--monthfirst", "2027-01-04")):
        ok = run("kpi", "import", str(model), str(data), option, "--format", "json")
        assert ok.code == 0 and ok.json()["imported"] == 2
        report = json.loads(run("kpi", "report", str(model), "--period", "day", "--format", "json").out)
        assert {p["label"] for p in report["points"] if p["kpi"] == "csat"} >= {day, "2027-04-02"}


def test_import_errors_name_the_folder_and_the_columns(tmp_path: Path) -> None:
    model, _ = setup(tmp_path)
    folder = tmp_path / "d.csv"
    folder.mkdir()
    for lang, said in (("en", "is a folder, not a file"), ("ja", "ファイルではなくフォルダーです")):
        out = run("kpi", "import", str(model), str(folder), "--lang", lang)
        assert out.code == 1 and said in out.output and "d.csv" in out.output
        assert "Errno" not in out.output
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    en = run("kpi", "import", str(model), str(other), "--lang", "en")
    assert en.code == 1 and "other.csv: no column for 'kpi' (columns: a, b)" in en.output
    ja = run("kpi", "import", str(model), str(other), "--lang", "ja")
    assert "other.csv: 'kpi' の列がありません（列: a, b）" in ja.output


def test_import_shows_an_empty_cell_as_empty_not_none(tmp_path: Path) -> None:
    model, _ = setup(tmp_path)
    data = tmp_path / "ratio.csv"
    data.write_text("kpi,period,value,numerator,denominator\nservice-availability,2026-04,,,\n",
                    encoding="utf-8")
    en = run("kpi", "import", str(model), str(data), "--lang", "en")
    assert "row 2, column 'numerator'" in en.output and "(value: empty)" in en.output
    ja = run("kpi", "import", str(model), str(data), "--lang", "ja")
    assert "（値: 空）" in ja.output
    assert "None" not in en.output + ja.output


def test_an_unknown_field_in_a_mapping_lists_the_fields(tmp_path: Path) -> None:
    model, data = setup(tmp_path)
    fields = "kpi, scope, period, timestamp, value, numerator, denominator"
    mapping = tmp_path / "columns.yaml"
    mapping.write_text("kpi: 指標\nfoo: 値\n", encoding="utf-8")
    out = run("kpi", "import", str(model), str(data), "--mapping", str(mapping), "--lang", "en")
    assert out.code == 1 and "columns.yaml: foo: 値: unknown field 'foo'" in out.output
    assert f"(fields: {fields})" in out.output
    ja = run("kpi", "import", str(model), str(data), "--map", "foo=bar", "--lang", "ja")
    assert ja.code == 1 and f"項目 'foo' はありません（項目: {fields}）" in ja.output


def test_library_refuses_an_unknown_component_and_reads_organisation() -> None:
    out = run("kpi", "library", "--component", "proces", "--lang", "en")
    assert out.code == 2
    assert "governance, organization, process, technology, sourcing" in out.output
    ja = run("kpi", "library", "--component", "proces", "--lang", "ja")
    assert ja.code == 2 and "その構成要素はありません" in ja.output
    british = json.loads(run("kpi", "library", "--component", "organisation", "--format", "json").out)
    assert british and {k["component"] for k in british} == {"organization"}


def test_status_before_every_measurement_says_to_move_the_date(tmp_path: Path) -> None:
    model, data = setup(tmp_path)
    assert run("kpi", "import", str(model), str(data), "--map", "kpi=指標",
               "--map", "scope=サービス", "--map", "period=年月").code == 0
    early = run("kpi", "status", str(model), "--as-of", "2026-01-31")
    assert "No measurements on or before 2026-01-31, but 4 after it" in early.out
    data_json = json.loads(run("kpi", "status", str(model), "--as-of", "2026-01-31",
                               "--format", "json").out)
    assert data_json["after_as_of"] == 4
    ja = run("kpi", "status", str(model), "--as-of", "2026-01-31", "--lang", "ja").out
    assert "2026-01-31 以前の計測値がありません" in ja
    later = run("kpi", "status", str(model)).out  # as_of 2026-07-31: all data counts
    assert "No measurements on or before" not in later


def test_report_header_has_no_empty_parts(tmp_path: Path) -> None:
    model, data = setup(tmp_path)
    model.write_text(MODEL.replace(
        "    - {id: csat,",
        "    - {id: custom, name: Custom, direction: higher, aggregation: mean}\n    - {id: csat,"),
        encoding="utf-8")
    assert run("kpi", "import", str(model), str(data), "--map", "kpi=指標",
               "--map", "scope=サービス", "--map", "period=年月").code == 0
    ja = run("kpi", "report", str(model), "--lang", "ja").out
    en = run("kpi", "report", str(model), "--lang", "en").out
    assert "custom Custom（高いほど良い、平均、目標 —）" in ja and "（、" not in ja
    assert "custom Custom (higher is better; mean; target —)" in en and "(; " not in en


def test_fiscal_years_read_as_nendo_in_japanese(tmp_path: Path) -> None:
    model, data = setup(tmp_path)
    assert run("kpi", "import", str(model), str(data), "--map", "kpi=指標",
               "--map", "scope=サービス", "--map", "period=年月").code == 0
    ja = run("kpi", "report", str(model), "--period", "fiscal_year", "--lang", "ja").out
    en = run("kpi", "report", str(model), "--period", "fiscal_year", "--lang", "en").out
    assert "2026年度" in ja and "FY2026" not in ja and "FY2026" in en


def test_fiscal_quarters_in_the_report(tmp_path: Path) -> None:
    model, data = setup(tmp_path)
    assert run("kpi", "import", str(model), str(data), "--map", "kpi=指標",
               "--map", "scope=サービス", "--map", "period=年月").code == 0
    en = run("kpi", "report", str(model), "--period", "fiscal_quarter", "--lang", "en").out
    ja = run("kpi", "report", str(model), "--period", "fiscal_quarter", "--lang", "ja").out
    assert "FY2026-Q1" in en and "2026年度Q1" in ja  # April-June 2026 with an April start


RAW = re.compile(r"\b(green|amber|red|none|improving|worsening|flat|unknown|mean|sum|ratio|last|"
                 r"higher|lower|achieved|in_progress|missed|no_data|governance|organization|"
                 r"process|technology|sourcing|other|assess|align|design|roadmap|change|measure|"
                 r"all|yes|no)\b|\(none\)|FY\d{4}|\bp\d\d\b")


def _words_of(text: str) -> list[str]:
    """What a line says beyond its ids (kpi-…, ini-…, vendor-…) and file paths."""
    return [w for w in re.split(r"[\s（）()、:,]+", text)
            if w and not re.match(r"^[a-z0-9]+(?:-[a-z0-9]+)+$", w) and "/" not in w]


def test_japanese_text_shows_no_raw_values(tmp_path: Path) -> None:
    folder = Path(__file__).parents[2] / "examples" / "regional-bank"
    model = tmp_path / "target.yaml"
    shutil.copy(folder / "target.yaml", model)
    outputs = []
    for csv in ("measurements.csv", "measurements-cp932.csv"):
        done = run("kpi", "import", str(model), str(folder / csv), "--lang", "ja")
        assert done.code == 0 and "行を取り込みました" in done.out
    for args in (["report", str(model)], ["report", str(model), "--period", "fiscal_year"],
                 ["report", str(model), "--period", "fiscal_quarter"],
                 ["status", str(model)], ["status", str(model), "--as-of", "2028-12-31"],
                 ["library"], ["itsm", str(ITSM / "incident_event_log.sample.csv.gz"),
                               "--mapping", str(ITSM / "servicenow.mapping.yaml")]):
        out = run("kpi", *args, "--lang", "ja")
        assert out.code == 0, out.output
        outputs.append(out.out)
    raw = [w for text in outputs for w in _words_of(text) if RAW.search(w)]
    assert raw == []
    joined = "\n".join(outputs)
    for said in ("緑", "黄", "改善", "高いほど良い", "比率", "全体", "評価なし", "（なし）",
                 "進行中", "2028年度", "サービス提供のためのプロセスフレームワーク", "成果を測定し改善する"):
        assert said in joined, said


def test_measurements_option_chooses_the_store(tmp_path: Path) -> None:
    model, data = setup(tmp_path)
    store = tmp_path / "kpis" / "sla.parquet"
    store.parent.mkdir()
    args = ["--map", "kpi=指標", "--map", "scope=サービス", "--map", "period=年月"]
    out = run("kpi", "import", str(model), str(data), *args, "--measurements", str(store))
    assert out.code == 0 and f"4 measurements in {store}" in out.output
    assert store.exists() and not (tmp_path / "demo.measurements.parquet").exists()
    beside = json.loads(run("kpi", "report", str(model), "--format", "json").out)
    chosen = json.loads(run("kpi", "report", str(model), "--measurements", str(store),
                            "--format", "json").out)
    assert beside["points"] == [] and chosen["points"]
    card = json.loads(run("kpi", "status", str(model), "--measurements", str(store),
                          "--format", "json").out)
    assert any(s["periods"] for s in card["kpis"])
    damaged = tmp_path / "damaged.parquet"
    damaged.write_bytes(b"no parquet")
    for command in ("report", "status"):
        err = run("kpi", command, str(model), "--measurements", str(damaged), "--lang", "ja")
        assert err.code == 1 and "測定値ファイルとして読めません" in err.output
        assert "Traceback" not in err.output


def test_import_refuses_bombs_with_a_clear_error_in_bounded_memory(tmp_path: Path) -> None:
    import tracemalloc

    from support.bombs import MB, gzip_bomb, xlsx_bomb

    model, _ = setup(tmp_path)
    limit = {"OPMODEL_MAX_FILE_SIZE": str(8 * MB)}
    for bomb, en, ja in ((gzip_bomb(tmp_path / "m.csv.gz", 256 * MB), "unpacked", "展開"),
                         (xlsx_bomb(tmp_path / "m.xlsx", 256 * MB), "unpacked", "展開")):
        # first in Japanese, untraced: the modules the import needs are loaded then, so what
        # is traced below is the import's own memory, whatever ran before in this process
        assert ja in run("kpi", "import", str(model), str(bomb), "--lang", "ja", env=limit).output
        tracemalloc.start()
        out = run("kpi", "import", str(model), str(bomb), env=limit)
        top = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert out.code == 1 and str(bomb) in out.output and en in out.output, out.output
        assert top < 8 * MB + 8 * MB  # the limit and the program, never the 256 MB
    assert not (tmp_path / "demo.measurements.parquet").exists()


def test_import_reads_json_rows(tmp_path: Path) -> None:
    model, _ = setup(tmp_path)
    data = tmp_path / "m.json"
    data.write_text(json.dumps([{"kpi": "csat", "period": "2026-06", "value": 4.4},
                                {"kpi": "csat", "period": "someday", "value": 4}]),
                    encoding="utf-8")
    out = run("kpi", "import", str(model), str(data))
    assert out.code == 1 and "row 2, column 'period'" in out.output  # the second object
    data.write_text(json.dumps([{"kpi": "csat", "period": "2026-06", "value": 4.4}]))
    assert run("kpi", "import", str(model), str(data), "--format", "json").json()["imported"] == 1


def test_amounts_in_jpy_show_no_decimals_in_kpis(tmp_path: Path) -> None:
    model = tmp_path / "money.yaml"
    model.write_text(MODEL.replace(
        "    - {id: csat,",
        "    - {id: cost, name: Cost per user, unit: JPY/user, direction: lower, "
        "aggregation: mean, target: 1234.5}\n"
        "    - {id: cloud, kpi: cloud-cost-per-unit, target: 12.5}\n"
        "    - {id: csat,"), encoding="utf-8")
    data = tmp_path / "m.csv"
    data.write_text("kpi,period,value\ncost,2026-06,1500.4\ncloud,2026-06,10.25\n"
                    "csat,2026-06,4.4\n", encoding="utf-8")
    assert run("kpi", "import", str(model), str(data)).code == 0
    report = run("kpi", "report", str(model)).out
    assert "1,234" in report and "1,500" in report and "1,234.5" not in report
    assert "1,500.40" not in report and "10.25" not in report
    status = run("kpi", "status", str(model)).out
    assert "1,500" in status and "1,500.40" not in status
    csat = next(line for line in status.splitlines() if line.strip().startswith("csat "))
    assert "4.40" in csat  # a KPI that is no amount keeps its decimals
    specs = {s["id"]: s for s in run("kpi", "report", str(model), "-f", "json").json()["kpis"]}
    assert (specs["cost"]["money"], specs["cloud"]["money"], specs["csat"]["money"]) == (
        "JPY", "JPY", None)


def test_import_lists_its_notes_in_the_users_language(tmp_path: Path) -> None:
    model, _ = setup(tmp_path)
    data = tmp_path / "wide.csv"
    data.write_text("kpi,period,value\ncsat,2026-06,４．５\n", encoding="utf-8")
    en = run("kpi", "import", str(model), str(data))
    assert en.code == 0 and "row 2, column 'value': note:" in en.output
    ja = run("kpi", "import", str(model), str(data), "--lang", "ja")
    assert "2 行目、列 'value': 注記:" in ja.output and "半角" in ja.output
