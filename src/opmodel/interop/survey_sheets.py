"""Survey answers in spreadsheets: reading a CSV or XLSX of answers (wide: a row per
respondent and a column per question; long: a row per answer, as form tools export them)
into plain rows, and writing the blank questionnaire as an XLSX with a drop-down of the six
level descriptions per question."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from opmodel.interop.guards import DEFAULT_MAX_BYTES
from opmodel.interop.tables import read_named_table, table_error

if TYPE_CHECKING:
    from opmodel.knowledge.base import Text

# the respondent attributes a sheet may give, by the headers (ja or en) that name them
ATTRIBUTE_HEADERS: dict[str, tuple[str, ...]] = {
    "respondent": ("respondent", "respondent id", "id", "回答者id", "回答者", "id"),
    "name": ("name", "full name", "氏名", "名前", "お名前", "回答者名"),
    "role": ("role", "役割", "役職"),
    "business_unit": ("business unit", "business_unit", "unit", "department", "部門", "事業部",
                      "所属部門", "所属"),
    "group": ("it or business", "it_or_business", "group", "it/business", "it・事業",
              "it部門・事業部門", "区分"),
    "employment": ("employment", "internal or outsourced", "internal/outsourced", "雇用形態",
                   "社内・委託先", "所属形態"),
    "question": ("question", "question id", "設問", "設問id"),
    "answer": ("answer", "level", "回答", "レベル"),
}
# headers of the blank questionnaire, in the order its columns come
TEMPLATE_ATTRIBUTES = ("respondent", "name", "role", "business_unit", "group", "employment")
_TEMPLATE_HEADERS = {
    "en": {"respondent": "respondent", "name": "name", "role": "role",
           "business_unit": "business unit", "group": "it or business",
           "employment": "employment"},
    "ja": {"respondent": "回答者ID", "name": "氏名", "role": "役割", "business_unit": "部門",
           "group": "IT・事業", "employment": "雇用形態"},
}


@dataclass
class SheetAnswer:
    """One cell of answers: which row and column it came from, and its text."""

    question: str
    text: str
    row: int
    column: str


@dataclass
class SheetRespondent:
    """One respondent's row (or rows, in the long form) as written in the sheet."""

    row: int
    attributes: dict[str, str] = field(default_factory=dict)
    answers: list[SheetAnswer] = field(default_factory=list)  # an empty cell: text ""
    blanks: list[str] = field(default_factory=list)  # attributes whose cells are empty


@dataclass
class SurveySheet:
    """The respondents a sheet of answers holds, and which of its columns were not used."""

    source: str
    respondents: list[SheetRespondent]
    ignored_columns: list[str]


def normalise(text: str) -> str:
    """Text compared loosely: full-width folded (NFKC), case and surrounding space ignored."""
    return " ".join(unicodedata.normalize("NFKC", text).strip().lower().split())


def _attribute(header: str) -> str | None:
    key = normalise(header)
    return next((name for name, heads in ATTRIBUTE_HEADERS.items() if key in heads), None)


def _question(header: str, questions: Iterable[str]) -> str | None:
    """The question a header names: its id alone, or the id before ``:`` and the text."""
    key = normalise(header)
    for qid in questions:
        if key == qid or key.startswith((f"{qid}:", f"{qid} ", f"[{qid}]")):
            return qid
    return None


