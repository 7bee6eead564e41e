"""Provinces, cities, place words and levels (lexicon part `Places`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import regex

from pipeline.engine.ruleset import alternation, lazy_compile
from pipeline.extract.lexicon.common import VERBOSE, Defines, Gazetteers, Phrases, longest_first


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
        "bodies_named_with_a_level_word",
        "district_committees",
        "districts_of_communes",
        "hometown_cues",
        "place_sharing_words",
        "numbered_place_words",
        "place_abbreviations",
        "countries",
        "regions",
        "not_countries",
        "home_country",
        "words_before_another_party",
        "province_short_forms",
        "abbreviations",
        "provinces_written_with_level_word",
    )

    provinces: Phrases
    provinces_longest_first: tuple[str, ...]
    #: the longest province a text starts with (as the first of `provinces_longest_first` that
    #: opens it, in one match instead of a walk through the list)
    province_prefix: regex.Pattern[str]
    cities: frozenset[str]
    #: a place word as written → the level of a body attached to the place
    levels: Mapping[str, str]
    level_words: frozenset[str]
    #: the place words of a province or a centrally-run city (`tỉnh`, `TP.`)
    province_level_words: frozenset[str]
    #: the place words written in full and in lower case (`huyện`, `thị xã`)
    local_level_words: tuple[str, ...]
    place_words: frozenset[str]
    #: words that end with a place word but name no place (`yêu cầu`)
    not_place_words: frozenset[str]
    source_provinces: Mapping[str, str]
    province_committees: tuple[str, ...]
    placed_by_province: frozenset[str]
    #: bodies named with their province's level word even where the text writes it bare
    #: (`Công an Đồng Nai` → `Công an tỉnh Đồng Nai`)
    named_with_a_level_word: tuple[str, ...]
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
    #: after a bare body, the people and powers of a place coordinated with it and that place's
    #: word (group `level`) and name (group `name`, if written): `, chính quyền và nhân dân
    #: huyện Tuy Phước` (place_sharing_words.txt)
    shared_place: regex.Pattern[str]
    #: a name ending with a place word a city numbers its units by (`… Quận`), in group `level`
    numbered_level: regex.Pattern[str]
    #: any country (countries.txt) as whole words, or in group `not` a word holding one that
    #: names none (not_countries.txt: `Pháp luật`, `Chủ Nhật`): the country an article is about
    country: regex.Pattern[str]
    #: the country the papers are written in (home_country.txt): `Việt Nam`
    home_country: str
    #: a word ending a text right before a country that makes it the other party to what the
    #: text tells (words_before_another_party.txt: `biên giới với Mexico`)
    before_another_party: regex.Pattern[str]
    #: the province's own place word (defines PROVINCE_WORD: `tỉnh`)
    province_word: str
    #: what stands between two bodies of one list passing on a place (PLACE_LIST_GLUE)
    list_glue: regex.Pattern[str]
    #: a centrally-run city's own place word (defines CITY_WORD: `thành phố`), and as written
    #: after a body's name (`Thành phố`)
    city_word: str
    city_word_in_name: str
    #: the first word of a province's own bodies and of a city's (`Tỉnh` of `Tỉnh ủy`, `Thành`
    #: of `Thành ủy`: defines PROVINCE_COMMITTEE_OPENER, CITY_COMMITTEE_OPENER)
    province_committee_opener: str
    city_committee_opener: str
    #: a province written short → its name (province_short_forms.txt, expanded by
    #: abbreviations.yml: `HCM` → `Hồ Chí Minh`)
    short_forms: Mapping[str, str]
    #: provinces written with their place word after a province's own body
    #: (provinces_written_with_level_word.txt: `Thành ủy Thành phố Hồ Chí Minh`)
    written_with_level_word: frozenset[str]

    @classmethod
    def build(cls, gazetteers: Gazetteers, defines: Defines) -> Places:
        provinces: list[str] = gazetteers["provinces"]
        levels: Mapping[str, str] = gazetteers["place_levels"]
        local = tuple(w for w in levels if w.islower() and not w.endswith("."))
        dotted = (regex.escape(w) for w in longest_first(levels) if w.endswith("."))
        # … and an initialism written with a dot inside (`T.Ư` of `Ủy ban Kiểm tra T.Ư`)
        word = (
            "".join(w + "|" for w in dotted)
            + r"\p{Lu}\.\p{Lu}(?![\p{L}\p{M}.])|[\p{L}\p{M}\p{N}&]+|\S"
        )
        return cls(
            Phrases(provinces),
            longest_first(provinces),
            lazy_compile(alternation(provinces)),
            frozenset(gazetteers["cities"]),
            levels,
            frozenset(levels),
            frozenset(w for w, level in levels.items() if level == "province"),
            local,
            frozenset(gazetteers["place_words"]),
            frozenset(gazetteers["not_place_words"]),
            gazetteers["source_provinces"],
            tuple(gazetteers["province_committees"]),
            frozenset(gazetteers["bodies_placed_by_province"]),
            tuple(gazetteers["bodies_named_with_a_level_word"]),
            gazetteers["district_committees"],
            tuple(gazetteers["place_abbreviations"]),
            lazy_compile(
                r"(?<![\p{L}])"
                + alternation([*provinces, *gazetteers["province_short_forms"]])
                + r"(?![\p{L}])"
            ),
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
            lazy_compile(
                r"(?:"
                + defines["PLACE_SHARING_GLUE"]
                + "(?:"
                + alternation(gazetteers["place_sharing_words"])
                + r"))+"
                + defines["PLACE_SHARING_BEFORE_LEVEL"]
                + r"(?P<level>"
                + alternation([w for w in levels if levels[w] != "unit" and w != "bang"])
                + r")(?:\s*(?P<name>\p{Lu}[\p{L}\p{M}]*(?: \p{Lu}[\p{L}\p{M}]*){0,4}|\d+))?"
                r"(?![\p{L}\p{M}\d])"
            ),
            lazy_compile(r" (?P<level>" + alternation(gazetteers["numbered_place_words"]) + r")$"),
            lazy_compile(
                r"(?<![\p{L}])(?:(?P<not>"
                + alternation(gazetteers["not_countries"])
                + r")|"
                + alternation(gazetteers["countries"])
                + r")(?![\p{L}])"
            ),
            gazetteers["home_country"][0],
            lazy_compile(
                r"(?<![\p{L}])(?:"
                + alternation(gazetteers["words_before_another_party"])
                + r")\s+$"
            ),
            defines["PROVINCE_WORD"],
            lazy_compile(defines["PLACE_LIST_GLUE"], VERBOSE),
            defines["CITY_WORD"],
            defines["CITY_WORD"][:1].upper() + defines["CITY_WORD"][1:],
            defines["PROVINCE_COMMITTEE_OPENER"],
            defines["CITY_COMMITTEE_OPENER"],
            {
                short: next(
                    p
                    for p in longest_first(provinces)
                    if gazetteers["abbreviations"][short].endswith(" " + p)
                    or gazetteers["abbreviations"][short] == p
                )
                for short in gazetteers["province_short_forms"]
            },
            frozenset(gazetteers["provinces_written_with_level_word"]),
        )
