"""Officials: a named person with a position, in `title - Name` or `ông Name, title` order.

The rules find a chain of posts next to a name; the normalizer splits the chain into posts
(title + organization, read by the organization scanner), picks the organization column and
writes the rest into `title` (annotation guide, officials).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import regex

from pipeline.engine.contracts import (
    ArticleText,
    Candidate,
    Found,
    Match,
    Normalized,
    Reject,
    normalizer,
    resolver,
)
from pipeline.extract import holders, org_names, places, respective
from pipeline.extract.lexicon import Lexicon, Names, Titles
from pipeline.extract.places import attach_place, province_of
from pipeline.extract.posts import (
    Post,
    capitalized_tail,
    expert_before_body,
    is_person,
    lower_case_tail,
    name_after_posts,
    names_a_province,
    parent_after,
    parse_posts,
    person_text,
    tail_before_holder,
    title_prefix,
)

_LAST_WORDS = regex.compile(r"(?:([\p{L}\p{M}]+)\s+)?([\p{L}\p{M}]+)\s+$")
_FIRST_WORD = regex.compile(r"([\p{L}\p{M}]+)")
#: what sets posts off from the name before them (`ông A, Giám đốc`, `A - Giám đốc`, `A (Giám
#: đốc`); without it the posts follow the name directly or after `là`
_SEPARATOR = regex.compile(r"[-–,(]")
#: a comma, then the next word (what closes posts set off after a name)
_COMMA_THEN_WORD = regex.compile(r"\s*,\s*([\p{L}\p{M}]+)")
_CAPITALIZED_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{Ll}\p{M}]*\s+$")
#: how far before a chain of posts a name set off from it is looked for (characters)
_NAME_BEFORE_REACH = 80
#: how far before a name a body that may end with it is looked for (characters)
_BODY_REACH = 40
#: a word and the spaces after it (a title's prefix, then the title)
_PREFIX_THEN_WORD = regex.compile(r"([\p{L}\p{M}]+)\s+")
#: a capitalized word's start
_WORD_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}")
#: how any name after posts starts (a cheap test before the readings of the name, which cost
#: a fifth of a millisecond each)
_CAPITAL = regex.compile(r"\p{Lu}")
#: what reading posts and the names around them consults
GAZETTEERS = (*org_names.GAZETTEERS, *Names.GAZETTEERS, *Titles.GAZETTEERS)


def former(posts: Sequence[Post], lexicon: Lexicon) -> tuple[Post, ...]:
    """The posts of someone who leaves them (`bị cho thôi chức bí thư …`): `nguyên …`."""
    prefixes = tuple(f"{prefix} " for prefix in lexicon.titles.prefixes)
    return tuple(
        post
        if post.title.startswith(prefixes)
        else replace(post, title=f"{lexicon.titles.former_prefix} {post.title}")
        for post in posts
    )


def officials_values(
    posts: Sequence[Post], person: str, honorific: str | None, lexicon: Lexicon
) -> dict[str, Any]:
    """Pick the organization column (the last specific body) and write the other posts whole."""
    titles = lexicon.titles
    chosen = None
    for index, post in enumerate(posts):
        if post.organization and not post.generic and not post.title.startswith(titles.membership):
            chosen = index
    parts = []
    for index, post in enumerate(posts):
        if index == chosen or not post.organization or post.title.endswith(post.organization):
            parts.append(post.title)  # not `Chánh Văn phòng Văn phòng`
        else:
            parts.append(f"{post.title} {post.organization}")
    if chosen is not None:
        organization = posts[chosen].organization
    else:
        _, bare = title_prefix(posts[0].title, lexicon)  # `cựu Thủ tướng` as `Thủ tướng`
        implied = titles.implied_body.get(bare)
        organization = implied or ""
    return {
        "person": person,
        "title": "; ".join(parts),
        "organization": organization,
        "honorific": honorific.lower() if honorific else None,
    }


@normalizer("officials.title_then_name", groups=("chain",), gazetteers=GAZETTEERS)
def title_then_name(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`Phó Bí thư Thường trực Tỉnh ủy - Nguyễn Thanh Hải`, `Bí thư Tỉnh ủy Hồ Quốc Dũng`,
    `Tổng thống Mỹ Donald Trump`.

    The name is read where the posts end, so a place that looks like a name (`Châu Thành`,
    `Tây Ninh`) stays with the organization. A post held by several people (`các Phó trưởng
    ban … Hà Ban và Nguyễn Thanh Bình`) goes to every name listed after it."""
    sentence = match.sentence.text
    chain_start = start = match.spans["chain"][0]
    if _inside_a_word(sentence, chain_start, lexicon):
        # `chính quyền Tổng thống Mỹ Donald Trump`: a prefix that ends a word (`quyền`) is no
        # prefix, the title after it still is one
        title_start = _title_after_prefix(sentence, chain_start, lexicon)
        if title_start is None:
            return Reject("inside-a-word")  # `chức vụ Phó chủ tịch` is not `Vụ phó`
        chain_start = start = title_start
    posts, end = parse_posts(sentence, chain_start, lexicon, after_a_name=False)
    if not posts and (expert := expert_before_body(sentence, chain_start, lexicon)):
        # `chuyên gia Mike Kofman ở Trung tâm phân tích hải quân Mỹ`: the body after the name
        post, held_by, end = expert
        if not is_person(held_by.person, lexicon):
            return Reject("not-a-person", held_by.person)
        values = officials_values((post,), held_by.person, held_by.honorific, lexicon)
        return [Found(start, end, values)]
    if not posts:
        return Reject("no-post")
    if not _CAPITAL.search(sentence, end):
        # every reading below wants a name after the posts, and every name (PERSON_NAME,
        # FOREIGN_NAME) starts with a capital: without one none can succeed
        return Reject("no-name-after-posts")
    names = lexicon.names
    leaving = names.leaving_before.search(sentence, max(0, chain_start - 24), chain_start)
    name = name_after_posts(sentence, end, posts, lexicon)
    if name is None and (replaced := names.replaced_holder.match(sentence, end)):
        # `giữ chức Bí thư Tỉnh uỷ Hà Nam thay cho ông Nguyễn Đình Khang`: the one replaced
        # held the posts. The fact spans the posts alone, so a new post written after the
        # name (`thay ông Lê Quang Nam đã luân chuyển về làm Bí thư …`) is kept as well.
        person = person_text(replaced.group("person"))
        if not is_person(person, lexicon):
            return Reject("not-a-person", person)
        values = officials_values(posts, person, replaced.group("honorific"), lexicon)
        return [Found(start, end, values)]
    if (
        name is None
        and posts[-1].organization
        and (parent := parent_after(sentence, end, lexicon))
        and (after := name_after_posts(sentence, parent, posts, lexicon))
        and after.honorific
    ):
        # `Trưởng phòng Tài chính, Sở Giáo dục Hà Nội, ông Nguyễn Viết Cẩn`: the parent is
        # written apart (GUIDE.md, Round 3), the unit is the post's body
        name, end = after, parent
    if (
        name is None
        and posts[-1].organization
        and (
            tail := lower_case_tail(sentence, end, lexicon)
            or capitalized_tail(sentence, end, lexicon)
        )
    ):
        # `Giám đốc Trung tâm chống ngập nước TP HCM Nguyễn Ngọc Công`, `Chủ tịch HĐQT
        # Vietcombank Nghiêm Xuân Thành`
        name = name_after_posts(sentence, tail, posts, lexicon)
        if name is not None:
            body = lexicon.bodies.expand(f"{posts[-1].organization} {sentence[end:tail]}")
            posts = (*posts[:-1], replace(posts[-1], organization=body, generic=False))
            end = tail
    if (
        name is None
        and (tail := tail_before_holder(sentence, end, lexicon))
        and not _holder_written_before(sentence, chain_start, lexicon)
    ):
        # `Chủ tịch Quốc hội bang Hessen - ông Boris Rhein`: the body's name goes on to the
        # holder, set off after an honorific (not `ông A là thành viên độc lập HĐQT, ông B`)
        name = name_after_posts(sentence, tail, posts, lexicon)
        rest = sentence[end:tail].split()
        held_at = rest[0] in lexicon.titles.place_prepositions  # `Đại sứ Anh | tại Washington`
        if name is not None and posts[-1].organization and not held_at:
            body = lexicon.bodies.expand(f"{posts[-1].organization} {' '.join(rest)}")
            posts = (*posts[:-1], replace(posts[-1], organization=body, generic=False))
        if name is not None:
            end = tail
    if name is None and leaving and (held := names.held_by.match(sentence, end)):
        # `Thủ tướng cách chức Phó chủ tịch UBND tỉnh … đối với ông Ngô Văn Tuấn`; the fact
        # spans the posts, so the posts written after the name (`với ông Đinh La Thăng (Bí thư
        # Thành uỷ TP HCM)`) stay a fact of their own
        person = person_text(held.group("person"))
        if not is_person(person, lexicon):
            return Reject("not-a-person", person)
        posts = former(posts, lexicon)
        found = [
            Found(start, end, officials_values(posts, person, held.group("honorific"), lexicon))
        ]
        position = held.end()
        while (more := names.in_list.match(sentence, position)) and (
            held.group("plural") or more.group("honorific")
        ):
            # `miễn nhiệm chức danh Uỷ viên UBND thành phố với các ông Lê Quang Nam, ông …`;
            # without `các`, a name that repeats the honorific (`đối với ông A và ông B`)
            person = person_text(more.group("person"))
            if not is_person(person, lexicon):
                break
            values = officials_values(posts, person, more.group("honorific"), lexicon)
            found.append(Found(more.start("person"), more.end(), values))
            position = more.end()
        return found
    if name is None:
        return Reject("no-name-after-posts")
    if leaving:
        posts = former(posts, lexicon)
    if "," in sentence[end : name.start]:
        if _holder_written_before(sentence, chain_start, lexicon):
            # `ông Lâm Đình Thắng - phó bí thư …, thiếu tướng Ngô Tuấn Nghĩa`, `ông A là thành
            # viên HĐQT, ông B là …`: a list
            return Reject("posts-of-the-name-before")
        if _possessed(sentence, chain_start, lexicon):
            # `Người phát ngôn của Tổng thống Palestine, ông Nabil Abu Rdeineh`
            return Reject("someone-else's-post")
        if lexicon.titles.indefinite_before.search(sentence, max(0, chain_start - 8), chain_start):
            # `một nghị sĩ của Quốc dân đảng (KMT), bà Hsu Shu - hu thuộc KMT tiến đến`
            return Reject("one-holder-of-several", name.person)
        if _names_an_event(sentence, chain_start, lexicon):
            # `Hội nghị Bộ trưởng Quốc phòng các nước ASEAN …, ông James Mattis`: the posts
            # name a meeting's members, not the name's post
            return Reject("an-event's-name", name.person)
        if not name.honorific and _places_listed(posts[-1].organization, lexicon):
            # `Trưởng công an các huyện Thanh Trì, Hoàng Mai`: the next place of the list
            return Reject("a-place-of-a-list", name.person)
    if not is_person(name.person, lexicon):
        return Reject("not-a-person", name.person)
    if holders.place_of_the_body(sentence, chain_start, end, name, posts, lexicon):
        return Reject("the-place-of-the-body", name.person)  # `Ông A, bí thư huyện uỷ Lý Sơn`
    values = officials_values(posts, name.person, name.honorific, lexicon)
    if lexicon.names.is_foreign(name.person) and not posts[-1].organization:
        values["organization"] = ""  # `cựu Thủ tướng Thaksin`: not Vietnam's Chính phủ
    found = [Found(start, name.end, values)]
    if lexicon.titles.plural_before.search(sentence, max(0, chain_start - 12), chain_start):
        while more := _next_in_list(sentence, found[-1].end, lexicon):
            person = person_text(more.group("person"))
            if not is_person(person, lexicon):
                break
            values = officials_values(posts, person, more.group("honorific"), lexicon)
            found.append(Found(more.start("person"), more.end(), values))
    return found


