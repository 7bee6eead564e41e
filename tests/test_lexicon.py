"""The lexicon's helpers, table by table, on the project's own gazetteers and real phrases."""

from __future__ import annotations

from fractions import Fraction

import pytest
import regex

from pipeline.engine.ruleset import alternation
from pipeline.extract.lexicon import Phrases
from pipeline.extract.numbers import parse_number
from pipeline.extract.org_names import place_word_count, starts_with, tokens_after


@pytest.fixture(scope="module")
def lexicon(ruleset):
    return ruleset.lexicon


@pytest.mark.parametrize(
    ("entries", "text", "found"),
    [
        (["Ban", "Ban Chấp hành", "Bộ"], "Ban Chấp hành Đảng bộ", ["Ban Chấp hành"]),
        (["Ban", "Ban Chấp hành", "Bộ"], "Ban Thường vụ", ["Ban"]),
        (["tỷ", "tỉ", "nghìn tỷ", "nghìn"], "15 nghìn tỷ đồng và 2 tỉ", ["nghìn tỷ", "tỉ"]),
        (["TN&MT", "TN & MT", "TN"], "Sở TN & MT", ["TN & MT"]),
        (["Sở", "Sở Tài chính"], "Sở Tài nguyên", ["Sở"]),
        ([], "bất cứ văn bản nào", [""] * 19),
    ],
)
def test_a_literal_alternation_finds_the_longest_entry_at_each_place(entries, text, found):
    pattern = regex.compile(alternation(entries), regex.VERBOSE)
    assert [m.group() for m in pattern.finditer(text)] == found


def test_the_trie_agrees_with_a_plain_longest_first_alternation_on_the_heads(ruleset):
    """The same matches as the alternation it replaced, on every head of org_heads.yml."""
    heads = list(ruleset.gazetteers["org_heads"])
    plain = regex.compile(
        "(?:" + "|".join(regex.escape(h) for h in sorted(heads, key=len, reverse=True)) + ")"
    )
    trie = regex.compile(alternation(heads), regex.VERBOSE)
    text = (
        "Ban Thường vụ Tỉnh ủy và Ủy ban nhân dân tỉnh Long An, Sở Giao thông Vận tải, Chi bộ 2, "
        "Ban Chấp hành Trung ương Đảng, Hội Nông dân, Trung tâm Phát triển quỹ đất, Công an "
        "nhân dân, Ban Chỉ đạo, Tổng công ty, Mặt trận Tổ quốc Việt Nam xã Thạnh Lợi"
    )
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize(
    ("words", "at", "width"),
    [
        (["Long", "An", "đã"], 0, 2),
        (["Bà", "Rịa", "-", "Vũng", "Tàu", "và"], 0, 5),
        (["Thừa", "Thiên", "Huế"], 0, 3),
        (["Long", "Hải"], 0, 0),
        (["Hà", "Nội"], 1, 0),
        ([], 0, 0),
    ],
)
def test_a_province_is_read_as_the_longest_phrase_that_starts_at_a_word(lexicon, words, at, width):
    tokens = [(w, i * 10, i * 10 + len(w)) for i, w in enumerate(words)]
    assert starts_with(tokens, at, lexicon.places.provinces) == width


def test_phrases_know_their_first_words_and_lengths():
    phrases = Phrases(["quỹ đất", "công trình", "phát triển nông thôn"])
    assert phrases.first_words == {"quỹ", "công", "phát"}
    assert phrases.widths == (4, 2)
    assert "quỹ đất" in phrases and "quỹ" not in phrases


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("Ban Thường vụ Tỉnh ủy Long An", "Ban Thường vụ"),
        ("Ủy ban nhân dân tỉnh Long An", "Ủy ban nhân dân"),
        ("ban thường vụ Thành ủy", "Ban Thường vụ"),
        ("Sở Giao thông Vận tải", "Sở"),
        ("Bộ Chính trị", "Bộ Chính trị"),
        ("Sởi và quai bị", ""),
    ],
)
def test_the_head_of_a_name_is_the_longest_head_word_it_opens_with(lexicon, name, head):
    assert lexicon.bodies.head_of(name)[0] == head


