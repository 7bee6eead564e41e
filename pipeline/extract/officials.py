"""Officials: a named person with a position, in `title - Name` or `ông Name, title` order.

The rules find a chain of posts next to a name; the normalizer splits the chain into posts
(title + organization, read by the organization scanner), picks the organization column and
writes the rest into `title` (annotation guide, officials).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import regex

from pipeline.extract import Candidate, Found, Match, normalizer, resolver
from pipeline.extract.org_names import expand_abbreviations, head_at, head_entry, scan_name
from pipeline.extract.places import attach_place, province_of

_PREFIXES = ("cựu", "nguyên", "quyền", "tân")
_SPACES = regex.compile(r"\s*")
_SPACE_CAPITAL = regex.compile(r"\s+\p{Lu}")
_POST_SEPARATOR = regex.compile(r"\s*(?:,|;|kiêm|và|đồng thời là)\s*")
_MEMBERSHIP = ("Ủy viên", "Tỉnh ủy viên", "Thành ủy viên", "Huyện ủy viên", "Đại biểu", "UVTW")
# titles whose last word opens the body's name: `Trưởng Ban Tuyên giáo` is Trưởng + Ban Tuyên giáo
_HEAD_TAILS = ("Ban", "Văn phòng", "Phòng", "Đoàn", "Thanh tra", "Công an", "Khoa")
_BARE_RANKS = ("Trưởng", "Phó Trưởng")


@dataclass(frozen=True)
class Post:
    title: str
    organization: str  # expanded, '' when the post names none
    generic: bool  # the organization is a bare head (`Đảng ủy`) that belongs with the title


@functools.cache
def _titles_re(key: int, titles: tuple[str, ...]) -> regex.Pattern:
    alternatives = sorted(titles, key=len, reverse=True)
    return regex.compile(
        r"(?i:(?:(?P<prefix>"
        + "|".join(_PREFIXES)
        + r")\s+)?(?P<title>"
        + "|".join(regex.escape(t).replace(r"\ ", r"\s+") for t in alternatives)
        + r"))(?![\p{L}])"
    )


def _canonical_title(written: str, gazetteers: dict[str, Any]) -> str:
    squashed = regex.sub(r"\s+", " ", written)
    if squashed in gazetteers["titles"]:
        return gazetteers["title_abbreviations"].get(squashed, squashed)
    for title in gazetteers["titles"]:
        if title.lower() == squashed.lower():
            return gazetteers["title_abbreviations"].get(title, title)
    return squashed


def parse_posts(text: str, start: int, gazetteers: dict[str, Any]) -> tuple[list[Post], int]:
    """Posts from `start`: `Bí thư Đảng ủy, Giám đốc Sở GTVT` → two posts; returns the end."""
    titles = gazetteers["titles"]
    pattern = _titles_re(id(titles), tuple(titles))
    posts: list[Post] = []
    position, end = start, start
    while True:
        found = pattern.match(text, position)
        if not found:
            break
        title = _canonical_title(found.group("title"), gazetteers)
        if found.group("prefix"):
            title = f"{found.group('prefix').lower()} {title}"
        org_start = found.end()
        written = found.group("title").lower()
        tail = next((t for t in _HEAD_TAILS if written.endswith(" " + t.lower())), None)
        if tail and _SPACE_CAPITAL.match(text, found.end()):
            org_start = found.end() - len(tail)  # the title keeps its head word: Trưởng Ban
        organization, generic, end = "", False, found.end()
        after = _SPACES.match(text, org_start).end() - org_start if org_start == found.end() else 0
        head_match = head_at(text, org_start + after, gazetteers)
        if head_match:
            scanned = scan_name(text, org_start + after, head_match, gazetteers)
            organization = expand_abbreviations(text[scanned.start : scanned.end], gazetteers)
            head, entry = head_entry(organization, gazetteers)
            generic = organization == head and not entry.get("alone")
            end = max(end, scanned.end)
        else:  # `Bí thư Hà Nội`: the province stands for its committee
            place = _PROVINCE_AFTER.match(text, org_start)
            if place and place.group(1) in gazetteers["provinces"]:
                organization, end = place.group(1), place.end()
        if title in _BARE_RANKS and not organization:
            break  # `Trưởng` is a post only with its body: `Trưởng CA xã Phước An`
        posts.append(Post(title, organization, generic))
        separator = _POST_SEPARATOR.match(text, end)
        if not separator or not pattern.match(text, separator.end()):
            break
        position = separator.end()
    return posts, end


_PROVINCE_AFTER = regex.compile(r"\s+(\p{Lu}[\p{Ll}\p{M}]*(?:\s+\p{Lu}[\p{Ll}\p{M}]*)?)")


def officials_values(
    posts: list[Post], person: str, honorific: str | None, gazetteers: dict[str, Any]
) -> dict[str, Any]:
    """Pick the organization column (the last specific body) and write the other posts whole."""
    chosen = None
    for index, post in enumerate(posts):
        if post.organization and not post.generic and not post.title.startswith(_MEMBERSHIP):
            chosen = index
    parts = []
    for index, post in enumerate(posts):
        if index == chosen or not post.organization:
            parts.append(post.title)
        else:
            parts.append(f"{post.title} {post.organization}")
    if chosen is not None:
        organization = posts[chosen].organization
    else:
        implied = gazetteers["titles"].get(
            posts[0].title.removeprefix("cựu ").removeprefix("nguyên ")
        )
        organization = implied or ""
    return {
        "person": person,
        "title": "; ".join(parts),
        "organization": organization,
        "honorific": honorific.lower() if honorific else None,
    }


def _is_person(name: str, gazetteers: dict[str, Any]) -> bool:
    """Not a historical figure, nor a place that reads like a name (`Đồng Hới`)."""
    provinces = gazetteers["provinces"]
    return name not in gazetteers["not_officials"] and not any(
        name == p or name.startswith(p + " ") for p in provinces
    )


@functools.cache
def _name_after(_key: int, surnames: tuple[str, ...], honorifics: tuple[str, ...]) -> regex.Pattern:
    """A person's name right after the posts: `- Nguyễn Thanh Hải`, `ông Lê Hoàng Quân`."""
    return regex.compile(
        r"(?:\s+(?i:khóa|nhiệm kỳ)\s+[IVXLC\d-]+)?"
        r"\s*(?:[-:,]\s*)?(?:(?P<honorific>" + "|".join(map(regex.escape, honorifics)) + r")\s+)?"
        r"(?P<person>(?:" + "|".join(map(regex.escape, surnames)) + r")"
        r"(?:\s+\p{Lu}[\p{Ll}\p{M}]*){1,4})(?![\p{L}\p{M}])"
    )


