"""The organizations resolver: the article's places attached to bare bodies (`UBND huyện` of the
article's district), the bodies named inside other bodies listed too (`Đảng ủy Công ty CP An
Phú` → `Công ty CP An Phú`), short forms merged with their full names, one spelling per place.
The rows it reads are found by the normalizers of `organizations`."""

from __future__ import annotations

import bisect
import functools
import itertools
from typing import Any

import regex

from pipeline.engine.contracts import (
    ArticleText,
    Candidate,
    resolver,
)
from pipeline.extract import org_names, places
from pipeline.extract.lexicon import Head, Lexicon
from pipeline.extract.org_aliases import spelled_out
from pipeline.extract.org_bare_units import complete_bare_units
from pipeline.extract.org_foreign import brand_after_descriptor, merge_bare_names
from pipeline.extract.org_names import (
    describe,
    head_at,
    joined_parent_start,
    place_word_count,
    scan_name,
    starts_with,
)
from pipeline.extract.org_sources import credited_names
from pipeline.extract.organizations import (
    EVERY_PLACE,
    after_a_post,
    full_name,
    joined_as_and,
    not_a_body,
    official_sector_names,
    short_legal_form,
    standard_sector,
)
from pipeline.extract.places import (
    attach_place,
    nearest_other_kind_province,
    nearest_province,
    other_kind_province,
    paper_province,
    province_of,
    share_places,
    with_level_word,
)


@resolver("organizations", gazetteers=org_names.GAZETTEERS + places.GAZETTEERS)
def resolve_organizations(
    candidates: list[Candidate], text: ArticleText[Lexicon]
) -> list[Candidate]:
    """Attach the article's places to bare bodies and list the bodies named inside others."""
    lexicon = text.lexicon
    province = province_of(text)
    other = other_kind_province(text)
    places_named: dict[str, str] = {}
    out: list[Candidate] = []
    place_re = _place_re(lexicon)
    share_places(candidates, lexicon)
    spelled_out(candidates, lexicon)
    for cand in candidates:
        _numbered_place(cand, lexicon)
    paper = paper_province(text)
    placed_names = {
        c.values["name"]: c.values["location"] for c in candidates if c.values.get("location")
    }
    sentences = iter(text.sentences)
    current = -1
    nested: list[Candidate] = []
    #: a bare body placed by the people listed with it (`place_shared_after`): its name, place
    shared_before: dict[str, tuple[str, str]] = {}
    for cand in candidates:
        if cand.values.get(EVERY_PLACE):  # `các sở GD-ĐT`: every province's, no place
            out.append(cand)
            continue
        while current < cand.sentence.index:
            sentence = next(sentences, None)
            if sentence is None:
                break
            current = sentence.index
            for found in place_re.finditer(sentence.text):
                if _level_word_in_a_word(sentence.text, found, lexicon):
                    continue  # `Cục Điều tra Liên bang James Comey`: no state's name
                words = found.group(2).split()
                # `huyện Phú Quốc Mai Văn Huỳnh`: the place stops where a person's name starts
                known = lexicon.places.province_prefix.match(found.group(2))
                count = len(known.group().split()) if known else 0
                if not known or found.group(1) not in lexicon.places.province_level_words:
                    # a commune named longer than a province (`xã Hưng Yên Bắc`)
                    count = max(count, place_word_count(words, lexicon))
                if count:
                    places_named[found.group(1)] = places.spaced(" ".join(words[:count]))
            places.districts_in_parentheses(sentence.text, places_named, lexicon)
        bare = cand.values["name"]
        pair = _both_countries(bare, cand, text)
        if pair:
            # `hải quân hai nước`: the body of each of the two countries named together before
            # it
            for country in pair:
                values = {**cand.values, "name": f"{bare} {country}", "location": country}
                out.append(Candidate(cand.rule, cand.sentence, cand.start, cand.end, values))
            continue
        if pair is not None and (cand.text[:1].islower() or cand.rule.id == _TITLE_HEAD):
            # `quân đội hai nước`, `Bộ trưởng Quốc phòng hai nước` of two countries not named
            # together: unknown
            continue
        near = nearest_province(text, cand)  # an article about several provinces
        near_other = nearest_other_kind_province(text, cand) or other
        # `Đảng bộ, chính quyền và nhân dân huyện Tuy Phước`: the place of the people listed
        shared, place = places.place_shared_after(bare, cand, province, lexicon)
        if place is None:
            name, place = attach_place(shared, near or province, places_named, lexicon, near_other)
        else:
            name = shared
        if shared != bare and place:
            shared_before[bare] = (name, place)
        elif bare in shared_before and not cand.values.get("location"):
            # … and `Đảng bộ` written bare again later: the body the article placed so
            name, place = shared_before[bare]
        if not place and not cand.values.get("location"):
            of_country = _of_the_passage_country(bare, name, cand, text, placed_names)
            if of_country is None:
                continue  # `không quân nước này` of no country the article names
            name, place = of_country
        if (
            not paper
            and name not in placed_names
            and shared == bare
            and _state_body(bare, lexicon)
            and not after_a_post(cand.sentence.text, cand.start, lexicon)
            and not _listed_with_the_committee(cand, near or province, lexicon)
        ):
            continue  # `HĐND và UBND` of no province the article names: kinds of bodies
        if not place and not cand.values.get("location") and _placed_in_lower_case(cand, lexicon):
            continue  # `phó trưởng công an xã`: any commune's, where the article names none
        if place:
            cand.values = {**cand.values, "name": name, "location": place}
        out.append(cand)
        places.district_of_committee(cand.values["name"], places_named, lexicon)
        inside = _nested(cand, lexicon, (near or province, near_other), places_named)
        out.extend(inside)
        nested.extend(inside)
    if _foreign_passage(text):
        own_names: dict[str, str] = {}
        for cand in out:
            before = cand.values["name"]
            _firm_by_own_name(cand, lexicon)
            if cand.values["name"] != before:
                own_names[before] = cand.values["name"]
        for cand in out:
            # the brand alone (`Lockheed Martin`), named above after the firm written with its
            # kind (`tập đoàn Lockheed Martin`), follows it to its own name
            if own_names.get(cand.values["name"]) == cand.text:
                cand.values = {**cand.values, "name": cand.text}
    out = [cand for cand in credited_names(out, text) if not _acronym_of_a_named_body(cand, text)]
    spelled_out(out, lexicon, nested)  # the bodies named inside others (`HĐQT Công ty CP An Phú`)
    # … and a body named short elsewhere, by its full name found only inside another's
    # (`Ngân hàng Bắc Á`, by `phòng Tiền gửi Ngân hàng TMCP Bắc Á`)
    spelled_out(out, lexicon, [c for c in out if c not in nested], sources=nested)
    complete_bare_units(out, lexicon)  # `Đảng ủy Tập đoàn` → `… Tập đoàn Hóa chất Việt Nam`
    merged = _with_school_word(_merge_short_forms(merge_bare_names(out, lexicon), lexicon), lexicon)
    _agency_named_by_function(merged, lexicon)
    for cand in merged:
        cand.values.pop(EVERY_PLACE, None)
    return _one_spelling_per_place(merged, lexicon)


