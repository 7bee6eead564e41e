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
from typing import Any

import regex

from pipeline.link.places import Place, ascii_key, expand_hcm, gazetteer
from pipeline.text.normalize import normalize_phrase

NATIONAL = "vn"
ARTICLE = "article"
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_DISTRICT_WORDS = (("huyện",), ("quận",), ("thị", "xã"), ("xã",), ("phường",), ("thị", "trấn"))
_CITY_WORDS = (("thành", "phố"), ("tp",))
_BARE_PROVINCIAL = regex.compile(r"(?:Tỉnh ủy|(?<=\s)tỉnh)$")
_BARE_CITY = regex.compile(r"Thành ủy$")
_CITY_WRITTEN = {"Hồ Chí Minh": "Thành phố Hồ Chí Minh"}


def stable_id(*parts: str) -> str:
    """A short, stable id: a hash of the canonical key (the same key gives the same id)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ArticleContext:
    """What the linking stage knows of an article: its id, its date and the provinces it is
    about (its paper's province, else every province its bodies name), the main one if any."""

    article_id: str
    published_on: Any = None  # datetime.date or None
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

    @functools.cached_property
    def body_id(self) -> str:
        """The body's id: a hash of its key."""
        return stable_id("body", self.key)

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

    def __init__(self, vocabulary: dict[str, Any], kinds: dict[str, tuple[str | None, str | None]]):
        self.places = gazetteer()
        self.kinds = kinds  # case-folded name → (org_type, level), from the organizations table
        self.national_re = _alternation(vocabulary["national_markers"])
        self.generic_re = _alternation(vocabulary["generic_name_words"], ignore_case=True)
        self._readings: dict[tuple[str, str | None], Reading] = {}
        self._names: dict[tuple[tuple[str, ...], str], tuple[str, ...]] = {}

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
            tokens = tuple(
                word
                for word in _WORD.findall(normalize_phrase(expand_hcm(name)).casefold())
                if word != "và"
            )
            place = self.places.place_of(name, location)
            national = self.is_national(name)
            reading = Reading(place, tokens, national)
            if place.province:
                reading = Reading(place, tokens, national, self._placed(reading, place.province))
            elif national and not place.district and not place.commune and not _bare(name):
                fixed = BodyRef(_key(tokens, NATIONAL), NATIONAL)
                reading = Reading(place, tokens, national, fixed)
            self._readings[(name, location)] = reading
        return reading

    def _placed(self, reading: Reading, province: str) -> BodyRef:
        tokens = self._names.get((reading.tokens, province))
        if tokens is None:
            tokens = _without_province(reading.tokens, province, self.places.central_cities)
            self._names[(reading.tokens, province)] = tokens
        place = reading.place
        return BodyRef(_key(tokens, province), province, province, place.district, place.commune)

    def _province_from_units(self, place: Place, context: ArticleContext) -> str | None:
        candidates = self.places.provinces_with(place)
        if len(candidates) == 1:
            return next(iter(candidates))
        in_article = candidates & context.provinces
        return next(iter(in_article)) if len(in_article) == 1 else None

    def _bare_provincial(self, name: str, context: ArticleContext) -> str | None:
        """GUIDE.md: a bare `Tỉnh ủy`, `UBND tỉnh` is the article's province's."""
        province = context.main_province
        if province is None:
            return None
        if _BARE_PROVINCIAL.search(name) and province not in self.places.central_cities:
            return province
        if _BARE_CITY.search(name) and province in self.places.central_cities:
            return province
        return None

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


def written_in(province: str, text: str | None) -> bool:
    """Whether a mention as written names the province (any spelling, `TP HCM` included)."""
    if not text:
        return False
    return province in text or ascii_key(province) in ascii_key(expand_hcm(text))


def strip_place(name: str, province: str, location: str | None) -> str:
    """The name without the province the extractor attached at its end (`Ủy ban nhân dân
    tỉnh Cần Thơ` → `Ủy ban nhân dân tỉnh`); unchanged when it does not end with it.
    `location` is the extractor's place column: used only when it is that province."""
    as_written = (
        location if location and ascii_key(location).endswith(ascii_key(province)) else None
    )
    for written in dict.fromkeys(
        w for w in (as_written, province, _CITY_WRITTEN.get(province)) if w
    ):
        stripped = regex.sub(r"\s+(?:(?i:thành phố)\s+)?" + regex.escape(written) + r"$", "", name)
        if stripped != name:
            return stripped
    return name


def _bare(name: str) -> bool:
    return bool(_BARE_PROVINCIAL.search(name) or _BARE_CITY.search(name))


def _alternation(words: list[str], ignore_case: bool = False) -> regex.Pattern:
    ordered = sorted(words, key=len, reverse=True)
    flags = regex.IGNORECASE if ignore_case else 0
    return regex.compile(
        r"(?<![\p{L}])(?:" + "|".join(regex.escape(w) for w in ordered) + r")(?![\p{L}])", flags
    )


def _without_province(
    tokens: tuple[str, ...], province: str, central_cities: set[str]
) -> tuple[str, ...]:
    """The name's words without the province's own (`Ủy ban nhân dân tỉnh Long An` and `UBND
    Long An` → `ủy ban nhân dân`); a provincial city keeps them (`thành phố Tây Ninh`)."""
    target = ascii_key(province)
    width = len(_WORD.findall(province))
    kept = list(tokens)
    i = len(kept) - width
    while i >= 0:
        if ascii_key("".join(kept[i : i + width])) != target:
            i -= 1
            continue
        before = tuple(kept[max(0, i - 2) : i])
        start = i
        if before[-1:] == ("tỉnh",):
            start = i - 1
        elif before[-2:] == ("thành", "phố") or before[-1:] == ("tp",):
            if province not in central_cities:
                i -= 1
                continue
            start = i - (2 if before[-2:] == ("thành", "phố") else 1)
        elif any(before[-len(words) :] == words for words in _DISTRICT_WORDS):
            i -= 1
            continue
        del kept[start : i + width]
        i = start - width
    return tuple(kept)


def _key(tokens: tuple[str, ...], scope: str) -> str:
    return " ".join(tokens) + "|" + scope
