"""Bodies across articles: one key per body, whatever the spelling, and where it stands.

A body's key is its name, with case, tone-mark style, punctuation, `và` and the words naming its
province left out, and a scope:

- its province, when the name (or the extractor's `location`) says it, or its district or
  commune does and only one province has a unit of that name (`UBND huyện Đức Huệ` is Long
  An's), or only one of the provinces the article speaks of has one;
- `vn` for a body that is one nationwide: a central body (`Bộ Tài chính`), a name with a
  national word (`Trung ương`, `Chính phủ`, `Việt Nam`…, rules/gazetteers/linking.yml), or a
  company, paper, school or hospital whose name says which one (`Công ty Tân Thuận`, not
  `Công ty cổ phần`);
- the article, for any other body: a bare `Sở Tài chính` stays unplaced (corpus/gold/GUIDE.md)
  and is never merged with another article's `Sở Tài chính`.

Inside one article, a name without a place takes the only body of the article whose name it
begins (`Sở Nội vụ` → `Sở Nội vụ tỉnh Quảng Ngãi`), and a bare provincial committee or
council (`Tỉnh ủy`, `UBND tỉnh`) the article's province, as the extractor does for its own
columns (GUIDE.md's province rule).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import regex

from pipeline.link.places import Gazetteer, Place, ascii_key
from pipeline.text.normalize import normalize_phrase

NATIONAL = "vn"
ARTICLE = "article"
#: a body's kind as the organizations table says it: (org_type, level)
Kind = tuple[str | None, str | None]
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")


def stable_id(*parts: str) -> str:
    """A short, stable id: a hash of the canonical key (the same key gives the same id)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ArticleContext:
    """What the linking stage knows of an article: its id, its date and the provinces it is
    about (its paper's province, else every province its bodies name), the main one if any."""

    article_id: str
    published_on: date | None = None
    provinces: frozenset[str] = frozenset()
    main_province: str | None = None
    #: False when the article's bodies write other provinces as often as its own
    single_province: bool = True
    #: its paper's province, else the one the rules read (the most named), single or not
    own_province: str | None = None
    #: the article's bodies, by case-folded name (filled once its organizations are resolved)
    local: dict[str, BodyRef] = field(default_factory=dict)


@dataclass(frozen=True)
class BodyRef:
    """A body as one mention names it: its key, and where it stands."""

    key: str
    scope: str  # a province, `vn`, or `article`
    province: str | None = None
    district: str | None = None
    commune: str | None = None

    @property
    def body_id(self) -> str:
        """The body's id: a hash of its key (worked out once; `functools.cached_property`
        would do, but takes a lock at each read)."""
        found: str | None = self.__dict__.get("_body_id")
        if found is None:
            found = self.__dict__["_body_id"] = stable_id("body", self.key)
        return found

    @property
    def placed(self) -> bool:
        """True when the body is the same body in every article that names it so."""
        return self.scope != ARTICLE


@dataclass(frozen=True)
class Reading:
    """What a name alone says (cached per name and location)."""

    place: Place
    tokens: tuple[str, ...]
    national: bool
    fixed: BodyRef | None = None  # the body, when the name alone decides it