@pytest.mark.parametrize(
    ("written", "expanded"),
    [
        ("UBND TP. HCM", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
        ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
        ("Sở TN & MT", "Sở Tài nguyên và Môi trường"),
        ("UBMTTQ Việt Nam xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"),
        ("UBNDX", "UBNDX"),
    ],
)
def test_abbreviations_are_expanded_as_whole_words(lexicon, written, expanded):
    assert lexicon.bodies.expand(written) == expanded


@pytest.mark.parametrize(
    ("written", "title"),
    [
        ("phó chủ tịch", "Phó Chủ tịch"),
        ("Phó  Bí thư", "Phó Bí thư"),
        ("ĐV", "Đảng viên"),
        ("UVTW", "Ủy viên Trung ương Đảng"),
    ],
)
def test_a_title_is_written_as_the_title_column_writes_it(lexicon, written, title):
    assert lexicon.titles.canonical(written) == title


@pytest.mark.parametrize(
    ("words", "count"),
    [
        (["Châu", "Thành", "Lê", "Phước", "Dũng"], 2),  # huyện Châu Thành Lê Phước Dũng
        (["Bình", "Thạnh", "Nguyễn", "Văn", "An"], 2),  # quận Bình Thạnh Nguyễn Văn An
        (["Nguyễn", "Thành", "Phong"], 0),  # UBND TP Nguyễn Thành Phong: no place at all
        (["Thạnh", "Lợi"], 2),
    ],
)
def test_the_place_after_a_place_word_stops_where_a_name_starts(lexicon, words, count):
    assert place_word_count(words, lexicon) == count


def test_the_words_after_a_head_are_the_sentence_s_own(lexicon):
    sentence = "Lãnh đạo UBND TP. HCM và Sở TN&MT đã họp."
    after = tokens_after(sentence, sentence.index("UBND") + 4, lexicon)
    assert [word for word, _, _ in after[:4]] == ["TP.", "HCM", "và", "Sở"]
    for word, start, end in after:
        assert sentence[start:end] == word


def test_a_word_cut_by_the_start_is_read_from_there(lexicon):
    sentence = "Ban Thường vụ Tỉnh ủy Long An họp."
    after = tokens_after(sentence, sentence.index("ủy") + 1, lexicon)
    assert [word for word, _, _ in after[:3]] == ["y", "Long", "An"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Lãnh đạo UBND TP. HCM, Q. 1 và Sở TN&MT (Tp. Cần Thơ) đã họp – “ngày 2/9”.",
        "  Phó Bí thư Thường trực Tỉnh ủy Bà Rịa - Vũng Tàu Nguyễn Văn Thọ  ",
        "",
    ],
)
def test_the_words_of_a_sentence_at_once_are_the_words_one_by_one(lexicon, sentence):
    """`Places.tokens` (one match, its captures) reads the words `Places.token` reads."""
    one_by_one = [
        (m.group(1), m.start(1), m.end(1)) for m in lexicon.places.token.finditer(sentence)
    ]
    run = lexicon.places.tokens.match(sentence)
    assert list(zip(run.captures(1), run.starts(1), run.ends(1), strict=True)) == one_by_one


def test_the_memos_of_names_start_again_when_full(lexicon, monkeypatch):
    """`head_of` and `expand` remember the names met, but never more than `MEMO_LIMIT` (the
    memory of a worker stays flat over a long archive), and answer the same after a restart."""
    from pipeline.extract.lexicon import bodies as bodies_module

    # `Bodies` reads the limit through its own module's global, at call time
    monkeypatch.setattr(bodies_module, "MEMO_LIMIT", 3)
    # the lexicon is shared by the session's tests: start from memos holding none of the names
    # (a name met before is answered from the memo, and adds nothing to fill it)
    lexicon.bodies._heads_of.clear()
    lexicon.bodies._expanded.clear()
    names = ["Sở Tài chính", "UBND tỉnh Long An", "Bộ Chính trị", "Ban Thường vụ", "HĐND xã"]
    first = [(lexicon.bodies.head_of(n), lexicon.bodies.expand(n)) for n in names]
    assert len(lexicon.bodies._heads_of) <= 3 and len(lexicon.bodies._expanded) <= 3
    assert [(lexicon.bodies.head_of(n), lexicon.bodies.expand(n)) for n in names] == first
    assert first[1][1] == "Ủy ban nhân dân tỉnh Long An"


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1.500.000", 1500000),
        ("1,2", Fraction(6, 5)),
        ("2.5", Fraction(5, 2)),
        ("hai trăm năm mươi", 250),
        ("một trăm linh năm", 105),
        ("mười lăm", 15),
    ],
)
def test_numbers_in_digits_and_in_words(lexicon, written, value):
    assert parse_number(written, lexicon.money.number_words) == value


def test_scale_words_are_powers_of_ten(lexicon):
    assert lexicon.money.scales["tỷ"] == lexicon.money.scales["tỉ"] == 9
    assert lexicon.money.scales["triệu"] == 6 and lexicon.money.scales["nghìn"] == 3
