"""Sources credited in the text by a name no list holds: a paper, a site or an agency named in
a byline (`(Theo Military Times)`, `(Theo AFP, Almasdar News)`) or before a reporting verb
(`Livejournal đưa tin`, `AMN dẫn lời`). A known outlet is the press rule's (news_outlets.yml);
here the name is listed as written (GUIDE.md Round 3: foreign media credited by a short name
are kept as written), but a newspaper's English name (paper_name_words.txt) is `Báo …`."""

from __future__ import annotations

from typing import Any

import regex

from pipeline.engine.contracts import ArticleText, Candidate, Found, Match, Reject, normalizer
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
#: a comma and the lower-case words after a credited name (`Theo Zeng Yong, trưởng nhóm`)
_APPOSITION = regex.compile(r"\s*,\s*(\p{Ll}[\p{Ll}\s]*)")
#: the English article before a capitalized name (`The Hill`): no Vietnamese word `the`
_ENGLISH_ARTICLE = "The"
#: capitalized words before a name that are no part of it (`The Sun`, `Theo Sina`)
_NOT_GIVEN_NAMES = frozenset({_ENGLISH_ARTICLE, "Theo"})
#: the word right before a position, on its line
_WORD_BEFORE = regex.compile(r"(?<![^\s])([^\s]+) $")
#: a short name in parentheses after a body's name, perhaps past the rest of a name the body
#: was found without (`Ban quản lý Khu chế xuất|, Khu công nghiệp TP HCM (Hepza)`)
_DEFINED_AFTER = regex.compile(r"[^().;:]{0,60}?\(\s*([^()\s][^()]*?)\s*\)")
#: the word right after a position
_WORD_AFTER = regex.compile(r" ([^\s]+)")
#: a capitalized word of Latin script without Vietnamese marks (`Julie`, `Soon`)
_LATIN_WORD = regex.compile(r"[A-Z][a-z]+")