def read_survey(path: Path, questions: Iterable[str], sheet: str | None = None, *,
                source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> SurveySheet:
    """The answers of a CSV or XLSX file, in the wide or the long form (found from its headers).

    Rows are numbered as a spreadsheet shows them (the header is row 1). Raises
    :class:`opmodel.interop.tables.TableError` when the file cannot be read or has neither a
    question column nor a column per question.
    """
    frame = read_named_table(path, sheet, source=source, max_bytes=max_bytes)
    name = source or str(path)
    known = list(questions)
    headers = list(frame.columns)
    roles = {h: _attribute(h) for h in headers}
    asked = {h: q for h in headers if roles[h] is None and (q := _question(h, known))}
    rows = frame.rows()
    if "question" in roles.values() and "answer" in roles.values():
        return _long(name, headers, roles, rows)
    if not asked:
        raise table_error("survey_sheet.no_questions", file=name,
                          example=", ".join(known[:3]))
    respondents = []
    for n, values in enumerate(rows, start=2):
        cells = dict(zip(headers, values, strict=True))
        if not any(cells.values()):
            continue
        texts = {h: "" if v is None else str(v).strip() for h, v in cells.items()}
        found = SheetRespondent(row=n, attributes={
            roles[h]: t for h, t in texts.items()  # type: ignore[misc]
            if roles[h] is not None and t})
        found.blanks = [roles[h] for h, t in texts.items()  # type: ignore[misc]
                        if roles[h] is not None and not t]
        found.answers = [SheetAnswer(q, texts[h], n, h) for h, q in asked.items()]
        respondents.append(found)
    ignored = [h for h in headers if roles[h] is None and h not in asked]
    return SurveySheet(name, respondents, ignored)


def _long(source: str, headers: list[str], roles: Mapping[str, str | None],
          rows: list[tuple[object, ...]]) -> SurveySheet:
    """A row per answer: respondent, question, answer, and the respondent's attributes."""
    by_key: dict[str, SheetRespondent] = {}
    column = {role: h for h, role in roles.items() if role is not None}
    for n, values in enumerate(rows, start=2):
        cells = {roles[h]: str(v).strip() for h, v in zip(headers, values, strict=True)
                 if roles[h] is not None and v not in (None, "")}
        if not cells:
            continue
        key = cells.get("respondent") or cells.get("name") or f"row-{n}"
        found = by_key.setdefault(key, SheetRespondent(row=n))
        found.attributes.update({k: v for k, v in cells.items()  # type: ignore[misc]
                                 if k not in ("question", "answer")})
        if "question" in cells:  # an empty answer cell clears the answer
            found.answers.append(SheetAnswer(normalise(cells["question"]).split(":")[0].strip(),
                                             cells.get("answer", ""), n, column["answer"]))
    ignored = [h for h in headers if roles[h] is None]
    return SurveySheet(source, list(by_key.values()), ignored)


@dataclass(frozen=True)
class TemplateQuestion:
    """A question as the blank questionnaire shows it: id, text and the six levels."""

    id: str
    text: Text
    levels: tuple[Text, ...]


def level_choice(level: int, text: str) -> str:
    """A level as the drop-down offers it, and as the import reads it back: ``3: text``."""
    return f"{level}: {text}"


def write_survey_template(questions: list[TemplateQuestion], lang: str, path: Path,
                          rows: int = 200) -> None:
    """An XLSX questionnaire: a row per respondent, a column per question headed ``id: text``,
    each answer cell a drop-down of the question's six levels; a second sheet lists them."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    from opmodel.interop.files import replace_atomically

    book = Workbook()
    answers = book.active
    assert answers is not None
    answers.title = "回答" if lang == "ja" else "answers"
    levels = book.create_sheet("レベル" if lang == "ja" else "levels")
    heads = [_TEMPLATE_HEADERS[lang][a] for a in TEMPLATE_ATTRIBUTES]
    answers.append(heads + [f"{q.id}: {q.text.get(lang)}" for q in questions])
    levels.append(["question", *(str(n) for n in range(6))])
    for n, q in enumerate(questions, start=2):
        levels.append([q.id, *(level_choice(i, t.get(lang)) for i, t in enumerate(q.levels))])
        column = get_column_letter(len(heads) + n - 1)
        choices = f"{quote_sheetname(levels.title)}!$B${n}:$G${n}"
        check = DataValidation(type="list", formula1=choices, allow_blank=True,
                               showErrorMessage=True)
        check.add(f"{column}2:{column}{rows + 1}")
        answers.add_data_validation(check)
        answers.column_dimensions[column].width = 28
    for cell in answers[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    answers.freeze_panes = "C2"
    replace_atomically(path, lambda tmp: book.save(tmp))