def _of_the_passage_country(
    bare: str, name: str, cand: Candidate, text: ArticleText[Lexicon], placed: dict[str, str]
) -> tuple[str, str] | None:
    """A State body every country has, written bare, in an article about one foreign country:
    that country's (`Chính phủ` → `Chính phủ Malaysia`; GUIDE.md Round 10); followed by `nước
    này`, the country named last before it (`Chính phủ nước này` → `Chính phủ Mỹ`; Round 9).
    Written in lower case (`do quốc hội chưa thể thông qua`) it is a body only where the
    country is known: else the word for a kind of body."""
    this_country = text.lexicon.bodies.this_country.match(cand.sentence.text, cand.end)
    national = bool(this_country) and _national(bare, text.lexicon)
    if bare not in text.lexicon.bodies.passage_country_bodies and not national:
        return name, ""
    lower = (
        cand.rule.id == "organizations.head"
        and cand.text.islower()
        and bare in text.lexicon.bodies.lower_case_chambers
        and not _CAPITALIZED_WORD_AFTER.match(cand.sentence.text, cand.end)
    )
    if this_country:
        country = _country_before(cand, text)
    elif lower and (owner := _leader_country(cand, text)):
        # `chính phủ của Tổng thống Uruguay Tabare Vazquez`: the government its leader runs
        # (GUIDE.md Rounds 12, 14: `chính phủ của ông`)
        return f"{bare} {owner}", owner
    elif lower and (one := _sentence_country(cand, text)):
        # `Thượng nghị sĩ Mỹ Dan Sullivan sẽ đưa dự luật ra trước quốc hội`: the one foreign
        # country its sentence names, whatever the article's others (GUIDE.md Rounds 12, 18)
        return f"{bare} {one}", one
    else:
        country = _passage_country(text)
        elsewhere = {other for other in placed if other.startswith(bare + " ")}
        if country and len(elsewhere) == 1:  # `Bộ Quốc phòng Philippines` named: that one
            return min(elsewhere), placed[min(elsewhere)]
        if country and any(
            m.group() != country and not m.group("not")
            for m in text.lexicon.places.country.finditer(cand.sentence.text)
        ):
            # `Chính phủ và người dân Palestine`: the sentence's other country
            return None if lower else (name, "")
    if not country:
        return None if national or lower else (name, "")
    return f"{bare} {country}", country


