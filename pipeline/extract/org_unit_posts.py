"""A unit written in lower case after the post that heads it, named by its parent.

`phó trưởng phòng tổ chức cán bộ Ban Tổ chức Tỉnh ủy Đắk Lắk`, `trưởng phòng thanh tra thuế số
1 Cục Thuế TP. HCM`: the post is formed with the unit's head (`trưởng phòng`:
rules/gazetteers/titles.yml), the unit's function follows in lower case, then its named parent.
The unit is a body, listed with its parent (annotation guide; the dev gold: `Phòng Thanh tra
thuế số 1 Cục Thuế Thành phố Hồ Chí Minh`); the officials' posts already read it so. Without a
named parent the lower-case words stay a kind (`trưởng phòng tài chính`), words that go on the
post (`Phó trưởng ban thường trực`) are no unit's function, and a unit joined by `của` is left
as it was (the annotators name it without the word: `Phòng Tổng hợp Ban Tuyên giáo …`). The
parent's head is one the resolver lists inside a longer name (rules/gazetteers/nested_heads.txt:
`Cục`, `Sở`, `Ban Tổ chức`), so the parent keeps its own row.
"""

from __future__ import annotations

import regex

from pipeline.extract.lexicon import Lexicon
from pipeline.extract.org_names import head_at, scan_name

#: the unit's function: lower-case syllables, a dash between them, a number (after a word that
#: introduces one: number_introducers.txt, `số 1`)
_FUNCTION = regex.compile(r"(?:\s+(?:\p{Ll}[\p{L}\p{M}]*|[-–&]|\d+))+?(?=\s+\p{Lu})")
_SPACES = regex.compile(r"\s+")
#: the most words the function may have before its parent
_MOST_WORDS = 6
#: how many words before the head may open the post (`phó trưởng`)
_POST_WORDS = 2


def unit_after_its_post(text: str, head_start: int, head_end: int, lexicon: Lexicon) -> int:
    """Where the unit whose lower-case head runs from `head_start` to `head_end` ends with its
    named parent, when a post formed with the head comes right before it; 0 when it does not."""
    head = text[head_start:head_end]
    bodies, titles = lexicon.bodies, lexicon.titles.by_lower
    if not head[:1].islower() or bodies.heads_by_lower.get(head) not in bodies.heads_of_units:
        return 0
    before = text[max(0, head_start - 40) : head_start].lower().split()
    posts = [" ".join([*before[len(before) - n :], head]) for n in range(1, _POST_WORDS + 1)]
    if not any(post in titles for post in posts):
        return 0  # `giảng viên khoa …`, `phòng họp …`: no post formed with the head
    function = _FUNCTION.match(text, head_end)
    if function is None:
        return 0
    words = function.group().split()
    numbers = [i for i, word in enumerate(words) if word.isdigit()]
    if any(i == 0 or words[i - 1] not in bodies.number_introducers for i in numbers):
        return 0  # a number no word introduces (number_introducers.txt: `số 1`)
    stops = bodies.function_words | lexicon.titles.place_prepositions
    if len(words) > _MOST_WORDS or any(w in stops for w in words):
        return 0  # `phó phòng ở Viện KSND tỉnh`: where the post is held, no unit's name
    if any(lexicon.titles.separator.fullmatch(w) for w in words):
        return 0  # `Chánh văn phòng kiêm người phát ngôn UBND TP`: another post follows
    if any(f"{post} {' '.join(words[:n])}" in titles for post in posts for n in (1, 2)):
        return 0  # `Phó trưởng ban thường trực Ban …`: the post goes on
    start = _SPACES.match(text, function.end()).end()
    if not bodies.nested.match(text, start):
        return 0  # a parent the resolver does not list inside a longer name would be lost
    parent_head = head_at(text, start, lexicon)
    if parent_head is None:
        return 0
    parent = scan_name(text, start, parent_head, lexicon)
    entry = bodies.heads.get(text[start:parent_head])
    if not (parent.named or parent.place or (entry and entry.alone)):
        return 0  # `Sở` alone: which department?
    return parent.end