class BodyResolver:
    """Turns a body's name, in an article, into a `BodyRef` (see the module docstring)."""

    def __init__(self, gazetteers: dict[str, Any], kinds: dict[str, Kind]):
        vocabulary = gazetteers["linking"]
        self.places = Gazetteer(gazetteers)
        self.kinds = kinds  # case-folded name → (org_type, level), from the organizations table
        self.ignored = {word.casefold() for word in vocabulary["ignored_name_words"]}
        self.national_re = _alternation(vocabulary["national_markers"])
        self.generic_re = _alternation(vocabulary["generic_name_words"], ignore_case=True)
        self._readings: dict[tuple[str, str | None], Reading] = {}
        self._names: dict[tuple[tuple[str, ...], str], tuple[str, ...]] = {}
        #: province (None: any) → a bare name's endings, case-folded: whole, after a space
        self._endings: dict[str | None, tuple[frozenset[str], tuple[str, ...]]] = {}
        self._others: dict[str, list[tuple[str, ...]]] = {}  # see `_other_levels`

    def resolve(
        self, name: str, location: str | None, context: ArticleContext, local: bool = True
    ) -> BodyRef:
        """The body a mention names, in its article (`local`: a short name may take the
        article's only body it begins)."""
        reading = self.read(name, location)
        if reading.fixed is not None:
            return reading.fixed
        place = reading.place
        province = self._province_from_units(place, context)
        if province is None and not place.district and not place.commune:
            province = self._bare_provincial(name, context)
        if province is not None:
            return self._placed(reading, province)
        if reading.national:
            return BodyRef(_key(reading.tokens, NATIONAL), NATIONAL)
        found = self._local(name, context) if local else None
        if found is not None:
            return found
        return BodyRef(_key(reading.tokens, f"{ARTICLE}:{context.article_id}"), ARTICLE)

    def read(self, name: str, location: str | None) -> Reading:
        """What the name says by itself, worked out once per distinct name and location; with
        the body itself when no article can change it (its province is in the name)."""
        reading = self._readings.get((name, location))
        if reading is None:
            expanded = self.places.expand(name)
            tokens = tuple(
                word
                for word in _WORD.findall(normalize_phrase(expanded).casefold())
                if word not in self.ignored
            )
            place = self.places.place_in(expanded, location)
            national = self.is_national(name)
            reading = Reading(place, tokens, national)
            if place.province:
                reading = Reading(place, tokens, national, self._placed(reading, place.province))
            elif national and not place.district and not place.commune and not self._bare(name):
                fixed = BodyRef(_key(tokens, NATIONAL), NATIONAL)
                reading = Reading(place, tokens, national, fixed)
            self._readings[(name, location)] = reading
        return reading

    def _placed(self, reading: Reading, province: str) -> BodyRef:
        tokens = self._names.get((reading.tokens, province))
        if tokens is None:
            tokens = _without_province(
                reading.tokens, province, self.places, self._other_levels(province)
            )
            self._names[(reading.tokens, province)] = tokens
        place = reading.place
        return BodyRef(_key(tokens, province), province, province, place.district, place.commune)

    def _other_levels(self, province: str) -> list[tuple[str, ...]]:
        """The level words (as words) other than the province's own (`tỉnh`, `thành phố`)."""
        levels = self._others.get(province)
        if levels is None:
            own = tuple(self.places.level_word(province).split())
            levels = [tuple(word.split()) for word in self.places.levels]
            levels = self._others[province] = [level for level in levels if level != own]
        return levels

    def _province_from_units(self, place: Place, context: ArticleContext) -> str | None:
        candidates = self.places.provinces_with(place)
        if len(candidates) == 1:
            return next(iter(candidates))
        in_article = candidates & context.provinces
        return next(iter(in_article)) if len(in_article) == 1 else None

    def _bare_provincial(self, name: str, context: ArticleContext) -> str | None:
        """GUIDE.md: a bare `Tỉnh ủy`, `UBND tỉnh` is the article's province's (`Thành ủy`,
        `UBND thành phố` a central city's)."""
        province = context.main_province
        return province if province and self._bare(name, province) else None

    def _bare(self, name: str, province: str | None = None) -> bool:
        """Whether the name ends with a province's level word or committee, bare (`UBND tỉnh`,
        `Tỉnh ủy`), for that province's level (or any province's)."""
        endings = self._endings.get(province)
        if endings is None:
            levels = (
                [self.places.level_word(province)]
                if province
                else [word for word, level in self.places.levels.items() if level == "province"]
            )
            words = [*levels, *(h for h, w in self.places.committees.items() if w in levels)]
            folded_words = [word.casefold() for word in words]
            endings = (frozenset(folded_words), tuple(" " + word for word in folded_words))
            self._endings[province] = endings
        folded = name.casefold()
        return folded in endings[0] or folded.endswith(endings[1])

    def _local(self, name: str, context: ArticleContext) -> BodyRef | None:
        """The only placed body of the article whose name is, or begins with, this name."""
        wanted = name.casefold()
        exact = context.local.get(wanted)
        if exact is not None and exact.placed:
            return exact
        found = {
            ref.key: ref
            for written, ref in context.local.items()
            if ref.placed and written.startswith(wanted + " ")
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def is_national(self, name: str) -> bool:
        """A central body, a national word, or a company/paper/school with a name of its own."""
        org_type, level = self.kinds.get(name.casefold(), (None, None))
        if level == "central" or self.national_re.search(name):
            return True
        if org_type not in ("enterprise", "other"):
            return False
        rest = self.generic_re.sub(" ", name)
        return any(
            len(word) >= 3 or (len(word) >= 2 and word[1:].islower())
            for word in _WORD.findall(rest)
            if word[:1].isupper()
        )

    def written_in(self, province: str, text: str | None) -> bool:
        """Whether a mention as written names the province (any spelling, `TP HCM` too)."""
        if not text:
            return False
        return province in text or ascii_key(province) in ascii_key(self.places.expand(text))

    def strip_place(self, name: str, province: str, location: str | None) -> str:
        """The name without the province the extractor attached at its end (`Ủy ban nhân dân
        tỉnh Cần Thơ` → `Ủy ban nhân dân tỉnh`); unchanged when it does not end with it.
        `location` is the extractor's place column: used only when it is that province."""
        as_written = (
            location if location and ascii_key(location).endswith(ascii_key(province)) else None
        )
        full = self.places.full.get(province)
        for written in dict.fromkeys(w for w in (full, as_written, province) if w):
            stripped = _ending(written).sub("", name)
            if stripped != name:
                return stripped
        return name


@functools.lru_cache(maxsize=4096)
def _ending(written: str) -> regex.Pattern:
    """A place written at the end of a name, after a space (any case)."""
    return regex.compile(r"\s+" + regex.escape(written) + r"$", flags=regex.I)


def _alternation(words: list[str], ignore_case: bool = False) -> regex.Pattern:
    ordered = sorted(words, key=len, reverse=True)
    flags = regex.IGNORECASE if ignore_case else 0
    return regex.compile(
        r"(?<![\p{L}])(?:" + "|".join(regex.escape(w) for w in ordered) + r")(?![\p{L}])", flags
    )


def _without_province(
    tokens: tuple[str, ...], province: str, places: Gazetteer, others: list[tuple[str, ...]]
) -> tuple[str, ...]:
    """The name's words without the province's own (`Ủy ban nhân dân tỉnh Long An` and `UBND
    Long An` → `ủy ban nhân dân`); a unit named like its province keeps them (`thành phố Tây
    Ninh`, the province's city). `others`: the level words other than the province's own."""
    target = ascii_key(province)
    width = len(_WORD.findall(province))
    own = tuple(places.level_word(province).split())
    kept = list(tokens)
    keys = [ascii_key(token) for token in kept]  # the key of tokens joined: their keys joined
    i = len(kept) - width
    while i >= 0:
        if "".join(keys[i : i + width]) != target:
            i -= 1
            continue
        before = tuple(kept[max(0, i - 2) : i])
        if any(before[-len(level) :] == level for level in others):
            i -= 1  # `thành phố Tây Ninh` in Tây Ninh: the city, not the province
            continue
        start = i - len(own) if before[-len(own) :] == own else i
        del kept[start : i + width]
        del keys[start : i + width]
        i = start - width
    return tuple(kept)


def _key(tokens: tuple[str, ...], scope: str) -> str:
    return " ".join(tokens) + "|" + scope
