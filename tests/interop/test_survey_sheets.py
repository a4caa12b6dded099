"""The blank questionnaire: a drop-down of the six levels per question, in the language asked,
that reads back through the import; answer sheets in CP932 and with form-style headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from opmodel.interop.model_files import load
from opmodel.interop.survey_sheets import read_survey
from opmodel.knowledge.questions import question_bank
from support.cli import run

EXAMPLE = Path(__file__).parents[2] / "examples" / "regional-bank" / "current.yaml"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_template_has_a_drop_down_of_six_levels_per_question(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "survey.xlsx"
    result = run("survey", "template", str(EXAMPLE), "--lang", lang, "--out", str(out),
                 "--questions", "proc-incident,tech-cloud")
    assert result.code == 0, result.output
    book = load_workbook(out)
    answers, levels = book.worksheets
    heads = [c.value for c in answers[1]]
    bank = question_bank().by_id()
    assert heads[-2:] == [f"{q}: {bank[q].text.get(lang)}" for q in ("proc-incident",
                                                                       "tech-cloud")]
    checks = answers.data_validations.dataValidation
    assert len(checks) == 2 and all(c.type == "list" for c in checks)
    row = [c.value for c in levels[2]]
    assert row[0] == "proc-incident"
    assert row[1:] == [f"{n}: {t.get(lang)}" for n, t in enumerate(bank["proc-incident"].levels)]


def test_a_filled_template_reads_back_into_the_model(tmp_path: Path) -> None:
    template, model = tmp_path / "survey.xlsx", tmp_path / "current.yaml"
    model.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert run("survey", "template", str(model), "--lang", "ja", "--out", str(template)).code == 0
    book = load_workbook(template)
    answers, levels = book.worksheets
    heads = [c.value for c in answers[1]]
    column = heads.index(next(h for h in heads if h.startswith("proc-incident"))) + 1
    picked = levels.cell(row=[c.value for c in levels["A"]].index("proc-incident") + 1,
                         column=5).value  # level 3, as the drop-down offers it
    answers.append(["r-branch", "支店長", "支店長", "営業統括部", "事業部門", "社内"])
    answers.cell(row=2, column=column, value=picked)
    book.save(template)
    result = run("survey", "import", str(template), "--into", str(model))
    assert result.code == 0, result.output
    branch = next(r for r in load(model).assessment.respondents if r.id == "r-branch")
    assert [(a.question, a.level) for a in branch.answers] == [("proc-incident", 3)]
    assert (branch.business_unit, branch.group, branch.employment) == ("営業統括部", "business",
                                                                        "internal")


def test_cp932_answers_with_question_text_in_the_header(tmp_path: Path) -> None:
    path = tmp_path / "forms.csv"
    path.write_bytes("氏名,部門,proc-incident: インシデントの記録\n山田,総務部,２\n".encode("cp932"))
    sheet = read_survey(path, ["proc-incident"])
    (person,) = sheet.respondents
    assert person.attributes == {"name": "山田", "business_unit": "総務部"}
    assert [(a.question, a.text, a.row, a.column) for a in person.answers] == [
        ("proc-incident", "２", 2, "proc-incident: インシデントの記録")]


def test_template_to_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run("survey", "template", "--out", str(tmp_path))
    assert result.code == 2 and "folder" in result.err
