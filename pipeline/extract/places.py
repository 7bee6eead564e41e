"""Places of bodies: the article's province, and bare bodies given the place they stand for."""

from __future__ import annotations

import bisect
import functools

import regex

from pipeline.engine.contracts import ArticleText, Candidate
from pipeline.extract.lexicon import Lexicon, Places
from pipeline.extract.name_scan import joined_parent_start
from pipeline.extract.org_tokens import head_at

#: what the resolvers that place bodies read
GAZETTEERS = Places.GAZETTEERS


_SCHEME = regex.compile(r"^https?://")
#: how many sentences back a province still names the section a bare body stands in
_SECTION_SENTENCES = 4


def province_of(text: ArticleText[Lexicon]) -> str | None:
    """The article's province or city: its paper's (source / host), else the most named one.

    Worked out once per article: the officials' and the organizations' resolvers both ask."""
    if "province" not in text.facts:
        text.facts["province"] = _find_province(text)
    province: str | None = text.facts["province"]
    return province


def paper_province(text: ArticleText[Lexicon]) -> str | None:
    """The province of the article's paper (source / host), if it is a provincial paper."""
    places = text.lexicon.places
    article = text.article
    host = _SCHEME.sub("", article.url or "").split("/")[0]
    for key in (article.source, host, host.removeprefix("www.")):
        if key and key in places.source_provinces:
            return places.source_provinces[key]
    return None


def other_kind_province(text: ArticleText[Lexicon]) -> str | None:
    """The most named province of an article whose place is a centrally-run city: a bare `Tỉnh
    ủy` in an article about TP HCM is the Tỉnh ủy of the province it names (`Tỉnh ủy viên, Phó
    Chủ tịch UBND tỉnh Đồng Tháp`); a city has a Thành ủy, a province a Tỉnh ủy."""
    province = province_of(text)
    if province is None:
        return None
    cities = text.lexicon.places.cities
    counts: dict[str, int] = text.facts.get("province_counts") or {}
    if province not in cities:
        return None  # a bare `Thành ủy` of a province's article may be its own city's
    others = [p for p in counts if p not in cities and p not in text.lexicon.places.countries]
    return max(others, key=lambda name: counts[name]) if others else None


def _city_short_form(name: str, places: Places) -> str:
    """`HCM` (of `TP HCM`) is the city's name, `Hồ Chí Minh` (province_short_forms.yml); any
    other name as written."""
    return places.short_forms.get(name, name)


def _find_province(text: ArticleText[Lexicon]) -> str | None:
    places = text.lexicon.places
    counts: dict[str, int] = {}
    text.facts["province_counts"] = counts
    paper = paper_province(text)
    if paper:
        return paper
    for sentence in text.sentences:
        for found in places.province.finditer(sentence.text):
            name = _city_short_form(found.group(), places)
            # a province written short (`BR - VT`: abbreviations.yml) is counted by its name
            name = text.lexicon.bodies.abbreviations.get(name, name)
            if name != places.home_country:
                counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda name: counts[name]) if counts else None


def nearest_province(text: ArticleText[Lexicon], cand: Candidate) -> str | None:
    """In an article about several provinces (a digest of the Central Inspection Committee's
    decisions), the province named last before a candidate: a bare `UBND tỉnh` or `Tỉnh ủy` is
    the one of the section it stands in. None for a provincial paper's article, an article
    about a city, or one that names a single province."""
    if "named_provinces" not in text.facts:
        province, places = province_of(text), text.lexicon.places
        named = _named_provinces(text)
        several = len(named) > 1 and province not in places.cities and not paper_province(text)
        text.facts["named_provinces"] = _mentions(text, named if several else [])
    return _nearest(text.facts["named_provinces"], cand)


def nearest_other_kind_province(text: ArticleText[Lexicon], cand: Candidate) -> str | None:
    """In an article about a centrally-run city, the province (not a city) named last before a
    candidate, in its section: `Tại Kiên Giang, ông … được bầu giữ chức Bí thư Tỉnh ủy` is
    Kiên Giang's Tỉnh ủy, not the one the article names most (`other_kind_province`)."""
    if "other_kind_mentions" not in text.facts:
        named = _named_provinces(text)
        city = province_of(text) in text.lexicon.places.cities and not paper_province(text)
        text.facts["other_kind_mentions"] = _mentions(text, named if city else [])
    return _nearest(text.facts["other_kind_mentions"], cand)