def _next_in_list(sentence: str, position: int, lexicon: Lexicon) -> regex.Match[str] | None:
    """The next name of a list after one post: a full name, or a name of another language of
    two words or more that names no city (`các Thượng nghị sĩ John McCain và Lindsey Graham`,
    `hai ứng cử viên Benoît Hamon và François Fillon`)."""
    names = lexicon.names
    if found := names.in_list.match(sentence, position):
        return found
    found = names.foreign_in_list.match(sentence, position)
    if found is None:
        return None
    person = person_text(found.group("person"))
    if " " not in person or not names.is_foreign(person) or person in names.foreign_cities:
        return None
    return found


def _set_off_opening_a_clause(
    sentence: str, person_start: int, posts_end: int, lexicon: Lexicon
) -> bool:
    """The name opens its clause (nothing or a punctuation mark before it) and a comma closes
    its posts before a lower-case word that starts no next name: the posts are set off on both
    sides, the name's own (`Lý Kiến Quốc, phó chủ tịch quốc hội Trung Quốc, cho biết`: a Chinese
    name read as a Vietnamese one). After a title or a verb (`Trao đổi với Bí thư Nguyễn Thiện
    Nhân, Phó thủ tướng Hà Lan cho rằng`) a foreign post is the subject of what follows."""
    before = sentence[:person_start].rstrip()
    if before and (before[-1].isalnum() or before[-1] in "-–"):
        return False
    closed = _COMMA_THEN_WORD.match(sentence, posts_end)
    return bool(
        closed
        and closed.group(1).islower()
        and closed.group(1) not in lexicon.names.honorifics
        and not lexicon.titles.title.match(sentence, closed.start(1))
    )