def _both_countries(
    bare: str, cand: Candidate, text: ArticleText[Lexicon]
) -> tuple[str, ...] | None:
    """A body every country has, written bare before `hai nước` (`hải quân hai nước`, `Chính
    phủ hai nước`): the two countries the passage names together last before it (`Nga và Trung
    Quốc`, `Mỹ - Nga`), in its sentence or the `_PAIR_SENTENCES` before, one row each, Việt Nam
    too (`Việt Nam và Campuchia … Chính phủ hai nước`); () where no two countries are named
    together there; None where the body is of no kind every country has, has a place already,
    or is not followed by `hai nước`."""
    lexicon = text.lexicon
    if cand.values.get("location") or not lexicon.bodies.both_countries.match(
        cand.sentence.text, cand.end
    ):
        return None
    if bare not in lexicon.bodies.passage_country_bodies and not _national(bare, lexicon):
        return None
    first = max(0, cand.sentence.index - _PAIR_SENTENCES)
    for sentence in reversed(text.sentences[first : cand.sentence.index + 1]):
        upto = cand.start if sentence.index == cand.sentence.index else len(sentence.text)
        found = [
            m
            for m in lexicon.places.country.finditer(sentence.text, 0, upto)
            if not m.group("not") and not _inside_a_name(sentence.text, m)
        ]
        for one, other in reversed(list(itertools.pairwise(found))):
            joined = lexicon.bodies.country_pair_joiner.fullmatch(
                sentence.text, one.end(), other.start()
            )
            if joined and one.group() != other.group():
                return one.group(), other.group()
    return ()


#: the rule that reads a ministry from its minister's title (`Bộ trưởng Quốc phòng`)
_TITLE_HEAD = "organizations.title_head"
#: how many sentences before a body written `… hai nước` its two countries are looked for in
_PAIR_SENTENCES = 2


def _leader_country(cand: Candidate, text: ArticleText[Lexicon]) -> str | None:
    """The foreign country of the leader a body is written as belonging to, among the few words
    after `của` that open with a capital, a title or the country (`chính phủ của Nữ hoàng Anh`,
    `chính phủ của Tổng thống Uruguay`, `chính phủ của Venezuela`; not inside a person's name,
    `của ông Trần Tuấn Anh`)."""
    sentence = cand.sentence.text
    owner = text.lexicon.bodies.parent_of.match(sentence, cand.end)
    if owner is None:
        return None
    if not sentence[owner.end() : owner.end() + 1].isupper():
        return None  # `chính phủ của ông coi Thổ Nhĩ Kỳ là kẻ thù`: a pronoun, then the clause
    for word in itertools.islice(_WORD.finditer(sentence, owner.end()), _OWNER_WORDS):
        found = text.lexicon.places.country.match(sentence, word.start())
        if found and not found.group("not") and not _inside_a_name(sentence, found):
            return None if found.group() == text.lexicon.places.home_country else found.group()
    return None


#: a word, whose start a country may begin at
_WORD = regex.compile(r"[\p{L}\p{M}]+")
#: how many words after `của` a leader's country is looked for in (`Nữ hoàng Anh`, `Tổng thống
#: đắc cử Ukraine`)
_OWNER_WORDS = 4


def _sentence_country(cand: Candidate, text: ArticleText[Lexicon]) -> str | None:
    """The one country other than Việt Nam its sentence names before a body (once or more, never
    inside a name), or None where it names none, several or Việt Nam there: a country named after
    it, or after `với` (words_before_another_party.txt), is mostly another party to the story
    (`chỉ trích Trung Quốc`, `bán đảo Triều Tiên`, `biên giới với Mexico`)."""
    sentence = cand.sentence.text
    other_party = text.lexicon.places.before_another_party
    named = {
        m.group()
        for m in text.lexicon.places.country.finditer(sentence, 0, cand.start)
        if not m.group("not")
        and not _inside_a_name(sentence, m)
        and not other_party.search(sentence, 0, m.start())
    }
    if len(named) != 1 or text.lexicon.places.home_country in named:
        return None
    return min(named)


def _national(bare: str, lexicon: Lexicon) -> bool:
    """A body every country has, written as its head alone (`Hải quân`, org_heads.yml)."""
    head, entry = lexicon.bodies.head_of(bare)
    return head == bare and entry is not None and entry.national


def _country_before(cand: Candidate, text: ArticleText[Lexicon]) -> str | None:
    """The country named last before a candidate (this sentence, else the ones before it); None
    where that is Việt Nam."""
    for sentence in reversed(text.sentences[: cand.sentence.index + 1]):
        upto = cand.start if sentence.index == cand.sentence.index else len(sentence.text)
        named = [
            m.group()
            for m in text.lexicon.places.country.finditer(sentence.text, 0, upto)
            if not m.group("not") and not _inside_a_name(sentence.text, m)
        ]
        if named:
            return None if named[-1] == text.lexicon.places.home_country else named[-1]
    return None


def _foreign_passage(text: ArticleText[Lexicon]) -> bool:
    """Whether the article is about other countries: it names another country and neither Việt
    Nam nor a Vietnamese province."""
    if province_of(text) is not None:
        return False
    counts = _countries_named(text)[0]
    return bool(counts) and text.lexicon.places.home_country not in counts


