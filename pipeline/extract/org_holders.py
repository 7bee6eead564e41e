"""Where a person's name starts inside what the name scan read as a body's name: the holder
of a post written after the body (`Giám đốc Cục Điều tra Liên bang James Comey`, `Bộ trưởng
Quốc phòng Shoigu`), and the family names that open a body's head (`Đoàn Dụng - Giám đốc …`)."""

from __future__ import annotations

import regex

from pipeline.engine.contracts import Match
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.org_names import TITLE_CASE_RE, head_at


def holder_start(match: Match, end: int, lexicon: Lexicon) -> int | None:
    """Where a person's name starts inside a scanned body's name (`Phó tổng thanh tra cảnh
    sát Malaysia Rashid Ismail`): two capitalized words or more of another language right
    after the country that ends a body's name, or right after a head every country has
    (`Chánh thanh tra cảnh sát Khalid Abu Bakar`); not in a business's name, which may hold a
    country and foreign words (`Tập đoàn Hàn Quốc Samsung Electronics`)."""
    entry = lexicon.bodies.head_entry(match.text)
    if entry is None:
        return None
    text = match.sentence.text
    # a post right before the head: its holder's name may follow the body's (`Giám đốc Cục
    # Điều tra Liên bang James Comey`, `Thống đốc Ngân hàng trung ương Nga Elvira Nabiullina`)
    after_post = title_right_before(text, match.start, lexicon)
    if entry.type not in _BODIES_WITH_HOLDERS and not after_post:
        return None
    # right after the head only after a post (`cảnh sát Las Vegas` is the city's police)
    right_after = entry.national and after_post
    found = foreign_holder_start(text, match.end, end, lexicon, right_after=right_after)
    # `ứng viên đảng Dân chủ Hillary Clinton`; not in a business's name after its director
    # (`Giám đốc công ty TNHH Võ Việt Chung International`)
    sector = entry.proper or (after_post and entry.type in _BODIES_WITH_HOLDERS)
    if found is None and sector:
        found = holder_after_sector(text, match.end, end, lexicon)
    return found


#: the kinds of body whose holder's name may follow its own (not a business, nor a paper:
#: `báo Nhật Asahi Shimbun`, `Tập đoàn Hàn Quốc Samsung Electronics`)
_BODIES_WITH_HOLDERS = ("state", "armed", "front", "party")
#: the most words of a title (`Phó tổng thanh tra`)
_TITLE_WORDS = 4


def title_right_before(text: str, start: int, lexicon: Lexicon) -> bool:
    """Whether a title (titles.yml) ends right before `start` (`Chánh thanh tra cảnh sát`)."""
    words = text[:start].rsplit(None, _TITLE_WORDS)[-_TITLE_WORDS:]  # the last words only
    by_lower = lexicon.titles.by_lower
    return any(" ".join(words[-n:]).lower() in by_lower for n in range(1, len(words) + 1))


def foreign_holder_start(
    text: str, start: int, end: int, lexicon: Lexicon, *, right_after: bool
) -> int | None:
    """Where a foreign person's name (two title-case words or more that `is_foreign`, not a
    country) ends the words between `start` and `end`: after a country (`Ngoại giao Mỹ Mike
    Pompeo`), or at `start` itself when `right_after`."""
    words = list(_WORDS.finditer(text, start, end))
    if not words or not TITLE_CASE_RE.match(words[-1].group()):
        return None  # every name tried below ends with the last word
    countries = lexicon.places.countries
    # only the words of the title-case run that ends them may open the name (not `Việt Nam
    # TP. HCM`: a place, not a person)
    for i in range(_title_case_run_start(words), len(words) - 1):
        rest = [w.group() for w in words[i:]]
        if countries.starts(rest[:3]):
            continue
        if not lexicon.names.is_foreign(text[words[i].start() : end]):
            continue
        before = [w.group() for w in words[:i]]
        if countries.trailing(before[-3:]) or (right_after and not before):
            return int(words[i].start())
    return None


def _title_case_run_start(words: list[regex.Match[str]]) -> int:
    """Where the run of title-case words that ends `words` starts."""
    start = len(words)
    while start and TITLE_CASE_RE.match(words[start - 1].group()):
        start -= 1
    return start