@normalizer("organizations.source", groups=("name",), gazetteers=org_names.GAZETTEERS)
def credited_source(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """A source credited by a byline or a reporting verb, listed as written; one whose English
    name ends as a newspaper's does (paper_name_words.txt: `Business Standard dẫn lời`) is
    `Báo …`, as `tờ` makes it (GUIDE.md Round 9: a foreign paper named bare is `Báo …`)."""
    return _listed_source(match, lexicon)


def _listed_source(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    found = _credited(match, lexicon)
    if isinstance(found, Reject):
        return found
    return [
        _as_paper(f, lexicon) if _a_paper_named_in_full(f.values["name"], lexicon) else f
        for f in found
    ]


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
    after_country = words[places.countries.leading(words[:-1][:3]) :]
    if after_country[1:] or after_country[0] not in bodies.media_words:
        words = after_country  # `Triều Tiên KCNA`: its country's; `Iraq News` is a name
    name = " ".join(words)
    if not name[:1].isalpha():
        return Reject("a-date-or-number", name)  # `hôm 12 đưa tin`
    common = words[0].lower() in bodies.common_words and not (
        len(words) > 1 and (after_paper or words[0] == _ENGLISH_ARTICLE)
    )
    if common or bodies.press_cue.search(words[0]):
        return Reject("a-common-word", words[0])  # `Các hãng tin đưa tin`, `Tờ này dẫn lời`
    known = bodies.outlets.get(" ".join(words[1:])) if words[0] == _ENGLISH_ARTICLE else None
    if known is not None:  # `Theo The Guardian`: the paper as the press rule lists it
        name_start = text.index(words[0], start)
        return [Found(name_start, name_start + len(name), _source(known.name, lexicon))]
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


CREDITED_NAME_RULE = "organizations.credited_name"
#: what tells a person credited by `theo` (given names, ranks, honorifics) and a city
_NAME_GAZETTEERS = (
    *org_names.GAZETTEERS,
    "foreign_given_names",
    "name_leads",
    "ranks",
    "honorifics",
    "foreign_cities",
)


@normalizer(CREDITED_NAME_RULE, groups=("name",), gazetteers=_NAME_GAZETTEERS)
def credited_name(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """A name in Latin script credited by `theo` at a clause's end (`Theo AMN,`, `theo Defense
    Blog.`, `theo Task and Purpose.`): a paper, a site or a body credited as a source, listed as
    written (GUIDE.md Round 3), unless its shape is a person's: an initial (`theo H.`), a given
    name common abroad first (`theo Mark Roberts`), unmarked Vietnamese syllables (`Theo
    Trang,`), a rank (`theo TS.`) or a post after the comma (`Theo Zeng Yong, trưởng nhóm`);
    nor a Vietnamese site (`Theo Vietnamplus.vn`: the press rule's) or a city (`theo Bangkok,`).
    A name the article uses for a person elsewhere is the resolver's (`credited_names`)."""
    text, names = match.sentence.text, lexicon.names
    start, end = match.spans["name"]
    words = text[start:end].split()
    if any(len(word) == 1 for word in words):
        return Reject("an-initial")
    if words[0] in names.foreign_given_names or words[0].lower() in names.leads:
        return Reject("a-person", words[0])
    if all(names.syllable.fullmatch(word.lower()) for word in words) and not any(
        _SHORT_WORD.fullmatch(word) for word in words
    ):
        return Reject("a-vietnamese-name")
    if words[-1].lower().endswith(".vn"):
        return Reject("a-vietnamese-site")  # `Theo Vietnamplus.vn`: the press rule's paper
    if " ".join(words) in names.foreign_cities:
        return Reject("a-place")  # `chạy theo Bangkok, Singapore`
    after = _APPOSITION.match(text, end)
    if after and lexicon.titles.title.match(after.group(1)):
        return Reject("a-person-with-a-post")
    return _listed_source(match, lexicon)


def credited_names(candidates: list[Candidate], text: ArticleText[Lexicon]) -> list[Candidate]:
    """The credited names (`credited_name`) that are neither a person nor the short name of a
    body the article names in full: not `theo Dutton` after `nhà địa chấn Julie Dutton`, `Theo
    Panda` after `Ankit Panda`, `theo Gooi` after `Gooi Soon Seng`, `ông Barrett`, nor a name of
    several words whose first or last word the article also writes alone (`Elon Musk`, then
    `Musk`; words in capitals, `Vietnam MRCC` then `MRCC`, name bodies too); not `Theo Hepza,`
    where a body found is followed by `(Hepza)`: that body's row."""
    if not any(cand.rule.id == CREDITED_NAME_RULE for cand in candidates):
        return candidates
    article = "\n".join(sentence.text for sentence in text.sentences)
    short_names = {
        defined.group(1).casefold()
        for cand in candidates
        if cand.rule.id != CREDITED_NAME_RULE
        and (defined := _DEFINED_AFTER.match(cand.sentence.text, cand.end))
    }
    return [
        cand
        for cand in candidates
        if cand.rule.id != CREDITED_NAME_RULE
        or not (cand.text.casefold() in short_names or _a_person(cand.text, article, text.lexicon))
    ]


def _a_person(name: str, article: str, lexicon: Lexicon) -> bool:
    """A name after an honorific; one word beside a person's name elsewhere; a first or last
    word written alone."""
    words = name.split()
    honorific = "|".join(regex.escape(word) for word in lexicon.names.honorifics)
    if regex.search(rf"(?<![\p{{L}}])(?:{honorific}) {regex.escape(name)}(?![\p{{L}}])", article):
        return True  # `ông Elon Musk`, `ông Barrett`
    if len(words) == 1:
        return not _SHORT_WORD.fullmatch(name) and any(
            _beside_a_name(found, article, lexicon) for found in _written(name, article)
        )
    elsewhere = article.replace(name, "|")  # its words outside the credited name
    return any(
        not _SHORT_WORD.fullmatch(word)
        and any(
            not _beside_a_name(found, elsewhere, lexicon, alone=True)
            for found in _written(word, elsewhere)
        )
        for word in (words[0], words[-1])
    )


def _written(word: str, article: str) -> list[regex.Match[str]]:
    return list(
        regex.finditer(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(word)}(?![\p{{L}}\p{{M}}])", article)
    )


def _beside_a_name(
    found: regex.Match[str], article: str, lexicon: Lexicon, *, alone: bool = False
) -> bool:
    """A word written beside a capitalized word of Latin script that is no credit word (`Julie
    Dutton`, `Gooi Soon Seng`; not `Theo Sina`, `The Sun`, `Trang Sina`): part of a person's
    name. With `alone`, whether it stands with no
    capitalized word beside it: a surname written alone after the full name."""
    before = _WORD_BEFORE.search(article, 0, found.start())
    after = _WORD_AFTER.match(article, found.end())
    named = bool(
        (
            before
            and _LATIN_WORD.fullmatch(before.group(1))
            and not _a_credit_word(before.group(1), lexicon)
        )
        or (after and _LATIN_WORD.fullmatch(after.group(1)))
    )
    capitalized = bool(
        (before and before.group(1)[:1].isupper()) or (after and after.group(1)[:1].isupper())
    )
    return capitalized if alone else named


def _a_credit_word(word: str, lexicon: Lexicon) -> bool:
    return word in _NOT_GIVEN_NAMES or bool(lexicon.bodies.press_cue.search(word))


@normalizer("organizations.paper", groups=("name",), gazetteers=org_names.GAZETTEERS)
def credited_paper(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """A paper `tờ` names (`tờ Washington Examiner`), read as a credited source, is `Báo …`
    (GUIDE.md Round 9: a foreign paper named bare is `Báo Daily Mail`; Round 10: `Báo Time`)."""
    found = _credited(match, lexicon, after_paper=True)
    if isinstance(found, Reject):
        return found
    found = [_with_its_paper_word(f, match.sentence.text, lexicon) for f in found]
    return [f if _named_with_its_paper_word(f, lexicon) else _as_paper(f, lexicon) for f in found]


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


def _as_paper(found: Found, lexicon: Lexicon) -> Found:
    """A credited source listed under its paper (`Báo Washington Examiner`)."""
    name = f"{lexicon.bodies.paper_head} {found.values['name']}"
    return Found(found.start, found.end, {**found.values, "name": name})


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