def _named_provinces(text: ArticleText[Lexicon]) -> list[str]:
    """The provinces the article names (as `province_of` counted them), not the
    centrally-run cities nor countries."""
    places = text.lexicon.places
    counts: dict[str, int] = text.facts.get("province_counts") or {}
    return [p for p in counts if p not in places.cities and p not in places.countries]


def _mentions(text: ArticleText[Lexicon], named: list[str]) -> list[tuple[int, int, str]]:
    """Where the article writes each of the provinces `named`: (sentence, offset, province)."""
    return [
        (sentence.index, found.start(), found.group())
        for sentence in (text.sentences if named else ())
        for found in text.lexicon.places.province.finditer(sentence.text)
        if found.group() in named
    ]


def _nearest(mentions: list[tuple[int, int, str]], cand: Candidate) -> str | None:
    """The province of `mentions` in the candidate's sentence (`Phó Bí thư Tỉnh ủy, Chủ tịch
    UBND tỉnh Đắk Nông`), else the last one before it in its section."""
    index = cand.sentence.index
    at = bisect.bisect_left(mentions, (index, cand.start, ""))
    if at < len(mentions) and mentions[at][0] == index:
        return mentions[at][2]  # `Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Đắk Nông`
    if at and index - mentions[at - 1][0] <= _SECTION_SENTENCES:
        return mentions[at - 1][2]
    return None


def _province_phrase(province: str, places: Places) -> str:
    """How a province follows a body's name: `tỉnh Long An`, `Thành phố Hồ Chí Minh`."""
    word = places.city_word_in_name if province in places.cities else places.province_word
    return f"{word} {province}"


def _committee_opener(province: str | None, places: Places) -> str:
    """The first word of the place's own bodies: a province has a Tỉnh ủy, a centrally-run
    city a Thành ủy (defines PROVINCE_COMMITTEE_OPENER, CITY_COMMITTEE_OPENER)."""
    if province in places.cities:
        return places.city_committee_opener
    return places.province_committee_opener


def with_level_word(name: str, place: str | None, lexicon: Lexicon) -> str:
    """`Công an Đồng Nai` → `Công an tỉnh Đồng Nai`, `Phòng CSGT Công an Đà Nẵng` → `… Công an
    Thành phố Đà Nẵng`: a body named with its province's level word
    (bodies_named_with_a_level_word.txt) written before a province or city with none takes it
    (GUIDE.md Round 19); a country's (`Bộ Công an Lào`) is no province's."""
    places = lexicon.places
    if not place or not name.endswith(" " + place) or place in places.countries:
        return name
    province = lexicon.bodies.expand(place)
    if province not in places.provinces:
        return name
    before = name[: -len(place) - 1]
    if not any(before == b or before.endswith(" " + b) for b in places.named_with_a_level_word):
        return name
    phrase = _province_phrase(province, places)
    return f"{before} {phrase.removesuffix(province)}{place}"


