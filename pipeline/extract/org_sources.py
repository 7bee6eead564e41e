"""Sources credited in the text by a name no list holds: a paper, a site or an agency named in
a byline (`(Theo Military Times)`, `(Theo AFP, Almasdar News)`) or before a reporting verb
(`Livejournal đưa tin`, `AMN dẫn lời`). A known outlet is the press rule's (news_outlets.yml);
here the name is listed as written (GUIDE.md Round 3: foreign media credited by a short name
are kept as written), but a newspaper's English name (paper_name_words.txt) is `Báo …`."""

from __future__ import annotations

from typing import Any

import regex

from pipeline.engine.contracts import Found, Match, Reject, normalizer
from pipeline.extract import org_names
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.org_names import describe

#: a capitalized word and a lower-case one right before a position: the name goes on there
_NAME_GOING_ON = regex.compile(r"(?<![\p{L}])\p{Lu}\p{L}* \p{Ll}+ $")
#: the last word before a position and the spaces after it
_LAST_WORD = regex.compile(r"(\S+)\s+$")
#: the two lower-case words right after a position (`nhật báo`)
_TWO_WORDS = regex.compile(r" (\p{Ll}+ \p{Ll}+)(?![\p{L}])")
#: a word written short, in capitals (`NY` of `NY Post`)
_SHORT_WORD = regex.compile(r"(?<![\p{L}])\p{Lu}{2,}(?![\p{L}])")


@normalizer("organizations.source", groups=("name",), gazetteers=org_names.GAZETTEERS)
def credited_source(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """A source credited by a byline or a reporting verb, listed as written; one whose English
    name ends as a newspaper's does (paper_name_words.txt: `Business Standard dẫn lời`) is
    `Báo …`, as `tờ` makes it (GUIDE.md Round 9: a foreign paper named bare is `Báo …`)."""
    found = _credited(match, lexicon)
    if isinstance(found, Reject):
        return found
    return [_as_paper(f) if _a_paper_named_in_full(f.values["name"], lexicon) else f for f in found]


def _a_paper_named_in_full(name: str, lexicon: Lexicon) -> bool:
    """`Business Standard`, not `NY Post`: a name with a word written short is a short name,
    kept as written (GUIDE.md Round 3)."""
    return bool(lexicon.bodies.paper_name_end.search(name)) and not _SHORT_WORD.search(name)


def _credited(match: Match, lexicon: Lexicon, *, after_paper: bool = False) -> list[Found] | Reject:
    """The capitalized name a byline or a reporting verb credits, without a credit word or a
    country written before it (`Trang ABC7News`, `Triều Tiên KCNA`); not a place (`truyền
    thông Nga đưa tin`), a body a head word names (`Báo Thanh Niên`: the head rule's), a known
    outlet (the press rule's) nor a person (`Nguyễn Văn Dương`). After `tờ` (`after_paper`) the
    words before are no cut name (`Theo tờ NK Daily`) and a name of two words or more is the
    paper's even where its first word is common or a surname (`Tờ Dân Việt`, `Tờ La Republica`);
    a lone common word is the start of a name in sentence case (`tờ Nhân dân Nhật báo`)."""
    text, bodies, places = match.sentence.text, lexicon.bodies, lexicon.places
    start, end = match.spans["name"]
    if not after_paper and _NAME_GOING_ON.search(text, 0, start):
        return Reject("a-cut-name")  # `An ninh TV đưa tin`: the end of a sentence-case name
    previous = _LAST_WORD.search(text, 0, start)
    if previous and previous.group(1).lower() in bodies.heads_by_lower:
        return Reject("named-by-a-head")  # `theo báo Giadinh.net`: the head rule's
    words = text[start:end].split()
    while len(words) > 1 and bodies.press_cue.search(words[0]):
        if words[0].lower() in bodies.heads_by_lower:
            return Reject("named-by-a-head")  # `Báo Giadinh.net đưa tin`: the head rule's
        words = words[1:]  # `Trang ABC7News`, `Như Tuổi Trẻ Online`
    words = words[places.countries.leading(words[:-1][:3]) :]  # `Triều Tiên KCNA`: its country's
    name = " ".join(words)
    if not name[:1].isalpha():
        return Reject("a-date-or-number", name)  # `hôm 12 đưa tin`
    common = words[0].lower() in bodies.common_words and not (after_paper and len(words) > 1)
    if common or bodies.press_cue.search(words[0]):
        return Reject("a-common-word", words[0])  # `Các hãng tin đưa tin`, `Tờ này dẫn lời`
    if any(" ".join(words[:count]) in bodies.outlets for count in range(1, len(words))):
        return Reject("a-known-outlet")  # `TASS Nga`, `RT Lizzie Phelan`: the press rule's
    if _a_place(name, lexicon):
        return Reject("a-place", name)
    if name in bodies.outlets:
        return Reject("a-known-outlet")  # the press rule lists it under its paper
    if bodies.head_of(bodies.expand(name))[1] is not None:
        return Reject("named-by-a-head")
    if not after_paper and len(words) > 1 and words[0] in lexicon.names.surnames:
        return Reject("a-person")
    name_start = text.index(words[0], start)
    return [Found(name_start, name_start + len(name), _source(name, lexicon))]


@normalizer("organizations.paper", groups=("name",), gazetteers=org_names.GAZETTEERS)
def credited_paper(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """A paper `tờ` names (`tờ Washington Examiner`), read as a credited source, is `Báo …`
    (GUIDE.md Round 9: a foreign paper named bare is `Báo Daily Mail`; Round 10: `Báo Time`)."""
    found = _credited(match, lexicon, after_paper=True)
    if isinstance(found, Reject):
        return found
    found = [_with_its_paper_word(f, match.sentence.text, lexicon) for f in found]
    return [f if _named_with_its_paper_word(f, lexicon) else _as_paper(f) for f in found]


def _with_its_paper_word(found: Found, text: str, lexicon: Lexicon) -> Found:
    """`Tờ Trùng Khánh nhật báo`: a paper's head word written in lower case after the name
    (org_heads.yml: `Nhật báo`) ends the name."""
    after = _TWO_WORDS.match(text, found.end)
    if not after or after.group(1).lower() not in lexicon.bodies.heads_by_lower:
        return found
    name = f"{found.values['name']} {after.group(1)}"
    return Found(found.start, after.end(), {**found.values, "name": name})


def _named_with_its_paper_word(found: Found, lexicon: Lexicon) -> bool:
    """`Hoàn Cầu Thời Báo`: a name ending in a paper's head word (org_heads.yml: `Thời báo`,
    `Nhật báo`) is the paper's full name, listed as written like `Thời báo Hoàn Cầu`."""
    words = found.values["name"].lower().split()
    return len(words) > 2 and " ".join(words[-2:]) in lexicon.bodies.heads_by_lower


def _as_paper(found: Found) -> Found:
    """A credited source listed under its paper (`Báo Washington Examiner`)."""
    return Found(found.start, found.end, {**found.values, "name": f"Báo {found.values['name']}"})


def _a_place(name: str, lexicon: Lexicon) -> bool:
    """A country, province or city (`Nga`, `Bình Phước`, `TP. HCM`): the media of a place."""
    places = lexicon.places
    return (
        name in places.countries
        or name in places.provinces
        or name in places.cities
        or name.startswith(places.abbreviations)
    )


def _source(name: str, lexicon: Lexicon) -> dict[str, Any]:
    return {"name": name, "abbreviation": None, **describe(name, None, None, lexicon)}
