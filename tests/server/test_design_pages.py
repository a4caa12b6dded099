"""The design pages: governance edited as a grid (saved on its base revision, merged with
what was saved meanwhile, or the conflict shown at its cell), organisation, processes,
technology with the TIME chart and sourcing, in Japanese and English, each with the
consistency findings next to the entity they concern."""

from __future__ import annotations

import json
import re
from html import escape, unescape
from typing import Any

import pytest

DESIGN = ["governance", "organisation", "processes", "technology", "sourcing"]
# values of the enumerations these pages name: none may show raw in Japanese
RAW = ["in_house", "co_source", "outsource", "tolerate", "invest", "migrate", "eliminate",
       "business_unit", "it-duopoly", "it-monarchy", "business-monarchy", "it-principles",
       "sole_outsourcer", "long_contract", "application_vendor", "executive", "moderate"]
CELL = "design.governance.decisions[{}].rights[{}]"


def _text(html: str) -> str:
    """What the page shows to read (not its scripts' data)."""
    shown = re.sub(r"<script.*?</script>", " ", html[html.index("<main"):], flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", shown)).split())


def _row(html: str, words: str) -> str:
    """The table row that holds ``words``."""
    return next(r for r in re.findall(r"<tr.*?</tr>", html, re.S) if words in r)


def _post(client: Any, base: int, cells: dict[str, str], **extra: Any) -> Any:
    return client.post("/w/bank/m/target/design/governance/",
                       {"base": base, **cells, **extra}, HTTP_ACCEPT_LANGUAGE="en")


def _document(workspace: Any, name: str = "target") -> Any:
    from opmodel.server.workspaces import store

    line = workspace.models.get(name=name)
    return store.read(line.head)


def _rights(workspace: Any, decision: str) -> dict[str, str]:
    gov = _document(workspace).design.governance
    return {h: r.value for h, r in next(d for d in gov.decisions if d.id == decision)
            .rights.items()}


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("tab", DESIGN)
def test_each_design_page_speaks_the_users_language(workspace: Any, client_as: Any, tab: str,
                                                    lang: str) -> None:
    page = client_as("viewer").get(f"/w/bank/m/target/design/{tab}/",
                                   HTTP_ACCEPT_LANGUAGE=lang)
    assert page.status_code == 200
    shown = _text(page.content.decode())
    assert not re.search(r"\b(page|rule|matrix_issue)\.[a-z_.]+", shown), shown[:300]
    if lang == "ja":
        assert [raw for raw in RAW if re.search(rf"(?<![\w-]){raw}(?![\w-])", shown)] == []


def test_the_governance_page_shows_the_archetypes_of_the_use_case(workspace: Any,
                                                                  client_as: Any) -> None:
    from opmodel.knowledge.texts import label
    from opmodel.services.design import review

    result = review(_document(workspace)).governance
    html = client_as("viewer").get("/w/bank/m/target/design/governance/",
                                   HTTP_ACCEPT_LANGUAGE="en").content.decode()
    names = {d.id: d.name for d in _document(workspace).design.governance.decisions}
    for row in result.decisions:
        assert label("archetype", row.derived, "en") in _row(html, names[row.decision])
    assert "<select" not in html[html.index("<main"):]  # a viewer reads the matrix


def test_an_editor_edits_the_grid_with_labelled_selects(workspace: Any,
                                                       client_as: Any) -> None:
    html = client_as("editor").get("/w/bank/m/target/design/governance/",
                                   HTTP_ACCEPT_LANGUAGE="en").content.decode()
    selects = re.findall(r'<select[^>]*id="([^"]+)"[^>]*name="(design\.[^"]+)"', html)
    assert len(selects) > 20
    for html_id, _ in selects:
        assert re.search(rf'<label[^>]*for="{html_id}"[^>]*>[^<]+ — [^<]+</label>', html)
    assert 'name="' + CELL.format("dec-architecture", "role-it-planning-head") + '"' in html


def test_a_saved_cell_makes_a_new_revision(workspace: Any, client_as: Any) -> None:
    from opmodel.server.audit.models import AuditEvent

    answer = _post(client_as("editor"), 1,
                   {CELL.format("dec-architecture", "role-ciso"): "R"}, message="CISO decides")
    assert answer.status_code == 302 and "saved=2" in answer["Location"]
    assert _rights(workspace, "dec-architecture")["role-ciso"] == "R"
    head = workspace.models.get(name="target").head
    assert (head.number, head.message, head.author.username) == (2, "CISO decides", "editor")
    assert AuditEvent.objects.filter(action="revision_saved", target="target@2").exists()


def test_disjoint_cells_saved_on_the_same_base_merge(workspace: Any, client_as: Any) -> None:
    first = _post(client_as("owner"), 1, {CELL.format("dec-architecture", "role-ciso"): "R"})
    second = _post(client_as("editor"), 1,
                   {CELL.format("dec-infrastructure", "role-ciso"): "I",
                    CELL.format("dec-infrastructure", "role-cio"): "I"})
    assert first.status_code == second.status_code == 302
    assert "merged=1" in second["Location"] and "merged" not in first["Location"]
    assert _rights(workspace, "dec-architecture")["role-ciso"] == "R"
    assert _rights(workspace, "dec-infrastructure")["role-ciso"] == "I"
    assert _rights(workspace, "dec-infrastructure")["role-cio"] == "I"  # a new column


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "Not saved: owner saved revision 2 meanwhile"),
    ("ja", "その間に owner さんがリビジョン 2 を保存し")])