def _acronym_of_a_named_body(cand: Candidate, text: ArticleText[Lexicon]) -> bool:
    """`Phó Tổng giám đốc OGC` where the article gave `Công ty Cổ phần Tập đoàn Đại Dương (Ocean
    Group, mã CK: OGC)`: an acronym after a post that the article defines in parentheses is the
    short name of the body named in full there, no body of its own."""
    if cand.rule.id != "organizations.acronym_after_post":
        return False
    inside = regex.compile(
        r"\([^()]*(?<![\p{L}\p{N}])" + regex.escape(cand.text) + r"(?![\p{L}\p{N}])"
    )
    return any(inside.search(sentence.text) for sentence in text.sentences)


def _firm_by_own_name(cand: Candidate, lexicon: Lexicon) -> None:
    """`tập đoàn Lockheed Martin` in a passage about other countries is `Lockheed Martin`: a
    foreign business after a lower-case kind is named by its own name (GUIDE.md Round 8), even
    where no trade is written."""
    name = cand.values["name"]
    head, entry = lexicon.bodies.head_of(name)
    if entry is None or entry.type != "enterprise" or entry.level == "unit":
        return
    own = brand_after_descriptor(cand.text, name, head, lexicon, untraded=True)
    if own != name:
        cand.values = {**cand.values, "name": own}


def _passage_country(text: ArticleText[Lexicon]) -> str | None:
    """The one foreign country an article is about: named at least twice, twice as often as any
    other, in an article naming neither Việt Nam nor a Vietnamese province; a spelling the
    article uses inside a name (`Nguyễn Văn Đức`) counts nowhere in it."""
    if province_of(text) is not None:
        return None
    counts, names = _countries_named(text)
    if text.lexicon.places.home_country in counts:  # wherever written (`CHXHCN Việt Nam`)
        return None
    ranked = sorted(
        ((country, n) for country, n in counts.items() if country not in names),
        key=lambda item: -item[1],
    )
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    return None


def _countries_named(text: ArticleText[Lexicon]) -> tuple[dict[str, int], set[str]]:
    """How often the article writes each country (in the order first met), and the spellings
    it uses inside a name (`Nguyễn Văn Đức`, then `ông Đức`: a person); one pass over the
    article, worked out once for the resolver's readings of the passage's country."""
    if "countries_named" not in text.facts:
        counts: dict[str, int] = {}
        names: set[str] = set()
        for sentence in text.sentences:
            for match in text.lexicon.places.country.finditer(sentence.text):
                if match.group("not"):
                    continue  # `Ủy ban Pháp luật`: no country
                if _inside_a_name(sentence.text, match):
                    names.add(match.group())
                counts[match.group()] = counts.get(match.group(), 0) + 1
        text.facts["countries_named"] = (counts, names)
    found: tuple[dict[str, int], set[str]] = text.facts["countries_named"]
    return found


def _inside_a_name(text: str, match: regex.Match[str]) -> bool:
    """A country's spelling right after a capitalized word is part of a name (`Phùng Đức Tiến`,
    `ông Trần Tuấn Anh`); not after a comma (`tỉnh Hồ Bắc, Trung Quốc`)."""
    return bool(_CAPITALIZED_WORD_BEFORE.search(text, 0, match.start()))


_CAPITALIZED_WORD_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]* $")
_CAPITALIZED_WORD_AFTER = regex.compile(r"\s+\p{Lu}")


