"""The Vietnamese the normalizers know, read once per rule set from `rules/`.

Every word list lives in `rules/gazetteers/` (a `.txt` list or a `.yml` mapping) and every
shared pattern in `rules/defines.yml`; this module turns them into typed, ready-to-use
structures (sets, mappings, compiled patterns), one part per kind of knowledge. Each part
names the gazetteers it reads (`GAZETTEERS`), and the normalizers declare the parts they use,
so that `vnie rules check` can say which rule needs a gazetteer that is missing.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from pipeline.engine.cache import cached
from pipeline.engine.ruleset import alternation, lazy_compile
from pipeline.text.normalize import normalize_phrase

Gazetteers = Mapping[str, Any]
Defines = Mapping[str, str]
VERBOSE = regex.VERBOSE | regex.V0
_SPACES = regex.compile(r"\s+")
#: how many results a memo of the lexicon keeps before it starts again (memory stays flat)
MEMO_LIMIT = 8192


class Phrases(frozenset[str]):
    """A set of phrases that also knows their first words and their lengths in words, so
    that a scan can tell at once whether a phrase may start at a word."""

    first_words: frozenset[str]
    widths: tuple[int, ...]

    def __new__(cls, entries: Iterable[str]) -> Phrases:
        phrases = super().__new__(cls, entries)
        phrases.first_words = frozenset(entry.split(" ")[0] for entry in phrases)
        phrases.widths = tuple(sorted({len(entry.split(" ")) for entry in phrases}, reverse=True))
        return phrases

    def starts(self, words: Sequence[str]) -> bool:
        """The words are, or start with, one of the phrases."""
        return self.leading(words) > 0

    def leading(self, words: Sequence[str]) -> int:
        """How many of the first words are one of the phrases, the longest first (0: none)."""
        if not words or words[0] not in self.first_words:
            return 0
        return next((w for w in self.widths if w <= len(words) and " ".join(words[:w]) in self), 0)

    def trailing(self, words: Sequence[str]) -> int:
        """How many of the last words are one of the phrases, the longest first (0: none)."""
        return next((w for w in self.widths if w <= len(words) and " ".join(words[-w:]) in self), 0)


def _lower_keys(entries: Iterable[str]) -> dict[str, str]:
    """Entries by their lower case; the first of several spellings wins."""
    by_lower: dict[str, str] = {}
    for entry in entries:
        by_lower.setdefault(entry.lower(), entry)
    return by_lower


def _longest_first(entries: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(entries), key=lambda e: (-len(e), e)))


def _spaced(abbreviation: str) -> str:
    """An abbreviation as a pattern that allows spaces around its `&` and `-` (`NN & PTNT`,
    `LĐ - TB & XH` are written so too) and where it has one."""
    squashed = _SPACES.sub("", abbreviation)
    pattern = regex.escape(squashed) if " " not in abbreviation else regex.escape(abbreviation)
    return pattern.replace(r"\ ", r"\s*").replace(r"\&", r"\s*&\s*").replace(r"\-", r"\s*-\s*")


def _opening_head(name: str, heads: Mapping[str, Any]) -> str:
    """The longest head of org_heads.yml that opens a name (`Công ty` of `Công ty Cổ phần`)."""
    words = name.split(" ")
    return next(
        (
            " ".join(words[:count])
            for count in range(len(words), 0, -1)
            if " ".join(words[:count]) in heads
        ),
        "",
    )


def _words_re(entries: Iterable[str], flags: int = 0) -> regex.Pattern[str]:
    """Any entry as a whole word."""
    return lazy_compile(r"(?<![\p{L}\p{N}])" + alternation(entries) + r"(?![\p{L}\p{N}])", flags)


def _without(entries: Iterable[str], left_out: Iterable[str]) -> list[str]:
    """The entries but those left out."""
    dropped = set(left_out)
    return [entry for entry in entries if entry not in dropped]


@functools.cache
def vietnamese_words() -> frozenset[str]:
    """Two-syllable Vietnamese words (underthesea's Viet74K word list), lower case, modern
    tone marks (the list writes `đảng uỷ`; the rules see `đảng ủy`). Normalizing the list takes
    half a second, so the result is kept on disk, keyed by underthesea's version and the
    normalizer's code."""
    from importlib.metadata import version

    normalizer = Path(inspect.getfile(normalize_phrase.__wrapped__)).read_bytes()
    key = version("underthesea") + "-" + hashlib.sha256(normalizer).hexdigest()[:12]
    return cached("viet74k-two-syllable", key, _read_vietnamese_words)


def _read_vietnamese_words() -> frozenset[str]:
    return frozenset(normalize_phrase(w.lower()) for w in _viet74k() if w.count(" ") == 1)


@functools.cache
def common_vietnamese_words() -> frozenset[str]:
    """The common words of Viet74K (those it writes in lower case: `nghiên cứu`, `bông`, `xe
    cơ giới`), of one to four syllables, with modern tone marks. The list writes proper names
    capitalized (`Sài Gòn`, `An Phú`), so a capitalized syllable pair of a body's name that is
    not a common word (`Vĩnh Phát`, `Viettel`) is its proper name. Kept on disk like
    `vietnamese_words`."""
    from importlib.metadata import version

    normalizer = Path(inspect.getfile(normalize_phrase.__wrapped__)).read_bytes()
    key = version("underthesea") + "-" + hashlib.sha256(normalizer).hexdigest()[:12]
    return cached("viet74k-common", key, _read_common_words)


def _read_common_words() -> frozenset[str]:
    return frozenset(normalize_phrase(w) for w in _viet74k() if w == w.lower() and w.count(" ") < 4)


def _viet74k() -> list[str]:
    from importlib.resources import files

    listing = files("underthesea") / "corpus" / "data" / "Viet74K.txt"
    return [w.strip() for w in listing.read_text(encoding="utf-8").splitlines() if w.strip()]


@dataclass(frozen=True)
class Names:
    """Persons: family names, honorifics, the shape of a full name (Vietnamese or of another
    language), the words written before one, who is never an official."""

    GAZETTEERS = (
        "surnames",
        "common_surnames",
        "honorifics",
        "not_officials",
        "name_leads",
        "ranks",
        "not_official_leads",
        "foreign_cities",
        "posts_held_abroad",
        "name_particles",
        "korean_surnames",
        "foreign_family_names",
    )

    surnames: frozenset[str]
    common_surnames: frozenset[str]
    honorifics: tuple[str, ...]
    not_officials: frozenset[str]
    #: ranks, degrees, religious ranks written before a name, lower case (two gazetteers)
    leads: frozenset[str]
    #: words before a name that mark a person without a post (pupils, students)
    no_post_leads: frozenset[str]
    #: cities abroad, written between a mayor's title and the name (`Thị trưởng Tokyo …`)
    foreign_cities: frozenset[str]
    #: posts of no body a name of another language follows with nothing between, lower case
    posts_held_abroad: frozenset[str]
    #: a full name (`rules/defines.yml` PERSON_NAME)
    person: regex.Pattern[str]
    #: a name right after a chain of posts, with `honorific` and `person` groups
    after_posts: regex.Pattern[str]
    #: a name of another language there (FOREIGN_AFTER_POSTS), same groups
    foreign_after_posts: regex.Pattern[str]
    #: the next name of a list (NAME_IN_LIST), same groups
    in_list: regex.Pattern[str]
    #: a name right before a chain of posts (NAME_BEFORE_POSTS), searched up to the chain
    before_posts: regex.Pattern[str]
    #: the holder of the posts right before them (HOLDER_BEFORE_POSTS), searched up to them
    holder_before: regex.Pattern[str]
    #: the one who leaves the posts, after them (POSTS_HELD_BY): `… đối với ông X`
    held_by: regex.Pattern[str]
    #: the one someone replaces in the posts, after them (POSTS_REPLACED_HOLDER): `… thay ông X`
    replaced_holder: regex.Pattern[str]
    #: a verb of leaving office right before posts (LEAVING_OFFICE), searched up to them
    leaving_before: regex.Pattern[str]
    #: a Vietnamese syllable without its marks (VIETNAMESE_SYLLABLE), matched whole
    syllable: regex.Pattern[str]
    #: family names abroad that read as unmarked Vietnamese syllables (`Hun`), lower case
    foreign_family_names: frozenset[str]
    #: Korean family names, lower case: before a given name joined by a hyphen (`Ri Yong-ho`)
    korean_surnames: frozenset[str]

    @classmethod
    def build(cls, gazetteers: Gazetteers, defines: Defines) -> Names:
        return cls(
            frozenset(gazetteers["surnames"]),
            frozenset(gazetteers["common_surnames"]),
            tuple(gazetteers["honorifics"]),
            frozenset(gazetteers["not_officials"]),
            frozenset(lead.lower() for lead in (*gazetteers["name_leads"], *gazetteers["ranks"])),
            frozenset(gazetteers["not_official_leads"]),
            frozenset(gazetteers["foreign_cities"]),
            frozenset(post.lower() for post in gazetteers["posts_held_abroad"]),
            lazy_compile(defines["PERSON_NAME"], VERBOSE),
            lazy_compile(defines["NAME_AFTER_POSTS"], VERBOSE),
            lazy_compile(defines["FOREIGN_AFTER_POSTS"], VERBOSE),
            lazy_compile(defines["NAME_IN_LIST"], VERBOSE),
            lazy_compile(defines["NAME_BEFORE_POSTS"], VERBOSE),
            lazy_compile(defines["HOLDER_BEFORE_POSTS"], VERBOSE),
            lazy_compile(defines["POSTS_HELD_BY"], VERBOSE),
            lazy_compile(defines["POSTS_REPLACED_HOLDER"], VERBOSE),
            lazy_compile(
                r"(?<![\p{L}])(?:"
                + defines["LEAVING_OFFICE"]
                + r")(?:\s+(?:chức(?:\s+(?:vụ|danh))?|vụ|danh))?\s+$",
                VERBOSE,
            ),
            lazy_compile(defines["VIETNAMESE_SYLLABLE"], VERBOSE),
            frozenset(name.lower() for name in gazetteers["foreign_family_names"]),
            frozenset(name.lower() for name in gazetteers["korean_surnames"]),
        )

    def is_foreign(self, name: str) -> bool:
        """A name of another language: no letter only Vietnamese writes (đ, ơ, ư, ă, a tone
        mark of its own), no Vietnamese syllable with a mark (`Lào`), and a word that is no
        Vietnamese syllable (`Trump`, `Jong-un`), or, in a name of two words or more, a family
        name abroad that reads as one (`Hun Sen`: gazetteers/foreign_family_names.txt), or a
        Korean family name before a given name joined by a hyphen (`Ri Yong-ho`)."""
        words = [word for word in _NAME_PARTS.split(name.lower()) if word]
        plain = [_unmarked(word) for word in words]
        if not words or any(
            bare is None or (bare != word and self.syllable.fullmatch(bare))
            for word, bare in zip(words, plain, strict=True)
        ):
            return False
        if len(words) > 1 and (
            words[0] in self.foreign_family_names
            or (words[0] in self.korean_surnames and _KOREAN_HYPHEN.search(name))
        ):
            return True
        return any(bare is not None and not self.syllable.fullmatch(bare) for bare in plain)


#: how a name splits into words: spaces and the hyphens inside `Jong-un`
_NAME_PARTS = regex.compile(r"[\s\-]+")
#: a given name of two syllables joined by a hyphen, the second in lower case (`Yong-ho`)
_KOREAN_HYPHEN = regex.compile(r"\p{Lu}\p{Ll}+\s?-\s?\p{Ll}+$")
#: marks only Vietnamese puts on a Latin letter: horn (ơ, ư), breve (ă), hook above (ả), dot
#: below (ạ); đ is a letter of its own
_VIETNAMESE_MARKS = frozenset("\u031b\u0306\u0309\u0323")


def _unmarked(word: str) -> str | None:
    """A word without its diacritics, or None when it carries a mark only Vietnamese uses."""
    if "đ" in word:
        return None
    decomposed = unicodedata.normalize("NFD", word)
    if any(char in _VIETNAMESE_MARKS for char in decomposed):
        return None
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class Titles:
    """Positions: the titles, how they are abbreviated, how chains of posts are written, and
    what may stand between a title and the name after it (a country, a body no head word
    opens)."""

    GAZETTEERS = (
        "titles",
        "title_abbreviations",
        "title_prefixes",
        "membership_titles",
        "title_head_tails",
        "title_head_words",
        "bare_ranks",
        "public_body_ranks",
        "post_separators",
        "place_prepositions",
        "countries",
        "heads_of_state",
        "body_stop_words",
        "deputy_bodies",
        "possessives",
        "list_starting_titles",
        "school_subjects",
        "titles_with_field",
        "international_bodies",
        "titles_of_a_country",
        "titles_of_a_place_abroad",
        "place_levels_abroad",
        "name_particles",
        "ministry_sectors",
        "host_bodies",
    )

    #: title → the body it implies when the text names none (`Thủ tướng` → Chính phủ)
    implied_body: Mapping[str, str | None]
    by_lower: Mapping[str, str]
    abbreviations: Mapping[str, str]
    #: words before a title that stay in it, lower case (`nguyên`, `cựu`)
    prefixes: tuple[str, ...]
    membership: tuple[str, ...]
    head_tails: tuple[str, ...]
    #: title → the head word of its body, for a body written without it (`Bộ trưởng` → Bộ)
    head_words: Mapping[str, str]
    bare_ranks: frozenset[str]
    #: titles that are a post only with a public body (`cán bộ`), not with a business
    public_body_ranks: frozenset[str]
    place_prepositions: frozenset[str]
    heads_of_state: frozenset[str]
    countries: Phrases
    #: lower-case words (and phrases) that end a body written without a head word
    body_stops: Phrases
    #: a title with an optional prefix: groups `prefix` and `title`
    title: regex.Pattern[str]
    separator: regex.Pattern[str]
    #: a country right after a title, as a whole word, and the one or the international body
    #: it serves in (`Nhật Bản tại Việt Nam`, `Mỹ tại LHQ`): groups `country` and `host`
    country: regex.Pattern[str]
    #: a plural word right before a post (PLURAL_BEFORE), searched up to the post
    plural_before: regex.Pattern[str]
    #: an unnamed body right after a title (UNNAMED_BODY): `Giám đốc | một công ty`
    unnamed_body: regex.Pattern[str]
    #: words before a post that make it someone else's (`của`)
    possessives: Phrases
    #: titles that start the next person of a list after a comma (`Hòa thượng`, `Đại biểu`)
    list_starting: frozenset[str]
    #: what a teacher teaches (`Vật lý`), not a body
    subjects: Phrases
    #: an elected body as an article names it → the title of its deputies
    deputy_titles: Mapping[str, str]
    #: any of those names, as a whole word
    deputy_body: regex.Pattern[str]
    #: titles whose field may stand before their body (`chuyên gia mô hình Viện …`)
    with_field: frozenset[str]
    #: that field, then `của` or `tại` (FIELD_BEFORE_BODY): group `field`
    field_before_body: regex.Pattern[str]
    #: international bodies, lower case → as listed: not businesses, whatever their head
    #: (`Ngân hàng Thế giới`), and read whole after an expert's title
    international: Mapping[str, str]
    #: titles that are a post only with a country right after them (`lãnh đạo Triều Tiên`)
    of_a_country: frozenset[str]
    #: posts of a city or a state abroad, whose place stays in the title (`Thị trưởng …`)
    of_a_place_abroad: frozenset[str]
    #: a place word that may open that place (group `level`), then the capitalized words
    #: there, the place's and a name's after it (group `run`)
    place_level_abroad: regex.Pattern[str]
    #: a ministry's sector written in lower case after its minister's title, as a whole word
    #: (`Bộ trưởng | tài chính Canada`: gazetteers/ministry_sectors.txt); group `sector`
    lower_sector: regex.Pattern[str]

    @classmethod
    def build(cls, gazetteers: Gazetteers, defines: Defines) -> Titles:
        titles: Mapping[str, str | None] = gazetteers["titles"]
        by_lower = _lower_keys(titles)
        title_re = lazy_compile(
            r"(?i:(?:(?P<prefix>"
            + alternation(gazetteers["title_prefixes"])
            + r")\s+)?(?P<title>"
            + "|".join(_title_pattern(t) for t in sorted(titles, key=len, reverse=True))
            + r"))(?![\p{L}])"
        )
        separator = lazy_compile(r"\s*" + alternation(gazetteers["post_separators"]) + r"\s*")
        return cls(
            titles,
            by_lower,
            gazetteers["title_abbreviations"],
            tuple(prefix.lower() for prefix in gazetteers["title_prefixes"]),
            tuple(gazetteers["membership_titles"]),
            tuple(gazetteers["title_head_tails"]),
            gazetteers["title_head_words"],
            frozenset((*gazetteers["bare_ranks"], *gazetteers["public_body_ranks"])),
            frozenset(gazetteers["public_body_ranks"]),
            frozenset(gazetteers["place_prepositions"]),
            frozenset(gazetteers["heads_of_state"]),
            Phrases(gazetteers["countries"]),
            Phrases(gazetteers["body_stop_words"]),
            title_re,
            separator,
            lazy_compile(
                r"\s+(?P<country>{0})(?:\s+tại\s+(?P<host>{0}|{1}))?"
                r"(?![\p{{L}}\p{{N}}-])".format(
                    alternation(gazetteers["countries"]), alternation(gazetteers["host_bodies"])
                )
            ),
            lazy_compile(defines["PLURAL_BEFORE"], VERBOSE),
            lazy_compile(defines["UNNAMED_BODY"], VERBOSE),
            Phrases(gazetteers["possessives"]),
            frozenset(gazetteers["list_starting_titles"]),
            Phrases(gazetteers["school_subjects"]),
            gazetteers["deputy_bodies"],
            _words_re(gazetteers["deputy_bodies"]),
            frozenset(gazetteers["titles_with_field"]),
            lazy_compile(defines["FIELD_BEFORE_BODY"], VERBOSE),
            {body.lower(): body for body in gazetteers["international_bodies"]},
            frozenset(gazetteers["titles_of_a_country"]),
            frozenset(gazetteers["titles_of_a_place_abroad"]),
            lazy_compile(
                r"\s+(?:(?P<level>(?i:"
                + alternation(gazetteers["place_levels_abroad"])
                + r"))(?![\p{L}])\s*)?(?P<run>\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:(?:"
                + alternation(gazetteers["name_particles"])
                + r")\s+)?\p{Lu}[\p{L}\p{M}'’-]*){0,7})(?![\p{L}\p{M}])"
            ),
            lazy_compile(
                r"\s+(?P<sector>"
                + alternation(gazetteers["ministry_sectors"])
                + r")(?![\p{L}\p{M}])"
            ),
        )

    def canonical(self, written: str) -> str:
        """A title as the `title` column writes it: `phó chủ tịch` → `Phó Chủ tịch`."""
        squashed = _SPACES.sub(" ", written)
        if squashed not in self.implied_body:
            squashed = self.by_lower.get(squashed.lower(), squashed)
        return self.abbreviations.get(squashed, squashed)


def _title_pattern(title: str) -> str:
    """A title as written, case aside, except a last word `phó`, which is written in lower case:
    `Cục phó Di sản văn hóa`, not `bưu cục Phó Giám đốc …`."""
    pattern = regex.escape(title).replace(r"\ ", r"\s+")
    if title.endswith(" phó"):
        pattern = pattern[: -len("phó")] + "(?-i:phó)"
    return pattern


@dataclass(frozen=True)
class Places:
    """Provinces, cities, place words and levels, and which bodies a province names."""

    GAZETTEERS = (
        "provinces",
        "cities",
        "place_levels",
        "place_words",
        "not_place_words",
        "source_provinces",
        "province_committees",
        "bodies_placed_by_province",
        "district_committees",
        "districts_of_communes",
        "hometown_cues",
        "numbered_place_words",
        "place_abbreviations",
        "countries",
        "regions",
    )

    provinces: Phrases
    provinces_longest_first: tuple[str, ...]
    cities: frozenset[str]
    #: a place word as written → the level of a body attached to the place
    levels: Mapping[str, str]
    level_words: frozenset[str]
    #: the place words written in full and in lower case (`huyện`, `thị xã`)
    local_level_words: tuple[str, ...]
    place_words: frozenset[str]
    #: words that end with a place word but name no place (`yêu cầu`)
    not_place_words: frozenset[str]
    source_provinces: Mapping[str, str]
    province_committees: tuple[str, ...]
    placed_by_province: frozenset[str]
    district_committees: Mapping[str, str]
    abbreviations: tuple[str, ...]
    #: any province (or `HCM`) as a whole word
    province: regex.Pattern[str]
    #: countries as Vietnamese writes them (`Nhật Bản`, `Ấn Độ`)
    countries: Phrases
    #: regions of Vietnam (`Tây Nam Bộ`, `miền Nam`): a body's place, like a province
    regions: Phrases
    #: a word of a name, or a place word that keeps its dot (`TP.`, `Q.`)
    token: regex.Pattern[str]
    #: every such word from a position on, as one match: `captures(1)`, `starts(1)`, `ends(1)`
    #: give them all at once (half the time of a `finditer` over `token`)
    tokens: regex.Pattern[str]
    #: a commune's place word → its district's (`xã` → `huyện`)
    districts_of_communes: Mapping[str, str]
    #: a commune, then its district written bare in parentheses: `xã Nghi Trung (Nghi Lộc, `;
    #: not after a hometown word (`quê xã Hồng Minh (Hưng Hà, `)
    commune_then_district: regex.Pattern[str]
    #: a name ending with a place word a city numbers its units by (`… Quận`), in group `level`
    numbered_level: regex.Pattern[str]

    @classmethod
    def build(cls, gazetteers: Gazetteers, defines: Defines) -> Places:
        provinces: list[str] = gazetteers["provinces"]
        levels: Mapping[str, str] = gazetteers["place_levels"]
        local = tuple(w for w in levels if w.islower() and not w.endswith("."))
        dotted = (regex.escape(w) for w in _longest_first(levels) if w.endswith("."))
        # … and an initialism written with a dot inside (`T.Ư` of `Ủy ban Kiểm tra T.Ư`)
        word = (
            "".join(w + "|" for w in dotted)
            + r"\p{Lu}\.\p{Lu}(?![\p{L}\p{M}.])|[\p{L}\p{M}\p{N}&]+|\S"
        )
        return cls(
            Phrases(provinces),
            _longest_first(provinces),
            frozenset(gazetteers["cities"]),
            levels,
            frozenset(levels),
            local,
            frozenset(gazetteers["place_words"]),
            frozenset(gazetteers["not_place_words"]),
            gazetteers["source_provinces"],
            tuple(gazetteers["province_committees"]),
            frozenset(gazetteers["bodies_placed_by_province"]),
            gazetteers["district_committees"],
            tuple(gazetteers["place_abbreviations"]),
            lazy_compile(r"(?<![\p{L}])" + alternation([*provinces, "HCM"]) + r"(?![\p{L}])"),
            Phrases(gazetteers["countries"]),
            Phrases(gazetteers["regions"]),
            lazy_compile(r"\s*(" + word + ")"),
            lazy_compile(r"(?:\s*(" + word + "))*"),
            gazetteers["districts_of_communes"],
            lazy_compile(
                r"(?<![\p{L}])(?<!(?<![\p{L}])(?:"
                + alternation(gazetteers["hometown_cues"])
                + r") )(?P<level>"
                + alternation(gazetteers["districts_of_communes"])
                + r") \p{Lu}[\p{L}\p{M}]*(?: [\p{Lu}\d][\p{L}\p{M}\d]*)* \("
                r"(?P<district>\p{Lu}[\p{L}\p{M}]*(?: \p{Lu}[\p{L}\p{M}]*){0,3}), "
            ),
            lazy_compile(r" (?P<level>" + alternation(gazetteers["numbered_place_words"]) + r")$"),
        )


@dataclass(frozen=True)
class Head:
    """What a head word (`Sở`, `Tỉnh ủy`) says of the bodies it opens (gazetteer org_heads)."""

    type: str
    level: str | None
    #: the head is a name by itself (`Tỉnh ủy`)
    alone: bool
    #: nothing after the head belongs to the name (`Quốc hội`), but a country (`Quốc hội Mỹ`)
    complete: bool
    #: the name may end with where the body sits: `Đại sứ quán Ấn Độ tại Việt Nam`
    located: bool = False
    #: the head is also a verb (`Tổ chức Hội nghị` holds a meeting)
    verb: bool = False
    #: every place has one: written in lower case before a place word it still names a body
    #: (`công an quận Hoàn Kiếm`, `thanh tra tỉnh`)
    placed: bool = False
    #: every country has one: written in lower case before a country it still names that
    #: country's body (`cảnh sát Hàn Quốc`, `quân đội Mỹ`; GUIDE.md Round 7)
    national: bool = False
    #: a place that acts as a body (`bến xe Miền Đông`, `Thảo cầm viên TP. HCM`): a body only
    #: right after a post or a representative (rules/gazetteers/place_body_cues.txt)
    place: bool = False
    #: the head names a body only with a proper name right after it (`đảng Dân chủ`), not
    #: alone, before a place word (`Đại hội Đảng toàn quốc`) or before another body's head
    proper: bool = False


@dataclass(frozen=True)
class Outlet:
    """A paper, news site, agency or portal credited in the text (gazetteer news_outlets)."""

    name: str
    #: its name is also ordinary words: listed only after a credit word (`Theo Tuổi Trẻ`)
    credited: bool


#: an acronym in parentheses inside a body's name, before the rest of it (`(GTVT) TP HCM`)
ORG_ASIDE = regex.compile(r"\s*\(\s*\p{Lu}[\p{Lu}\p{N}&.\- ]{0,12}\)(?=\s+\S)")
#: a body's acronym in parentheses right after its name, wherever the sentence goes on
#: (`Trung tâm giáo dục thiên nhiên (ENV),`)
ORG_ACRONYM = regex.compile(r"\s*\(\p{Lu}[\p{Lu}\p{N}&\-]{1,11}\)")


@dataclass(frozen=True)
class Bodies:
    """Organizations: head words, abbreviations, the words names are made of."""

    GAZETTEERS = (
        "org_heads",
        "abbreviations",
        "head_full_forms",
        "full_names",
        "not_organizations",
        "sector_names",
        "sector_spellings",
        "name_function_words",
        "org_qualifiers",
        "org_name_words",
        "org_name_words_after_and",
        "credit_words",
        "numbered_heads",
        "number_introducers",
        "heads_named_after_people",
        "nested_heads",
        "doan_body_words",
        "name_stop_words",
        "heads_with_lower_case_names",
        "plural_markers",
        "legal_forms",
        "name_level_words",
        "news_outlets",
        "press_cues",
        "reporting_verbs",
        "paper_reporting_verbs",
        "not_organization_openings",
        "common_noun_heads",
        "heads_meaning_a_middle",
        "place_body_cues",
        "brands",
        "international_bodies",
        "region_cues",
        "heads_with_topics",
        "heads_of_units",
        "bare_units",
        "title_heads",
        "event_openings",
        "heads_described_before_place",
        "heads_with_sentence_case_names",
        "short_sector_names",
        "sector_heads",
        "office_short_sector_names",
        "boards_of_level_committees",
        "boards_of_named_bodies",
        "school_heads",
        "unit_committees",
        "governing_boards",
        "project_cues",
        "foreign_legal_forms",
        "listed_brands",
        "venue_brands",
        "legal_form_spellings",
        "force_epithets",
    )

    heads: Mapping[str, Head]
    #: the first words, in lower case, of complete heads (`bộ` of `Bộ Chính trị`)
    complete_prefixes: frozenset[str]
    #: a head in lower case → the head as written in org_heads.yml (longest spelling first)
    heads_by_lower: Mapping[str, str]
    most_head_words: int
    abbreviations: Mapping[str, str]
    #: abbreviations without their spaces (`TN & MT` is written `TN&MT` too)
    abbreviations_squashed: Mapping[str, str]
    head_full_forms: Mapping[str, str]
    full_names: Mapping[str, str]
    not_organizations: frozenset[str]
    sector_names: tuple[str, ...]
    #: the same, modern tone marks and case folded, for comparing with any spelling
    sector_names_folded: tuple[str, ...]
    sector_first_words: frozenset[str]
    sector_spellings: Mapping[str, str]
    #: any sector spelling as whole words after a space, in any case
    sector_spelling: regex.Pattern[str]
    function_words: frozenset[str]
    qualifiers: Phrases
    name_words: Phrases
    name_words_after_and: Phrases
    credit_words: frozenset[str]
    numbered_heads: frozenset[str]
    #: heads whose sector written short takes its standard name (`Bộ`, `Sở`)
    sector_heads: frozenset[str]
    #: other heads whose sector written short takes its standard name → their own short
    #: sectors (`Phòng` → `Giáo dục` → `Giáo dục và Đào tạo`)
    office_short_sectors: Mapping[str, Mapping[str, str]]
    #: a Party committee's board → a bare place word after it → the committee it stands for
    #: (`Ban Thường vụ` → `huyện` → `Huyện ủy`)
    level_committees: Mapping[str, Mapping[str, str]]
    #: the word written or left out before a school's head → those heads, each with a space
    #: after it (`Trường` → `Đại học `)
    school_heads: Mapping[str, tuple[str, ...]]
    number_introducers: frozenset[str]
    heads_named_after_people: frozenset[str]
    nested_heads: frozenset[str]
    doan_body_words: tuple[str, ...]
    #: a head word or an abbreviation that stands for a body or a head, at a position
    head: regex.Pattern[str]
    abbreviation: regex.Pattern[str]
    #: where a body named inside another body's name starts (in lower case, before a capital:
    #: `phòng Quản lý nhà … sở Xây dựng Thanh Hóa`)
    nested: regex.Pattern[str]
    #: two-syllable Vietnamese words (`tài nguyên`), lower case
    words: frozenset[str]
    #: common words of one to four syllables (`nghiên cứu`, `xe cơ giới`), not proper names
    common_words: frozenset[str]
    #: words that end a name written partly in lower case (`cho biết`, `đã`)
    stop_words: Phrases
    heads_with_lower_case_names: frozenset[str]
    #: one of those heads however its later words are capitalized (`Ban chỉ đạo`)
    lower_case_named_head: regex.Pattern[str]
    #: `các` before the many things a name describes (`Ban Quản lý các khu công nghiệp`)
    plural_markers: frozenset[str]
    legal_forms: frozenset[str]
    legal_forms_longest_first: tuple[str, ...]
    level_words: Phrases
    #: a paper, site or agency as written → how it is listed (rules/gazetteers/news_outlets.yml)
    outlets: Mapping[str, Outlet]
    #: a credit or reporting word right before a paper's name (`Theo`, `Ảnh:`), at the end
    press_cue: regex.Pattern[str]
    #: a reporting verb right after a source's name, perhaps past a word or two (`đưa tin`,
    #: `hôm nay dẫn tin`, a known paper's `ghi nhận`): rules/gazetteers/reporting_verbs.txt,
    #: paper_reporting_verbs.txt
    reported_after: regex.Pattern[str]
    not_openings: frozenset[str]
    common_noun_heads: frozenset[str]
    #: heads that, in lower case before a proper name, are its middle (`trung tâm Manhattan`)
    middle_heads: frozenset[str]
    #: a post or a representative right before a place that makes it a body (`giám đốc`)
    place_body_cue: regex.Pattern[str]
    #: enterprises and banks named by brand (`BIDV`, `Grab`)
    brands: frozenset[str]
    #: a word right before an international body's name that makes it a region (`các nước`)
    region_cue: regex.Pattern[str]
    heads_with_topics: frozenset[str]
    heads_of_units: frozenset[str]
    #: heads that, alone at the end of another body's name, stand for the article's unit of
    #: that head (`Đảng ủy Tập đoàn`), longest first
    bare_units: tuple[str, ...]
    event_openings: Phrases
    heads_described_before_place: frozenset[str]
    #: heads whose capitalized name goes on in lower case (`Vụ Chính sách tiền tệ`)
    heads_with_sentence_case_names: frozenset[str]
    #: a sector written short → its standard name (`Giáo dục` → `Giáo dục và Đào tạo`)
    short_sectors: Mapping[str, str]
    #: patterns of rules/defines.yml that the name scan and the normalizers read
    seat: regex.Pattern[str]
    parent_of: regex.Pattern[str]
    topic: regex.Pattern[str]
    kind_after: regex.Pattern[str]
    #: bodies of several levels at once after a bare level word (`HĐND quận, phường`)
    levels_after: regex.Pattern[str]
    #: what right before a capitalized head makes its lower-case description no name
    description_not_name: regex.Pattern[str]
    #: a law or an honour right before a head names the law, not the body (`Luật Công an nhân
    #: dân`, `danh hiệu Công an nhân dân`)
    law_or_honour: regex.Pattern[str]
    list_opening: regex.Pattern[str]
    list_glue: regex.Pattern[str]
    after_title: regex.Pattern[str]
    #: a post right before a body (`Trưởng`, `Phó` of `Phó đoàn đại biểu Quốc hội`): its
    #: holder's own body, not a kind of body
    after_post: regex.Pattern[str]
    place_list: regex.Pattern[str]
    place_list_item: regex.Pattern[str]
    branch: regex.Pattern[str]
    #: a name ending with a Party committee that takes the unit after it (`Ủy ban Kiểm tra Đảng
    #: ủy`), in any case
    unit_committee_at_end: regex.Pattern[str]
    #: the same anywhere in a name, as whole words
    unit_committee_in: regex.Pattern[str]
    #: those committees that, before a State body of a commune, are the place's (`Đảng ủy`)
    place_committees: frozenset[str]
    #: boards that govern the body named after them (`Ban Tổng giám đốc`)
    governing_boards: frozenset[str]
    #: a project word right before a head, at the end (`dự án `): a project's name follows
    project_cue: regex.Pattern[str]
    #: the legal forms that end a business's name written in English (`Co., Ltd`, `Group`)
    foreign_legal_forms: frozenset[str]
    #: platforms and brands listed as businesses only beside a brand (`Google, Facebook`)
    listed_brands: frozenset[str]
    #: brands whose name with a province names a venue or a club (`FLC Quảng Bình`)
    venue_brands: frozenset[str]
    #: a board written bare → the heads of the bodies it may belong to (`Ban Thường vụ` →
    #: `Tỉnh ủy`, `Liên đoàn Lao động`, …)
    boards_of_named_bodies: Mapping[str, frozenset[str]]
    #: a legal form spelled out, as whole words in any case (`Trách nhiệm hữu hạn`), and the
    #: short form a name is listed with → rules/gazetteers/legal_form_spellings.yml
    legal_form_spelled: regex.Pattern[str]
    legal_form_short: Mapping[str, str]
    #: the State's formal name after a complete head (`Quốc hội nước Cộng hòa xã hội chủ nghĩa
    #: Việt Nam`): defines ORG_STATE_NAME
    state_name: regex.Pattern[str]
    #: words between a national force's head and its country (`Hoàng gia` in `Hải quân Hoàng
    #: gia Anh`): force_epithets.txt
    force_epithets: Phrases
    #: `head_of` and `expand` of the names met so far: the same names recur in every article
    _heads_of: dict[str, tuple[str, Head | None]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _expanded: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def build(cls, gazetteers: Gazetteers, defines: Defines) -> Bodies:
        raw_heads: Mapping[str, Mapping[str, Any] | None] = gazetteers["org_heads"]
        heads = {
            name: Head(
                str((entry or {}).get("type", "other")),
                (entry or {}).get("level"),
                bool((entry or {}).get("alone")),
                bool((entry or {}).get("complete")),
                bool((entry or {}).get("located")),
                bool((entry or {}).get("verb")),
                bool((entry or {}).get("placed")),
                bool((entry or {}).get("national")),
                bool((entry or {}).get("place")),
                bool((entry or {}).get("proper")),
            )
            for name, entry in raw_heads.items()
        }
        abbreviations: Mapping[str, str] = gazetteers["abbreviations"]
        shorts = {
            a for a, full in abbreviations.items() if (a.isupper() and len(a) > 2) or full in heads
        }
        head_words = _longest_first(set(heads) | shorts)
        nested_heads: list[str] = gazetteers["nested_heads"]
        # an acronym of such a head, also one that holds a legal form (`CTCP`: `Công ty Cổ
        # phần` in `HĐQT CTCP Cảng Quy Nhơn`; `Công ty CP` is read from its `Công ty`)
        legal_forms = frozenset(gazetteers["legal_forms"])
        nested_words = [
            *nested_heads,
            *(
                a
                for a, full in abbreviations.items()
                for head in [_opening_head(full, heads)]
                if full in nested_heads
                or (" " not in a and head in nested_heads and full[len(head) + 1 :] in legal_forms)
            ),
        ]
        return cls(
            heads,
            frozenset(
                " ".join(words[:count]).lower()
                for name, entry in heads.items()
                if entry.complete
                for words in [name.split(" ")]
                for count in range(1, len(words))
            ),
            _lower_keys(sorted(heads, key=len, reverse=True)),
            max(len(head.split(" ")) for head in heads),
            abbreviations,
            {_SPACES.sub("", short): full for short, full in abbreviations.items()},
            gazetteers["head_full_forms"],
            gazetteers["full_names"],
            frozenset(gazetteers["not_organizations"]),
            tuple(gazetteers["sector_names"]),
            tuple(normalize_phrase(name).casefold() for name in gazetteers["sector_names"]),
            frozenset(name.split(" ")[0].rstrip(",") for name in gazetteers["sector_names"]),
            gazetteers["sector_spellings"],
            lazy_compile(
                r"(?<= )(?:"
                + "|".join(
                    regex.escape(k) for k in sorted(gazetteers["sector_spellings"], key=len)[::-1]
                )
                + r")(?= |$)",
                regex.IGNORECASE,
            ),
            frozenset(gazetteers["name_function_words"]),
            Phrases(gazetteers["org_qualifiers"]),
            Phrases(gazetteers["org_name_words"]),
            Phrases(gazetteers["org_name_words_after_and"]),
            frozenset(gazetteers["credit_words"]),
            frozenset(gazetteers["numbered_heads"]),
            frozenset(gazetteers["sector_heads"]),
            gazetteers["office_short_sector_names"],
            gazetteers["boards_of_level_committees"],
            {
                word: tuple(f"{head} " for head in heads)
                for word, heads in gazetteers["school_heads"].items()
            },
            frozenset(gazetteers["number_introducers"]),
            frozenset(gazetteers["heads_named_after_people"]),
            frozenset(nested_heads),
            tuple(gazetteers["doan_body_words"]),
            lazy_compile(alternation(head_words) + r"(?![\p{L}])"),
            lazy_compile(
                r"(?<![\p{L}\p{N}])(?:"
                + "|".join(
                    _spaced(k)
                    for k in sorted(
                        abbreviations, key=lambda k: len(_SPACES.sub("", k)), reverse=True
                    )
                )
                + r")(?![\p{L}\p{N}])"
            ),
            lazy_compile(
                r"(?<=\s)(?:"
                + "|".join(regex.escape(w) for w in sorted(nested_words, key=len, reverse=True))
                # `Ban chỉ đạo`: a nested head whose name goes on in lower case, however its
                # later words are capitalized
                + r"|(?=\p{Lu})(?i:"
                + alternation(set(nested_heads) & set(gazetteers["heads_with_lower_case_names"]))
                + r")|(?:"
                + "|".join(
                    regex.escape(w[:1].lower() + w[1:])
                    for w in sorted(nested_heads, key=len, reverse=True)
                    if w[:1].isupper()
                )
                + r")(?=\s+\p{Lu}))(?![\p{L}])"
            ),
            vietnamese_words(),
            common_vietnamese_words(),
            Phrases(gazetteers["name_stop_words"]),
            frozenset(gazetteers["heads_with_lower_case_names"]),
            lazy_compile(
                alternation(gazetteers["heads_with_lower_case_names"]) + r"(?![\p{L}])",
                regex.IGNORECASE,
            ),
            frozenset(gazetteers["plural_markers"]),
            frozenset(gazetteers["legal_forms"]),
            tuple(sorted(gazetteers["legal_forms"], key=len, reverse=True)),
            Phrases(gazetteers["name_level_words"]),
            {
                written: Outlet(str(entry["name"]), bool(entry.get("credited")))
                for written, entry in gazetteers["news_outlets"].items()
            },
            lazy_compile(r"(?:^|(?<=[\s(]))" + alternation(gazetteers["press_cues"]) + r"\s*$"),
            lazy_compile(
                r"(?:\s+\p{Ll}+){0,2}\s+"
                + alternation(gazetteers["reporting_verbs"] + gazetteers["paper_reporting_verbs"])
                + r"(?![\p{L}])"
            ),
            frozenset(gazetteers["not_organization_openings"]),
            frozenset(gazetteers["common_noun_heads"]),
            frozenset(gazetteers["heads_meaning_a_middle"]),
            lazy_compile(
                r"(?:^|(?<=[\s(]))(?i:" + alternation(gazetteers["place_body_cues"]) + r")\s*$"
            ),
            frozenset(gazetteers["brands"]),
            lazy_compile(r"(?:^|(?<=\s))" + alternation(gazetteers["region_cues"]) + r"\s+$"),
            frozenset(gazetteers["heads_with_topics"]),
            frozenset(gazetteers["heads_of_units"]),
            tuple(sorted(gazetteers["bare_units"], key=len, reverse=True)),
            Phrases(gazetteers["event_openings"]),
            frozenset(gazetteers["heads_described_before_place"]),
            frozenset(gazetteers["heads_with_sentence_case_names"]),
            gazetteers["short_sector_names"],
            lazy_compile(defines["ORG_SEAT"], VERBOSE),
            lazy_compile(defines["ORG_PARENT_OF"], VERBOSE),
            lazy_compile(defines["ORG_TOPIC"], VERBOSE),
            lazy_compile(defines["ORG_KIND_AFTER"], VERBOSE),
            lazy_compile(defines["ORG_LEVELS_AFTER"], VERBOSE),
            lazy_compile(defines["ORG_DESCRIPTION_NOT_NAME"], VERBOSE),
            lazy_compile(defines["ORG_LAW_OR_HONOUR"], VERBOSE),
            lazy_compile(defines["ORG_LIST_OPENING"], VERBOSE),
            lazy_compile(defines["ORG_LIST_GLUE"], VERBOSE),
            lazy_compile(defines["ORG_AFTER_TITLE"], VERBOSE),
            lazy_compile(defines["ORG_AFTER_POST"], VERBOSE),
            lazy_compile(defines["ORG_PLACE_LIST"], VERBOSE),
            lazy_compile(defines["ORG_PLACE_LIST_ITEM"], VERBOSE),
            lazy_compile(defines["ORG_BRANCH"], VERBOSE),
            lazy_compile(
                r"(?:^|(?<=\s))" + alternation(gazetteers["unit_committees"]) + r"$",
                regex.IGNORECASE,
            ),
            lazy_compile(
                r"(?:^|(?<=\s))" + alternation(gazetteers["unit_committees"]) + r"(?![\p{L}])",
                regex.IGNORECASE,
            ),
            frozenset(
                name.lower()
                for name, entry in gazetteers["unit_committees"].items()
                if (entry or {}).get("of_place")
            ),
            frozenset(gazetteers["governing_boards"]),
            lazy_compile(r"(?:^|(?<=\s))" + alternation(gazetteers["project_cues"]) + r"\s+$"),
            frozenset(gazetteers["foreign_legal_forms"]),
            frozenset(gazetteers["listed_brands"]),
            frozenset(gazetteers["venue_brands"]),
            {
                board: frozenset(heads)
                for board, heads in gazetteers["boards_of_named_bodies"].items()
            },
            lazy_compile(
                r"(?<![\p{L}])" + alternation(gazetteers["legal_form_spellings"]) + r"(?![\p{L}])",
                regex.IGNORECASE,
            ),
            {k.lower(): v for k, v in gazetteers["legal_form_spellings"].items()},
            lazy_compile(defines["ORG_STATE_NAME"], VERBOSE),
            Phrases(gazetteers["force_epithets"]),
        )

    def head_entry(self, written: str) -> Head | None:
        """The entry of the head written, in any case (`đảng` → `Đảng`'s); None: no head."""
        return self.heads.get(self.heads_by_lower.get(written.lower(), ""))

    def head_of(self, name: str) -> tuple[str, Head | None]:
        """The longest head word that opens an (expanded) name, and what it says."""
        found = self._heads_of.get(name)
        if found is None:
            found = self._heads_of[name] = self._head_of(name)
            if len(self._heads_of) > MEMO_LIMIT:
                self._heads_of.clear()
        return found

    def _head_of(self, name: str) -> tuple[str, Head | None]:
        words = name.lower().split(" ", self.most_head_words)
        for count in range(min(len(words), self.most_head_words), 0, -1):
            head = self.heads_by_lower.get(" ".join(words[:count]))
            if head is not None:
                return head, self.heads[head]
        return "", None

    def expand(self, name: str) -> str:
        """UBND → Ủy ban nhân dân, TP. HCM → Thành phố Hồ Chí Minh, … (whole words only); an
        acronym in parentheses inside the name is dropped (`Sở Giao thông vận tải (GTVT) TP
        HCM`)."""
        found = self._expanded.get(name)
        if found is None:
            found = self._expanded[name] = self._expand(name)
            if len(self._expanded) > MEMO_LIMIT:
                self._expanded.clear()
        return found

    def _expand(self, name: str) -> str:
        name = ORG_ASIDE.sub("", name)
        expanded = self.abbreviation.sub(
            lambda m: self.abbreviations_squashed[_SPACES.sub("", m.group(0))], name
        )
        expanded = _SPACES.sub(" ", expanded).strip()
        return expanded[:1].upper() + expanded[1:]


@dataclass(frozen=True)
class DocType:
    """What a document type says of its numbers (gazetteer doc_types)."""

    name: str
    #: the type code in a number (`CT`), upper case; empty for laws (45/2019/QH14)
    code: str
    #: whether a State document's number carries its year: `always` (30/2020/NĐ-CP),
    #: `never` (a letter, a notice), or '' (a decision may or may not)
    year: str
    #: the one body that issues it (a Nghị định: CP), as an issuer code
    issuer: str | None
    #: a number after it often names a programme (`Chương trình 135`), not a document
    names_programmes: bool


@dataclass(frozen=True)
class Documents:
    """Document types and their codes, issuers by code and by name, the National Assembly's
    terms, well-known documents, and how an issuer is named beside a short reference."""

    GAZETTEERS = (
        "doc_types",
        "issuers",
        "issuers_by_name",
        "legislatures",
        "well_known_documents",
    )

    types: Mapping[str, DocType]
    type_by_lower: Mapping[str, str]
    #: a type code (upper case) → the type it names when the type is not written: in a State
    #: number, and in a Party number (where `TT` is a Thông tri, not a Thông tư)
    state_type_by_code: Mapping[str, str]
    party_type_by_code: Mapping[str, str]
    #: a code written without its diacritic, or another way → the code (`QD` → `QĐ`,
    #: `HDND` → `HĐND`, `TƯ` → `TW`)
    code_spellings: Mapping[str, str]
    #: issuer code → {name, party}
    issuers: Mapping[str, Mapping[str, Any]]
    #: a body named beside a short reference, lower case → its issuer code
    issuer_codes: Mapping[str, str]
    #: the National Assembly's terms, latest first: (first year, code)
    legislatures: tuple[tuple[int, str], ...]
    well_known: Mapping[str, Mapping[str, Any]]
    #: `… của Bộ Chính trị` right after a number (`rules/defines.yml` NAMED_ISSUER)
    named_issuer: regex.Pattern[str]
    #: further short references sharing the issuer named after them (REFERENCE_CHAIN)
    reference_chain: regex.Pattern[str]
    #: the issuer after a short reference, or before its type (SHORT_ISSUER_AFTER,
    #: ISSUER_BEFORE)
    short_issuer_after: regex.Pattern[str]
    issuer_before: regex.Pattern[str]

    @classmethod
    def build(cls, gazetteers: Gazetteers, defines: Defines) -> Documents:
        types: dict[str, DocType] = {}
        state_by_code: dict[str, str] = {}
        party_by_code: dict[str, str] = {}
        for name, entry in gazetteers["doc_types"].items():
            entry = entry or {}
            doc_type = DocType(
                name,
                str(entry.get("code") or "").upper(),
                str(entry.get("year") or ""),
                entry.get("issuer"),
                bool(entry.get("names_programmes")),
            )
            types[name] = doc_type
            for code in (doc_type.code, *(str(c).upper() for c in entry.get("also", ()))):
                if not code:
                    continue
                if entry.get("party"):
                    party_by_code.setdefault(code, name)
                else:
                    state_by_code.setdefault(code, name)
        issuers: Mapping[str, Mapping[str, Any]] = gazetteers["issuers"]
        known = set(state_by_code) | set(party_by_code) | set(issuers)
        spellings = {
            code.replace("Đ", "D"): code
            for code in known
            if "Đ" in code and code.replace("Đ", "D") not in known
        }
        for code, entry in issuers.items():
            if "written_for" in entry:
                spellings[code] = entry["written_for"]
        terms: Mapping[str, int] = gazetteers["legislatures"]
        return cls(
            types,
            _lower_keys(types),
            state_by_code,
            {**state_by_code, **party_by_code},
            spellings,
            issuers,
            {_SPACES.sub(" ", k).lower(): v for k, v in gazetteers["issuers_by_name"].items()},
            tuple(sorted(((int(year), code) for code, year in terms.items()), reverse=True)),
            gazetteers["well_known_documents"],
            lazy_compile(defines["NAMED_ISSUER"], VERBOSE),
            lazy_compile(defines["REFERENCE_CHAIN"], VERBOSE),
            lazy_compile(defines["SHORT_ISSUER_AFTER"], VERBOSE),
            lazy_compile(defines["ISSUER_BEFORE"], VERBOSE),
        )

    def canonical_code(self, code: str) -> str:
        """`QD` → `QĐ`; every segment of `QD-UBND` alike."""
        return "-".join(self.code_spellings.get(part, part) for part in code.split("-"))

    def legislature(self, year: int) -> str | None:
        """The National Assembly term sitting in `year` (`2022` → `QH15`)."""
        return next((code for first, code in self.legislatures if first <= year), None)


@dataclass(frozen=True)
class Money:
    """Currencies, qualifiers, scale words and number words, and how a purpose is written."""

    GAZETTEERS = (
        "currencies",
        "counting_currencies",
        "money_qualifiers",
        "scale_words",
        "number_words",
    )

    #: a currency as written, lower case → its ISO 4217 code (or the name of an old currency)
    currencies: Mapping[str, str]
    #: a fraction of a currency as written → how many make one (`cent` → 100)
    currency_parts: Mapping[str, int]
    #: currency words that are also nouns (`bảng`): money only after a scale or a large figure
    counting_currencies: frozenset[str]
    qualifiers: Mapping[str, str]
    #: scale word → its power of ten
    scales: Mapping[str, int]
    #: any scale word, in any case, as a whole word
    scale: regex.Pattern[str]
    #: one step of a run of scale words: a scale word (group `word`), or a further number that
    #: starts a new term (group `number`: `1 tỷ 200 triệu`)
    scale_step: regex.Pattern[str]
    #: number word → its value (digits) or its role: ten, tens, hundred, filler
    number_words: Mapping[str, int | str]
    purpose_after: regex.Pattern[str]
    purpose_before: regex.Pattern[str]
    #: a range that names two prices (`… (mua vào – bán ra)`, `lần lượt là …`)
    two_prices_after: regex.Pattern[str]
    two_prices_before: regex.Pattern[str]
    #: `từ X xuống Y`: X is what it was, not a floor
    change_after: regex.Pattern[str]

    @classmethod
    def build(cls, gazetteers: Gazetteers, defines: Defines) -> Money:
        scales: Mapping[str, int] = gazetteers["scale_words"]
        currencies: dict[str, str] = {}
        parts: dict[str, int] = {}
        for written, entry in gazetteers["currencies"].items():
            if isinstance(entry, Mapping):
                currencies[written.lower()] = str(entry["code"])
                parts[written.lower()] = int(entry["per"])
            else:
                currencies[written.lower()] = str(entry)
        scale_words = alternation(scales)
        return cls(
            currencies,
            parts,
            frozenset(gazetteers["counting_currencies"]),
            gazetteers["money_qualifiers"],
            scales,
            lazy_compile(r"(?i:" + scale_words + r")(?![\p{L}])"),
            lazy_compile(r"(?P<number>\d+(?:,\d+)?)|(?P<word>(?i:" + scale_words + r"))"),
            gazetteers["number_words"],
            lazy_compile(defines["PURPOSE_AFTER"], VERBOSE),
            lazy_compile(defines["PURPOSE_BEFORE"], VERBOSE),
            lazy_compile(defines["TWO_PRICES_AFTER"], VERBOSE),
            lazy_compile(defines["TWO_PRICES_BEFORE"], VERBOSE),
            lazy_compile(defines["CHANGE_AFTER"], VERBOSE),
        )


@dataclass(frozen=True)
class Models:
    """What a model's name is not (forms, events, physical models, protests, quotations), and
    how names are written: where an unquoted one ends, how quoted ones follow each other."""

    GAZETTEERS = (
        "model_forms",
        "model_form_heads",
        "model_not_descriptors",
        "model_event_names",
        "model_movements",
        "model_movement_cues",
        "model_protest_cues",
        "model_physical_cues",
        "model_name_introducers",
        "model_form_cues",
        "model_objects",
        "model_clause_words",
        "model_sales_cues",
        "model_sales_cues_near_only",
        "model_response_words",
        "model_contest_cues",
        "model_contest_roles",
        "model_contest_people",
        "model_show_words",
        "model_programme_gatherings",
        "model_customer_cues",
        "model_term_words",
        "model_weapon_cues",
        "model_contest_names",
        "model_work_cues",
        "model_concept_words",
        "model_contest_cues_next_door",
        "model_stage_cues",
        "model_broadcast_cues",
    )

    #: forms of organization and concepts, lower case: never a model, quoted or not
    forms: tuple[str, ...]
    #: heads of kinds of bodies and places: a form when the name is not quoted
    form_heads: tuple[str, ...]
    #: a word between the trigger and a quoted name that makes it no initiative
    not_descriptor: regex.Pattern[str]
    #: a word between the trigger and a quote that makes the quote no name (a clause goes on)
    clause_word: regex.Pattern[str]
    #: the first words of an event's name (`Dạ hội …`), at the start of a name
    event_name: regex.Pattern[str]
    #: the first words of a physical object's name (`Máy …`), at the start of a name
    object_name: regex.Pattern[str]
    #: the triggers that may name a movement (`phong trào`), lower case
    movements: frozenset[str]
    #: a protest, political or historical movement's word
    movement_cue: regex.Pattern[str]
    #: a word of a protest or an uprising (`biểu tình`), anywhere in a sentence
    protest_cue: regex.Pattern[str]
    physical_cue: regex.Pattern[str]
    #: words just before the trigger that make the name a form (`chuyển đổi mô hình`), at the end
    form_cue_at_end: regex.Pattern[str]
    #: a descriptor that may end in a colon before the name (`gồm:`), at its end
    introducer_at_end: regex.Pattern[str]
    name_end: regex.Pattern[str]
    owner_lead: regex.Pattern[str]
    #: one more quoted name of a list (`, "B"`, `; "B"`, `(Hà Nội), "B"`), at a position
    next_quoted: regex.Pattern[str]
    #: a quoted name anywhere (group `quoted`)
    quoted: regex.Pattern[str]
    #: a word of a sales promotion (`khuyến mãi`, `khách hàng`) near `chương trình "…"`
    sales_cue: regex.Pattern[str]
    #: a word of a sales promotion that says so anywhere in a sentence naming a programme or
    #: next to one (`khuyến mãi`, not `ưu đãi`)
    sales_word: regex.Pattern[str]
    #: others answering a programme's call (`hưởng ứng`), anywhere in a sentence
    response_word: regex.Pattern[str]
    #: the buyers a sales promotion is for (`khách hàng`), right next to `chương trình "…"`
    customer_cue: regex.Pattern[str]
    #: a word of a contest (`thí sinh`, `á quân`) near `chương trình "…"`
    contest_cue: regex.Pattern[str]
    #: the people of a contest (`giám khảo`, `ghế nóng`), in the words before the trigger
    contest_role: regex.Pattern[str]
    #: a contest's people or rounds (`giám khảo`, `quán quân`), anywhere in a sentence
    contest_word: regex.Pattern[str]
    #: a word calling what follows a contest, a show or an event (`cuộc thi`, `đêm nhạc`),
    #: then maybe an opening quote, at the end
    show_word_at_end: regex.Pattern[str]
    #: `tổ chức`, `tham dự` just before the trigger, at the end
    event_before: regex.Pattern[str]
    #: `tại` just before the trigger, at the end
    event_at: regex.Pattern[str]
    #: `tổ chức tại` right after the name, at a position
    event_held_at: regex.Pattern[str]
    #: one day the sentence names (`Tối 22-1`), anywhere
    event_day: regex.Pattern[str]
    #: a place right after the name (`… tại Bệnh viện Việt Đức`), at a position
    event_place: regex.Pattern[str]
    #: `diễn ra`, `khai mạc` right after the name, at a position
    event_after: regex.Pattern[str]
    #: an edition at the end of a quoted name, or right after it (`… 2019`, `năm 2019`, `lần 3`)
    edition: regex.Pattern[str]
    #: a word before the trigger saying the programme holds the event (`nằm trong`), at the end
    event_holder: regex.Pattern[str]
    #: a grammatical word between a trigger and a lower-case quote (`các`, `để`), anywhere
    term_word: regex.Pattern[str]
    #: a word of weapons (`tên lửa`) near `chương trình "…"`
    weapon_cue: regex.Pattern[str]
    #: a word of a pageant or a talent contest (`Hoa hậu`) inside a programme's name
    contest_name: regex.Pattern[str]
    #: a word of films, songs, pieces and game shows (`bộ phim`, `tác phẩm`) near the trigger
    work_cue: regex.Pattern[str]
    #: a word calling a programme a show (`gameshow`, `bộ phim`), anywhere
    show_word: regex.Pattern[str]
    #: a past era (`thời kỳ kháng chiến`, `vào thế kỷ 17`), anywhere in a sentence
    historical_time: regex.Pattern[str]
    #: `theo`, `áp dụng` (group `applied`) just before `mô hình`, at the end
    template_before: regex.Pattern[str]
    #: a word calling a model a concept (`khái niệm`), anywhere in a sentence
    concept_word: regex.Pattern[str]
    #: a word counting one object (`chiếc`), at the end
    object_before: regex.Pattern[str]
    #: a contest's judges, players or rounds, in a sentence next to one naming a programme
    contest_word_next_door: regex.Pattern[str]
    #: singing and performing on a stage, anywhere in a sentence
    stage_word: regex.Pattern[str]
    #: broadcasting (`phát sóng`), anywhere in a sentence
    broadcast_word: regex.Pattern[str]

    @classmethod
    def build(cls, gazetteers: Gazetteers, defines: Defines) -> Models:
        forms: list[str] = gazetteers["model_forms"]
        return cls(
            tuple(form.lower() for form in forms),
            tuple(gazetteers["model_form_heads"]),
            _words_re(gazetteers["model_not_descriptors"], regex.IGNORECASE),
            _words_re(gazetteers["model_clause_words"], regex.IGNORECASE),
            lazy_compile(
                alternation(gazetteers["model_event_names"]) + r"(?![\p{L}\p{N}])",
                regex.IGNORECASE,
            ),
            lazy_compile(
                alternation(gazetteers["model_objects"]) + r"(?![\p{L}\p{N}])", regex.IGNORECASE
            ),
            frozenset(movement.lower() for movement in gazetteers["model_movements"]),
            _words_re(
                gazetteers["model_movement_cues"] + gazetteers["model_protest_cues"],
                regex.IGNORECASE,
            ),
            _words_re(gazetteers["model_protest_cues"], regex.IGNORECASE),
            _words_re(gazetteers["model_physical_cues"], regex.IGNORECASE),
            lazy_compile(
                r"(?<![\p{L}])" + alternation(gazetteers["model_form_cues"]) + r"\s*$",
                regex.IGNORECASE,
            ),
            lazy_compile(
                r"(?<![\p{L}])" + alternation(gazetteers["model_name_introducers"]) + r"\s*$",
                regex.IGNORECASE,
            ),
            lazy_compile(defines["MODEL_NAME_END"], VERBOSE),
            lazy_compile(defines["MODEL_OWNER_LEAD"], VERBOSE),
            lazy_compile(defines["MODEL_NEXT_QUOTED"], VERBOSE),
            lazy_compile(defines["MODEL_QUOTED"], VERBOSE),
            _words_re(gazetteers["model_sales_cues"], regex.IGNORECASE),
            _words_re(
                _without(gazetteers["model_sales_cues"], gazetteers["model_sales_cues_near_only"]),
                regex.IGNORECASE,
            ),
            _words_re(gazetteers["model_response_words"], regex.IGNORECASE),
            _words_re(gazetteers["model_customer_cues"], regex.IGNORECASE),
            _words_re(gazetteers["model_contest_cues"], regex.IGNORECASE),
            _words_re(
                gazetteers["model_contest_roles"] + gazetteers["model_contest_people"],
                regex.IGNORECASE,
            ),
            _words_re(
                gazetteers["model_contest_cues"] + gazetteers["model_contest_people"],
                regex.IGNORECASE,
            ),
            lazy_compile(
                r"(?<![\p{L}])"
                + alternation(
                    [
                        *_without(
                            gazetteers["model_event_names"],
                            gazetteers["model_programme_gatherings"],
                        ),
                        *gazetteers["model_show_words"],
                    ]
                )
                + r"\s*[\"“'‘]?\s*$",
                regex.IGNORECASE,
            ),
            lazy_compile(defines["MODEL_EVENT_BEFORE"], VERBOSE),
            lazy_compile(defines["MODEL_EVENT_AT"], VERBOSE),
            lazy_compile(defines["MODEL_EVENT_HELD_AT"], VERBOSE),
            lazy_compile(defines["MODEL_EVENT_DAY"], VERBOSE),
            lazy_compile(defines["MODEL_EVENT_PLACE"], VERBOSE),
            lazy_compile(defines["MODEL_EVENT_AFTER"], VERBOSE),
            lazy_compile(defines["MODEL_EDITION"], VERBOSE),
            lazy_compile(defines["MODEL_EVENT_HOLDER"], VERBOSE),
            _words_re(gazetteers["model_term_words"], regex.IGNORECASE),
            _words_re(gazetteers["model_weapon_cues"], regex.IGNORECASE),
            _words_re(gazetteers["model_contest_names"]),
            _words_re(gazetteers["model_work_cues"], regex.IGNORECASE),
            _words_re(gazetteers["model_show_words"], regex.IGNORECASE),
            lazy_compile(defines["MODEL_HISTORICAL_TIME"], VERBOSE),
            lazy_compile(defines["MODEL_TEMPLATE_BEFORE"], VERBOSE),
            _words_re(gazetteers["model_concept_words"], regex.IGNORECASE),
            lazy_compile(defines["MODEL_OBJECT_BEFORE"], VERBOSE),
            _words_re(gazetteers["model_contest_cues_next_door"], regex.IGNORECASE),
            _words_re(gazetteers["model_stage_cues"], regex.IGNORECASE),
            _words_re(gazetteers["model_broadcast_cues"], regex.IGNORECASE),
        )


PARTS = (Names, Titles, Places, Bodies, Documents, Money, Models)
_MAPPINGS = frozenset(
    (
        "unit_committees",
        "titles",
        "title_abbreviations",
        "place_levels",
        "source_provinces",
        "district_committees",
        "districts_of_communes",
        "org_heads",
        "abbreviations",
        "news_outlets",
        "head_full_forms",
        "full_names",
        "sector_spellings",
        "legal_form_spellings",
        "short_sector_names",
        "office_short_sector_names",
        "boards_of_level_committees",
        "boards_of_named_bodies",
        "doc_types",
        "issuers",
        "issuers_by_name",
        "legislatures",
        "well_known_documents",
        "currencies",
        "money_qualifiers",
        "scale_words",
        "number_words",
        "title_head_words",
        "deputy_bodies",
        "school_heads",
    )
)
#: every gazetteer the lexicon reads → the shape it must have (a .txt list or a .yml mapping)
SHAPES: dict[str, type] = {
    name: dict if name in _MAPPINGS else list for part in PARTS for name in part.GAZETTEERS
}


@dataclass(frozen=True, eq=False)
class Lexicon:
    """All the Vietnamese the normalizers and resolvers read, built once per rule set.

    Compared and hashed by identity: the scans memoized over (text, …, lexicon) key on it."""

    names: Names
    titles: Titles
    places: Places
    bodies: Bodies
    documents: Documents
    money: Money
    models: Models


def build_lexicon(gazetteers: Gazetteers, defines: Defines) -> Lexicon:
    """The lexicon of a rule set (its gazetteers checked against `SHAPES` beforehand)."""
    return Lexicon(
        Names.build(gazetteers, defines),
        Titles.build(gazetteers, defines),
        Places.build(gazetteers, defines),
        Bodies.build(gazetteers, defines),
        Documents.build(gazetteers, defines),
        Money.build(gazetteers, defines),
        Models.build(gazetteers, defines),
    )