def attach_place(
    name: str,
    province: str | None,
    places_named: dict[str, str],
    lexicon: Lexicon,
    other_province: str | None = None,
) -> tuple[str, str | None]:
    """`Tỉnh ủy` → `Tỉnh ủy Long An`; `Đảng bộ tỉnh` → `Đảng bộ tỉnh Long An`; `HĐND` →
    `Hội đồng nhân dân Thành phố Hồ Chí Minh`; `UBMTTQ Việt Nam xã` → `… xã Thạnh Lợi` when the
    article named that commune (`places_named`: level word → place). Returns (name, place)."""
    places = lexicon.places
    # a province has a Tỉnh ủy, a centrally-run city a Thành ủy
    committee = _committee_opener(province, places)
    other_kind = name.endswith(places.province_committees) and name.split()[-2] != committee
    if other_province and other_kind:
        # the committee of the other kind of place: the one of that kind the article names
        province = other_province
        committee = _committee_opener(province, places)
    if province and name.endswith(places.province_committees) and name.split()[-2] == committee:
        written = (
            _province_phrase(province, places)
            if province in places.written_with_level_word
            else province
        )
        return f"{name} {written}", province
    if province and name in places.placed_by_province:
        return f"{name} {_province_phrase(province, places)}", province
    lower = name.lower()
    for level in places.local_level_words:
        if lower.endswith(" " + level):
            place = province if level == places.province_word else places_named.get(level)
            if level == places.province_word and province in places.cities:
                place = None  # a city has no `tỉnh`: the body is of a province left unnamed
            if level == places.city_word and province in places.cities:
                place = province
            if place:
                return f"{name} {place}", place
    # `Huyện ủy`, and a body of it written with it (`Ban Thường vụ Huyện ủy`, `Ủy ban Kiểm tra
    # Huyện ủy`), in an article naming `huyện Quế Sơn`: `… Huyện ủy Quế Sơn`
    district = next(
        (c for c in places.district_committees if name == c or name.endswith(" " + c)), None
    )
    level_word = places.district_committees.get(district) if district else None
    if level_word and places_named.get(level_word):
        return f"{name} {places_named[level_word]}", places_named[level_word]
    return name, None


def place_shared_after(
    name: str, cand: Candidate, province: str | None, lexicon: Lexicon
) -> tuple[str, str | None]:
    """`Đảng bộ, chính quyền và nhân dân huyện Tuy Phước`: a bare body a province names
    (bodies_placed_by_province.txt) listed with the people and powers of a place shares that
    place, as bodies listed together share the place at the end (GUIDE.md): `Đảng bộ huyện Tuy
    Phước`, not the paper's province. Without the place's name (`… cùng nhân dân trong huyện`)
    the body takes the level word, for `attach_place` to give the article's place of that
    level. Returns (name, place); place None where `attach_place` is still to place it, and the
    name unchanged where the place is the article's province (`… nhân dân tỉnh`)."""
    places = lexicon.places
    if name not in places.placed_by_province or cand.values.get("location"):
        return name, None
    found = places.shared_place.match(cand.sentence.text, cand.end)
    if not found:
        return name, None
    level = found.group("level")
    written = _city_short_form(found.group("name"), places)
    if places.levels[level] == "province":
        if written in places.provinces:  # `… nhân dân tỉnh Quảng Bình`, `… TP HCM`
            return f"{name} {_province_phrase(written, places)}", written
        if level.lower() == places.province_word or (not written and province in places.cities):
            return name, None  # `… nhân dân tỉnh`, `… thành phố` in a city's article: its own
    full = places.city_word if places.levels[level] == "province" else level.lower()
    if full not in places.local_level_words:
        return name, None  # `… nhân dân Q. 1`: a place word written short
    if written:
        return f"{name} {full} {written}", written
    return f"{name} {full}", None


def districts_in_parentheses(text: str, places_named: dict[str, str], lexicon: Lexicon) -> None:
    """`xã Nghi Trung (Nghi Lộc, Nghệ An)`: the district written bare after a commune is the
    article's district (`huyện` → `Nghi Lộc`) where the article has named none with its place
    word (rules/gazetteers/districts_of_communes.yml)."""
    places = lexicon.places
    for found in places.commune_then_district.finditer(text):
        district = found.group("district")
        if district.split(" ", 1)[0] in places.level_words:
            continue  # `phường Tân Mai (TP Biên Hoà, Đồng Nai)`: a place word of its own
        places_named.setdefault(places.districts_of_communes[found.group("level")], district)


