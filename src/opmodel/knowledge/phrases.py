"""Where a line of text may break: Japanese between phrases (BudouX's model, so never inside
a word, a number or a name, and never before closing punctuation), other text at spaces."""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_WORDS = re.compile(r"\S+\s*|\s+")
_LATIN_SPACE = re.compile(r"(?<=[\x21-\x7e]\s)(?=[\x21-\x7e])")  # between two English words
CLOSING = frozenset("、。，．,.）)]」』】〕！？!?：；:;・ー々%ぁぃぅぇぉっゃゅょァィゥェォッャュョ")
"""What never starts a line (kinsoku): closing punctuation and small kana."""
_LEADING = re.compile(r"\s*(?:[" + re.escape("".join(sorted(CLOSING))) + r"]+\s*)*")
"""A phrase's leading spaces and closing punctuation, which belong to the phrase before."""
OPENING = frozenset("（(「『【〔［[")
"""What never ends a line."""


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds Japanese (kana, kanji or full-width forms)."""
    return _CJK.search(text) is not None


@cache
def _parser() -> Any:
    import budoux  # imported only when Japanese text is laid out

    return budoux.load_default_japanese_parser()


def phrases(text: str) -> list[str]:
    """``text`` cut where a line may break (see :func:`_phrases`); a fresh list each call."""
    return list(_phrases(text))


@lru_cache(maxsize=4096)  # a table measures and then wraps each cell: one parse serves both
def _phrases(text: str) -> tuple[str, ...]:
    """``text`` cut where a line may break, each piece keeping the spaces after it; the pieces
    joined give ``text`` back. A Japanese phrase keeps its inner spaces (``IT 部門と``), and
    closing punctuation stays with the phrase before it."""
    if not has_cjk(text):
        return tuple(_WORDS.findall(text))
    pieces: list[str] = []
    chunks = (part for chunk in _parser().parse(text) for part in _LATIN_SPACE.split(chunk))
    for chunk in chunks:
        body = _LEADING.match(chunk)
        assert body is not None  # the pattern matches any text, the empty one too
        glued, rest = body.group(0), chunk[body.end():]
        if pieces:
            pieces[-1] += glued
        elif glued:
            pieces.append(glued)
        if rest:
            pieces.append(rest)
    return tuple(pieces)


def width(text: str) -> int:
    """The columns ``text`` takes in a terminal: two for a wide (East Asian) character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def break_offsets(text: str, columns: int) -> list[int]:
    """Where to start each new line so that no line of ``text`` is wider than ``columns``:
    between phrases where one fits; a phrase too wide for a line breaks at its spaces, and
    a word too wide is folded."""
    offsets: list[int] = []
    line = position = 0

    def place(piece: str) -> None:
        nonlocal line, position
        if line and line + width(piece.rstrip()) > columns:
            offsets.append(position)
            line = 0
        line += width(piece)
        position += len(piece)

    def fold(word: str) -> None:  # a word wider than the line, cut between characters
        nonlocal line, position
        if line:  # a word too wide for any line starts a line of its own
            offsets.append(position)
            line = 0
        begin, floor = position, 0  # where the word starts; where its current line starts

        def awkward(cut: int) -> bool:  # a line would start with 、 or end with （
            return word[cut] in CLOSING or (cut > 0 and word[cut - 1] in OPENING)

        for index, character in enumerate(word):
            if line and line + width(character) > columns:
                cut = index
                while (cut - 1 > floor and awkward(cut)
                       and width(word[cut - 1:index + 1]) <= columns):
                    cut -= 1
                if awkward(cut):  # no better place within the line
                    cut = index
                offsets.append(begin + cut)
                floor = cut
                line = width(word[cut:index])
            line += width(character)
            position += 1

    for phrase in phrases(text):
        if width(phrase.rstrip()) <= columns:
            place(phrase)
            continue
        for word in _WORDS.findall(phrase):
            if width(word.rstrip()) <= columns:
                place(word)
                continue
            fold(word)
    return offsets


def wrap(text: str, columns: int) -> list[str]:
    """``text`` in lines of at most ``columns``, broken as :func:`break_offsets` says, each
    without its trailing spaces."""
    cuts = [0, *break_offsets(text, columns), len(text)]
    return [text[start:end].rstrip() for start, end in itertools.pairwise(cuts)]