def _holder_written_before(sentence: str, chain_start: int, lexicon: Lexicon) -> bool:
    """A name written right before the posts holds them (`ông Nguyễn Giang Nam là thành viên
    độc lập HĐQT`, `ông Lâm Đình Thắng - phó bí thư …`)."""
    names, reach = lexicon.names, max(0, chain_start - _NAME_BEFORE_REACH)
    return bool(
        names.before_posts.search(sentence, reach, chain_start)
        or names.holder_before.search(sentence, reach, chain_start)
    )


def _inside_a_word(sentence: str, start: int, lexicon: Lexicon) -> bool:
    """The lower-case syllable at `start` ends a two-syllable word begun before it (`mức tăng
    trưởng`): no title starts there (a capital starts one: `chức vụ Phó chủ tịch`)."""
    words = lexicon.bodies.words
    first = _FIRST_WORD.match(sentence, start)
    if not (first and first.group(1).islower()):
        return False  # most titles are capitalized: tested before the search below
    before = _LAST_WORDS.search(sentence, max(0, start - 24), start)
    if not before:
        return False
    last, earlier = before.group(2).lower(), (before.group(1) or "").lower()
    # `chức vụ phó chủ tịch`: the syllable before already closes a word
    return f"{last} {first.group(1)}" in words and f"{earlier} {last}" not in words


