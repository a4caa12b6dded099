"""`opmodel upgrade`: a file in an earlier shape is rewritten (the original kept beside it),
and the problems left after the upgrade are reported."""

from __future__ import annotations

import json
from pathlib import Path

from opmodel.document import loads
from support.builders import document
from support.cli import run

OLD = (Path(__file__).parents[1] / "data" / "old_shape.yaml").read_text(encoding="utf-8")


def test_opmodel_upgrade_rewrites_the_file_and_keeps_the_original(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_text(OLD, encoding="utf-8")
    result = run("upgrade", str(path), "--lang", "ja")
    assert result.code == 0, result.output
    assert (tmp_path / "old.yaml.bak").read_text(encoding="utf-8") == OLD
    loads(path.read_text(encoding="utf-8"))  # valid now
    assert "書き出しました" in result.output
    again = run("upgrade", str(path), "--lang", "en")
    assert again.code == 0 and "already in today's shape" in again.output


def test_other_problems_are_reported_after_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document(name="x", roadmap={"initiatives": [
        {"id": "a", "depends_on": ["ghost"], "costs": [{"category": "opex", "amount": 1}]}]})),
        encoding="utf-8")
    out = tmp_path / "new.json"
    result = run("upgrade", str(path), "--out", str(out), "--lang", "en")
    assert result.code == 1
    assert "'ghost' does not name any entry" in result.output
    assert '"id": "opex"' in out.read_text(encoding="utf-8")
    assert not (tmp_path / "old.json.bak").exists()
