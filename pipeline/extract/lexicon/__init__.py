"""The Vietnamese the normalizers know, read once per rule set from `rules/`.

Every word list lives in `rules/gazetteers/` (a `.txt` list or a `.yml` mapping) and every
shared pattern in `rules/defines.yml`; this module turns them into typed, ready-to-use
structures (sets, mappings, compiled patterns), one part per kind of knowledge. Each part
names the gazetteers it reads (`GAZETTEERS`), and the normalizers declare the parts they use,
so that `vnie rules check` can say which rule needs a gazetteer that is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.lexicon.bodies import Bodies
from pipeline.extract.lexicon.common import (
    MEMO_LIMIT,
    VERBOSE,
    Defines,
    Gazetteers,
    Phrases,
    common_vietnamese_words,
    vietnamese_words,
)
from pipeline.extract.lexicon.documents import DocType, Documents
from pipeline.extract.lexicon.heads import ORG_ACRONYM, ORG_ASIDE, Head, Outlet
from pipeline.extract.lexicon.models import Models
from pipeline.extract.lexicon.money import Money
from pipeline.extract.lexicon.names import Names
from pipeline.extract.lexicon.places import Places
from pipeline.extract.lexicon.titles import Titles

__all__ = [
    "MEMO_LIMIT",
    "ORG_ACRONYM",
    "ORG_ASIDE",
    "PARTS",
    "SHAPES",
    "VERBOSE",
    "Bodies",
    "Defines",
    "DocType",
    "Documents",
    "Gazetteers",
    "Head",
    "Lexicon",
    "Models",
    "Money",
    "Names",
    "Outlet",
    "Phrases",
    "Places",
    "Titles",
    "build_lexicon",
    "common_vietnamese_words",
    "vietnamese_words",
]

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