def test_the_same_cell_saved_twice_is_a_conflict_shown_at_the_cell(
        workspace: Any, client_as: Any, lang: str, words: str) -> None:
    path = CELL.format("dec-architecture", "role-ciso")
    _post(client_as("owner"), 1, {path: "R"})
    answer = client_as("editor").post("/w/bank/m/target/design/governance/",
                                      {"base": 1, path: "A"}, HTTP_ACCEPT_LANGUAGE=lang)
    assert answer.status_code == 409
    html = answer.content.decode()
    assert words in _text(html)
    cell = re.search(r'<td class="[^"]*table-danger">(.*?)</td>', html, re.S)
    assert cell is not None and f'name="{path}"' in cell.group(1)
    assert re.search(r'<option value="A" selected>', cell.group(1))  # the user's own choice
    assert 'name="base" value="2"' in html  # saving again builds on what is there now
    assert workspace.models.get(name="target").head.number == 2  # nothing saved


def test_a_value_the_document_refuses_is_shown_at_its_cell(workspace: Any,
                                                           client_as: Any) -> None:
    path = CELL.format("dec-architecture", "role-ciso")
    answer = _post(client_as("editor"), 1, {path: "X"})
    assert answer.status_code == 400
    html = answer.content.decode()
    select = re.search(rf'<select class="[^"]*is-invalid"[^>]*name="{re.escape(path)}"'
                       r'[^>]*aria-describedby="([^"]+)"', html)
    assert select is not None
    assert re.search(rf'id="{select.group(1)}">[^<]+</div>', html)
    assert workspace.models.get(name="target").head.number == 1


