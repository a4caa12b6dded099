"""Tables as text columns: JSON rows (a list of objects), located errors in ja and en, and
the limits applied to every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opmodel.interop.tables import TableError, read_table
from support.bombs import MB, gzip_bomb, xlsx_bomb


def test_json_rows_read_as_text_columns(tmp_path: Path) -> None:
    rows = [{"kpi": "csat", "period": "2026-04", "value": 4.5},
            {"kpi": "csat", "period": "2026-05", "value": "4,5", "note": True},
            {"kpi": " csat ", "period": "2026-06", "value": None}]
    path = tmp_path / "rows.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    table = read_table(path)
    assert table.columns == ["kpi", "period", "value", "note"]
    assert table.to_dicts() == [
        {"kpi": "csat", "period": "2026-04", "value": "4.5", "note": None},
        {"kpi": "csat", "period": "2026-05", "value": "4,5", "note": "true"},
        {"kpi": "csat", "period": "2026-06", "value": None, "note": None}]


@pytest.mark.parametrize(("content", "code", "place", "ja"), [
    (b'[{"kpi": "csat",\n "value": 4,}]', "table.bad_json", {"line": 2, "column": 13},
     "2 行 13 列目"),
    (b'{"kpi": "csat"}', "table.json_shape", {}, "リスト"),
    (b'[{"kpi": "csat"}, 3]', "table.json_row", {"row": 2}, "2 行目"),
    (b'[{"kpi": "csat"}, {"kpi": "csat", "value": [4]}]', "table.json_cell",
     {"row": 2, "column": "value"}, "2 行目、列 'value'"),
    ('[{"kpi": "可用性"},\n{"kpi": "顧客満足"}]'.encode("cp932"), "table.json_encoding",
     {"line": 1}, "1 行目"),
    (b"[]", "table.empty", {}, "空"),
])
def test_bad_json_rows_name_the_place(tmp_path: Path, content: bytes, code: str,
                                      place: dict[str, object], ja: str) -> None:
    path = tmp_path / "rows.json"
    path.write_bytes(content)
    with pytest.raises(TableError) as refused:
        read_table(path)
    message = refused.value.message
    assert message.code == code
    assert place.items() <= message.params.items()
    assert ja in message.text("ja") and str(path) in message.text("en")


@pytest.mark.parametrize("name", ["bomb.csv.gz", "bomb.json.gz", "bomb.xlsx"])
def test_every_format_keeps_the_limit(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    (xlsx_bomb if name.endswith(".xlsx") else gzip_bomb)(path, 64 * MB)
    with pytest.raises(TableError) as refused:
        read_table(path, max_bytes=4 * MB)
    assert refused.value.message.code in ("table.unpacked_too_large", "table.zip_ratio")