def share_places(candidates: list[Candidate], lexicon: Lexicon) -> None:
    """`Huyện ủy - HĐND - UBND huyện Hoài Ân`: a list of bodies shares the place at its end."""
    tail_re = _place_tail_re(lexicon)
    #: the place a committee took without its place word, for the bodies listed before it
    #: (`Hội đồng nhân dân, Thành ủy và Ủy ban thành phố Hạ Long`)
    passed_on: dict[int, str] = {}
    for later, earlier in zip(candidates[::-1], candidates[-2::-1], strict=False):
        if earlier.sentence.index != later.sentence.index or earlier.values.get("location"):
            continue
        if earlier.values["name"].split()[-1] in lexicon.places.level_words:
            continue  # `Cục Thuế tỉnh`: its own place word, left for the article's province
        if _ends_with_a_level(earlier.values["name"], lexicon) or _of_a_central_body(
            earlier.values["name"], lexicon
        ):
            continue  # `Đảng ủy Công an Trung ương, Thành ủy TP HCM`: central, of no place
        if _names_its_parent(earlier, lexicon):
            continue  # `Ban Biên tập báo Nhà báo và Công luận, Huyện ủy, UBND huyện …`
        if not lexicon.places.list_glue.fullmatch(earlier.sentence.text[earlier.end : later.start]):
            continue
        if _a_department_before_a_district(earlier, later, lexicon):
            continue  # `Sở Tài chính, Tài nguyên và Môi trường, UBND quận 1`: the province's
        tail = tail_re.search(later.values["name"]) if later.values.get("location") else None
        if tail and _level_word_added(later, tail.group(), lexicon):
            tail = None  # `Phòng CSGT - Công an Đà Nẵng`: a level word the text did not write
        shared = tail.group() if tail else passed_on.get(id(later))
        if shared and earlier.values.get("level") != "central":
            level = _level_of_committee(earlier.values["name"], lexicon)
            if level is not None:
                if not shared.startswith(level + " "):
                    continue  # `Tỉnh ủy, UBND huyện …`: not the province's committee
                # `Tỉnh ủy, UBND tỉnh Nghệ An`: the committee names its level itself
                passed_on[id(earlier)] = shared
                shared = later.values["location"]
            earlier.values = {
                **earlier.values,
                "name": f"{earlier.values['name']} {shared}",
                "location": later.values["location"],
                "level": later.values["level"],
            }
        elif not later.values.get("location"):
            _share_level_word(earlier, later, lexicon)


def _names_its_parent(cand: Candidate, lexicon: Lexicon) -> bool:
    """Whether a unit is named with its parent joined by a lower-case head (`Ban Biên tập báo
    Nhà báo và Công luận`: name_scan.joined_parent): it is that parent's, whose own name holds
    its place, and takes none from the bodies listed after it, as the parent's own row takes
    none."""
    text = cand.sentence.text
    own_head = head_at(text, cand.start, lexicon)
    return (
        own_head is not None
        and joined_parent_start(text, cand.start, cand.end, own_head, lexicon) is not None
    )


def _level_word_added(cand: Candidate, tail: str, lexicon: Lexicon) -> bool:
    """Whether the place word of a body's place was added by `with_level_word`
    (`Công an Đà Nẵng` → `Công an Thành phố Đà Nẵng`), not written by the text."""
    before = cand.values["name"][: -len(tail)].rstrip()
    bodies = lexicon.places.named_with_a_level_word
    if not any(before == b or before.endswith(" " + b) for b in bodies):
        return False
    written = lexicon.bodies.expand(cand.sentence.text[cand.start : cand.end])
    return tail.casefold() not in written.casefold()


def _a_department_before_a_district(earlier: Candidate, later: Candidate, lexicon: Lexicon) -> bool:
    """Whether a province's department (`Sở`: sector_heads.txt) comes before a body of a
    district or a commune, whose place is not the department's."""
    head, entry = lexicon.bodies.head_of(earlier.values["name"])
    return (
        head in lexicon.bodies.sector_heads
        and entry is not None
        and entry.level == "province"
        and later.values.get("level") in ("district", "commune")
    )


def _level_of_committee(name: str, lexicon: Lexicon) -> str | None:
    """The place word a committee's head stands for (`Tỉnh ủy` → `tỉnh`, `Huyện ủy` → `huyện`,
    `Thành ủy` → `thành`), when the name ends with one (province_committees.txt,
    district_committees.yml); else None."""
    places = lexicon.places
    for committee in places.province_committees:
        if name == committee or name.endswith(" " + committee):
            return committee.split()[0].lower()
    for committee, level in places.district_committees.items():
        if name == committee or name.endswith(" " + committee):
            return level
    return None