@normalizer("officials.title_then_name")
def title_then_name(match: Match) -> list[Found] | None:
    """`Phó Bí thư Thường trực Tỉnh ủy - Nguyễn Thanh Hải`, `Bí thư Tỉnh ủy Hồ Quốc Dũng`.

    The name is read where the posts end, so a place that looks like a name (`Châu Thành`,
    `Tây Ninh`) stays with the organization."""
    gazetteers = match.gazetteers
    sentence = match.sentence.text
    posts, end = parse_posts(sentence, match.spans["chain"][0], gazetteers)
    surnames, honorifics = gazetteers["surnames"], gazetteers["honorifics"]
    name = _name_after(id(surnames), tuple(surnames), tuple(honorifics)).match(sentence, end)
    if not posts or name is None or not _is_person(name.group("person"), gazetteers):
        return None
    values = officials_values(posts, name.group("person"), name.group("honorific"), gazetteers)
    return [Found(match.start, name.end(), values)]


def _after_a_place_word(match: Match) -> bool:
    """`… tại Đồng Hới, Phó Thủ tướng …`: after `tại`, `ở`, `về` a name is a place."""
    before = match.sentence.text[: match.spans["person"][0]].rstrip().rsplit(" ", 1)[-1]
    return before.lower() in ("tại", "ở", "về", "đến", "từ")


