"""The words after a body's head word, as the name scan reads them: the sentence split once
into words (abbreviations that keep their dot: `TP.`), phrases of a gazetteer that start at a
word, place words and how many capitalized words after one name the place, where a head
word starts."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Collection

import regex

from pipeline.extract.lexicon import Lexicon, Phrases

#: a capitalized word of a name: `Tài`, `UBND`, `TN&MT`, a brand's `GreenFeed`, `Z131`, `T.Ư`,
#: a number
CAP_RE = regex.compile(
    r"^(?:\p{Lu}[\p{Ll}\p{M}]*|[A-Z][A-Za-z\d&]*|\p{Lu}{2,}[\p{Lu}\d&]*|\p{Lu}\.\p{Lu}|\d+)$"
)
#: two syllables of a place written glued, first after its place word (`xã EaPô`); not
#: further on, where a glued word is two sentences run together (`tỉnh Nghệ AnÔng Lê …`)
GLUED_RE = regex.compile(r"^\p{Lu}[\p{Ll}\p{M}]+\p{Lu}[\p{Ll}\p{M}]+$")
LOW_RE = regex.compile(r"^\p{Ll}[\p{Ll}\p{M}]*$")
ROMAN_RE = regex.compile(r"^[IVXL]+$")
SCAN_WINDOW = 300  # characters after a head that a name can reach
TITLE_CASE_RE = regex.compile(r"^\p{Lu}[\p{Ll}\p{M}]")
#: nothing before a position but the sentence's opening (spaces, quotes, a dash)
SENTENCE_OPENING_RE = regex.compile(r"[\s\p{P}]*")

Token = tuple[str, int, int]


@functools.lru_cache(maxsize=64)
def _sentence_tokens(text: str, lexicon: Lexicon) -> tuple[list[Token], list[int]]:
    """The words of a sentence and where each starts (memoized for the sentences scanned last:
    a sentence with several heads is split once)."""
    tokens = _tokens(text, 0, len(text), lexicon)
    return tokens, [token[1] for token in tokens]


def _tokens(text: str, start: int, end: int, lexicon: Lexicon) -> list[Token]:
    """The words of `text[start:end]`, with their spans."""
    run = lexicon.places.tokens.match(text, start, end)
    return list(zip(run.captures(1), run.starts(1), run.ends(1), strict=True)) if run else []


def tokens_after(text: str, start: int, lexicon: Lexicon) -> list[Token]:
    """The words (with abbreviations that keep their dot: `TP.`) after `start`, up to
    `SCAN_WINDOW` characters: those of the whole sentence, split once."""
    tokens, starts = _sentence_tokens(text, lexicon)
    first = bisect.bisect_left(starts, start)
    if first and tokens[first - 1][2] > start:  # `start` cuts a word: read from there
        return _tokens(text, start, start + SCAN_WINDOW, lexicon)
    limit = start + SCAN_WINDOW
    last = bisect.bisect_left(starts, limit, first)
    window = tokens[first:last]
    if window and window[-1][2] > limit:  # the window cuts the last word, as before
        word, word_start, _ = window[-1]
        window[-1] = (word[: limit - word_start], word_start, limit)
    return window


def starts_with(tokens: list[Token], i: int, phrases: Phrases) -> int:
    """How many tokens from `i` form the longest phrase of `phrases` (`Bà Rịa - Vũng Tàu` is
    five); 0 when none."""
    if i >= len(tokens) or tokens[i][0] not in phrases.first_words:
        return 0
    for width in phrases.widths:
        fits = i + width <= len(tokens)
        if fits and " ".join(t[0] for t in tokens[i : i + width]) in phrases:
            return width
    return 0


def level_width(tokens: list[Token], i: int, lexicon: Lexicon) -> int:
    """How many tokens from `i` form a place word (`tỉnh`, `thành phố`); 0 when none.

    `xã hội` is a word of its own, not the commune level."""
    for width in (2, 1):
        words = " ".join(t[0] for t in tokens[i : i + width])
        if i + width <= len(tokens) and words in lexicon.places.level_words:
            following = tokens[i + width][0] if i + width < len(tokens) else ""
            if width == 1 and f"{words} {following}" in lexicon.bodies.words:
                return 0
            return width
    return 0


def place_word_count(words: list[str], lexicon: Lexicon, *, titled: bool = True) -> int:
    """How many of the capitalized `words` after a place word name the place, not the person
    after it: `huyện Châu Thành Lê Phước Dũng`, `TP. HCM Lê Hoàng Quân`. A name has two to
    four syllables (mostly three) and starts with a family name; `UBND TP Nguyễn Thành Phong`
    has no place at all. A person follows a body only after a title: with none before the
    body (`titled`), a place may be named after a person (`UBND huyện Trần Văn Thời`)."""
    common, surnames = lexicon.names.common_surnames, lexicon.names.surnames
    run = len(words)
    if run >= 4 and words[0] not in common:
        splits = [k for k in range(1, run - 1) if words[k] in surnames and 2 <= run - k <= 4]
        # a common family name first (`HCM Phan Nguyễn Như Khuê`), then names of three
        # syllables, then four, then two
        splits.sort(key=lambda k: (words[k] not in common, {3: 0, 4: 1, 2: 2}[run - k]))
        if splits:
            return splits[0]
    if titled and ((run >= 3 and words[0] in common) or (run == 3 and words[0] in surnames)):
        return 0
    return run


def word_run(tokens: list[Token], j: int, most: int, word: regex.Pattern[str]) -> int:
    """How many tokens from `j`, one space apart, match `word` (at most `most`)."""
    run = 0
    while (
        j + run < len(tokens)
        and run < most
        and word.match(tokens[j + run][0])
        and (run == 0 or tokens[j + run][1] == tokens[j + run - 1][2] + 1)
    ):
        run += 1
    return run


def place_length(tokens: list[Token], j: int, lexicon: Lexicon, *, titled: bool = True) -> int:
    """How many capitalized syllables from `j` name the place (see `place_word_count`)."""
    run = word_run(tokens, j, 7, CAP_RE)
    if not run and j < len(tokens) and GLUED_RE.match(tokens[j][0]):
        run = 1
        if j + 1 < len(tokens) and tokens[j + 1][1] == tokens[j][2] + 1:
            run += word_run(tokens, j + 1, 6, CAP_RE)
    while run and _apostrophe_joins(tokens, j + run):
        # `xã Đắk R ’ Tih`, `Ea H'Leo`: a syllable of the place's name joined by an apostrophe
        run += 2
        if j + run < len(tokens) and tokens[j + run][1] == tokens[j + run - 1][2] + 1:
            run += word_run(tokens, j + run, 7, CAP_RE)
    return place_word_count([t[0] for t in tokens[j : j + run]], lexicon, titled=titled)


def _apostrophe_joins(tokens: list[Token], i: int) -> bool:
    """Whether an apostrophe at `i` (glued or spaced: `R'Tih`, `R ’ Tih`, `R'lấp`) joins the
    word before it to a syllable after it."""
    if i + 1 >= len(tokens) or tokens[i][0] not in ("'", "’"):
        return False
    near = tokens[i][1] - tokens[i - 1][2] <= 1 and tokens[i + 1][1] - tokens[i][2] <= 1
    return near and bool(CAP_RE.match(tokens[i + 1][0]) or LOW_RE.match(tokens[i + 1][0]))


def head_at(text: str, position: int, lexicon: Lexicon) -> int | None:
    """The end of an organization head word (or its abbreviation) starting at `position`.

    After a title the head may be written in lower case (`Thứ trưởng bộ Thông tin…`)."""
    width = _head_width(
        text[position : position + 1].upper() + text[position + 1 : position + 60], lexicon
    )
    return None if width is None else position + width


@functools.lru_cache(maxsize=4096)
def _head_width(probe: str, lexicon: Lexicon) -> int | None:
    """How many characters of `probe` a head word takes (the same probes recur: memoized); a
    longer head whose name goes on in lower case may be written in lower case itself (`Ban chỉ
    đạo`, not only `Ban`: rules/gazetteers/heads_with_lower_case_names.txt)."""
    found = lexicon.bodies.head.match(probe)
    if found is None:
        return None
    longer = lexicon.bodies.lower_case_named_head.match(probe)
    width = max(found.end(), longer.end() if longer else 0)
    entry = lexicon.bodies.head_entry(probe[:width])
    if entry is not None and entry.proper and not _TITLE_CASE_AFTER.match(probe, width):
        return None  # `Dân - Chính - Đảng TP HCM`: `Đảng` opens a body only before its name
    return width


#: a title-case word right after a position (`đảng Dân chủ`)
_TITLE_CASE_AFTER = regex.compile(r" \p{Lu}[\p{Ll}\p{M}]")


def opens_with(head: str, words: Collection[str]) -> bool:
    """Whether `head` is one of `words` or starts with one of them and a space (`Phòng Cảnh sát`
    starts with `Phòng`; `Tổng công ty` does not start with `Tổ`)."""
    if head in words:
        return True
    position = head.find(" ")
    while position > 0:
        if head[:position] in words:
            return True
        position = head.find(" ", position + 1)
    return False
