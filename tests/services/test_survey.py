"""Survey answers from spreadsheets: levels read from numbers or text in either language,
respondents added or updated, all or nothing with each problem at its row and column; the
blank questionnaire's questions; the command prints exactly the use case's result."""

from __future__ import annotations

from pathlib import Path

import pytest

from opmodel.document import DocumentError
from opmodel.document.assessment import Assessment
from opmodel.document.rules.assessment import known_questions
from opmodel.interop.model_files import load
from opmodel.interop.survey_sheets import read_survey
from opmodel.knowledge.questions import question_bank
from opmodel.services.survey import import_answers, read_level, survey_questions
from support.builders import model
from support.cli import run
from support.results import assert_json_is_the_result

BANK = ["proc-incident", "proc-change", "tech-cloud"]
CUSTOM = {"id": "q-own", "component": "sourcing", "text": "Own question",
          "levels": ["none", "ad hoc", "basic", "defined", "measured", "optimised"]}


def _model(**assessment: object):
    return model(assessment={"bank": BANK, "questions": [CUSTOM], **assessment})


def _levels(question: str) -> list[set[str]]:
    q = question_bank().by_id()[question]
    return [{t.ja.lower(), t.en.lower()} for t in q.levels]



def _sheet(tmp_path: Path, text: str, m: object) -> object:
    path = tmp_path / "answers.csv"
    path.write_text(text, encoding="utf-8")
    return read_survey(path, known_questions(m.assessment or Assessment()))  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "level"), [
    ("3", 3), ("３", 3), ("Level 4", 4), ("レベル2", 2), ("5: anything", 5), ("0", 0),
    ("わからない", "dont_know"), ("Don't know", "dont_know"), ("6", None), ("often", None)])
def test_a_level_is_read_from_a_number_or_a_marker(text: str, level: object) -> None:
    assert read_level(text, _levels("proc-incident")) == level


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("question", [q.id for q in question_bank().questions])
def test_a_level_is_read_from_its_text_in_either_language(lang: str, question: str) -> None:
    from opmodel.interop.survey_sheets import normalise

    q = question_bank().by_id()[question]
    levels = [{normalise(t.ja), normalise(t.en)} for t in q.levels]
    assert [read_level(t.get(lang), levels) for t in q.levels] == list(range(6))


def test_wide_sheet_adds_and_updates_respondents(tmp_path: Path) -> None:
    m = _model(respondents=[{"id": "r-cio", "name": "CIO", "business_unit": "本社",
                             "answers": [{"question": "proc-incident", "level": 1},
                                         {"question": "tech-cloud", "level": 2}]}])
    sheet = _sheet(tmp_path, "回答者ID,氏名,部門,IT・事業,雇用形態,proc-incident,q-own: Own question,"
                             "memo\n"
                             "r-cio,,,IT部門,,4,,x\n"
                             "r-sales,営業部長,営業部,事業部門,委託先,2,measured,\n", m)
    result = import_answers(m, sheet)  # type: ignore[arg-type]
    assert result.issues == [] and result.added == ["r-sales"] and result.updated == ["r-cio"]
    assert result.ignored_columns == ["memo"] and result.answers == 3
    assert result.model is not None
    people = {r.id: r for r in result.model.assessment.respondents}
    cio = {a.question: a.level for a in people["r-cio"].answers}
    assert cio == {"proc-incident": 4, "tech-cloud": 2}  # a column absent: left as it was
    # the empty name and unit cells of a known respondent clear them
    assert people["r-cio"].business_unit is None and people["r-cio"].name is None
    assert people["r-cio"].group == "it"
    sales = people["r-sales"]
    assert (sales.name, sales.business_unit, sales.group, sales.employment) == (
        "営業部長", "営業部", "business", "outsourced")
    assert {a.question: a.level for a in sales.answers} == {"proc-incident": 2, "q-own": 4}


def test_long_form_reads_a_row_per_answer(tmp_path: Path) -> None:
    m = _model()
    sheet = _sheet(tmp_path, "respondent,business unit,question,answer\n"
                             "r-a,Plants,proc-incident,1\nr-a,Plants,proc-change,Level 3\n"
                             "r-b,Sales,tech-cloud,わからない\n", m)
    result = import_answers(m, sheet)  # type: ignore[arg-type]
    assert result.issues == [] and result.model is not None
    people = {r.id: r for r in result.model.assessment.respondents}
    assert {a.question: a.level for a in people["r-a"].answers} == {"proc-incident": 1,
                                                                    "proc-change": 3}
    assert people["r-b"].answers[0].dont_know and people["r-a"].business_unit == "Plants"


