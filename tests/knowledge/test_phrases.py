"""Line breaks in Japanese: between phrases, never inside a word, a number or a name, never
before closing punctuation; the pieces always give the text back and no line is too wide."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from opmodel.knowledge.phrases import break_offsets, has_cjk, phrases, width

QUESTION = "IT に関する意思決定は誰が行い、その権限は文書化されていますか。"


def _lines(text: str, columns: int) -> list[str]:
    cuts = [0, *break_offsets(text, columns), len(text)]
    return [text[a:b] for a, b in pairwise(cuts)]


def test_japanese_breaks_between_phrases() -> None:
    lines = _lines(QUESTION, 21)
    assert "".join(lines) == QUESTION
    assert all(width(line.rstrip()) <= 21 for line in lines)
    assert lines[0] == "IT に関する意思決定は"  # the phrase 意思決定は is not cut
    assert not any(line.startswith(("、", "。")) for line in lines)


def test_names_with_numbers_stay_whole() -> None:
    text = "回答者13、回答者19、回答者25 ↔ 回答者6、回答者24"
    for columns in range(10, 30):
        for line in _lines(text, columns):
            assert not line[:1].isdigit(), (columns, line)


def test_english_breaks_at_spaces_and_folds_only_a_word_too_wide() -> None:
    assert phrases("run the plan") == ["run ", "the ", "plan"]
    assert _lines("run the plan", 8) == ["run the ", "plan"]
    assert _lines("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_a_phrase_too_wide_breaks_at_its_spaces_first() -> None:
    lines = _lines("Microsoft Teams Premium の導入", 12)
    assert lines[0] == "Microsoft "
    assert all(width(line.rstrip()) <= 12 for line in lines)


def test_wide_characters_take_two_columns() -> None:
    assert width("IT 部門") == 7 and has_cjk("IT 部門") and not has_cjk("IT unit")


@given(st.text(alphabet=st.sampled_from("あいう漢字カナ、。 ab1（）"), max_size=60),
       st.integers(min_value=2, max_value=30))
def test_pieces_give_the_text_back_and_lines_fit(text: str, columns: int) -> None:
    assert "".join(phrases(text)) == text
    assert all(width(line.rstrip()) <= columns for line in _lines(text, columns))


def test_closing_punctuation_stays_with_the_phrase_before() -> None:
    text = "選択肢のいずれでもありません: ガバナンスと意思決定の構造、組織体制"
    pieces = phrases(text)
    assert "".join(pieces) == text
    assert not any(piece.lstrip().startswith((":", "、", "。")) for piece in pieces[1:])


def test_english_words_around_a_japanese_name_break_at_their_spaces() -> None:
    pieces = phrases("book.xlsx, sheet '施策の依存関係': row 20, column '先行施策'")
    assert "row " in pieces and "column " in pieces  # not one phrase of the English run
    assert "（12 設問）" in phrases("IT 部門と事業部門（12 設問）")  # a number with its unit