def holder_after_sector(text: str, start: int, end: int, lexicon: Lexicon) -> int | None:
    """Where a foreign person's name starts after the Vietnamese words of a title's body or a
    party's (`Quốc phòng James Mattis` after `Bộ trưởng`, `Dân chủ Hillary Clinton` after
    `đảng`): the first of the last title-case words that `is_foreign` (two or more), with a
    Vietnamese word before them."""
    words = list(_WORDS.finditer(text, start, end))
    if not words or not TITLE_CASE_RE.match(words[-1].group()):
        return None  # every name tried below ends with the last word
    countries = lexicon.places.countries
    for i in range(1, len(words) - 1):
        rest = [w.group() for w in words[i:]]
        if countries.starts(rest[:3]):
            continue  # `Tư pháp Saudi Arabia`: the ministry's country
        if all(TITLE_CASE_RE.match(w) for w in rest) and lexicon.names.is_foreign(
            text[words[i].start() : end]
        ):
            if lexicon.names.is_foreign(text[start : words[i - 1].end()]):
                return None  # `Cục trưởng FBI Christopher Wray`: a foreign body's own name
            if any(
                (found := lexicon.bodies.head_entry(" ".join(w.group() for w in words[i - n : i])))
                and (found.national or found.placed)
                and not found.complete
                for n in (1, 2)
            ):
                # `Sở cảnh sát Las Vegas`: the police of a place, named after it; but
                # `Giám sát Hạ viện Elijah Cummings`, where nothing goes on a chamber's name
                return None
            previous = words[i - 1].group().lower()
            if previous in lexicon.places.level_words and not (
                i > 1 and f"{words[i - 2].group().lower()} {previous}" in lexicon.bodies.words
            ):
                # `Du lịch và Văn hóa bang Andhra Pradesh`: a place's name; but `bang` of
                # `Điều tra Liên bang James Comey` ends a word, no place's level
                return None
            return int(words[i].start())
    return None


def family_name_after_sector(text: str, start: int, end: int, lexicon: Lexicon) -> int | None:
    """Where a holder named by one foreign word starts after a title's sector written in
    Vietnamese (`Bộ trưởng Quốc phòng Shoigu`): the last word, of another language, no country
    nor city, after a lower-case word (`Bộ trưởng Quốc phòng Nga` keeps its country)."""
    words = [w.group() for w in _WORDS.finditer(text, start, end)]
    if len(words) < 2 or not words[-2][:1].islower() or not TITLE_CASE_RE.match(words[-1]):
        return None
    last = words[-1]
    places = lexicon.places
    if places.countries.starts([last]) or last in lexicon.names.foreign_cities:
        return None
    return end - len(last) if lexicon.names.is_foreign(last) else None


_WORDS = regex.compile(r"\S+")


def looks_like_a_person(written: str, lexicon: Lexicon) -> bool:
    """`Đoàn Tấn Bửu`: a head that is also a family name, then only capitalized syllables."""
    words = written.split()
    return (
        words[0] in lexicon.names.surnames
        and 2 <= len(words) <= 4
        and all(TITLE_CASE_RE.match(w) and len(w) <= 7 for w in words[1:])
        and " ".join(words[1:]) not in lexicon.places.provinces
    )


#: one capitalized syllable, letters only (`Vũ`, not `EMASI` or `Z131`)
_ONE_SYLLABLE = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]*")


def given_name_as_head(written: str, head: str, lexicon: Lexicon) -> bool:
    """`danh ca Trường Vũ`, the actor `Trường Thịnh`: a head that is also a given name, written
    capitalized before one Vietnamese syllable and nothing more, is a person's short name; a
    school after the bare head takes a full name, a place or a foreign name (`Trường Nguyễn Du`,
    `Trường Copperfield`; gazetteers/heads_that_are_given_names.txt)."""
    words = written.split()
    return (
        head in lexicon.bodies.heads_that_are_given_names
        and len(words) == 2
        and words[0] == head
        and bool(_ONE_SYLLABLE.fullmatch(words[1]))
        and not lexicon.names.is_foreign(words[1])
    )


def person_after_head(written: str, head: str, lexicon: Lexicon) -> bool:
    """`Đoàn Dụng - Giám đốc Sở Nội vụ`: Đoàn is a family name before a given name, not before
    another body (`Đoàn Tổng công ty Điện lực`, the company's Youth Union); not written in lower
    case, nor before a word that goes on in lower case (`đoàn Cải lương Hương Tràm`, `Đoàn
    Nghệ thuật Khmer`: a troupe), where a given name would go on capitalized."""
    words = written.split()
    return (
        head in lexicon.names.heads_that_are_family_names
        and written[:1].isupper()
        and len(words) > 1
        and bool(TITLE_CASE_RE.match(words[1]))
        and not (len(words) > 2 and words[2][:1].islower())
        and words[1] not in lexicon.bodies.doan_body_words
        and head_at(written, len(words[0]) + 1, lexicon) is None
    )
