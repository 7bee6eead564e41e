"""Bodies written by their head alone and completed by the body next to them.

A Party committee written bare in a chain of posts or bodies is the committee of the unit
named after it (rules/gazetteers/unit_committees.yml; GUIDE.md, Round 5): `Phó Bí thư Đảng
ủy, Phó Giám đốc Công an TP. HCM` → `Đảng ủy Công an Thành phố Hồ Chí Minh`, `Ban Thường vụ
Đảng ủy, Bộ Chỉ huy Quân sự tỉnh` → `Ban Thường vụ Đảng ủy Bộ Chỉ huy Quân sự tỉnh`. A unit
written by its head alone and followed directly by its parent in lower case keeps the parent in
its name (GUIDE.md, Round 3): `Cơ quan CSĐT bộ Công an` → `Cơ quan Cảnh sát điều tra Bộ Công
an`."""

from __future__ import annotations

import regex

from pipeline.extract.lexicon import Lexicon
from pipeline.extract.org_names import head_at, scan_name

_COMMA = regex.compile(r"\s*,\s*")
_SPACES = regex.compile(r"\s*")
#: the most posts read after the committee
_MOST_POSTS = 4


def unit_after(text: str, end: int, lexicon: Lexicon) -> str | None:
    """The unit led by a committee written bare up to `end`: the first body after the comma
    that follows it, read post by post (`…, Chủ nhiệm Ủy ban Kiểm tra Đảng ủy, Phó Giám đốc
    Công an TP. HCM`), that is not a bare committee itself; none where a post names no body."""
    comma = _COMMA.match(text, end)
    if comma is None:
        return None
    bodies, titles = lexicon.bodies, lexicon.titles
    committee = bodies.unit_committee_at_end.search(text, 0, end)
    of_place = bool(committee and committee.group().lower() in bodies.place_committees)
    position = comma.end()
    for _ in range(_MOST_POSTS):
        title = titles.title.match(text, position)
        start = position
        if title:
            written = title.group("title").lower()
            tail = next((t for t in titles.head_tails if written.endswith(" " + t.lower())), None)
            # `Trưởng ban Quản lý Chợ …`: the title's last word opens the body
            start = title.end() - len(tail) if tail else _SPACES.match(text, title.end()).end()
        head_end = head_at(text, start, lexicon)
        if head_end is None:
            return None
        scanned = scan_name(text, start, head_end, lexicon)
        organization = bodies.expand(text[start : scanned.end])
        inner = bodies.unit_committee_in.search(organization)
        if inner is None:
            return _unit(organization, of_place, lexicon)
        if inner.end() < len(organization):  # `Đảng ủy, Ban Thường vụ Đảng ủy Tổng cục Cảnh sát`
            return organization[inner.end() + 1 :]
        separator = titles.separator.match(text, scanned.end)
        if separator is None:
            return None
        position = separator.end()
    return None


def _unit(organization: str, of_place: bool, lexicon: Lexicon) -> str | None:
    """The unit a committee listed before `organization` belongs to: the body a board governs
    (`Ban Tổng giám đốc MobiFone` → `MobiFone`), the place of a State body of a commune (`Chủ
    tịch UBND xã Hải Ninh` → `xã Hải Ninh`), or the body itself; none for a bare head."""
    bodies = lexicon.bodies
    head, entry = bodies.head_of(organization)
    rest = organization[len(head) :].strip()
    if head in bodies.governing_boards:
        rest = lexicon.titles.of_opening.sub("", rest)
        return rest[:1].upper() + rest[1:] if rest else None
    if of_place and head in lexicon.places.placed_by_province:
        return rest if rest.split(" ", 1)[0] in lexicon.places.level_words else None
    if not rest and not (entry and entry.alone):
        return None
    return organization


def parent_joined(text: str, end: int, lexicon: Lexicon) -> tuple[str, int] | None:
    """The parent written in lower case right after a head that names no body by itself
    (`Cơ quan CSĐT bộ Công an`, rules/gazetteers/nested_heads.txt): its name and its end."""
    if not text.startswith(" ", end):
        return None
    found = lexicon.bodies.nested.match(text, end + 1)
    if found is None or not found.group()[:1].islower():
        return None
    scanned = scan_name(text, found.start(), found.end(), lexicon)
    if not (scanned.named or scanned.place):
        return None
    return lexicon.bodies.expand(text[found.start() : scanned.end]), scanned.end
