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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from pipeline.engine.cache import cached
from pipeline.engine.ruleset import alternation
from pipeline.text.normalize import normalize_phrase

Gazetteers = Mapping[str, Any]
Defines = Mapping[str, str]
VERBOSE = regex.VERBOSE | regex.V0
_SPACES = regex.compile(r"\s+")


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


def _words_re(entries: Iterable[str], flags: int = 0) -> regex.Pattern[str]:
    """Any entry as a whole word."""
    return regex.compile(r"(?<![\p{L}\p{N}])" + alternation(entries) + r"(?![\p{L}\p{N}])", flags)


@functools.cache
def vietnamese_words() -> frozenset[str]:
    """Two-syllable Vietnamese words (underthesea's Viet74K word list), lower case, modern
    tone marks (the list writes `đảng uỷ`; the rules see `đảng ủy`). Normalizing the list takes
    half a second, so the result is kept on disk, keyed by underthesea's version and the
    normalizer's code."""
    from importlib.metadata import version

    normalizer = Path(normalize_phrase.__code__.co_filename).read_bytes()
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

    normalizer = Path(normalize_phrase.__code__.co_filename).read_bytes()
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
    """Persons: family names, honorifics, the shape of a full name, who is never an official."""

    GAZETTEERS = ("surnames", "common_surnames", "honorifics", "not_officials")

    surnames: frozenset[str]
    common_surnames: frozenset[str]
    honorifics: tuple[str, ...]
    not_officials: frozenset[str]
    #: a full name (`rules/defines.yml` PERSON_NAME)
    person: regex.Pattern[str]
    #: a name right after a chain of posts, with `honorific` and `person` groups
    after_posts: regex.Pattern[str]

    @classmethod
    def build(cls, gazetteers: Gazetteers, defines: Defines) -> Names:
        return cls(
            frozenset(gazetteers["surnames"]),
            frozenset(gazetteers["common_surnames"]),
            tuple(gazetteers["honorifics"]),
            frozenset(gazetteers["not_officials"]),
            regex.compile(defines["PERSON_NAME"], VERBOSE),
            regex.compile(defines["NAME_AFTER_POSTS"], VERBOSE),
        )


@dataclass(frozen=True)
class Titles:
    """Positions: the titles, how they are abbreviated, and how chains of posts are written."""

    GAZETTEERS = (
        "titles",
        "title_abbreviations",
        "title_prefixes",
        "membership_titles",
        "title_head_tails",
        "bare_ranks",
        "post_separators",
        "place_prepositions",
    )

    #: title → the body it implies when the text names none (`Thủ tướng` → Chính phủ)
    implied_body: Mapping[str, str | None]
    by_lower: Mapping[str, str]
    abbreviations: Mapping[str, str]
    membership: tuple[str, ...]
    head_tails: tuple[str, ...]
    bare_ranks: frozenset[str]
    place_prepositions: frozenset[str]
    #: a title with an optional prefix: groups `prefix` and `title`
    title: regex.Pattern[str]
    separator: regex.Pattern[str]

    @classmethod
    def build(cls, gazetteers: Gazetteers, defines: Defines) -> Titles:
        titles: Mapping[str, str | None] = gazetteers["titles"]
        by_lower = _lower_keys(titles)
        title_re = regex.compile(
            r"(?i:(?:(?P<prefix>"
            + alternation(gazetteers["title_prefixes"])
            + r")\s+)?(?P<title>"
            + "|".join(
                regex.escape(t).replace(r"\ ", r"\s+")
                for t in sorted(titles, key=len, reverse=True)
            )
            + r"))(?![\p{L}])"
        )
        separator = regex.compile(r"\s*" + alternation(gazetteers["post_separators"]) + r"\s*")
        return cls(
            titles,
            by_lower,
            gazetteers["title_abbreviations"],
            tuple(gazetteers["membership_titles"]),
            tuple(gazetteers["title_head_tails"]),
            frozenset(gazetteers["bare_ranks"]),
            frozenset(gazetteers["place_prepositions"]),
            title_re,
            separator,
        )

    def canonical(self, written: str) -> str:
        """A title as the `title` column writes it: `phó chủ tịch` → `Phó Chủ tịch`."""
        squashed = _SPACES.sub(" ", written)
        if squashed not in self.implied_body:
            squashed = self.by_lower.get(squashed.lower(), squashed)
        return self.abbreviations.get(squashed, squashed)


