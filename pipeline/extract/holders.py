"""Who holds posts written next to names: the holder named before the posts (and so the
place that ends their body's name right after them), and the full name a later mention by
given name stands for.

Read by the officials normalizers and resolver (pipeline/extract/officials.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

import regex

from pipeline.engine.contracts import ArticleText, Candidate, Reject
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.posts import Name, Post, is_person, name_after_posts, person_text

_SPACES = regex.compile(r"\s*")
#: how far before a chain of posts their holder is looked for (characters)
HOLDER_REACH = 80
#: the levels of the places a district's or a commune's name follows (gazetteers/place_levels.yml)
_BELOW_A_PROVINCE = frozenset({"district", "commune"})


def place_of_the_body(
    sentence: str, chain_start: int, end: int, name: Name, posts: Sequence[Post], lexicon: Lexicon
) -> bool:
    """A capitalized run written right after posts whose holder is named before them ends
    the body's name (`Ông Nguyễn Thanh, bí thư huyện uỷ Lý Sơn`, `Hồ Thanh Phong làm hiệu
    trưởng ĐH Quốc tế Hồng Bàng`): a place or a name of the body, not a second holder. A
    complete body takes no name after it (`bà A, đại biểu Quốc hội Võ Văn Thưởng`: a list)."""
    _, head = lexicon.bodies.head_of(posts[-1].organization)
    return (
        name.honorific is None
        and bool(posts[-1].organization)
        and not (head and head.complete)
        and not sentence[end : name.start].strip()
        and lexicon.names.holder_before.search(
            sentence, max(0, chain_start - HOLDER_REACH), chain_start
        )
        is not None
    )


def posts_of_this_holder(
    sentence: str, chain_start: int, end: int, posts: tuple[Post, ...], lexicon: Lexicon
) -> tuple[tuple[Post, ...], int] | Reject:
    """The posts of a holder named before them, and where they end: a Reject when a name
    written right after them is the one they belong to (`ông Bình là Phó chủ tịch VAMC Nguyễn
    …`), the posts with that run as their body's place when it is one (`Huyện ủy Lý Sơn`)."""
    after = name_after_posts(sentence, end, posts, lexicon, tight=True)
    if after is None:
        return posts, end
    if not place_of_the_body(sentence, chain_start, end, after, posts, lexicon):
        return Reject("posts-of-the-next-name")
    return _with_place(posts, sentence, end, after, lexicon)


def _with_place(
    posts: tuple[Post, ...], sentence: str, end: int, place: Name, lexicon: Lexicon
) -> tuple[tuple[Post, ...], int]:
    """The posts with the place that ends their body's name (`Huyện ủy` + `Lý Sơn`)."""
    last = posts[-1]
    if last.organization:
        body = lexicon.bodies.expand(f"{last.organization} {sentence[end : place.end].strip()}")
        posts = (*posts[:-1], replace(last, organization=body, generic=False))
    return posts, place.end


def written_before(given: str, cand: Candidate, text: ArticleText[Lexicon]) -> str | None:
    """The last full name ending with `given` written up to the mention's sentence (a person
    the article named before with no post: `… cho bà Trần Thị Quỳnh Yên đứng tên. Bà Yên là
    …`)."""
    lexicon = text.lexicon
    found = None
    for sentence in text.sentences[: cand.sentence.index + 1]:
        for name in lexicon.names.person.finditer(sentence.text):
            person = person_text(name.group())
            if person.rsplit(" ", 1)[-1] == given and is_person(person, lexicon):
                found = person
    return found


def only_full_name(short: str, text: ArticleText[Lexicon]) -> str | None:
    """The one full name of another language ending with `short` that the article writes
    anywhere, with or without a post (`Tổng thống Nga Putin` in an article that names
    `Vladimir Putin`, `Thủ tướng Canada Trudeau` beside `về Justin Trudeau`; GUIDE.md, Round
    3: a short name is the full name the article gives): the capitalized words right before
    it, past a country (`Nga`), all words of another language with no abbreviation (`TT
    Donald`: Tổng thống). None when it writes none or two (`Ivanka Trump`, `Donald Trump`),
    when a Vietnamese word opens the capitals (`Điện Kremlin Putin`: a body's name), or when
    the full name or its given name has a man's or a woman's word (`ông`, `bà`, `phu nhân`)
    the short one never has (`Tổng thống Trump` beside `Melania Trump`, `bà Melania`: his
    wife)."""
    names, countries = text.lexicon.names, text.lexicon.places.countries
    found: dict[str, set[bool]] = {}
    short_as: set[bool] = set()
    for sentence in text.sentences:
        given_from = 0  # past the last full name read: names do not overlap
        for at in _whole_at(short, sentence.text):
            short_as |= _sex_before(names.sex_before, sentence.text, at)
            name = names.given_before_short.search(sentence.text, given_from, at)
            if name is None:
                continue
            given_from = at + len(short)
            words = name.group("given").split()
            while words and words[0] in countries:
                words.pop(0)
            if words and all(names.is_foreign(word) for word in words):
                male = {name.group("man") is not None} if name.group("honorific") else set()
                found.setdefault(" ".join([*words, short]), set()).update(male)
    if len(found) != 1:
        return None
    full, full_as = found.popitem()
    first = full.split()[0]
    for sentence in text.sentences:  # `bà Melania`: the given name alone tells her too
        for at in _whole_at(first, sentence.text):
            full_as |= _sex_before(names.sex_or_wife_before, sentence.text, at)
    return full if not full_as or short_as & full_as else None


#: no letter and no mark: where a name written whole ends
_NAME_ENDS = regex.compile(r"(?![\p{L}\p{M}])")


def _whole_at(name: str, text: str) -> Iterator[int]:
    """Where `name` starts in `text` with no letter right after it (`Trump`, not `Trumps`)."""
    at = text.find(name)
    while at >= 0:
        if _NAME_ENDS.match(text, at + len(name)):
            yield at
        at = text.find(name, at + 1)


def _sex_before(words: regex.Pattern[str], text: str, at: int) -> set[bool]:
    """{True} after a man's word right before `at`, {False} after a woman's, {} after none."""
    found = words.search(text, 0, at)
    return {found.group("man") is not None} if found else set()


def bare_rank_at(sentence: str, start: int, lexicon: Lexicon) -> bool:
    """The title at `start` is a post only with its body (gazetteers/bare_ranks.txt)."""
    found = lexicon.titles.title.match(sentence, start)
    return bool(found) and lexicon.titles.canonical(found.group("title")) in (
        lexicon.titles.bare_ranks
    )


def title_word_back(sentence: str, start: int, written: str, lexicon: Lexicon) -> tuple[str, int]:
    """The name written from `start` without the last word when a title starts at that word
    (`Đoàn Duy Hoạch Phó` before `tổng giám đốc`), and where the posts then start."""
    words = written.split()
    while len(words) > 2:
        last = start + written.rindex(words[-1])
        if not lexicon.titles.title.match(sentence, last):
            break
        words.pop()
        written = " ".join(words)
    return written, _SPACES.match(sentence, start + len(written)).end()


def named_as_a_place(
    cand: Candidate, candidates: Sequence[Candidate], text: ArticleText[Lexicon]
) -> bool:
    """The article writes the 'person' as a district or a commune elsewhere, after its place
    word (`Bí thư Huyện ủy Lý Sơn` in an article that names `huyện Lý Sơn`, `Chủ tịch HĐND
    huyện Hoàng Su Phì` beside `huyện Hoàng Su Phì`): a place read after a committee, not a
    holder. Names of three syllables at most, with no honorific (`ông Lý Sơn` is a man);
    the words of the candidates that read this name are no evidence (`Phó Bí thư Thường trực
    Đảng ủy xã Phan Thành Lý`, written twice)."""
    person = cand.values["person"]
    if cand.values.get("honorific") or person.count(" ") > 2:
        return False
    places = text.lexicon.places
    lower = [w for w in places.local_level_words if places.levels[w] in _BELOW_A_PROVINCE]
    if "full_text" not in text.facts:
        text.facts["full_text"] = text.full_text()
    full: str = text.facts["full_text"]
    if not any(f"{word} {person}" in full for word in lower):
        return False
    written = regex.compile(
        r"(?<![\p{L}\p{M}])(?:"
        + "|".join(regex.escape(w) for w in lower)
        + r")\s+"
        + regex.escape(person)
        + r"(?![\p{L}\p{M}])(?!\s+\p{Lu}[\p{L}\p{M}])"
    )
    spans = [
        (c.sentence.index, c.start, c.end) for c in candidates if c.values.get("person") == person
    ]
    for sentence in text.sentences:
        for found in written.finditer(sentence.text):
            if not any(
                index == sentence.index and start <= found.start() < end
                for index, start, end in spans
            ):
                return True
    return False