def _title_after_prefix(sentence: str, start: int, lexicon: Lexicon) -> int | None:
    """Where the title after a prefix at `start` begins (`quyền | Tổng thống`); None when the
    word at `start` is no prefix or no title follows it."""
    first = _PREFIX_THEN_WORD.match(sentence, start)
    if first is None or first.group(1).lower() not in lexicon.titles.prefixes:
        return None
    return first.end() if lexicon.titles.title.match(sentence, first.end()) else None


def _names_an_event(sentence: str, chain_start: int, lexicon: Lexicon) -> bool:
    """The posts right after a capitalized event's opening (`Hội nghị`: gazetteers/
    event_openings.txt) are part of the event's name."""
    words = sentence[max(0, chain_start - 24) : chain_start].split()
    events = lexicon.bodies.event_openings
    return any(" ".join(words[-width:]) in events for width in events.widths if width <= len(words))


def _places_listed(organization: str, lexicon: Lexicon) -> bool:
    """The body's name lists places after a plural (`Công an các huyện Thanh Trì`)."""
    levels, plural = lexicon.places.level_words, lexicon.titles.plural_before
    return any(
        word.group() in levels
        and plural.search(organization, max(0, word.start() - 12), word.start())
        for word in _FIRST_WORD.finditer(organization)
    )


def _in_a_list_of_places(sentence: str, start: int, lexicon: Lexicon) -> bool:
    """A name right after a comma that follows places listed after a plural (`Trưởng công an
    các huyện Thanh Trì, | Hoàng Mai`): the next place of the list."""
    before = sentence[max(0, start - _NAME_BEFORE_REACH) : start].rstrip()
    return before.endswith(",") and _places_listed(before, lexicon)


def _possessed(sentence: str, chain_start: int, lexicon: Lexicon) -> bool:
    """The word right before the posts makes them someone else's (`của`:
    gazetteers/possessives.txt)."""
    words = sentence[max(0, chain_start - 24) : chain_start].split()
    phrases = lexicon.titles.possessives
    return any(" ".join(words[-width:]).lower() in phrases for width in phrases.widths)


def _after_a_place_word(match: Match, lexicon: Lexicon) -> bool:
    """`… tại Đồng Hới, Phó Thủ tướng …`, `xã Lý Văn Lâm, TP. Cà Mau`: after `tại`, `ở`, `về`
    or a place word a name is a place."""
    before = match.sentence.text[: match.spans["person"][0]].rstrip().rsplit(" ", 1)[-1]
    return (
        before.lower() in lexicon.titles.place_prepositions or before in lexicon.places.level_words
    )