def _name_follows(sentence: str, end: int, gazetteers: dict[str, Any]) -> bool:
    surnames, honorifics = gazetteers["surnames"], gazetteers["honorifics"]
    pattern = _name_after(id(surnames), tuple(surnames), tuple(honorifics))
    return pattern.match(sentence, end) is not None


@normalizer("officials.name_then_title")
def name_then_title(match: Match) -> list[Found] | None:
    """`ông Nguyễn Hữu Tín, SN 1957, cựu Phó Chủ tịch UBND TP. HCM`, `Hồ Quốc Dũng - Bí thư`.

    In `Bí thư Nguyễn Thiện Nhân, Giám đốc Học viện … Trần Hoàng Ngân` the second posts
    belong to the name after them, not to the one before."""
    gazetteers = match.gazetteers
    posts, end = parse_posts(match.sentence.text, match.spans["chain"][0], gazetteers)
    person = match.group("person")
    if not posts or not _is_person(person, gazetteers) or _after_a_place_word(match):
        return None
    if _name_follows(match.sentence.text, end, gazetteers):
        return None
    values = officials_values(posts, person, match.group("honorific"), gazetteers)
    return [Found(match.start, end, values)]


@normalizer("officials.short_reference")
def short_reference(match: Match) -> dict[str, Any]:
    """`ông Tín`: the given name alone, resolved against the article's full names."""
    words = match.text.split()
    return {
        "person": None,
        "given": words[-1],
        "title": None,
        "organization": None,
        "honorific": words[0].lower(),
    }


@resolver("officials")
def resolve_officials(candidates: list[Candidate], text: Any) -> list[Candidate]:
    """A later `ông Tín` becomes Nguyễn Hữu Tín with his posts; unresolved ones are dropped.

    A bare provincial body takes the article's province (`Tỉnh ủy` → `Tỉnh ủy Long An`)."""
    province = province_of(text)
    full = [c for c in candidates if c.values.get("person")]
    for cand in full:
        organization, _ = attach_place(cand.values["organization"], province, {})
        cand.values = {**cand.values, "organization": organization}
    out = []
    for cand in candidates:
        given = cand.values.pop("given", None)
        if given is None:
            out.append(cand)
            continue
        earlier = [
            c
            for c in full
            if c.values["person"].split()[-1] == given and c.sentence.index <= cand.sentence.index
        ]
        if earlier:
            known = earlier[-1].values
            cand.values = {**known, "honorific": cand.values["honorific"]}
            out.append(cand)
    return out


@normalizer("officials.names_then_verb")
def names_then_verb(match: Match) -> list[Found] | None:
    """`Hai ông Phạm Biên Cương, Vương Bình Thạnh được bầu làm Phó Bí thư Tỉnh ủy An Giang`:
    every name listed takes the posts after the verb."""
    gazetteers = match.gazetteers
    sentence = match.sentence.text
    posts, end = parse_posts(sentence, match.spans["chain"][0], gazetteers)
    if not posts or _name_follows(sentence, end, gazetteers):
        return None
    surnames = gazetteers["surnames"]
    names_start, names_end = match.spans["names"]
    found = []
    for name in _names_re(id(surnames), tuple(surnames)).finditer(sentence, names_start, names_end):
        if _is_person(name.group(), gazetteers):
            values = officials_values(posts, name.group(), match.group("honorific"), gazetteers)
            found.append(Found(name.start(), name.end(), values))
    return found or None


@functools.cache
def _names_re(_key: int, surnames: tuple[str, ...]) -> regex.Pattern:
    return regex.compile(
        r"(?:" + "|".join(map(regex.escape, surnames)) + r")(?:\s+\p{Lu}[\p{Ll}\p{M}]*){1,4}"
        r"(?![\p{L}\p{M}])"
    )
