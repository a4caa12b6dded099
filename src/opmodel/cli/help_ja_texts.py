"""Phrases the Japanese help of many options shares."""

from __future__ import annotations

MODEL_FILE = "モデルファイル（YAML または JSON）。"
THE_MODEL = "運用モデル（YAML または JSON）。"
FORMAT = "text または json。"
LANG = "ja または en。既定はドキュメントの metadata.language、なければロケール。"
OUT = "標準出力ではなく、このファイルに書き出します。"
