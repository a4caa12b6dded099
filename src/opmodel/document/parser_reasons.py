"""The YAML and JSON parsers' own reasons (libyaml, PyYAML, the json module) in Japanese, so
that a syntax error reads in one language from start to end."""

from __future__ import annotations

import re

from opmodel.document.messages import Bilingual

# the parser's text (its fixed beginning) and the same in Japanese
_JA: tuple[tuple[str, str], ...] = (
    # libyaml and PyYAML
    ("mapping values are not allowed", "ここではキーと値の組（:）を置けません"),
    ("block sequence entries are not allowed", "ここではリストの要素（-）を置けません"),
    ("sequence entries are not allowed", "ここではリストの要素（-）を置けません"),
    ("mapping keys are not allowed", "ここではキー（?）を置けません"),
    ("found character that cannot start any token", "値を始められない文字があります（タブや @ など）"),
    ("found character", "値を始められない文字があります（タブや @ など）"),
    ("could not find expected ':'", "':' が見つかりません"),
    ("did not find expected key", "キーが見つかりません（インデントがずれていませんか）"),
    ("did not find expected node content", "値が見つかりません"),
    ("did not find expected '-' indicator", "リストの '-' が見つかりません（インデントがずれていませんか）"),
    ("did not find expected ',' or ']'", "',' または ']' が見つかりません（'[' が閉じていません）"),
    ("did not find expected ',' or '}'", "',' または '}' が見つかりません（'{' が閉じていません）"),
    ("did not find expected comment or line break", "コメントか改行があるべき場所に別の文字があります"),
    ("did not find expected whitespace or line break", "空白か改行があるべき場所に別の文字があります"),
    ("did not find expected alphabetic or numeric character", "英数字があるべき場所に別の文字があります"),
    ("did not find expected tag URI", "タグの URI が見つかりません"),
    ("did not find URI escaped octet", "URI のエスケープが正しくありません"),
    ("found unexpected end of stream", "引用符や括弧が閉じないままファイルが終わっています"),
    ("found unexpected ':'", "予期しない ':' があります"),
    ("found unknown escape character", "不明なエスケープ文字があります（\\ の後）"),
    ("found a tab character", "インデントにタブ文字が使われています（空白を使ってください）"),
    ("found unexpected document indicator", "文字列の途中に文書区切り（--- または ...）があります"),
    ("found unexpected document separator", "文字列の途中に文書区切り（--- または ...）があります"),
    ("found undefined tag handle", "定義されていないタグがあります"),
    ("found non-specific tag", "'!' だけのタグは使えません"),
    ("found duplicate", "ディレクティブが重複しています"),
    ("found incompatible YAML document", "対応していない YAML のバージョンです（1.x が必要）"),
    ("invalid indentation or unclosed", "インデントが正しくないか、'[' または '{' が閉じていません"),
    ("invalid leading UTF-8 octet", "UTF-8 として正しくないバイトがあります"),
    ("invalid trailing UTF-8 octet", "UTF-8 として正しくないバイトがあります"),
    ("incomplete UTF-8 octet sequence", "UTF-8 の文字が途中で切れています"),
    ("control characters are not allowed", "制御文字は使えません"),
    ("special characters are not allowed", "特殊文字は使えません"),
    ("unacceptable character", "使えない文字があります"),
    ("'<<' must merge mappings", "'<<' で結合できるのはマッピングだけです"),
    ("undefined alias", "定義されていないエイリアスです"),
    ("unsupported tag", "対応していないタグです"),
    ("a mapping key must be a plain value", "マッピングのキーには単純な値だけを使えます"),
    # json
    ("Expecting value", "値がありません"),
    ("Expecting ',' delimiter", "',' がありません"),
    ("Expecting ':' delimiter", "':' がありません"),
    ("Expecting property name enclosed in double quotes",
     "キーは二重引用符（\"）で囲んでください（末尾の余分な ',' にも注意）"),
    ("Unterminated string", "文字列の引用符が閉じていません"),
    ("Invalid control character", "文字列の中に制御文字（改行やタブ）があります"),
    ("Invalid \\uXXXX escape", "\\u のエスケープが正しくありません"),
    ("Invalid \\escape", "不明なエスケープ文字があります（\\ の後）"),
    ("Extra data", "JSON の値の後に余分なデータがあります"),
    ("the file ends before the JSON is complete",
     "JSON が完結する前にファイルが終わっています（途中で切れていませんか）"),
    ("Exceeds the limit", "整数の桁数が多すぎます"),
)

_NOT_VALID = re.compile(r"^('.*') is not a valid (\w+)$", re.DOTALL)
_QUOTED = re.compile(r"('[^']*'|\"[^\"]*\"|#x[0-9a-fA-F]+)")


def parser_reason(text: str) -> Bilingual:
    """The parser's reason in English as given and in Japanese; a reason not in the table
    stays in English in both, with what it names (a quoted name, a code) kept."""
    invalid = _NOT_VALID.match(text)
    if invalid:
        return Bilingual(text, f"{invalid.group(1)} は {invalid.group(2)} として正しくありません")
    for en, ja in _JA:
        if text.startswith(en):
            named = _QUOTED.findall(text[len(en):])
            return Bilingual(text, ja + (f": {' '.join(named)}" if named else ""))
    return Bilingual(text, text)