def test_any_problem_writes_nothing_and_names_row_and_column(tmp_path: Path) -> None:
    m = _model()
    sheet = _sheet(tmp_path, "respondent,employment,proc-incident,tech-cloud\n"
                             "r-a,internal,7,2\nR A,someone,1,\nr-a,,1,\n", m)
    result = import_answers(m, sheet)  # type: ignore[arg-type]
    assert result.model is None
    found = {(i.row, i.column, i.code) for i in result.issues}
    assert found == {(2, "proc-incident", "survey_sheet.bad_answer"),
                     (3, "respondent", "survey_sheet.bad_respondent"),
                     (3, "employment", "survey_sheet.bad_employment"),
                     (4, "respondent", "survey_sheet.duplicate_respondent")}


def test_a_sheet_without_question_columns_is_refused(tmp_path: Path) -> None:
    from opmodel.interop.tables import TableError

    with pytest.raises(TableError) as caught:
        _sheet(tmp_path, "name,comment\nA,B\n", _model())
    assert caught.value.message.code == "survey_sheet.no_questions"


def test_template_questions_are_those_in_use_or_those_asked() -> None:
    m = _model()
    assert [q.id for q in survey_questions(m)] == [*BANK, "q-own"]
    assert [q.id for q in survey_questions(m, ["tech-cloud"])] == ["tech-cloud"]
    with pytest.raises(DocumentError) as caught:
        survey_questions(m, ["gov-nope"])
    assert caught.value.problems[0].code == "survey_sheet.unknown_questions"


def test_the_command_prints_the_use_case_result(tmp_path: Path) -> None:
    source = Path(__file__).parents[2] / "examples" / "regional-bank" / "current.yaml"
    target = tmp_path / "current.yaml"
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    answers = tmp_path / "a.csv"
    answers.write_text("respondent,proc-incident\nr-new,3\n", encoding="utf-8")
    m = load(target)
    expected = import_answers(m, read_survey(answers, known_questions(m.assessment)))
    out = tmp_path / "out.yaml"
    assert_json_is_the_result(["survey", "import", str(answers), "--into", str(target),
                               "--out", str(out)], expected)
    assert load(out).assessment.respondents[-1].id == "r-new"
    assert load(target) == m  # --out leaves the model itself as it was


def test_a_bad_row_leaves_the_model_file_untouched(tmp_path: Path) -> None:
    source = Path(__file__).parents[2] / "examples" / "regional-bank" / "current.yaml"
    target = tmp_path / "current.yaml"
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    before = target.read_bytes()
    answers = tmp_path / "a.csv"
    answers.write_text("respondent,proc-incident\nr-new,sometimes\n", encoding="utf-8")
    result = run("survey", "import", str(answers), "--into", str(target), "--lang", "ja")
    assert result.code == 1 and "2 行目、列 'proc-incident'" in result.output
    assert "何も書き込んでいません" in result.output and target.read_bytes() == before


def test_an_empty_cell_of_a_known_respondent_clears_the_answer(tmp_path: Path) -> None:
    m = _model(respondents=[{"id": "r-cio", "role": "CIO",
                             "answers": [{"question": "proc-incident", "level": 1},
                                         {"question": "tech-cloud", "level": 2}]}])
    wide = import_answers(m, _sheet(tmp_path, "respondent,role,proc-incident,tech-cloud\n"
                                              "r-cio,,3,\n", m))  # type: ignore[arg-type]
    assert wide.model is not None and wide.answers == 1
    [cio] = wide.model.assessment.respondents
    assert [(a.question, a.level) for a in cio.answers] == [("proc-incident", 3)]
    assert cio.role is None
    long = import_answers(m, _sheet(tmp_path, "respondent,role,question,answer\n"
                                              "r-cio,,tech-cloud,\n"
                                              "r-cio,,proc-change,4\n", m))  # type: ignore[arg-type]
    assert long.model is not None
    [cio] = long.model.assessment.respondents
    assert {a.question: a.level for a in cio.answers} == {"proc-incident": 1, "proc-change": 4}
    assert cio.role == "CIO"  # the long form spreads a person over rows: attributes only set


def test_only_clearing_cells_is_an_import_too(tmp_path: Path) -> None:
    m = _model(respondents=[{"id": "r-cio", "answers": [{"question": "tech-cloud", "level": 2},
                                                        {"question": "proc-change", "level": 3}]}])
    result = import_answers(m, _sheet(tmp_path, "respondent,tech-cloud\nr-cio,\n", m))  # type: ignore[arg-type]
    assert result.model is not None and result.answers == 0
    assert [a.question for a in result.model.assessment.respondents[0].answers] == ["proc-change"]
