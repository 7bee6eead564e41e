"""Currencies, scale words and number words (lexicon part `Money`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import regex

from pipeline.engine.ruleset import alternation, lazy_compile
from pipeline.extract.lexicon.common import VERBOSE, Defines, Gazetteers


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
