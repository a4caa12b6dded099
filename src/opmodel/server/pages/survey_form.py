"""The respondent's form: its fields read as the answers the API takes, and the questions as
cards (six levels and "don't know" as choices, a note, the problems found at the question)."""

from __future__ import annotations

from typing import Any

from opmodel.document.assessment import Answer

DONT_KNOW = "dk"


def answers_from(form: Any, asked: list[Any]) -> list[Answer]:
    """The answers a submitted form gives, in the questionnaire's order: a question with
    neither a choice nor a note is left unanswered."""
    found = []
    for q in asked:
        choice = form.get(f"level-{q.id}", "").strip()
        note = form.get(f"note-{q.id}", "").strip()
        if not choice and not note:
            continue
        given: dict[str, Any] = {"note": note} if note else {}
        if choice == DONT_KNOW:
            given["dont_know"] = True
        elif choice:
            # anything else than a level is refused by the assessment rule, at this question
            given["level"] = int(choice) if choice.isdigit() else -1
        found.append(Answer(question=q.id, **given))
    return found


def form_cards(asked: list[Any], given: dict[str, Answer],
               problems: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """One card per question: its choices with the one given checked, its note, its
    problems."""
    cards = []
    for n, q in enumerate(asked, start=1):
        answer = given.get(q.id)
        chosen = (DONT_KNOW if answer is not None and answer.dont_know
                  else str(answer.level) if answer is not None and answer.level is not None
                  else "")
        cards.append({
            "question": q, "number": n, "field": f"level-{q.id}", "note_field": f"note-{q.id}",
            "choices": [{"value": str(level), "level": level, "text": text,
                         "checked": chosen == str(level)}
                        for level, text in enumerate(q.levels or [""] * 6)],
            "dont_know": chosen == DONT_KNOW, "note": (answer.note or "") if answer else "",
            "problems": problems.get(q.id, []), "answered": bool(chosen)})
    return cards
