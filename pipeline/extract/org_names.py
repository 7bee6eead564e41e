"""Organization names: the name scan of `name_scan` (from a head word rightwards, to the
place attached) and what a scanned name says of its body (`describe`). The officials' and the
organizations' normalizers read names through `scan_name` and `head_at`."""

from __future__ import annotations

from pipeline.extract.lexicon import Bodies, Lexicon, Places, Titles
from pipeline.extract.name_scan import (
    OrgName,
    joined_parent_start,
    parent_end,
    party_at,
    scan_name,
)
from pipeline.extract.org_tokens import (
    SENTENCE_OPENING_RE,
    TITLE_CASE_RE,
    head_at,
    opens_with,
    place_word_count,
    starts_with,
    tokens_after,
)

__all__ = [
    "GAZETTEERS",
    "SENTENCE_OPENING_RE",
    "TITLE_CASE_RE",
    "OrgName",
    "describe",
    "head_at",
    "joined_parent_start",
    "opens_with",
    "parent_end",
    "party_at",
    "place_word_count",
    "scan_name",
    "starts_with",
    "tokens_after",
]

#: organization gazetteers a name scan reads (a normalizer that scans names declares them)
GAZETTEERS = (*Bodies.GAZETTEERS, *Places.GAZETTEERS, *Titles.GAZETTEERS, "surnames")


def describe(
    name: str, place_level: str | None, place: str | None, lexicon: Lexicon
) -> dict[str, str | None]:
    """org_type, level and location of an expanded name."""
    _, entry = lexicon.bodies.head_of(name)
    level = entry.level if entry else None
    region = place in lexicon.places.regions
    if place_level:
        level = lexicon.places.levels.get(place_level, level)
    elif place and level is None and not region:
        level = "province"
    location = (place if region else lexicon.bodies.expand(place)) if place else None
    return {"org_type": entry.type if entry else "other", "level": level, "location": location}
