"""Phrases the Japanese help of many options shares."""

from __future__ import annotations

MODEL_FILE = "モデルファイル（YAML または JSON）。"
THE_MODEL = "運用モデル（YAML または JSON）。"
FORMAT = "text または json。"
LANG = "ja または en。既定はドキュメントの metadata.language、なければロケール。"
OUT = "標準出力ではなく、このファイルに書き出します。"
DISTRIBUTION = "三点見積もりから作る期間の確率分布。"
CORRELATION = "施策間の期間とコストの順位相関（0 = 独立）。"
START = "計画の開始日 YYYY-MM-DD（既定: roadmap.calendar.start、次に metadata.as_of、なければ今日）。"