def _with_school_word(candidates: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """`ĐH Quốc tế Miền Đông` and `Trường ĐH Quốc tế Miền Đông` in one article are one school,
    listed by the name written with `Trường` (rules/gazetteers/school_heads.yml)."""
    by_name = {c.values["name"].casefold(): c.values for c in candidates}
    for cand in candidates:
        name = cand.values["name"]
        known = next(
            (
                by_name.get(f"{word} {name}".casefold())
                for word, heads in lexicon.bodies.school_heads.items()
                if name.startswith(heads)
            ),
            None,
        )
        if known is not None:
            cand.values = {
                **cand.values,
                **{k: known.get(k) for k in ("name", "location", "level")},
            }
    return candidates


#: the number after a place word that takes one (`Quận 9`)
_PLACE_NUMBER = regex.compile(r" (?P<number>\d{1,2})(?![\p{L}\p{N}]|[.,]\d)")


def _numbered_place(cand: Candidate, lexicon: Lexicon) -> None:
    """`Quận ủy Quận 9`, `UBND Phường 5`: a numbered district or ward written with a capital,
    whose number the name scan left out, completes the name and is its place."""
    name = cand.values["name"]
    level = lexicon.places.numbered_level.search(name)
    if cand.values.get("location") or level is None:
        return
    number = _PLACE_NUMBER.match(cand.sentence.text, cand.end)
    if number is None:
        return
    cand.end = number.end()
    name = f"{name} {number['number']}"
    place = describe(name, level["level"].lower(), number["number"], lexicon)
    cand.values = {**cand.values, "name": name, **place}


def _placed_in_lower_case(cand: Candidate, lexicon: Lexicon) -> bool:
    """`công an xã`, `thanh tra tỉnh`: a body every place has, written in lower case before a
    bare place word (org_heads.yml, `placed: true`), or alone (`như toà án, viện kiểm sát`); it
    names a body only with a place."""
    name = cand.values["name"]
    if not cand.text[:1].islower():
        return False
    head, entry = lexicon.bodies.head_of(name)
    bare = name == head and cand.text.islower()
    return bool(entry and entry.placed) and (bare or name.lower().endswith(_bare_levels(lexicon)))


@functools.lru_cache(maxsize=4)
def _bare_levels(lexicon: Lexicon) -> tuple[str, ...]:
    """A name's end that is a place word alone (` xã`, ` thành phố`), in lower case."""
    return tuple(" " + w.lower() for w in lexicon.places.local_level_words)


def _listed_with_the_committee(cand: Candidate, province: str | None, lexicon: Lexicon) -> bool:
    """`Thành uỷ - HĐND - UBND`, `lãnh đạo Tỉnh uỷ, HĐND, UBND`: a bare State or Front body
    listed right after the Party committee of the article's province (`Tỉnh uỷ` of a province,
    `Thành uỷ` of a centrally-run city) is that province's, as the committee is; not after a
    city's or a district's committee in a province (`Thành uỷ, HĐND, UBND … TP Thanh Hoá`,
    `Quận uỷ, HĐND, UBND … quận Sơn Trà`), nor where the list goes on to many places (`… các
    tỉnh khu vực ĐBSCL`)."""
    sentence = cand.sentence.text
    places = lexicon.places
    committee = lexicon.bodies.after_party_committee.search(sentence, 0, cand.start)
    if committee is None or province is None:
        return False
    opener = (
        places.city_committee_opener
        if province in places.cities
        else places.province_committee_opener
    )
    return committee.group("opener") == opener and not (
        lexicon.bodies.list_of_places_after.match(sentence, cand.end)
    )


def _state_body(bare: str, lexicon: Lexicon) -> bool:
    """A bare body of the State or the Front that stands for a province (`HĐND`, `UBND`); a
    bare Party body (`Đảng bộ`) is the article's own."""
    entry = lexicon.bodies.heads.get(bare)
    return bare in lexicon.places.placed_by_province and not (entry and entry.type == "party")


def _level_word_in_a_word(text: str, found: regex.Match[str], lexicon: Lexicon) -> bool:
    """Whether a level word of one syllable ends a word with the one before it, before no
    country (`Liên bang James Comey`; but `Liên bang Nga` names Russia)."""
    level = found.group(1)
    before = text[: found.start(1)].rsplit(None, 1)[-1:] or [""]
    return (
        " " not in level
        and f"{before[0]} {level}".lower() in lexicon.bodies.words
        and not lexicon.places.countries.starts(found.group(2).split()[:3])
    )


@functools.lru_cache(maxsize=4)
def _place_re(lexicon: Lexicon) -> regex.Pattern[str]:
    words = sorted(
        (w for w in lexicon.places.local_level_words if w != lexicon.places.province_word),
        key=len,
        reverse=True,
    )
    return regex.compile(
        r"(?<![\p{L}])(" + "|".join(map(regex.escape, words)) + r") "
        # a whole word: not the `N` of `huyện NTM` (nông thôn mới); two syllables may be written
        # glued (`xã EaPô`)
        r"(\p{Lu}\p{Ll}*(?:\p{Lu}\p{Ll}+)?(?: \p{Lu}\p{Ll}*){0,6})(?![\p{L}\p{M}])"
    )


def _merge_short_forms(candidates: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """`Sở Giao thông Vận tải` and `Sở Giao thông Vận tải TP HCM`, `Ủy ban Chứng khoán` and `Ủy
    ban Chứng khoán Nhà nước` in one article are one body: a name that only one longer name of
    the article goes on (whatever the case) takes that name, its place and level; not a
    branch's parent (`Ngân hàng …` and `Ngân hàng … chi nhánh Phú Nhuận` are two bodies).
    Where several names go on it (`VKSND TP Tân An`, `VKSND tỉnh Long An`), a bare
    mention takes the one its passage is about (GUIDE.md Round 7): the one named last before
    it, else the first after."""
    by_name: dict[str, dict[str, Any]] = {}
    mentions: dict[str, list[tuple[int, int]]] = {}
    for cand in candidates:
        by_name.setdefault(cand.values["name"].casefold(), cand.values)
        mentions.setdefault(cand.values["name"].casefold(), []).append(_at(cand))
    keys = sorted(by_name)
    for cand in candidates:
        if cand.values.get(EVERY_PLACE):
            continue  # `các Cục QLTT địa phương` is not the `Cục QLTT TP HCM` of the article
        name = cand.values["name"].casefold()
        # the names that go on this one sit right after it in sorted order
        first = bisect.bisect_left(keys, name + " ")
        last = bisect.bisect_left(keys, name + "!", first)
        longer = keys[first:last]
        # the longest spellings only: `Hội Nông dân tỉnh Nghệ` goes on in `… Nghệ An`
        longest = {n for n in longer if not any(o.startswith(n + " ") for o in longer)}
        if len(longest) > 1:
            fits = {n for n in longest if _goes_on(by_name[n], len(name), lexicon)}
            longest = {_nearest(fits, mentions, _at(cand))} if fits else longest
        if len(longest) != 1:
            continue
        known = by_name[longest.pop()]
        if not _goes_on(known, len(name), lexicon):
            continue
        cand.values = {
            **cand.values,
            "name": known["name"],
            "location": known.get("location"),
            "level": known.get("level"),
        }
    return candidates


def _agency_named_by_function(candidates: list[Candidate], lexicon: Lexicon) -> None:
    """`tình báo New Zealand` and `cơ quan tình báo New Zealand` in one article are one body,
    listed by the longer name, as the gold lists it (`Cơ quan tình báo New Zealand`): a body
    every country has, written by its field, is the agency the article also calls `cơ quan`."""
    agency_word = lexicon.bodies.agency_word  # defines ORG_AGENCY_WORD
    # by the name without the word
    agencies = {
        folded[agency.end() :]: c.values
        for c in candidates
        if (agency := agency_word.match(folded := c.values["name"].casefold()))
    }
    for cand in candidates:
        known = agencies.get(cand.values["name"].casefold())
        if known is not None:
            cand.values = {**cand.values, "name": known["name"], "location": known.get("location")}


def _at(cand: Candidate) -> tuple[int, int]:
    """Where a candidate stands in its article."""
    return cand.sentence.index, cand.start


def _nearest(
    names: set[str], mentions: dict[str, list[tuple[int, int]]], at: tuple[int, int]
) -> str:
    """Of several names, the one written last before `at`, else the one written first after."""
    before = [(m, n) for n in names for m in mentions[n] if m < at]
    if before:
        return max(before)[1]
    return min((m, n) for n in names for m in mentions[n])[1]


def _one_spelling_per_place(candidates: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """`Công an Đà Nẵng` and `Công an TP Đà Nẵng` in one article are one body, listed by the
    name that writes the place word; a committee names its province bare (`Tỉnh ủy tỉnh Tây
    Ninh` is `Tỉnh ủy Tây Ninh`). `thành phố Tây Ninh` (the province's city) is another place."""
    places = lexicon.places

    def spelling(name: str) -> tuple[str, bool]:
        """The name without its place word, and whether it is a committee's."""
        found = lexicon.bodies.province_before_place.search(name)
        if found is None:
            return name.casefold(), name.rsplit(" ", 1)[0].endswith(places.province_committees)
        if (found.group("level") == places.province_word) == (
            found.group("place") in places.cities
        ):
            return name.casefold(), False
        before = name[: found.start()]
        return f"{before} {found.group('place')}".casefold(), before.endswith(
            places.province_committees
        )

    chosen: dict[str, str] = {}
    for cand in candidates:
        name = cand.values["name"]
        if not cand.values.get("location"):
            continue
        key, committee = spelling(name)
        known = chosen.get(key)
        if known is None or (len(name) < len(known) if committee else len(name) > len(known)):
            chosen[key] = name
    for cand in candidates:
        if cand.values.get("location"):
            cand.values = {**cand.values, "name": chosen[spelling(cand.values["name"])[0]]}
    return candidates


def _goes_on(known: dict[str, Any], length: int, lexicon: Lexicon) -> bool:
    """Whether a name that goes on a shorter one after `length` characters names the same body:
    with its place (`… TP HCM`), or with more words of a name (`Ủy ban Chứng khoán Nhà nước`,
    `Bộ Nông nghiệp và Phát triển nông thôn`); not with a person (`Tập đoàn T&T Đỗ Quang
    Hiển`), another body (`Ban Bí thư Trung ương Đoàn`), a branch (`… chi nhánh Phú Nhuận`) or
    the words of a sentence (`Bộ Tư pháp và cơ quan`)."""
    name = known["name"]
    bodies = lexicon.bodies
    if bodies.branch.search(name, length):
        return False
    if known.get("location"):
        return True
    words = name[length:].split()
    if len(words) > 1 and words[0] in lexicon.names.surnames:
        return False
    rest = bodies.heads.get(" ".join(words))
    # an organ named short before the world body it belongs to (`Hội đồng Bảo an` of `Hội đồng
    # Bảo an Liên Hợp Quốc`: org_heads.yml, a body of type other, alone and complete)
    world_body = rest is not None and rest.alone and rest.complete and rest.type == "other"
    if not world_body and bodies.nested.search(" " + " ".join(words)):
        return False
    tokens = [(w.lower(), 0, 0) for w in words]
    i = 0
    while i < len(words):
        word = words[i]
        width = starts_with(tokens, i, bodies.name_words) or starts_with(
            tokens, i, bodies.level_words
        )
        if not width and (
            CAPITALIZED_WORD.match(word)
            or (bodies.capitalized_joiner.fullmatch(word) and 0 < i < len(words) - 1)
        ):
            i += 1
            continue
        if not width and not (i == len(words) - 1 and word in lexicon.places.level_words):
            return False  # `Bộ Tư pháp và cơ quan`, `Trường Đại học Quốc tế sớm`
        i += width or 1
    return True


CAPITALIZED_WORD = regex.compile(r"^(?:\p{Lu}|\d)[\p{L}\p{M}\d&.]*$")


def _own_head_end(text: str, start: int, end: int, lexicon: Lexicon) -> int:
    """Where the head of the name at `start` ends, however it is capitalized (`Tổng Công ty`)."""
    found = head_at(text, start, lexicon)
    if found:
        return found
    words = list(regex.finditer(r"\S+", text[start:end]))
    for count in range(min(len(words), lexicon.bodies.most_head_words), 0, -1):
        if " ".join(w.group() for w in words[:count]).lower() in lexicon.bodies.heads_by_lower:
            return start + words[count - 1].end()
    return start


#: the last word before a position and the spaces after it, read backwards from there
_LAST_WORD = regex.compile(r"(?r)(\S+)\s+$")


def _nested(
    cand: Candidate,
    lexicon: Lexicon,
    provinces: tuple[str | None, str | None],
    places_named: dict[str, str],
) -> list[Candidate]:
    """`Ban Thường vụ Tỉnh ủy Long An` also names `Tỉnh ủy Long An`, `Văn phòng Chính phủ`
    names `Chính phủ`: each body named inside the name after its own head (rules/gazetteers/
    nested_heads.txt), except `Quốc hội` in `Đoàn đại biểu Quốc hội`."""
    written = cand.text
    if written.startswith(lexicon.bodies.party_cell_head):
        return []
    bodies = lexicon.bodies
    text = cand.sentence.text
    own_head = _own_head_end(text, cand.start, cand.end, lexicon)
    found_inside: list[Candidate] = _complete_inside_head(cand, own_head, lexicon)
    #: a department named short inside the name → its standard name (`Đảng ủy Sở Lao động -
    #: Thương binh` is the committee of the `Sở Lao động - Thương binh và Xã hội`)
    standard_names: dict[str, str] = {}
    for found_start, found_end in _inner_heads(cand, own_head, lexicon):
        written_head = text[found_start:found_end]
        before = text[:found_start].rstrip().lower()
        if before.endswith(lexicon.titles.deputy_word):
            continue
        head = bodies.abbreviations.get(written_head, written_head)
        head = bodies.head_full_forms.get(head, head)  # `Thành Đoàn` is the `Thành đoàn`
        head_start = found_start
        previous = _LAST_WORD.search(text, 0, found_start)
        longer = f"{previous.group(1)} {head}".lower() if previous else ""
        if f"{text[cand.start : own_head]} {head}".lower() in bodies.heads_by_lower:
            continue  # `trường ĐH`: the outer name's own head, written short
        if text[cand.start : found_start].rstrip().endswith(bodies.legal_forms_longest_first):
            continue  # `Công ty CP Tập đoàn Mặt Trời`: a word of the company's own name
        lower = written_head[:1].islower()
        if lower and (longer in bodies.words or longer in bodies.heads_by_lower):
            continue  # `Ban Chấp hành Đảng bộ tỉnh`, `cơ sở Đảng`: a word of the outer name
        capitalized = written_head[:1].upper() + written_head[1:]
        if lower and text.startswith(capitalized, found_end + 1):
            continue  # `đại học Đại học Đà Nẵng`: the head written twice
        if previous and previous.start(1) >= own_head:
            if longer in bodies.heads_by_lower and not _ends_a_word(text, previous, lexicon):
                # `Tổng Công ty`; not `bộ Công an` in `Đảng bộ Công an Trung ương`
                head, head_start = bodies.heads_by_lower[longer], previous.start(1)
            elif longer in bodies.common_words:
                continue  # `tổng Cục`: a word of the outer name
        inner = scan_name(text, head_start, found_end, lexicon)
        name = bodies.expand(text[inner.start : inner.end])
        entry = bodies.heads.get(head)
        if name == head and not (entry and entry.alone):
            # `Ban Thường vụ Đảng ủy, Bộ Chỉ huy …`: the committee of the unit the outer name
            # took (org_committees)
            unit = cand.values["name"].partition(f" {head} ")[2]
            if not (unit and bodies.unit_committee_at_end.search(head)):
                continue
            name = f"{head} {unit}"
        if _central_level_of_a_kind(name, head, entry, lexicon):
            continue
        # `trung ương Đảng` written in lower case inside `Ban chấp hành trung ương Đảng …`
        name = full_name(
            name[:1].upper() + name[1:], inner.head[:1].upper() + inner.head[1:], lexicon
        )
        name = official_sector_names(joined_as_and(name, lexicon), lexicon)
        if not_a_body(name, lexicon):
            continue
        standard = short_legal_form(standard_sector(name, head, inner, lexicon), lexicon)
        if standard != name:
            standard_names[name], name = standard, standard
        name = with_level_word(name, inner.place, lexicon)
        name, place = attach_place(name, provinces[0], places_named, lexicon, provinces[1])
        values = {
            "name": name,
            "abbreviation": None,
            **describe(name, inner.place_level, inner.place or place, lexicon),
        }
        found_inside.append(Candidate(cand.rule, cand.sentence, inner.start, inner.end, values))
    for short, standard in standard_names.items():
        for named in (cand, *found_inside):
            outer = named.values["name"]
            if short in outer and standard not in outer:
                named.values = {**named.values, "name": outer.replace(short, standard, 1)}
    return found_inside + _parent_of_branch(cand, lexicon)


def _inner_heads(cand: Candidate, own_head: int, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Where the heads of the bodies named inside a name are: those of
    rules/gazetteers/nested_heads.txt, and the head of a unit's parent after `của`, whatever
    it is (`Ủy ban trừng phạt của Hội đồng Bảo an LHQ` also names `Hội đồng Bảo an LHQ`;
    `Trung tâm … của Ban quản lý Khu kinh tế mở Chu Lai`: name_scan.parent_end)."""
    text = cand.sentence.text
    spans = [m.span() for m in lexicon.bodies.nested.finditer(text, own_head, cand.end)]
    of = lexicon.bodies.parent_of.search(text, own_head, cand.end)
    parent_head = head_at(text, of.end(), lexicon) if of else None
    if of and parent_head:  # its whole head (`Hội đồng`, not the nested `Hội`)
        spans = sorted([*(span for span in spans if span[0] != of.end()), (of.end(), parent_head)])
    joined = joined_parent_start(text, cand.start, cand.end, own_head, lexicon)
    joined_head = head_at(text, joined, lexicon) if joined is not None else None
    if joined is not None and joined_head:
        spans = sorted([*(span for span in spans if span[0] != joined), (joined, joined_head)])
    return spans


def _ends_a_word(text: str, found: regex.Match[str], lexicon: Lexicon) -> bool:
    """Whether the lower-case word `found` ends a word with the one before it (`bộ` of `Đảng
    bộ`), so that it cannot open a head (`Bộ Công an`)."""
    word = found.group(1)
    before = _LAST_WORD.search(text, 0, found.start(1))
    if not word[:1].islower() or before is None:
        return False
    joined = f"{before.group(1)} {word}".lower()
    return joined in lexicon.bodies.words or joined in lexicon.bodies.heads_by_lower


def _central_level_of_a_kind(name: str, head: str, entry: Head | None, lexicon: Lexicon) -> bool:
    """`Công an trung ương` inside `Đảng ủy Công an trung ương`: a force every place has, at
    its central level, names the Party organization it is part of, not a body of its own (a
    head that is a name alone keeps it: `Viện Kiểm sát nhân dân tối cao`)."""
    rest = name[len(head) :].strip().lower()
    return bool(
        entry and entry.placed and not entry.alone and rest and rest in lexicon.bodies.level_words
    )


def _complete_inside_head(cand: Candidate, own_head: int, lexicon: Lexicon) -> list[Candidate]:
    """`Ủy ban Thường vụ Quốc hội` also names `Quốc hội`: a complete body (org_heads.yml,
    `complete: true`) that ends the head of another."""
    bodies, text = lexicon.bodies, cand.sentence.text
    head = bodies.heads_by_lower.get(text[cand.start : own_head].lower(), "")
    entry = bodies.heads.get(head)
    if entry is None or not entry.complete:
        return []
    for position in (m.start() + 1 for m in regex.finditer(" ", head)):
        inner = bodies.heads.get(head[position:])
        if inner is not None and inner.complete and inner.alone:
            name = head[position:]
            values = {"name": name, "abbreviation": None, **describe(name, None, None, lexicon)}
            start = cand.start + position
            return [Candidate(cand.rule, cand.sentence, start, own_head, values)]
    return []


def _parent_of_branch(cand: Candidate, lexicon: Lexicon) -> list[Candidate]:
    """`Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh Cần Thơ` also names the bank,
    `Kiểm toán Nhà nước khu vực III` the State Audit (a head that is a whole name)."""
    branch = lexicon.bodies.branch.search(cand.text)
    if branch is None:
        return []
    name = lexicon.bodies.expand(cand.text[: branch.start()])
    head, entry = lexicon.bodies.head_of(name)
    if entry is None or (name.casefold() == head.casefold() and not entry.alone):
        return []
    name = head + name[len(head) :]
    values = {"name": name, "abbreviation": None, **describe(name, None, None, lexicon)}
    if entry.type == "enterprise":  # `ngân hàng BIDV - Chi nhánh Hạ Long`: `BIDV`
        values["name"] = brand_after_descriptor(cand.text, name, head, lexicon)
    return [Candidate(cand.rule, cand.sentence, cand.start, cand.start + branch.start(), values)]
