"""Organizations: head words, abbreviations, the words names are made of (lexicon part
`Bodies`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import regex

from pipeline.engine.ruleset import alternation, lazy_compile
from pipeline.extract.lexicon.common import (
    MEMO_LIMIT,
    SPACES,
    VERBOSE,
    Defines,
    Gazetteers,
    Phrases,
    common_vietnamese_words,
    longest_first,
    lower_keys,
    vietnamese_words,
)
from pipeline.extract.lexicon.heads import ORG_ASIDE, Head, Outlet, opening_head
from pipeline.text.normalize import normalize_phrase


def _spaced(abbreviation: str) -> str:
    """An abbreviation as a pattern that allows spaces around its `&` and `-` (`NN & PTNT`,
    `LĐ - TB & XH` are written so too) and where it has one."""
    squashed = SPACES.sub("", abbreviation)
    pattern = regex.escape(squashed) if " " not in abbreviation else regex.escape(abbreviation)
    return pattern.replace(r"\ ", r"\s*").replace(r"\&", r"\s*&\s*").replace(r"\-", r"\s*-\s*")


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
        "team_heads",
        "nested_heads",
        "doan_body_words",
        "heads_that_are_given_names",
        "name_stop_words",
        "heads_with_lower_case_names",
        "plural_markers",
        "legal_forms",
        "name_level_words",
        "national_scope_words",
        "body_function_openings",
        "news_outlets",
        "press_cues",
        "reporting_verbs",
        "paper_reporting_verbs",
        "media_name_words",
        "paper_name_words",
        "not_organization_openings",
        "common_noun_heads",
        "heads_meaning_a_middle",
        "middle_place_words",
        "room_words",
        "place_body_cues",
        "plant_place_cues",
        "plant_staff_words",
        "party_adjectives",
        "news_agency_kinds",
        "brands",
        "international_bodies",
        "region_cues",
        "heads_with_topics",
        "heads_with_titled_topics",
        "heads_of_units",
        "bare_units",
        "title_heads",
        "event_openings",
        "heads_described_before_place",
        "heads_with_sentence_case_names",
        "sentence_case_compounds",
        "short_sector_names",
        "sector_heads",
        "office_short_sector_names",
        "boards_of_level_committees",
        "boards_of_named_bodies",
        "school_heads",
        "unit_committees",
        "governing_boards",
        "project_cues",
        "field_nouns",
        "foreign_legal_forms",
        "listed_brands",
        "venue_brands",
        "legal_form_spellings",
        "force_epithets",
        "bodies_of_the_passage_country",
        "chambers_in_lower_case",
        "words_before_a_service",
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
    #: heads that, before nothing but a place's name, name its sports team (`Đoàn Bình Định`)
    team_heads: frozenset[str]
    nested_heads: frozenset[str]
    doan_body_words: tuple[str, ...]
    #: heads that are also given names, before one more syllable a person's name (`Trường Vũ`)
    heads_that_are_given_names: frozenset[str]
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
    #: each legal form case-folded after a space, longest first: what a name read so far ends
    #: with where a business's line in lower case may follow (`Công ty TNHH dịch vụ …`)
    legal_form_endings: tuple[str, ...]
    level_words: Phrases
    #: `quốc gia` right after a head: the words after it name the body's function
    national_scope_words: Phrases
    #: a verb right after a head that takes lower-case names: the body's function (`Hội đồng
    #: thẩm định …`)
    function_openings: Phrases
    #: a paper, site or agency as written → how it is listed (rules/gazetteers/news_outlets.yml)
    outlets: Mapping[str, Outlet]
    #: a credit or reporting word right before a paper's name (`Theo`, `Ảnh:`), at the end
    press_cue: regex.Pattern[str]
    #: the last word of a newspaper's English name (`Business Standard`): paper_name_words.txt
    paper_name_end: regex.Pattern[str]
    #: the last words of media's English names (`News`, `Blog`): media_name_words.txt
    media_words: frozenset[str]
    #: a reporting verb right after a source's name, perhaps past a word or two (`đưa tin`,
    #: `hôm nay dẫn tin`, a known paper's `ghi nhận`): rules/gazetteers/reporting_verbs.txt,
    #: paper_reporting_verbs.txt
    reported_after: regex.Pattern[str]
    not_openings: frozenset[str]
    common_noun_heads: frozenset[str]
    #: heads that, in lower case before a proper name, are its middle (`trung tâm Manhattan`)
    middle_heads: frozenset[str]
    #: words of a place after such a head that make it the middle (`trung tâm thủ đô Sofia`)
    middle_place_words: frozenset[str]
    #: words after a lower-case `phòng` that make it a room (`phòng họp`, `phòng cô Chinh`)
    room_words: frozenset[str]
    #: a post or a representative right before a place that makes it a body (`giám đốc`)
    place_body_cue: regex.Pattern[str]
    #: enterprises and banks named by brand (`BIDV`, `Grab`)
    brands: frozenset[str]
    #: a word right before an international body's name that makes it a region (`các nước`)
    region_cue: regex.Pattern[str]
    heads_with_topics: frozenset[str]
    #: heads of institutions named by a field in title case after `về`/`vì` (`Trung tâm Quốc
    #: gia về Ứng phó Thảm họa`): heads_with_titled_topics.txt
    heads_with_titled_topics: frozenset[str]
    heads_of_units: frozenset[str]
    #: heads that, alone at the end of another body's name, stand for the article's unit of
    #: that head (`Đảng ủy Tập đoàn`), longest first
    bare_units: tuple[str, ...]
    event_openings: Phrases
    heads_described_before_place: frozenset[str]
    #: heads whose capitalized name goes on in lower case (`Vụ Chính sách tiền tệ`)
    heads_with_sentence_case_names: frozenset[str]
    #: a word of a name and the lower-case word that goes on it after its capital (`an toàn
    #: thông tin`, `giáo dục thường xuyên`): sentence_case_compounds.txt
    sentence_case_compounds: frozenset[str]
    #: a sector written short → its standard name (`Giáo dục` → `Giáo dục và Đào tạo`)
    short_sectors: Mapping[str, str]
    #: patterns of rules/defines.yml that the name scan and the normalizers read
    seat: regex.Pattern[str]
    parent_of: regex.Pattern[str]
    topic: regex.Pattern[str]
    #: `về`/`vì` before a field written in title case (`Quỹ Carnegie vì Hòa bình quốc tế`)
    titled_topic: regex.Pattern[str]
    kind_after: regex.Pattern[str]
    #: bodies of several levels at once after a bare level word (`HĐND quận, phường`)
    levels_after: regex.Pattern[str]
    #: what right before a capitalized head makes its lower-case description no name
    description_not_name: regex.Pattern[str]
    #: a law or an honour right before a head names the law, not the body (`Luật Công an nhân
    #: dân`, `danh hiệu Công an nhân dân`)
    law_or_honour: regex.Pattern[str]
    list_opening: regex.Pattern[str]
    #: a count or a plural before a head alone whose list follows its colon (`4 sở: Tư pháp`)
    list_counted: regex.Pattern[str]
    #: the colon after a plural head alone before its list (`các Sở: Xây dựng, Tài chính`)
    list_colon: regex.Pattern[str]
    list_glue: regex.Pattern[str]
    #: a plural marker right before a head (`các sở GD-ĐT`): a kind unless a list follows
    plural_before: regex.Pattern[str]
    #: words after a plural department that only say "every place" (`các sở GTVT địa phương`)
    every_place: regex.Pattern[str]
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
    #: a person's or a thing's word right before a head that is also a line of work, at the
    #: end (`sĩ quan `, `máy bay `): the head is the field, not the body (`sĩ quan tình báo Mỹ`)
    field_cue: regex.Pattern[str]
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
    #: a State body every country has, written bare: in an article about one foreign country it
    #: is that country's (`Chính phủ` → `Chính phủ Malaysia`): bodies_of_the_passage_country.txt
    passage_country_bodies: frozenset[str]
    #: a legislature, the government or the cabinet written bare in lower case (`quốc hội`,
    #: `chính phủ`): the passage country's, or no body where the article is about no one
    #: foreign country: chambers_in_lower_case.txt
    lower_case_chambers: frozenset[str]
    #: the end of what may come before an armed service written bare in lower case for it to
    #: name the force (`của `, `lực lượng `, a comma, the sentence's start), past the services
    #: listed before it (`lục quân và `): words_before_a_service.txt
    service_opening: regex.Pattern[str]
    #: what joins the names of a business list, a word or a colon that opens one, a colon with
    #: no such word, and a name in sentence case going on (org_foreign.business_list): defines
    #: ORG_BUSINESS_LIST_GLUE, ORG_BUSINESS_LIST_OPENER, ORG_BUSINESS_BARE_COLON,
    #: ORG_SENTENCE_CASE_ON
    business_list_glue: regex.Pattern[str]
    business_list_opener: regex.Pattern[str]
    business_bare_colon: regex.Pattern[str]
    sentence_case_on: regex.Pattern[str]
    #: `nước này` right after a body every country has (`hải quân nước này`): ORG_THIS_COUNTRY
    this_country: regex.Pattern[str]
    #: `hai nước` right after such a body (`hải quân hai nước`): ORG_BOTH_COUNTRIES
    both_countries: regex.Pattern[str]
    #: what joins two countries named together (`Nga và Trung Quốc`): ORG_COUNTRY_PAIR_JOINER
    country_pair_joiner: regex.Pattern[str]
    #: a Party committee listed right before a bare State body (`Thành uỷ - HĐND - UBND`):
    #: ORG_AFTER_PARTY_COMMITTEE
    after_party_committee: regex.Pattern[str]
    #: … unless the list goes on to many places (`… các tỉnh khu vực ĐBSCL`):
    #: ORG_LIST_OF_PLACES_AFTER
    list_of_places_after: regex.Pattern[str]
    #: `và` (defines AND_WORD), as the name scanners compare words with it
    and_word: str
    #: a comma or `và` past an item of a list read alone (ORG_LIST_NEXT_ITEM), what joins the
    #: further places a body is written for (ORG_FURTHER_PLACES_GLUE)
    list_next_item: regex.Pattern[str]
    further_places_glue: regex.Pattern[str]
    #: a word or a sign joining two capitalized words of a name, matched whole: while a name is
    #: scanned (ORG_NAME_JOINER), in a resolved name (ORG_CAPITALIZED_JOINER)
    name_joiner: regex.Pattern[str]
    capitalized_joiner: regex.Pattern[str]
    #: a province-level place word and a place ending a name, groups `level` and `place`
    #: (ORG_PROVINCE_BEFORE_PLACE)
    province_before_place: regex.Pattern[str]
    #: the word naming an agency by its function, at the start of a name in lower case
    #: (ORG_AGENCY_WORD: `cơ quan tình báo Mỹ`)
    agency_word: regex.Pattern[str]
    #: a word right before a plant that names it as a place, a destination or an asset, at
    #: the end (`tại `, `đến `, `xây dựng `), not after a word of its staff at work there
    #: (`làm việc tại `): plant_place_cues.txt, plant_staff_words.txt
    plant_place_cue: regex.Pattern[str]
    #: a party's name that is also an adjective (`Dân chủ`, `Cộng hòa`): party_adjectives.txt
    party_names: Phrases
    #: a further join after a dash in a name (ORG_FURTHER_JOIN), a second parent after the
    #: first (ORG_JOINT_PARENT)
    further_join: regex.Pattern[str]
    joint_parent: regex.Pattern[str]
    #: the Party's head word (defines PARTY_HEAD: `Đảng`)
    party_head: str
    #: a paper's head word and an online paper's (defines PAPER_HEAD: `Báo`,
    #: ONLINE_PAPER_HEAD: `Báo điện tử`)
    paper_head: str
    online_paper_head: str
    #: heads treated apart (defines LEGISLATURE_HEAD: `Quốc hội`, STATION_HEAD: `Đài`,
    #: DELEGATION_HEAD: `Đoàn`, PARTY_CELL_HEAD: `Chi bộ`, PROVINCE_PORTAL_HEAD: `Cổng Thông
    #: tin điện tử`)
    legislature_head: str
    station_head: str
    delegation_head: str
    party_cell_head: str
    province_portal_head: str
    #: a body in lower case inside a longer name (ORG_LOWER_INNER_HEAD), an acronym or a short
    #: name defined right after a name, groups 1, 2, 3 (ORG_DEFINED_AFTER)
    lower_inner_head: regex.Pattern[str]
    defined_after: regex.Pattern[str]
    #: a campus or a bloc's base ending a unit's name (defines CAMPUS_WORD: `cơ sở`)
    campus_word: str
    #: the first words of a firm's kind that make it a news agency (news_agency_kinds.txt:
    #: `tin`, `thông tấn`)
    news_agency_kinds: tuple[str, ...]
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
                bool((entry or {}).get("field")),
                bool((entry or {}).get("own_name")),
                bool((entry or {}).get("room")),
                (entry or {}).get("brand"),
                bool((entry or {}).get("plant")),
            )
            for name, entry in raw_heads.items()
        }
        abbreviations: Mapping[str, str] = gazetteers["abbreviations"]
        shorts = {
            a for a, full in abbreviations.items() if (a.isupper() and len(a) > 2) or full in heads
        }
        head_words = longest_first(set(heads) | shorts)
        nested_heads: list[str] = gazetteers["nested_heads"]
        # an acronym of such a head, also one that holds a legal form (`CTCP`: `Công ty Cổ
        # phần` in `HĐQT CTCP Cảng Quy Nhơn`; `Công ty CP` is read from its `Công ty`)
        legal_forms = frozenset(gazetteers["legal_forms"])
        nested_words = [
            *nested_heads,
            *(
                a
                for a, full in abbreviations.items()
                for head in [opening_head(full, heads)]
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
            lower_keys(sorted(heads, key=len, reverse=True)),
            max(len(head.split(" ")) for head in heads),
            abbreviations,
            {SPACES.sub("", short): full for short, full in abbreviations.items()},
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
            frozenset(gazetteers["team_heads"]),
            frozenset(nested_heads),
            tuple(gazetteers["doan_body_words"]),
            frozenset(gazetteers["heads_that_are_given_names"]),
            lazy_compile(alternation(head_words) + r"(?![\p{L}])"),
            lazy_compile(
                r"(?<![\p{L}\p{N}])(?:"
                + "|".join(
                    _spaced(k)
                    for k in sorted(
                        abbreviations, key=lambda k: len(SPACES.sub("", k)), reverse=True
                    )
                )
                # a dotted place word may be written against its name (`UBND H.Cần Giờ`,
                # `Q.1`), not an initial of a name (`H.M. SKY`)
                + r")(?:(?![\p{L}\p{N}])|(?<=\.)(?=\p{Lu}\p{Ll}|\p{N}))"
            ),
            lazy_compile(
                r"(?<=\s)(?:"
                + alternation(nested_words)
                # `Ban chỉ đạo`: a nested head whose name goes on in lower case, however its
                # later words are capitalized
                + r"|(?=\p{Lu})(?i:"
                + alternation(set(nested_heads) & set(gazetteers["heads_with_lower_case_names"]))
                + r")|"
                + alternation(w[:1].lower() + w[1:] for w in nested_heads if w[:1].isupper())
                + r"(?=\s+\p{Lu}))(?![\p{L}])"
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
            tuple(
                sorted(
                    {f" {form.casefold()}" for form in gazetteers["legal_forms"]},
                    key=len,
                    reverse=True,
                )
            ),
            Phrases(gazetteers["name_level_words"]),
            Phrases(gazetteers["national_scope_words"]),
            Phrases(gazetteers["body_function_openings"]),
            {
                written: Outlet(str(entry["name"]), bool(entry.get("credited")))
                for written, entry in gazetteers["news_outlets"].items()
            },
            lazy_compile(r"(?:^|(?<=[\s(]))" + alternation(gazetteers["press_cues"]) + r"\s*$"),
            lazy_compile(r"(?<=\s)" + alternation(gazetteers["paper_name_words"]) + r"$"),
            frozenset(gazetteers["media_name_words"]),
            lazy_compile(
                r"(?:\s+\p{Ll}+){0,2}\s+"
                + alternation(gazetteers["reporting_verbs"] + gazetteers["paper_reporting_verbs"])
                + r"(?![\p{L}])"
            ),
            frozenset(gazetteers["not_organization_openings"]),
            frozenset(gazetteers["common_noun_heads"]),
            frozenset(gazetteers["heads_meaning_a_middle"]),
            frozenset(gazetteers["middle_place_words"]),
            frozenset(gazetteers["room_words"]),
            lazy_compile(
                r"(?:^|(?<=[\s(]))(?i:" + alternation(gazetteers["place_body_cues"]) + r")\s*$"
            ),
            frozenset(gazetteers["brands"]),
            lazy_compile(r"(?:^|(?<=\s))" + alternation(gazetteers["region_cues"]) + r"\s+$"),
            frozenset(gazetteers["heads_with_topics"]),
            frozenset(gazetteers["heads_with_titled_topics"]),
            frozenset(gazetteers["heads_of_units"]),
            tuple(sorted(gazetteers["bare_units"], key=len, reverse=True)),
            Phrases(gazetteers["event_openings"]),
            frozenset(gazetteers["heads_described_before_place"]),
            frozenset(gazetteers["heads_with_sentence_case_names"]),
            frozenset(gazetteers["sentence_case_compounds"]),
            gazetteers["short_sector_names"],
            lazy_compile(defines["ORG_SEAT"], VERBOSE),
            lazy_compile(defines["ORG_PARENT_OF"], VERBOSE),
            lazy_compile(defines["ORG_TOPIC"], VERBOSE),
            lazy_compile(defines["ORG_TITLED_TOPIC"], VERBOSE),
            lazy_compile(defines["ORG_KIND_AFTER"], VERBOSE),
            lazy_compile(defines["ORG_LEVELS_AFTER"], VERBOSE),
            lazy_compile(defines["ORG_DESCRIPTION_NOT_NAME"], VERBOSE),
            lazy_compile(defines["ORG_LAW_OR_HONOUR"], VERBOSE),
            lazy_compile(defines["ORG_LIST_OPENING"], VERBOSE),
            lazy_compile(defines["ORG_LIST_COUNTED"], VERBOSE),
            lazy_compile(defines["ORG_LIST_COLON"], VERBOSE),
            lazy_compile(defines["ORG_LIST_GLUE"], VERBOSE),
            lazy_compile(defines["ORG_PLURAL_BEFORE"], VERBOSE),
            lazy_compile(defines["ORG_EVERY_PLACE"], VERBOSE),
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
            lazy_compile(
                r"(?:^|(?<=\s))" + alternation(gazetteers["field_nouns"]) + r"\s+$",
                regex.IGNORECASE,
            ),
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
            frozenset(gazetteers["bodies_of_the_passage_country"]),
            frozenset(gazetteers["chambers_in_lower_case"]),
            lazy_compile(
                r"(?:^|[,;:(“\"]\s*|(?<![\p{L}])(?:"
                + alternation(gazetteers["words_before_a_service"])
                + r")\s+)(?:(?:"
                + alternation(gazetteers["chambers_in_lower_case"])
                + r")\s*(?:,|"
                + defines["AND_WORD"]
                + r")\s+)*$",
                regex.IGNORECASE,
            ),
            lazy_compile(defines["ORG_BUSINESS_LIST_GLUE"], VERBOSE),
            lazy_compile(defines["ORG_BUSINESS_LIST_OPENER"], VERBOSE),
            lazy_compile(defines["ORG_BUSINESS_BARE_COLON"], VERBOSE),
            lazy_compile(defines["ORG_SENTENCE_CASE_ON"], VERBOSE),
            lazy_compile(defines["ORG_THIS_COUNTRY"], VERBOSE),
            lazy_compile(defines["ORG_BOTH_COUNTRIES"], VERBOSE),
            lazy_compile(defines["ORG_COUNTRY_PAIR_JOINER"], VERBOSE),
            lazy_compile(defines["ORG_AFTER_PARTY_COMMITTEE"], VERBOSE),
            lazy_compile(defines["ORG_LIST_OF_PLACES_AFTER"], VERBOSE),
            defines["AND_WORD"],
            lazy_compile(defines["ORG_LIST_NEXT_ITEM"], VERBOSE),
            lazy_compile(defines["ORG_FURTHER_PLACES_GLUE"], VERBOSE),
            lazy_compile(defines["ORG_NAME_JOINER"], VERBOSE),
            lazy_compile(defines["ORG_CAPITALIZED_JOINER"], VERBOSE),
            lazy_compile(defines["ORG_PROVINCE_BEFORE_PLACE"], VERBOSE),
            lazy_compile(defines["ORG_AGENCY_WORD"], VERBOSE),
            lazy_compile(
                r"(?:^|(?<=\s))(?<!(?:"
                + alternation(gazetteers["plant_staff_words"])
                + r")\s)(?:"
                + alternation(gazetteers["plant_place_cues"])
                + r")\s+$",
                regex.IGNORECASE,
            ),
            Phrases(gazetteers["party_adjectives"]),
            lazy_compile(defines["ORG_FURTHER_JOIN"], VERBOSE),
            lazy_compile(defines["ORG_JOINT_PARENT"], VERBOSE),
            defines["PARTY_HEAD"],
            defines["PAPER_HEAD"],
            defines["ONLINE_PAPER_HEAD"],
            defines["LEGISLATURE_HEAD"],
            defines["STATION_HEAD"],
            defines["DELEGATION_HEAD"],
            defines["PARTY_CELL_HEAD"],
            defines["PROVINCE_PORTAL_HEAD"],
            lazy_compile(defines["ORG_LOWER_INNER_HEAD"], VERBOSE),
            lazy_compile(defines["ORG_DEFINED_AFTER"], VERBOSE),
            defines["CAMPUS_WORD"],
            tuple(gazetteers["news_agency_kinds"]),
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
            lambda m: (
                self.abbreviations_squashed[SPACES.sub("", m.group(0))]
                + (" " if name[m.end() : m.end() + 1].isalnum() else "")
            ),
            name,
        )
        expanded = SPACES.sub(" ", expanded).strip()
        return expanded[:1].upper() + expanded[1:]
