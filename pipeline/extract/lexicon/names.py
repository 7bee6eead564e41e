"""Persons: family names, honorifics and the shape of a name (lexicon part `Names`)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from pipeline.engine.ruleset import lazy_compile
from pipeline.extract.lexicon.common import VERBOSE, Defines, Gazetteers


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
        "foreign_family_names",
        "foreign_given_names",
        "heads_that_are_family_names",
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
    #: … or a name of another language there (FOREIGN_IN_LIST), same groups
    foreign_in_list: regex.Pattern[str]
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
    #: the last syllable of a given name after the hyphen the release spaces (SPACED_GIVEN_TAIL):
    #: `Choe Son| - hui`
    spaced_given_tail: regex.Pattern[str]
    #: given names common abroad (`Lee`, `Jack`): gazetteers/foreign_given_names.txt
    foreign_given_names: frozenset[str]
    #: a man's or a woman's word before a name, at the end (SEX_BEFORE), or also a wife's
    #: (SEX_OR_WIFE_BEFORE); group `man` set for a man's
    sex_before: regex.Pattern[str]
    sex_or_wife_before: regex.Pattern[str]
    #: the given names before a short name, at the end (GIVEN_BEFORE_SHORT): groups
    #: `honorific`, `man`, `given`
    given_before_short: regex.Pattern[str]
    #: bodies' heads that are also family names (heads_that_are_family_names.txt: `Đoàn`)
    heads_that_are_family_names: frozenset[str]

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
            lazy_compile(defines["FOREIGN_IN_LIST"], VERBOSE),
            lazy_compile(defines["NAME_BEFORE_POSTS"], VERBOSE),
            lazy_compile(defines["HOLDER_BEFORE_POSTS"], VERBOSE),
            lazy_compile(defines["POSTS_HELD_BY"], VERBOSE),
            lazy_compile(defines["POSTS_REPLACED_HOLDER"], VERBOSE),
            lazy_compile(
                r"(?<![\p{L}])(?:"
                + defines["LEAVING_OFFICE"]
                + r")(?:\s+"
                + defines["POST_AFTER_LEAVING"]
                + r")?\s+$",
                VERBOSE,
            ),
            lazy_compile(defines["VIETNAMESE_SYLLABLE"], VERBOSE),
            frozenset(name.lower() for name in gazetteers["foreign_family_names"]),
            lazy_compile(defines["SPACED_GIVEN_TAIL"], VERBOSE),
            frozenset(gazetteers["foreign_given_names"]),
            lazy_compile(defines["SEX_BEFORE"], VERBOSE),
            lazy_compile(defines["SEX_OR_WIFE_BEFORE"], VERBOSE),
            lazy_compile(defines["GIVEN_BEFORE_SHORT"], VERBOSE),
            frozenset(gazetteers["heads_that_are_family_names"]),
        )

    def is_foreign(self, name: str) -> bool:
        """A name of another language: no letter only Vietnamese writes (đ, ơ, ư, ă, a tone
        mark of its own), no Vietnamese syllable with a mark (`Lào`), and a word that is no
        Vietnamese syllable (`Trump`, `Jong-un`), or, in a name of two words or more, a family
        name abroad that reads as one (`Hun Sen`: gazetteers/foreign_family_names.txt), or a
        given name of two syllables joined by a hyphen after a family name (`Ri Yong-ho`,
        `Chiu Yi-ying`, `Prayuth Chan-ocha`): a Vietnamese name joins no syllables so."""
        words = [word for word in _NAME_PARTS.split(name.lower()) if word]
        plain = [_unmarked(word) for word in words]
        if not words or any(
            bare is None or (bare != word and self.syllable.fullmatch(bare))
            for word, bare in zip(words, plain, strict=True)
        ):
            return False
        if len(words) > 1 and (
            words[0] in self.foreign_family_names or _KOREAN_HYPHEN.search(name)
        ):
            return True
        return any(bare is not None and not self.syllable.fullmatch(bare) for bare in plain)

    def holder_abroad_at(self, text: str, start: int) -> int | None:
        """Where a full name of another language that starts at `start` with a given name
        common abroad ends, when it ends the capitalized words there: the given name, then one
        or two words (a hyphen the release spaces joins two: `Aidan Foster - Carter`), then no
        capital (`Lee Bollinger cho biết`, not `Jimmy Kimmel Live`); None else. After a body's
        name written in another language, such a name is its holder's (`Đại học Columbia | Lee
        Bollinger`)."""
        found = _HOLDER_ABROAD.match(text, start)
        if found is None or found.group("given") not in self.foreign_given_names:
            return None
        return found.end() if self.is_foreign(found.group()) else None

    def east_asian_name_at(self, text: str, start: int) -> int | None:
        """Where a name of East Asia that starts at `start` ends when the release spaces the
        hyphen of its given name: a family name and the given name's first syllable, unmarked
        capitalized words, then the spaced hyphen and a lower-case syllable (`Cho Yang - ho`,
        `Ko Wen - je`; SPACED_GIVEN_TAIL); None else. After a body's name such a name is its
        holder's (`tập đoàn Hanjin | Cho Yang - ho`), its family name perhaps a Vietnamese
        syllable (`Cho`)."""
        found = _FAMILY_AND_GIVEN.match(text, start)
        tail = found and self.spaced_given_tail.match(text, found.end())
        if not (found and tail and self.is_foreign(found.group() + tail.group())):
            return None
        return tail.end()


#: a family name and a given name's first syllable, unmarked capitalized words (`Cho Yang`)
_FAMILY_AND_GIVEN = regex.compile(r"\p{Lu}[a-z]+\s+\p{Lu}[a-z]{0,5}(?![\p{L}\p{M}])")
#: a given name, one or two words of a name after it, and no capitalized word after them
_HOLDER_ABROAD = regex.compile(
    r"(?P<given>\p{Lu}[\p{Ll}\p{M}]+)(?:(?:\s+-\s+|\s+)\p{Lu}[\p{Ll}\p{M}'’]+){1,2}"
    r"(?![\p{L}\p{M}'’]|\s+-?\s*\p{Lu}|\s+\d)"
)
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
