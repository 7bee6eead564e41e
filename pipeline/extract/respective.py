"""Posts listed in the order of the names before them (`Các ông Trần Trương Hiển, Nguyễn Quốc
Vinh và bà Nguyễn Phạm Đài Trang (Giám đốc, Phó giám đốc và Kế toán Trung tâm Huấn luyện …)`):
the first name holds the first post, the second the second, and the body written after the
last post is every post's. The last word may be no post (`Kế toán`): its name holds none.

Read by the officials normalizers (pipeline/extract/officials.py)."""

from __future__ import annotations

import regex

from pipeline.extract.lexicon import Lexicon
from pipeline.extract.org_names import head_at, scan_name
from pipeline.extract.posts import Post, parse_posts

#: a word's start (a body's head is looked for there)
_WORD = regex.compile(r"[\p{L}\p{M}]+")
#: how many words the last item may have before the body it shares (`Kế toán | Trung tâm …`)
_MOST_LAST_WORDS = 3
#: how far before a name the names listed with it are looked for (characters)
_NAMES_REACH = 160


def respective_posts(
    sentence: str, chain_start: int, count: int, lexicon: Lexicon
) -> list[Post | None] | None:
    """The post of each of `count` names, in order, read from `chain_start` (None for a name
    whose item is no post); None when the posts there are not such a list: fewer titles than
    names, a title with a body before the last (`Giám đốc Sở X, Phó giám đốc …`), or a bare
    rank that shares its head with the next (`nguyên trưởng và phó phòng …`)."""
    if count < 2:
        return None
    titles = lexicon.titles
    listed: list[str] = []
    position = chain_start
    for _ in range(count - 1):
        found = titles.title.match(sentence, position)
        separator = found and titles.respective_separator.match(sentence, found.end())
        if not found or not separator or separator.end() == found.end():
            return None
        base = titles.canonical(found.group("title"))
        if base in titles.bare_ranks:
            return None
        prefix = found.group("prefix")
        listed.append(f"{prefix.lower()} {base}" if prefix else base)
        position = separator.end()
    own, _ = parse_posts(sentence, position, lexicon)
    if len(own) > 1:
        return None  # the last name holds a chain of its own
    body = own[0].organization if own else _body_after(sentence, position, lexicon)
    if not body:
        return None
    shared: list[Post | None] = [Post(title, body, False) for title in listed]
    return [*shared, own[0] if own else None]


def _body_after(sentence: str, start: int, lexicon: Lexicon) -> str:
    """The body named within a few words after `start` (`Kế toán | Trung tâm Huấn luyện …`),
    expanded; '' when none is."""
    for number, word in enumerate(_WORD.finditer(sentence, start)):
        if number > _MOST_LAST_WORDS:
            return ""
        head_end = head_at(sentence, word.start(), lexicon)
        if head_end:
            scanned = scan_name(sentence, word.start(), head_end, lexicon)
            return lexicon.bodies.expand(sentence[scanned.start : scanned.end])
    return ""


def names_listed_before(sentence: str, start: int, lexicon: Lexicon) -> int:
    """How many names are listed with the one at `start`, it included (`A, B và bà C`: 3)."""
    names, titles = lexicon.names, lexicon.titles
    window = max(0, start - _NAMES_REACH)
    found = [m for m in names.person.finditer(sentence, window, start) if m.end() <= start]
    count, position = 1, start
    for name in reversed(found):
        between = sentence[name.end() : position]
        words = between.replace(",", " ").split()
        if not titles.respective_separator.match(between) or any(
            word != titles.and_word and word.lower() not in names.honorifics for word in words
        ):
            break
        count, position = count + 1, name.start()
    return count