@dataclass(frozen=True)
class Places:
    """Provinces, cities, place words and levels, and which bodies a province names."""

    GAZETTEERS = (
        "provinces",
        "cities",
        "place_levels",
        "place_words",
        "source_provinces",
        "province_committees",
        "bodies_placed_by_province",
        "district_committees",
        "place_abbreviations",
        "countries",
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
    source_provinces: Mapping[str, str]
    province_committees: tuple[str, ...]
    placed_by_province: frozenset[str]
    district_committees: Mapping[str, str]
    abbreviations: tuple[str, ...]
    #: any province (or `HCM`) as a whole word
    province: regex.Pattern[str]
    #: countries as Vietnamese writes them (`Nhật Bản`, `Ấn Độ`)
    countries: Phrases
    #: a word of a name, or a place word that keeps its dot (`TP.`, `Q.`)
    token: regex.Pattern[str]

    @classmethod
    def build(cls, gazetteers: Gazetteers, defines: Defines) -> Places:
        provinces: list[str] = gazetteers["provinces"]
        levels: Mapping[str, str] = gazetteers["place_levels"]
        local = tuple(w for w in levels if w.islower() and not w.endswith("."))
        return cls(
            Phrases(provinces),
            _longest_first(provinces),
            frozenset(gazetteers["cities"]),
            levels,
            frozenset(levels),
            local,
            frozenset(gazetteers["place_words"]),
            gazetteers["source_provinces"],
            tuple(gazetteers["province_committees"]),
            frozenset(gazetteers["bodies_placed_by_province"]),
            gazetteers["district_committees"],
            tuple(gazetteers["place_abbreviations"]),
            regex.compile(
                r"(?<![\p{L}])(?:"
                + "|".join(map(regex.escape, _longest_first(provinces)))
                + r"|HCM)(?![\p{L}])"
            ),
            Phrases(gazetteers["countries"]),
            regex.compile(
                r"\s*("
                + "".join(regex.escape(w) + "|" for w in _longest_first(levels) if w.endswith("."))
                + r"[\p{L}\p{M}\p{N}&]+|\S)"
            ),
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


@dataclass(frozen=True)
class Outlet:
    """A paper, news site, agency or portal credited in the text (gazetteer news_outlets)."""

    name: str
    #: its name is also ordinary words: listed only after a credit word (`Theo Tuổi Trẻ`)
    credited: bool


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
        "legal_forms",
        "name_level_words",
        "news_outlets",
        "press_cues",
        "not_organization_openings",
        "common_noun_heads",
        "brands",
        "international_bodies",
        "region_cues",
        "heads_with_topics",
        "heads_of_units",
        "title_heads",
        "event_openings",
        "heads_described_before_place",
        "short_sector_names",
    )

    heads: Mapping[str, Head]
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
    number_introducers: frozenset[str]
    heads_named_after_people: frozenset[str]
    nested_heads: frozenset[str]
    doan_body_words: tuple[str, ...]
    #: a head word or an abbreviation that stands for a body or a head, at a position
    head: regex.Pattern[str]
    abbreviation: regex.Pattern[str]
    #: where a body named inside another body's name starts
    nested: regex.Pattern[str]
    #: two-syllable Vietnamese words (`tài nguyên`), lower case
    words: frozenset[str]
    #: common words of one to four syllables (`nghiên cứu`, `xe cơ giới`), not proper names
    common_words: frozenset[str]
    #: words that end a name written partly in lower case (`cho biết`, `đã`)
    stop_words: Phrases
    heads_with_lower_case_names: frozenset[str]
    legal_forms: frozenset[str]
    legal_forms_longest_first: tuple[str, ...]
    level_words: Phrases
    #: a paper, site or agency as written → how it is listed (rules/gazetteers/news_outlets.yml)
    outlets: Mapping[str, Outlet]
    #: a credit or reporting word right before a paper's name (`Theo`, `Ảnh:`), at the end
    press_cue: regex.Pattern[str]
    not_openings: frozenset[str]
    common_noun_heads: frozenset[str]
    #: enterprises and banks named by brand (`BIDV`, `Grab`)
    brands: frozenset[str]
    #: a word right before an international body's name that makes it a region (`các nước`)
    region_cue: regex.Pattern[str]
    heads_with_topics: frozenset[str]
    heads_of_units: frozenset[str]
    event_openings: Phrases
    heads_described_before_place: frozenset[str]
    #: a sector written short → its standard name (`Giáo dục` → `Giáo dục và Đào tạo`)
    short_sectors: Mapping[str, str]
    #: patterns of rules/defines.yml that the name scan and the normalizers read
    seat: regex.Pattern[str]
    parent_of: regex.Pattern[str]
    topic: regex.Pattern[str]
    kind_after: regex.Pattern[str]
    list_opening: regex.Pattern[str]
    list_glue: regex.Pattern[str]
    after_title: regex.Pattern[str]
    place_list: regex.Pattern[str]
    place_list_item: regex.Pattern[str]
    branch: regex.Pattern[str]

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
            )
            for name, entry in raw_heads.items()
        }
        abbreviations: Mapping[str, str] = gazetteers["abbreviations"]
        shorts = {
            a for a, full in abbreviations.items() if (a.isupper() and len(a) > 2) or full in heads
        }
        head_words = _longest_first(set(heads) | shorts)
        nested_heads: list[str] = gazetteers["nested_heads"]
        nested_words = [
            *nested_heads,
            *(a for a, full in abbreviations.items() if full in nested_heads),
        ]
        return cls(
            heads,
            _lower_keys(sorted(heads, key=len, reverse=True)),
            max(len(head.split(" ")) for head in heads),
            abbreviations,
            {_SPACES.sub("", short): full for short, full in abbreviations.items()},
            gazetteers["head_full_forms"],
            gazetteers["full_names"],
            frozenset(gazetteers["not_organizations"]),
            tuple(gazetteers["sector_names"]),
            frozenset(name.split(" ")[0].rstrip(",") for name in gazetteers["sector_names"]),
            gazetteers["sector_spellings"],
            regex.compile(
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
            frozenset(gazetteers["number_introducers"]),
            frozenset(gazetteers["heads_named_after_people"]),
            frozenset(nested_heads),
            tuple(gazetteers["doan_body_words"]),
            regex.compile("(?:" + "|".join(regex.escape(w) for w in head_words) + r")(?![\p{L}])"),
            regex.compile(
                r"(?<![\p{L}\p{N}])(?:"
                + "|".join(
                    _spaced(k)
                    for k in sorted(
                        abbreviations, key=lambda k: len(_SPACES.sub("", k)), reverse=True
                    )
                )
                + r")(?![\p{L}\p{N}])"
            ),
            regex.compile(
                r"(?<=\s)(?:"
                + "|".join(regex.escape(w) for w in sorted(nested_words, key=len, reverse=True))
                + r")(?![\p{L}])"
            ),
            vietnamese_words(),
            common_vietnamese_words(),
            Phrases(gazetteers["name_stop_words"]),
            frozenset(gazetteers["heads_with_lower_case_names"]),
            frozenset(gazetteers["legal_forms"]),
            tuple(sorted(gazetteers["legal_forms"], key=len, reverse=True)),
            Phrases(gazetteers["name_level_words"]),
            {
                written: Outlet(str(entry["name"]), bool(entry.get("credited")))
                for written, entry in gazetteers["news_outlets"].items()
            },
            regex.compile(r"(?:^|(?<=[\s(]))" + alternation(gazetteers["press_cues"]) + r"\s*$"),
            frozenset(gazetteers["not_organization_openings"]),
            frozenset(gazetteers["common_noun_heads"]),
            frozenset(gazetteers["brands"]),
            regex.compile(r"(?:^|(?<=\s))" + alternation(gazetteers["region_cues"]) + r"\s+$"),
            frozenset(gazetteers["heads_with_topics"]),
            frozenset(gazetteers["heads_of_units"]),
            Phrases(gazetteers["event_openings"]),
            frozenset(gazetteers["heads_described_before_place"]),
            gazetteers["short_sector_names"],
            regex.compile(defines["ORG_SEAT"], VERBOSE),
            regex.compile(defines["ORG_PARENT_OF"], VERBOSE),
            regex.compile(defines["ORG_TOPIC"], VERBOSE),
            regex.compile(defines["ORG_KIND_AFTER"], VERBOSE),
            regex.compile(defines["ORG_LIST_OPENING"], VERBOSE),
            regex.compile(defines["ORG_LIST_GLUE"], VERBOSE),
            regex.compile(defines["ORG_AFTER_TITLE"], VERBOSE),
            regex.compile(defines["ORG_PLACE_LIST"], VERBOSE),
            regex.compile(defines["ORG_PLACE_LIST_ITEM"], VERBOSE),
            regex.compile(defines["ORG_BRANCH"], VERBOSE),
        )

    def head_of(self, name: str) -> tuple[str, Head | None]:
        """The longest head word that opens an (expanded) name, and what it says."""
        words = name.lower().split(" ", self.most_head_words)
        for count in range(min(len(words), self.most_head_words), 0, -1):
            head = self.heads_by_lower.get(" ".join(words[:count]))
            if head is not None:
                return head, self.heads[head]
        return "", None

    def expand(self, name: str) -> str:
        """UBND → Ủy ban nhân dân, TP. HCM → Thành phố Hồ Chí Minh, … (whole words only)."""
        expanded = self.abbreviation.sub(
            lambda m: self.abbreviations_squashed[_SPACES.sub("", m.group(0))], name
        )
        expanded = _SPACES.sub(" ", expanded).strip()
        return expanded[:1].upper() + expanded[1:]


@dataclass(frozen=True)
class Documents:
    """Document types and their codes, issuers by code and by name, well-known documents."""

    GAZETTEERS = ("doc_types", "issuers", "party_issuers_by_name", "well_known_documents")

    #: type as written → type code (`Chỉ thị` → CT)
    types: Mapping[str, str]
    type_by_lower: Mapping[str, str]
    type_by_code: Mapping[str, str]
    #: issuer code → {name, party}
    issuers: Mapping[str, Mapping[str, Any]]
    #: a Party body named after a short reference, lower case → issuer code
    party_issuer_codes: Mapping[str, str]
    well_known: Mapping[str, Mapping[str, Any]]
    #: `… của Bộ Chính trị` right after a number (`rules/defines.yml` NAMED_ISSUER)
    named_issuer: regex.Pattern[str]

    @classmethod
    def build(cls, gazetteers: Gazetteers, defines: Defines) -> Documents:
        types: Mapping[str, str] = gazetteers["doc_types"]
        return cls(
            types,
            _lower_keys(types),
            {code.upper(): name for name, code in types.items() if code},
            gazetteers["issuers"],
            {k.lower(): v for k, v in gazetteers["party_issuers_by_name"].items()},
            gazetteers["well_known_documents"],
            regex.compile(defines["NAMED_ISSUER"], VERBOSE),
        )


@dataclass(frozen=True)
class Money:
    """Currencies, qualifiers, scale words and number words, and how a purpose is written."""

    GAZETTEERS = ("currencies", "money_qualifiers", "scale_words", "number_words")

    currencies: Mapping[str, str]
    qualifiers: Mapping[str, str]
    #: scale word → its power of ten
    scales: Mapping[str, int]
    scale: regex.Pattern[str]
    #: number word → its value (digits) or its role: ten, tens, hundred, filler
    number_words: Mapping[str, int | str]
    purpose_after: regex.Pattern[str]
    purpose_before: regex.Pattern[str]

    @classmethod
    def build(cls, gazetteers: Gazetteers, defines: Defines) -> Money:
        scales: Mapping[str, int] = gazetteers["scale_words"]
        return cls(
            gazetteers["currencies"],
            gazetteers["money_qualifiers"],
            scales,
            regex.compile(alternation(scales)),
            gazetteers["number_words"],
            regex.compile(defines["PURPOSE_AFTER"], VERBOSE),
            regex.compile(defines["PURPOSE_BEFORE"], VERBOSE),
        )


@dataclass(frozen=True)
class Models:
    """What a model's name is not (forms of organization), and where a name ends."""

    GAZETTEERS = ("model_forms",)

    forms: tuple[str, ...]
    name_end: regex.Pattern[str]
    owner_lead: regex.Pattern[str]

    @classmethod
    def build(cls, gazetteers: Gazetteers, defines: Defines) -> Models:
        return cls(
            tuple(gazetteers["model_forms"]),
            regex.compile(defines["MODEL_NAME_END"], VERBOSE),
            regex.compile(defines["MODEL_OWNER_LEAD"], VERBOSE),
        )


PARTS = (Names, Titles, Places, Bodies, Documents, Money, Models)
_MAPPINGS = frozenset(
    (
        "titles",
        "title_abbreviations",
        "place_levels",
        "source_provinces",
        "district_committees",
        "org_heads",
        "abbreviations",
        "news_outlets",
        "head_full_forms",
        "full_names",
        "sector_spellings",
        "short_sector_names",
        "doc_types",
        "issuers",
        "party_issuers_by_name",
        "well_known_documents",
        "currencies",
        "money_qualifiers",
        "scale_words",
        "number_words",
    )
)
#: every gazetteer the lexicon reads → the shape it must have (a .txt list or a .yml mapping)
SHAPES: dict[str, type] = {
    name: dict if name in _MAPPINGS else list for part in PARTS for name in part.GAZETTEERS
}


@dataclass(frozen=True)
class Lexicon:
    """All the Vietnamese the normalizers and resolvers read, built once per rule set."""

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