def test_a_column_is_added_for_another_role(workspace: Any, client_as: Any) -> None:
    page = client_as("editor").get("/w/bank/m/target/design/governance/?holder=role-vendor-manager",
                                   HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="' + CELL.format("dec-sourcing", "role-vendor-manager") + '"' in page


def test_a_finding_is_shown_next_to_its_entity(workspace: Any, client_as: Any) -> None:
    from opmodel.services.design import check

    findings = check(_document(workspace)).findings
    differs = next(f for f in findings if f.rule == "sourcing-differs-from-criteria")
    html = client_as("viewer").get("/w/bank/m/target/design/sourcing/",
                                   HTTP_ACCEPT_LANGUAGE="en").content.decode()
    capability = differs.path.split("[")[1].split("]")[0]
    name = next(c.name for c in _document(workspace).strategy.capabilities
                if c.id == capability)
    assert escape(differs.message.text("en")) in _row(html, name)


def test_the_time_chart_counts_the_applications_of_the_use_case(workspace: Any,
                                                                client_as: Any) -> None:
    from opmodel.services.design import review

    result = review(_document(workspace)).applications
    html = client_as("viewer").get("/w/bank/m/target/design/technology/",
                                   HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    chart = json.loads(re.search(r'<script id="time-data" type="application/json">(.*?)'
                                 r"</script>", html, re.S).group(1))
    assert {s["name"] for s in chart["series"]} == {"許容", "投資", "移行", "廃止"}
    counted = {s["quadrant"]["id"]: sum(p[2] for p in s["points"]) for s in chart["series"]}
    assert counted == result.counts


def test_the_sourcing_page_shows_the_concentration_and_its_source(workspace: Any,
                                                                  client_as: Any) -> None:
    from opmodel.services.design import review

    result = review(_document(workspace)).sourcing
    shown = _text(client_as("viewer").get("/w/bank/m/target/design/sourcing/",
                                          HTTP_ACCEPT_LANGUAGE="ja").content.decode())
    assert f"HHI {result.spend_hhi:.0f}（高、契約金額のシェアから算出）" in shown


@pytest.mark.parametrize(("role", "status"), [("owner", 400), ("editor", 400), ("viewer", 403),
                                              ("stranger", 404)])
def test_only_editors_save_the_grid(workspace: Any, client_as: Any, role: str,
                                    status: int) -> None:
    answer = client_as(role).post("/w/bank/m/target/design/governance/",
                                  {CELL.format("dec-architecture", "role-ciso"): "R"})
    assert answer.status_code == status  # an editor's form without its base is refused
    assert workspace.models.get(name="target").head.number == 1


def test_the_pages_of_one_revision_check_it_once(workspace: Any, client_as: Any,
                                                 monkeypatch: Any) -> None:
    from opmodel.server import analyses

    ran: list[str] = []
    real = analyses.run_now
    monkeypatch.setattr(analyses, "run_now",
                        lambda name, *args: ran.append(name) or real(name, *args))
    monkeypatch.setattr(analyses, "_KEPT", type(analyses._KEPT)())
    viewer = client_as("viewer")
    assert viewer.get("/w/bank/m/target/").status_code == 200  # the model page checks it too
    for tab in DESIGN * 2:
        assert viewer.get(f"/w/bank/m/target/design/{tab}/").status_code == 200
    assert sorted(ran) == ["check", "design"]
    _post(client_as("editor"), 1, {CELL.format("dec-architecture", "role-ciso"): "R"})
    viewer.get("/w/bank/m/target/design/sourcing/")  # a new revision is checked again
    assert sorted(ran) == ["check", "check", "design", "design"]


def test_findings_on_top_of_a_design_page_list_the_first_ones_unless_all_are_asked(
        monkeypatch: Any) -> None:
    from types import SimpleNamespace

    from opmodel.server.pages import design_views

    monkeypatch.setattr(design_views, "FINDINGS_SHOWN", 2)
    found = [SimpleNamespace(path=f"design.technology.applications[app-{n}]") for n in range(5)]
    for every, listed in ((False, 2), (True, 5)):
        context = {"findings": found, "every_finding": every}
        design_views.place_findings(context, ["design.technology.applications[app-4]"])
        assert context["findings_general"] == found[:4]  # app-4's is at its row
        assert context["findings_listed"] == found[:listed if listed < 4 else 4]
        assert context["findings_at"] == {"design.technology.applications[app-4]": found[4:]}


def test_a_finding_is_placed_at_the_longest_place_its_path_is_under() -> None:
    from opmodel.server.pages.design_views import placed

    places = ["design.sourcing.vendors[v.1]", "design.sourcing.vendors", "design.sourcing"]
    found = placed([("design.sourcing.vendors[v.1].share", 1), ("design.sourcing.vendors[v]", 2),
                    ("design.sourcingx", 3), ("design.sourcing", 4), ("", 5)], places)
    assert found == {"design.sourcing.vendors[v.1]": [1], "design.sourcing.vendors": [2],
                     "": [3, 5], "design.sourcing": [4]}
