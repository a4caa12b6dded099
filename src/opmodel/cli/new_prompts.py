"""`opmodel new --interactive`: ask the profile facts one at a time, in the user's language."""

from __future__ import annotations

from typing import Any

import typer

from opmodel.cli.common import err_console, pick

SKIP = "-"


def _choices(fact: str, lang: str) -> dict[str, str]:
    """The values a fact may take, by value, as people read them (empty for a number)."""
    from opmodel.document.labels import field_kind
    from opmodel.document.profile import Profile
    from opmodel.document.shapes import shapes
    from opmodel.knowledge.texts import label

    shape = shapes(Profile).get(fact)
    if shape is None or shape.enum is None:
        return {}
    kind = field_kind(Profile, fact)
    return {str(e.value): label(kind, e.value, lang) if kind else str(e.value) for e in shape.enum}


def _read(answer: str, choices: dict[str, str]) -> Any:
    """An answer as the value it names: a number from the list, a value, or its label."""
    text = answer.strip()
    if not choices:
        return text.replace(",", "").replace("_", "")
    values = list(choices)
    if text.isdigit() and 1 <= int(text) <= len(values):
        return values[int(text) - 1]
    for value, shown in choices.items():
        if text.lower() in (value.lower(), shown.lower()):
            return value
    return text


def ask_fact(fact: str, current: Any, lang: str) -> Any:
    """One fact: its name, its choices numbered, the template's value as the default.

    Enter keeps the default; ``-`` leaves the fact out. A value the profile refuses is
    explained and asked again.
    """
    from pydantic import ValidationError

    from opmodel.document.profile import Profile
    from opmodel.knowledge.texts import label

    out = err_console()
    choices = _choices(fact, lang)
    name = label("profile_factor", fact, lang)
    if choices:
        listed = pick(lang, ", ", "、").join(f"{i}={shown}"
                                             for i, shown in enumerate(choices.values(), 1))
        out.print(f"{name}: {listed}", markup=False)
    default = "" if current is None else choices.get(str(current), str(current))
    while True:
        answer = typer.prompt(f"{name} ({pick(lang, '- to skip', '- で省略')})",
                              default=default or SKIP, show_default=True, err=True)
        if answer.strip() in ("", SKIP):
            return None
        value = _read(answer, choices)
        try:
            Profile.model_validate({fact: value})
        except ValidationError:
            out.print(pick(lang, f"'{answer}' is not a value of {name}; choose a number from the "
                                 "list, type a value, or - to leave it out.",
                           f"'{answer}' は「{name}」の値ではありません。一覧の番号か値を入力するか、"
                           "- で省略してください。"), markup=False)
            continue
        return int(value) if not choices else value


def ask_profile(facts: dict[str, Any], lang: str) -> dict[str, Any]:
    """Every profile fact asked in turn, starting from ``facts`` (a template, or nothing)."""
    from opmodel.document.scaffold import PROFILE_FACTS

    err_console().print(pick(lang, "The organisation's profile (Enter keeps the value shown):",
                             "組織のプロファイル（Enter で表示中の値のまま進みます）:"),
                        markup=False)
    answers = dict(facts)
    for fact in PROFILE_FACTS:
        value = ask_fact(fact, facts.get(fact), lang)
        if value is None:
            answers.pop(fact, None)
        else:
            answers[fact] = value
    return answers