def _inside_a_head(sentence: str, start: int, lexicon: Lexicon) -> bool:
    """The capitalized word right before a name opens a body's head word with the name's first
    word (`Thành Đoàn`, `Huyện Đoàn` + `Hà Nội`): the name is the body's place."""
    before = _CAPITALIZED_BEFORE.search(sentence, max(0, start - 12), start)
    if before is None:
        return False
    head_end = org_names.head_at(sentence, before.start(), lexicon)
    return head_end is not None and head_end > start


def _ends_a_body(sentence: str, span: tuple[int, int], lexicon: Lexicon) -> bool:
    """A name of two syllables ends the name of a body begun a few words before it (`Khu kinh
    tế mở Chu Lai`): the organization scanner reads it into that body."""
    start, end = span
    if sentence.count(" ", start, end) != 1:
        return False
    for word in _WORD_BEFORE.finditer(sentence, max(0, start - _BODY_REACH), start):
        head_end = org_names.head_at(sentence, word.start(), lexicon)
        if head_end is not None and head_end <= start:
            scanned = org_names.scan_name(sentence, word.start(), head_end, lexicon)
            if scanned.end >= end:
                return True
    return False


def _a_name(person: str, honorific: str | None, lexicon: Lexicon) -> bool:
    """A name of another language (`Yoonhee Kim`), or, after an honorific, any name of two
    words or more (`ông Sáu Khanh`)."""
    return bool(lexicon.names.is_foreign(person) or (honorific and len(person.split()) >= 2))