def _ends_with_a_level(name: str, lexicon: Lexicon) -> bool:
    """`… Trung ương`, `… tối cao` (rules/gazetteers/name_level_words.txt)."""
    words = name.lower().split()
    return any(" ".join(words[-n:]) in lexicon.bodies.level_words for n in (1, 2))


def _of_a_central_body(name: str, lexicon: Lexicon) -> bool:
    """`Thanh tra Chính phủ`, `Văn phòng Chính phủ`: a unit whose name ends with a central body
    that is complete in itself (org_heads.yml) is central, of no place; not one of a province's
    deputies (`Văn phòng Đoàn đại biểu Quốc hội`, `Hội đồng bầu cử đại biểu Quốc hội`)."""
    words = name.split()
    for n in (1, 2):
        entry = lexicon.bodies.heads.get(" ".join(words[-n:])) if len(words) > n else None
        if entry is not None and entry.level == "central" and entry.complete:
            return " ".join(words[-n - 2 : -n]).casefold() != lexicon.titles.deputy_word
    return False


def _share_level_word(earlier: Candidate, later: Candidate, lexicon: Lexicon) -> None:
    """`viện kiểm sát, công an huyện`: a bare body every place has takes the place word the
    next body of its list ends with, and then the article's place of that level."""
    name = earlier.values["name"]
    head, entry = lexicon.bodies.head_of(name)
    if name != head or not entry or not entry.placed or entry.level:
        return  # `Huyện ủy, UBND huyện`: a committee names its level itself
    later_name = later.values["name"].lower()
    level = next(
        (w for w in lexicon.places.local_level_words if later_name.endswith(" " + w)), None
    )
    if level:
        earlier.values = {
            **earlier.values,
            "name": f"{name} {level}",
            "level": later.values["level"],
        }


@functools.lru_cache(maxsize=8)
def _place_tail_re(lexicon: Lexicon) -> regex.Pattern[str]:
    """A place word and the place's name after it, to the end (built once per lexicon)."""
    words = sorted(
        {w for w in lexicon.places.level_words if not w.endswith(".") and w != "TP"},
        key=len,
        reverse=True,
    )
    return regex.compile("(?:" + "|".join(map(regex.escape, words)) + r") [^ ].*$")


def district_of_committee(name: str, places_named: dict[str, str], lexicon: Lexicon) -> None:
    """`Quận ủy Liên Chiểu` names the district `quận Liên Chiểu` as `quận Liên Chiểu` does: a
    bare `UBND quận` later in the article is its (rules/gazetteers/district_committees.yml)."""
    for committee, level in lexicon.places.district_committees.items():
        rest = name[len(committee) + 1 :] if name.startswith(committee + " ") else ""
        words = rest.split(" ")
        # not `Quận ủy Quận 9` (a numbered district) nor a name of one syllable (`Thị ủy T`)
        if (
            len(words) > 1
            and words[0][:1].isupper()
            and words[0].lower() not in lexicon.places.level_words
        ):
            places_named.setdefault(level, rest)
            return


#: two syllables of a Vietnamese place written glued (`EaPô`, `VũngLiêm`): where they meet;
#: not a name of another language written in camel case (`McAllen`), all in ASCII
_GLUED = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})")
_NOT_ASCII = regex.compile(r"[^\x00-\x7f]")


def spaced(place: str) -> str:
    """`xã EaPô` → `Ea Pô`, `huyện VũngLiêm` → `Vũng Liêm`: a place's syllables written glued
    are the place written spaced, as the article writes it elsewhere; a bare body the article
    places by it (`Huyện ủy` → `Huyện ủy Vũng Liêm`) takes it so. A body named with it keeps it
    as written."""
    return " ".join(
        _GLUED.sub(" ", word) if _NOT_ASCII.search(word) else word for word in place.split(" ")
    )
