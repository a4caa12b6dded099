"""A server killed (kill -9) in the middle of saves: afterwards the database opens, every
save the client was told about (201) is there and reads back to what was saved, and no
revision is half-written. Runs on SQLite and, in ``make test``, on PostgreSQL."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

MODEL = "/workspaces/bank/models/target"
CLIENTS = 4
ACKNOWLEDGED_BEFORE_KILL = 12
PADDING = "x" * 20_000  # a larger row, so that the kill is likelier to land inside a write


def _risk(client: int, n: int) -> dict[str, Any]:
    return {"id": f"rsk-c{client}-{n:03d}", "title": f"Client {client}, save {n}",
            "likelihood": 1 + n % 5, "impact": 1 + client % 5,
            "mitigation": PADDING if n % 3 == 0 else None}


class Saver(threading.Thread):
    """A client saving one new risk after another on the head it last saw, until the server
    stops answering; it keeps what the server acknowledged."""

    def __init__(self, server: Any, token: str, client: int) -> None:
        super().__init__(daemon=True)
        self.server, self.token, self.client = server, token, client
        self.acknowledged: list[tuple[int, dict[str, Any]]] = []  # (revision, risk)
        self.failures: list[Any] = []

    def run(self) -> None:
        base, n = 1, 0
        while True:
            risk = {k: v for k, v in _risk(self.client, n).items() if v is not None}
            try:
                status, body = self.server.call("POST", f"{MODEL}/revisions", self.token, {
                    "base": base, "changes": {"operations": [
                        {"op": "add", "path": f"risks.items[{risk['id']}]", "value": risk}]}},
                    timeout=30)
            except OSError:
                return  # the server is gone
            if status != 201:
                self.failures.append((status, body))
                return
            self.acknowledged.append((body["revision"], risk))
            base, n = body["revision"], n + 1


def test_a_server_killed_during_saves_loses_no_acknowledged_revision(
        bank_token: str, servers: Any, stored_chain: Any) -> None:
    from django.db import connection

    from opmodel.document.changes import changes
    from opmodel.server.workspaces import store

    server = servers(bank_token)
    savers = [Saver(server, bank_token, c) for c in range(CLIENTS)]
    for saver in savers:
        saver.start()
    deadline = time.monotonic() + 120
    while sum(len(s.acknowledged) for s in savers) < ACKNOWLEDGED_BEFORE_KILL:
        assert time.monotonic() < deadline and all(s.is_alive() for s in savers), \
            [s.failures for s in savers]
        time.sleep(0.005)
    server.kill()  # with saves in flight
    for saver in savers:
        saver.join(timeout=60)
    assert not any(s.failures for s in savers), [s.failures for s in savers]

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            assert cursor.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    revisions = {r.number: r for r in stored_chain("bank", "target")}
    acknowledged = [a for s in savers for a in s.acknowledged]
    assert len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL
    for number, risk in acknowledged:
        # the revision is exactly the parent plus the risk that client saved
        found = changes(store.read(revisions[number - 1]), store.read(revisions[number]))
        assert [(op.op, op.path) for op in found.operations] == \
            [("add", f"risks.items[{risk['id']}]")], number
        assert found.operations[0].model_dump()["value"] == risk

    # the database opens again for a server: it reads the head and takes the next save
    head = max(revisions)
    again = servers(bank_token)
    status, document = again.call("GET", f"{MODEL}/revisions/{head}", bank_token)
    assert status == 200
    assert {r["id"] for r in document["risks"]["items"]} >= {r["id"] for _, r in acknowledged}
    status, body = again.call("POST", f"{MODEL}/revisions", bank_token, {
        "base": head, "changes": {"operations": [
            {"op": "replace", "path": "metadata.description", "value": "after the crash"}]}})
    assert (status, body["revision"]) == (201, head + 1)
