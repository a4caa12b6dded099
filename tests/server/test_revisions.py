"""Models as revisions through the API: save on a base, merge, conflict, restore, branch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.django_db

BASE = "/api/v1/workspaces/bank/models/target"
EXAMPLES = Path(__file__).parents[2] / "examples"


def _doc(client: Any, number: int) -> dict[str, Any]:
    answer = client.get(f"{BASE}/revisions/{number}")
    assert answer.status_code == 200
    return answer.json()


def _save(client: Any, base: int, document: dict[str, Any], message: str = "") -> Any:
    return client.post(f"{BASE}/revisions", json.dumps(
        {"base": base, "document": document, "message": message}),
        content_type="application/json")


def test_a_save_on_the_head_is_a_new_revision(workspace: Any, client_as: Any) -> None:
    client = client_as("editor")
    doc = _doc(client, 1)
    doc["metadata"]["name"] = "renamed"
    answer = _save(client, 1, doc, "rename")
    assert answer.status_code == 201 and answer.json() == {
        "revision": 2, "merged": False, "unchanged": False}
    assert _doc(client, 2)["metadata"]["name"] == "renamed"
    assert _doc(client, 1)["metadata"]["name"] != "renamed"  # revisions never change


def test_two_edits_of_one_base_on_different_paths_merge(workspace: Any,
                                                        client_as: Any) -> None:
    alice, bob = client_as("editor"), client_as("owner")
    a, b = _doc(alice, 1), _doc(bob, 1)
    a["metadata"]["name"] = "alice's name"
    b["metadata"]["description"] = "bob's description"
    assert _save(alice, 1, a).status_code == 201
    answer = _save(bob, 1, b)
    assert answer.status_code == 201 and answer.json()["merged"] is True
    merged = _doc(bob, 3)["metadata"]
    assert (merged["name"], merged["description"]) == ("alice's name", "bob's description")


def test_the_same_path_changed_twice_is_a_conflict_and_nothing_is_saved(
        workspace: Any, client_as: Any) -> None:
    alice, bob = client_as("editor"), client_as("owner")
    a, b = _doc(alice, 1), _doc(bob, 1)
    a["metadata"]["name"], b["metadata"]["name"] = "alice", "bob"
    assert _save(alice, 1, a).status_code == 201
    answer = _save(bob, 1, b)
    assert answer.status_code == 409
    body = answer.json()
    assert body["head"] == 2
    assert body["conflicts"] == [{"path": "metadata.name", "base": _doc(bob, 1)["metadata"]["name"],
                                  "ours": "alice", "theirs": "bob"}]
    assert client_as("owner").get(f"{BASE}/revisions").json()[0]["number"] == 2


def test_an_invalid_document_is_400_with_its_problems(workspace: Any, client_as: Any) -> None:
    client = client_as("editor")
    doc = _doc(client, 1)
    doc["roadmap"]["initiatives"][0]["depends_on"] = ["no-such-initiative"]
    answer = client.post(f"{BASE}/revisions?lang=ja", json.dumps({"base": 1, "document": doc}),
                         content_type="application/json")
    assert answer.status_code == 400
    problem = answer.json()["problems"][0]
    assert problem["code"] == "document.dangling_reference_in"
    assert "no-such-initiative" in problem["path"] and "roadmap.initiatives" in problem["message"]
    assert len(client.get(f"{BASE}/revisions").json()) == 1


def test_restore_and_branch(workspace: Any, client_as: Any) -> None:
    client = client_as("editor")
    doc = _doc(client, 1)
    doc["metadata"]["name"] = "changed"
    _save(client, 1, doc)
    restored = client.post(f"{BASE}/revisions/1/restore", {}, content_type="application/json")
    assert restored.status_code == 201 and restored.json()["revision"] == 3
    assert _doc(client, 3) == _doc(client, 1)
    branch = client.post(f"{BASE}/branches", json.dumps({"revision": 2, "name": "scenario-x"}),
                         content_type="application/json")
    assert branch.status_code == 201 and branch.json()["branched_from"] == "target@2"
    scenario = client.get("/api/v1/workspaces/bank/models/scenario-x/revisions/1").json()
    assert scenario["metadata"]["name"] == "changed"


def test_a_revision_exports_as_yaml_and_the_export_is_audited(workspace: Any,
                                                             client_as: Any) -> None:
    answer = client_as("viewer").get(f"{BASE}/revisions/1?format=yaml")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/yaml")
    assert b"apiVersion: opmodel/v1" in answer.content
    log = client_as("owner").get("/api/v1/workspaces/bank/audit?action=export").json()
    assert log[0]["actor"] == "viewer" and log[0]["target"] == "target@1"


def test_the_analyses_answer_what_the_command_prints(workspace: Any, client_as: Any) -> None:
    from opmodel.interop.model_files import load
    from opmodel.services.assessment import recommend
    from opmodel.services.results import to_data

    answer = client_as("viewer").post(f"{BASE}/revisions/1/recommend")
    assert answer.status_code == 200
    expected = to_data(recommend(load(EXAMPLES / "regional-bank" / "target.yaml")))
    assert answer.json() == expected
