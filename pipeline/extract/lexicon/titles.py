"""Positions: titles, their abbreviations and chains of posts (lexicon part `Titles`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import regex

from pipeline.engine.ruleset import alternation, lazy_compile
from pipeline.extract.lexicon.common import (
    SPACES,
    VERBOSE,
    Defines,
    Gazetteers,
    Phrases,
    lower_keys,
    words_re,
)


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
        "titles_of_names_abroad",
        "titles_also_verbs",
        "place_levels_abroad",
        "party_adjectives",
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
    #: it serves in (`Nhật Bản tại Việt Nam`, `Mỹ tại LHQ`): groups `country` and `host`;
    #: the time of a post may come before the country (TIME_BEFORE_COUNTRY: `đắc cử Ukraine`)
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
    #: after an expert's field and name, the word opening their body (BODY_AFTER_EXPERT_NAME)
    body_after_expert_name: regex.Pattern[str]
    #: the word ending an expert's field before a topic (TOPIC_OPENING): no name follows
    topic_opening: regex.Pattern[str]
    #: international bodies, lower case → as listed: not businesses, whatever their head
    #: (`Ngân hàng Thế giới`), and read whole after an expert's title
    international: Mapping[str, str]
    #: titles that are a post only with a country right after them (`lãnh đạo Triều Tiên`)
    of_a_country: frozenset[str]
    #: posts of a city or a state abroad, whose place stays in the title (`Thị trưởng …`)
    of_a_place_abroad: frozenset[str]
    #: titles that are a post only before or after a name of another language: the
    #: Vietnamese press names its own officials so in passing (`cương vị người đứng đầu`)
    of_names_abroad: frozenset[str]
    #: a place word that may open that place (group `level`), then the capitalized words
    #: there, the place's and a name's after it (group `run`); not a party written as an
    #: adjective (`Thượng nghị sĩ Dân chủ …`: gazetteers/party_adjectives.txt)
    place_level_abroad: regex.Pattern[str]
    #: a ministry's sector written in lower case after its minister's title, as a whole word
    #: (`Bộ trưởng | tài chính Canada`: gazetteers/ministry_sectors.txt); group `sector`
    lower_sector: regex.Pattern[str]
    #: `của` between a post and the capitalized body that holds it (OWNER_BEFORE_BODY)
    owner_before_body: regex.Pattern[str]
    #: `một` right before a post (INDEFINITE_BEFORE), searched up to the post
    indefinite_before: regex.Pattern[str]
    #: a caption's bracket of position right after a name (PHOTO_POSITION), matched there
    photo_position: regex.Pattern[str]
    #: a building named for its body, its first word in lower case right after a title
    #: (`người phát ngôn | điện Kremlin`: gazetteers/seat_bodies.txt); group `seat`
    lower_seat: regex.Pattern[str]
    #: a movement or faction named in quotes right after its leader's title (`thủ lĩnh | phong
    #: trào "ô dù"`: MOVEMENT_AFTER_LEADER); group `movement`
    movement: regex.Pattern[str]
    #: a comma or `là` setting a name off from the posts before it (POSTS_LOOSE_SET_OFF)
    loose_set_off: regex.Pattern[str]
    #: `của` right before a body's name, at the end (POSTS_OF_BEFORE_BODY)
    of_before_body: regex.Pattern[str]
    #: a word joining two parts of one body (POSTS_BODY_JOINER), a word after a comma going on
    #: with a list of names (POSTS_LIST_JOINER): matched whole
    body_joiner: regex.Pattern[str]
    list_joiner: regex.Pattern[str]
    #: what separates two posts of a list or two names before it (POSTS_RESPECTIVE_SEPARATOR)
    respective_separator: regex.Pattern[str]
    #: `và` (defines AND_WORD)
    and_word: str
    #: a people's deputy in lower case (defines DEPUTY_WORD: `đại biểu`), and as the bare
    #: title (`Đại biểu`)
    deputy_word: str
    deputy_title: str
    #: the prefix of posts someone leaves (defines FORMER_PREFIX: `nguyên`)
    former_prefix: str
    #: `của` (defines OF_WORD) opening a text, if it does: before the body a board governs
    of_opening: regex.Pattern[str]
    #: a ministry's head word (defines MINISTRY_HEAD: `Bộ`)
    ministry_head: str

    @classmethod
    def build(cls, gazetteers: Gazetteers, defines: Defines) -> Titles:
        titles: Mapping[str, str | None] = gazetteers["titles"]
        by_lower = lower_keys(titles)
        also_verbs = frozenset(gazetteers["titles_also_verbs"])
        title_re = lazy_compile(
            r"(?i:(?:(?P<prefix>"
            + alternation(gazetteers["title_prefixes"])
            + r")\s+)?(?P<title>"
            + "|".join(
                _title_pattern(t, defines["TITLE_DEPUTY_AFTER_HEAD"], t in also_verbs)
                for t in sorted(titles, key=len, reverse=True)
            )
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
                r"(?:{2})?\s+(?P<country>{0})(?:\s+{3}\s+(?P<host>{0}|{1}))?"
                r"(?![\p{{L}}\p{{N}}-])".format(
                    alternation(gazetteers["countries"]),
                    alternation(gazetteers["host_bodies"]),
                    defines["TIME_BEFORE_COUNTRY"],
                    defines["TITLE_HOST_BEFORE"],
                )
            ),
            lazy_compile(defines["PLURAL_BEFORE"], VERBOSE),
            lazy_compile(defines["UNNAMED_BODY"], VERBOSE),
            Phrases(gazetteers["possessives"]),
            frozenset(gazetteers["list_starting_titles"]),
            Phrases(gazetteers["school_subjects"]),
            gazetteers["deputy_bodies"],
            words_re(gazetteers["deputy_bodies"]),
            frozenset(gazetteers["titles_with_field"]),
            lazy_compile(defines["FIELD_BEFORE_BODY"], VERBOSE),
            lazy_compile(defines["BODY_AFTER_EXPERT_NAME"], VERBOSE),
            lazy_compile(defines["TOPIC_OPENING"], VERBOSE),
            {body.lower(): body for body in gazetteers["international_bodies"]},
            frozenset(gazetteers["titles_of_a_country"]),
            frozenset(gazetteers["titles_of_a_place_abroad"]),
            frozenset(gazetteers["titles_of_names_abroad"]),
            lazy_compile(
                r"\s+(?:(?P<level>(?i:"
                + alternation(gazetteers["place_levels_abroad"])
                + r"))(?![\p{L}])\s*)?(?!(?:"
                + alternation(gazetteers["party_adjectives"])
                + r")(?![\p{L}]))(?P<run>\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:(?:"
                + alternation(gazetteers["name_particles"])
                + r")\s+)?\p{Lu}[\p{L}\p{M}'’-]*){0,7})(?![\p{L}\p{M}])"
            ),
            lazy_compile(
                r"\s+(?P<sector>"
                + alternation(gazetteers["ministry_sectors"])
                + r")(?![\p{L}\p{M}])"
            ),
            lazy_compile(defines["OWNER_BEFORE_BODY"], VERBOSE),
            lazy_compile(defines["INDEFINITE_BEFORE"], VERBOSE),
            lazy_compile(defines["PHOTO_POSITION"], VERBOSE),
            lazy_compile(
                r"\s+(?P<seat>"
                + alternation(seat[0].lower() + seat[1:] for seat in gazetteers["seat_bodies"])
                + r")(?![\p{L}\p{M}])"
            ),
            lazy_compile(defines["MOVEMENT_AFTER_LEADER"], VERBOSE),
            lazy_compile(defines["POSTS_LOOSE_SET_OFF"], VERBOSE),
            lazy_compile(defines["POSTS_OF_BEFORE_BODY"], VERBOSE),
            lazy_compile(defines["POSTS_BODY_JOINER"], VERBOSE),
            lazy_compile(defines["POSTS_LIST_JOINER"], VERBOSE),
            lazy_compile(defines["POSTS_RESPECTIVE_SEPARATOR"], VERBOSE),
            defines["AND_WORD"],
            defines["DEPUTY_WORD"],
            defines["DEPUTY_WORD"][:1].upper() + defines["DEPUTY_WORD"][1:],
            defines["FORMER_PREFIX"],
            lazy_compile(r"^(?:" + defines["OF_WORD"] + r"\s+)?"),
            defines["MINISTRY_HEAD"],
        )

    def canonical(self, written: str) -> str:
        """A title as the `title` column writes it: `phó chủ tịch` → `Phó Chủ tịch`."""
        squashed = SPACES.sub(" ", written)
        if squashed not in self.implied_body:
            squashed = self.by_lower.get(squashed.lower(), squashed)
        return self.abbreviations.get(squashed, squashed)


def _title_pattern(title: str, deputy: str, also_verb: bool = False) -> str:
    """A title as written, case aside, except a last word `deputy` (defines
    TITLE_DEPUTY_AFTER_HEAD: `phó`), which is written in lower case:
    `Cục phó Di sản văn hóa`, not `bưu cục Phó Giám đốc …`. A title that is also a verb
    (gazetteers/titles_also_verbs.txt) is one only in lower case, a capitalized body after it
    and no capitalized word before it: `Matveev, chỉ huy Hạm đội …`, not `Bộ chỉ huy Quân sự`."""
    pattern = regex.escape(title).replace(r"\ ", r"\s+")
    if also_verb:
        lower = regex.escape(title.lower()).replace(r"\ ", r"\s+")
        return rf"(?-i:(?<!\p{{Lu}}[\p{{L}}\p{{M}}]*\s+){lower}(?=\s+\p{{Lu}}))"
    if title.endswith(" " + deputy):
        pattern = pattern[: -len(deputy)] + f"(?-i:{deputy})"
    return pattern