@normalizer(
    "officials.name_then_title",
    groups=("person", "chain"),
    optional=("honorific",),
    gazetteers=GAZETTEERS,
)
def name_then_title(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`ông Nguyễn Hữu Tín, SN 1957, cựu Phó Chủ tịch UBND TP. HCM`, `Hồ Quốc Dũng - Bí thư`,
    `bà Yoonhee Kim, Giám đốc Ban …`.

    In `Bí thư Nguyễn Thiện Nhân, Giám đốc Học viện … Trần Hoàng Ngân` the second posts
    belong to the name after them, not to the one before."""
    sentence = match.sentence.text
    written = match.group("person") or ""
    chain_start = match.spans["chain"][0]
    start = match.start
    between = sentence[match.spans["person"][1] : chain_start]
    if not _SEPARATOR.search(between):
        # `ông Đoàn Duy Hoạch Phó tổng giám đốc …`, `ông Lê Hoàng Quân thời điểm đó là …`: the
        # fact is the posts alone, so posts written before the name (`Vụ trưởng …, ông X là
        # Phó Hiệu trưởng …`) stay a fact of their own
        start = chain_start
    if not between.strip():
        # no separator: the name may have read a title's first word (`Hoạch Phó`, `Sơn Hạt |
        # trưởng`); give it back to the posts
        person_start = match.spans["person"][0]
        written, chain_start = holders.title_word_back(sentence, person_start, written, lexicon)
        start = chain_start
        if not lexicon.names.person.fullmatch(written):
            return Reject("no-name-before-posts")
        if sentence[chain_start].islower() and holders.bare_rank_at(sentence, chain_start, lexicon):
            return Reject("a-verb-after-the-name")  # `ông Phạm Quang Nghị phụ trách Đảng bộ …`
    posts, end = parse_posts(sentence, chain_start, lexicon)
    person, honorific = person_text(written), match.group("honorific")
    if not posts:
        return Reject("no-post")
    if not is_person(person, lexicon) or (
        honorific and names_a_province(f"{honorific} {person}", lexicon)
    ):
        return Reject("not-a-person", person)
    if _after_a_place_word(match, lexicon):
        return Reject("a-place-name", person)
    if not honorific and (
        _inside_a_head(sentence, match.spans["person"][0], lexicon)
        or _ends_a_body(sentence, match.spans["person"], lexicon)
    ):
        # `Bí thư Thành Đoàn Hà Nội, Chủ tịch …`, `Ban quản lý Khu kinh tế mở Chu Lai, phó …`
        return Reject("a-body's-name", person)
    if not honorific and _in_a_list_of_places(sentence, match.spans["person"][0], lexicon):
        return Reject("a-place-of-a-list", person)  # `… các huyện Thanh Trì, Hoàng Mai, Bí thư`
    if sentence[: match.start].rstrip().rsplit(" ", 1)[-1] in lexicon.names.no_post_leads:
        return Reject("a-pupil", person)  # `Em Sầm Đức Anh, trưởng nhóm …`
    if (
        posts[0].country
        and not honorific
        and not lexicon.names.is_foreign(person)
        and not _set_off_opening_a_clause(sentence, match.spans["person"][0], end, lexicon)
    ):
        # `Trao đổi với Bí thư Nguyễn Thiện Nhân, Phó thủ tướng Hà Lan cho rằng …`
        return Reject("a-foreign-post-after-a-vietnamese-name", person)
    if _held_abroad_only(posts[0].title, person, lexicon):
        # `Nguyễn Xuân Phúc, lãnh đạo tỉnh Quảng Bình …`: the name is another fact's holder
        # (`Thủ tướng Nguyễn Xuân Phúc`), no post of its own here
        return Reject("a-title-of-names-abroad", person)
    listed = respective.names_listed_before(sentence, match.spans["person"][0], lexicon)
    if sentence[match.spans["person"][1] : chain_start].strip() == "(" and (
        respective.respective_posts(sentence, chain_start, listed, lexicon)
    ):
        # `A, B và bà C (Giám đốc, Phó giám đốc và Kế toán …)`: names_then_respective_posts
        return Reject("posts-listed-respectively", person)
    own = holders.posts_of_this_holder(sentence, chain_start, end, posts, lexicon)
    if isinstance(own, Reject):
        return own
    posts, end = own
    values = officials_values(posts, person, honorific, lexicon)
    return [Found(start, end, values)]


@normalizer(
    "officials.foreign_name_then_title",
    groups=("person", "chain"),
    optional=("honorific",),
    gazetteers=GAZETTEERS,
)
def foreign_name_then_title(match: Match, lexicon: Lexicon) -> Normalized:
    """`bà Yoonhee Kim, Giám đốc Ban …`: as `name_then_title`, for the names it cannot read
    (a Vietnamese full name is left to it)."""
    written = match.group("person") or ""
    if lexicon.names.person.fullmatch(written):
        return Reject("a-vietnamese-name")
    if not _a_name(written, match.group("honorific"), lexicon):
        return Reject("not-a-name", written)
    return name_then_title(match, lexicon)


@normalizer("officials.short_reference", kinds=("tokens", "regex"))
def short_reference(match: Match, lexicon: Lexicon) -> dict[str, Any]:
    """`ông Tín`: the given name alone, resolved against the article's full names."""
    words = match.text.split()
    return {
        "person": None,
        "given": words[-1],
        "title": None,
        "organization": None,
        "honorific": words[0].lower(),
    }


@normalizer(
    "officials.short_name_then_verb",
    groups=("given", "chain"),
    optional=("honorific",),
    gazetteers=GAZETTEERS,
)
def short_name_then_verb(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`Bà Yên là Tổng giám đốc Công ty Hợp Thành`: the posts of a later mention by given
    name; the resolver finds the full name the article wrote before."""
    sentence = match.sentence.text
    posts, end = parse_posts(sentence, match.spans["chain"][0], lexicon)
    if not posts:
        return Reject("no-post")
    if name_after_posts(sentence, end, posts, lexicon, tight=True):
        return Reject("posts-of-the-next-name")  # `ông Bình là Phó chủ tịch VAMC Nguyễn …`
    if lexicon.names.replaced_holder.match(sentence, end):
        return Reject("posts-of-the-one-replaced")  # `… làm Chủ tịch Hà Tĩnh thay ông …`
    if _held_abroad_only(posts[0].title, match.group("given") or "", lexicon):
        return Reject("a-title-of-names-abroad")  # `Ông Thảo cũng là lãnh đạo UBND thành phố`
    values = officials_values(posts, "", match.group("honorific"), lexicon)
    return [Found(match.start, end, {**values, "person": None, "given": match.group("given")})]


@normalizer(
    "officials.names_then_verb",
    groups=("names", "chain"),
    optional=("honorific", "former"),
    gazetteers=GAZETTEERS,
)
def names_then_verb(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`Hai ông Phạm Biên Cương, Vương Bình Thạnh được bầu làm Phó Bí thư Tỉnh ủy An Giang`:
    every name listed takes the posts after the verb; after a verb of leaving office
    (`former`: `bị cho thôi chức`) the posts are former ones."""
    sentence = match.sentence.text
    posts, end = parse_posts(sentence, match.spans["chain"][0], lexicon)
    if not posts:
        return Reject("no-post")
    if match.group("former"):
        posts = former(posts, lexicon)
    own = holders.posts_of_this_holder(sentence, match.spans["chain"][0], end, posts, lexicon)
    if isinstance(own, Reject):
        return own
    posts, _ = own
    names_start, names_end = match.spans["names"]
    found = []
    honorific = match.group("honorific")
    for name in lexicon.names.person.finditer(sentence, names_start, names_end):
        person = person_text(name.group())
        before = sentence[names_start : name.start()].rstrip().rsplit(" ", 1)[-1]
        if before in lexicon.names.honorifics:  # `… Nguyễn Văn Vũ và bà Phạm Thị Hồng Hương`
            honorific = before
        if is_person(person, lexicon) and not _held_abroad_only(posts[0].title, person, lexicon):
            values = officials_values(posts, person, honorific, lexicon)
            found.append(Found(name.start(), name.end(), values))
    return found or Reject("not-a-person")


@normalizer(
    "officials.names_then_respective_posts",
    groups=("names", "chain"),
    optional=("honorific",),
    gazetteers=GAZETTEERS,
)
def names_then_respective_posts(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`Các ông Trần Trương Hiển, Nguyễn Quốc Vinh và bà Nguyễn Phạm Đài Trang (Giám đốc, Phó
    giám đốc và Kế toán Trung tâm …)`: each name holds the post listed in its place."""
    sentence = match.sentence.text
    names = list(lexicon.names.person.finditer(sentence, *match.spans["names"]))
    posts = respective.respective_posts(sentence, match.spans["chain"][0], len(names), lexicon)
    if posts is None:
        return Reject("not-listed-respectively")
    found = []
    honorific = match.group("honorific")
    names_start = match.spans["names"][0]
    for name, post in zip(names, posts, strict=True):
        before = sentence[names_start : name.start()].rstrip().rsplit(" ", 1)[-1]
        if before.lower() in lexicon.names.honorifics:
            honorific = before
        person = person_text(name.group())
        if post is not None and is_person(person, lexicon):
            values = officials_values((post,), person, honorific, lexicon)
            found.append(Found(name.start(), name.end(), values))
    return found or Reject("no-post")


def _deputies_of(text: ArticleText[Lexicon]) -> tuple[str, str]:
    """What a bare `đại biểu` is in this article: a deputy of the elected body it names most
    (gazetteers/deputy_bodies.yml), as (title, organization); ('', '') when it names none."""
    titles = text.lexicon.titles
    counts: Counter[str] = Counter()
    for sentence in text.sentences:
        for body in titles.deputy_body.findall(sentence.text):
            counts[titles.deputy_titles[body]] += 1
    if not counts:
        return "", ""
    title = counts.most_common(1)[0][0]
    return title, titles.implied_body.get(title) or ""


def _full_name_of(
    short: str, post: str, mentions: Counter[str], posts_of: dict[str, set[str]]
) -> str:
    """The longest full name the article gives that ends with `short`; between two as long
    (`Ivanka Trump`, `Donald Trump` for `Tổng thống Trump`), the one that holds the same post,
    then the one named most, then the first in alphabetical order, so that a run gives the same
    rows whatever the process's hashing."""
    ending = [name for name in mentions if name.endswith(" " + short)]
    if not ending:
        return short
    return min(
        ending, key=lambda name: (-len(name), post not in posts_of[name], -mentions[name], name)
    )


def _spellings(full: list[Candidate]) -> dict[str, str]:
    """An evident slip in a family name → the spelling the article uses most: the same given
    names (two syllables or more) and the same first post (`Chủ tịch Quốc hội Đặng Thị Kim
    Ngân` once, Nguyễn Thị Kim Ngân nine times)."""
    counts = Counter(c.values["person"] for c in full)
    by_given: dict[tuple[str, str], list[str]] = {}
    for cand in full:
        given = cand.values["person"].partition(" ")[2]
        if given.count(" ") >= 1:
            post = cand.values["title"].split("; ")[0]
            by_given.setdefault((given, post), []).append(cand.values["person"])
    spelling: dict[str, str] = {}
    for spelled in by_given.values():
        most = max(spelled, key=lambda name: counts[name])
        for name in spelled:
            if counts[name] < counts[most]:
                spelling[name] = most
    return spelling


def _vietnamese_with_a_title_abroad(cand: Candidate, lexicon: Lexicon) -> bool:
    """A Vietnamese name with a title that is a post only of a name of another language
    (gazetteers/titles_of_names_abroad.txt: `cương vị người đứng đầu, ông Trịnh Xuân Thanh`)."""
    name = cand.values.get("person") or cand.values.get("given")
    return bool(name) and _held_abroad_only(str(cand.values.get("title") or ""), str(name), lexicon)


def _held_abroad_only(title: str, name: str, lexicon: Lexicon) -> bool:
    """A title that is a post only of a name of another language (titles_of_names_abroad.txt),
    given to a name that is not one. With its country the title is a country's leader, of
    any name: `Lãnh đạo Đài Loan` Thái Anh Văn, read in Sino-Vietnamese (guide, Round 3)."""
    bare = title_prefix(title, lexicon)[1]
    # the longest title the post starts with: `Chỉ huy trưởng` is no `Chỉ huy`; a title that
    # is also a verb is read in lower case only (titles_also_verbs.txt), so is looked up here
    found = lexicon.titles.title.match(bare)
    abroad = lexicon.titles.of_names_abroad
    head = (
        lexicon.titles.canonical(found.group("title"))
        if found
        else next((t for t in abroad if bare == t or bare.startswith(f"{t} ")), bare)
    )
    if found and bare[found.end() :].strip() in lexicon.titles.countries:
        return False
    return head in abroad and not lexicon.names.is_foreign(name)


@resolver("officials", gazetteers=places.GAZETTEERS)
def resolve_officials(candidates: list[Candidate], text: ArticleText[Lexicon]) -> list[Candidate]:
    """A later `ông Tín` becomes Nguyễn Hữu Tín with his posts; unresolved ones are dropped.

    A name of one or two words is the longest full name that ends with it (`Thủ tướng Abe` →
    Shinzo Abe, `đại biểu Kim Hồng` → Nguyễn Thị Kim Hồng); a slip in a family name takes the
    spelling the article uses most (GUIDE.md, Round 3). A bare provincial body takes the
    article's province (`Tỉnh ủy` → `Tỉnh ủy Long An`). A bare `đại biểu` is a deputy of the
    elected body the article is about, and dropped in an article about neither."""
    province = province_of(text)
    candidates = [
        c
        for c in candidates
        if not (c.values.get("person") and holders.named_as_a_place(c, candidates, text))
        and not _vietnamese_with_a_title_abroad(c, text.lexicon)
    ]
    full = [c for c in candidates if c.values.get("person")]
    spelling = _spellings(full)
    mentions: Counter[str] = Counter()
    posts_of: dict[str, set[str]] = {}
    for cand in full:
        person = str(spelling.get(cand.values["person"], cand.values["person"]))
        mentions[person] += 1
        posts_of.setdefault(person, set()).add(cand.values["title"])
    deputies: tuple[str, str] | None = None
    for cand in full:
        person = str(spelling.get(cand.values["person"], cand.values["person"]))
        if person.count(" ") < 2:  # `Thủ tướng Abe` after `Shinzo Abe`
            person = _full_name_of(person, cand.values["title"], mentions, posts_of)
        if " " not in person and text.lexicon.names.is_foreign(person):
            person = holders.only_full_name(person, text) or person
        cand.values = {**cand.values, "person": person}
        organization, _ = attach_place(cand.values["organization"], province, {}, text.lexicon)
        cand.values = {**cand.values, "organization": organization}
        prefix, bare = title_prefix(cand.values["title"], text.lexicon)
        if (
            bare == text.lexicon.titles.deputy_title
        ):  # `nguyên Đại biểu` too (`bãi nhiệm đại biểu … đối với ông X`)
            deputies = deputies or _deputies_of(text)
            title, body = deputies
            title = f"{prefix} {title}" if prefix and title else title
            cand.values = {**cand.values, "title": title, "organization": organization or body}
    full = [c for c in full if c.values["title"]]
    out = []
    for cand in candidates:
        given = cand.values.pop("given", None)
        if given is None:
            if cand.values.get("title"):
                out.append(cand)
            continue
        earlier = [
            c
            for c in full
            if c.values["person"].split()[-1] == given and c.sentence.index <= cand.sentence.index
        ]
        if cand.values.get("title"):  # its own posts: `Bà Yên là Tổng giám đốc …`
            holder = (
                earlier[-1].values["person"]
                if earlier
                else holders.written_before(given, cand, text)
            )
            if holder:
                organization, _ = attach_place(
                    cand.values["organization"], province, {}, text.lexicon
                )
                cand.values = {**cand.values, "person": holder, "organization": organization}
                out.append(cand)
        elif earlier:
            known = earlier[-1].values
            cand.values = {**known, "honorific": cand.values["honorific"]}
            out.append(cand)
    return out
