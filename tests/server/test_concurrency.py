"""Twenty people saving one model at once, through the API of a real server process (threads
serving threads): every save ends as a new revision, a merge or a reported conflict, none is
lost, and the revisions form one chain. Runs on SQLite and, in ``make test``, on PostgreSQL."""

from __future__ import annotations

import threading
from typing import Any

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

MODEL = "/workspaces/bank/models/target"
SAVERS = 20
SAME_PATH = 6  # savers who all change metadata.description: one wins, the others conflict


def _change(saver: int) -> dict[str, Any]:
    """Saver ``saver``'s edit: most add a risk of their own (different paths: they merge); a
    few change the same field to different values (they conflict)."""
    if saver < SAME_PATH:
        return {"op": "replace", "path": "metadata.description", "value": f"saver {saver}"}
    return {"op": "add", "path": f"risks.items[rsk-saver-{saver:02d}]",
            "value": {"id": f"rsk-saver-{saver:02d}", "title": f"Saver {saver}",
                      "likelihood": 2, "impact": 3}}


def _has(document: dict[str, Any], saver: int) -> bool:
    if saver < SAME_PATH:
        return bool(document["metadata"].get("description") == f"saver {saver}")
    return any(r["id"] == f"rsk-saver-{saver:02d}" for r in document["risks"]["items"])


def _save_all_at_once(server: Any, token: str, savers: list[int],
                      base: int) -> dict[int, tuple[int, Any]]:
    """Every saver posts their edit on ``base`` at the same moment (one thread each)."""
    start = threading.Barrier(len(savers))
    answers: dict[int, tuple[int, Any]] = {}

    def save(saver: int) -> None:
        body = {"base": base, "changes": {"operations": [_change(saver)]},
                "message": f"saver {saver}"}
        start.wait()
        try:
            answers[saver] = server.call("POST", f"{MODEL}/revisions", token, body)
        except OSError as exc:  # a dropped connection is a lost save: the test fails on it
            answers[saver] = (0, repr(exc))

    threads = [threading.Thread(target=save, args=(s,)) for s in savers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def test_twenty_concurrent_saves_are_revisions_merges_or_conflicts(
        bank_token: str, servers: Any, stored_chain: Any) -> None:
    token = bank_token
    server = servers(token)
    answers = _save_all_at_once(server, token, list(range(SAVERS)), base=1)
    assert sorted(answers) == list(range(SAVERS))
    assert {status for status, _ in answers.values()} <= {201, 409}, answers
    saved = {s: body["revision"] for s, (status, body) in answers.items() if status == 201}
    conflicted = [s for s, (status, _) in answers.items() if status == 409]
    # the other paths all merge; of the savers of one field, exactly one wins
    assert len(saved) == SAVERS - SAME_PATH + 1 and len(conflicted) == SAME_PATH - 1
    assert sorted(saved.values()) == list(range(2, SAVERS - SAME_PATH + 3))
    assert sum(body["merged"] for status, body in answers.values() if status == 201) == \
        len(saved) - 1
    for saver in conflicted:
        body = answers[saver][1]
        assert [c["path"] for c in body["conflicts"]] == ["metadata.description"]
        assert body["conflicts"][0]["theirs"] == f"saver {saver}"

    # a reported conflict is saved once the saver takes the head as base (one at a time:
    # at once, they would conflict among themselves again)
    assert {answers[s][1]["head"] for s in conflicted} <= set(saved.values())
    for saver in conflicted:
        status, body = server.call("POST", f"{MODEL}/revisions", token, {
            "base": max(saved.values()), "changes": {"operations": [_change(saver)]}})
        assert status == 201 and not body["merged"], body
        saved[saver] = body["revision"]

    # none is lost: each saved revision holds its edit, the head holds every added risk
    for saver, number in saved.items():
        status, document = server.call("GET", f"{MODEL}/revisions/{number}", token)
        assert status == 200 and _has(document, saver), (saver, number)
    head = max(saved.values())
    status, document = server.call("GET", f"{MODEL}/revisions/{head}", token)
    assert all(_has(document, s) for s in range(SAME_PATH, SAVERS))
    assert _has(document, conflicted[-1])

    # one chain: numbers 1..n, each revision's parent the one before
    status, history = server.call("GET", f"{MODEL}/revisions", token)
    assert status == 200
    assert [r["number"] for r in history] == list(range(head, 0, -1))
    assert all(r["parent"] == (r["number"] - 1 or None) for r in history)
    assert len(stored_chain("bank", "target")) == head

