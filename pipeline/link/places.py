"""Places of bodies: which province a name stands in, then and after the 2025 reorganization.

Provinces, districts and communes as they were before 1 July 2025 come from the mapping that
underthesea ships with its address converter (`underthesea/address/data/mapping.json`, from
vietnamadminunits): it says which province has a district or commune of a given name, which is
how `UBND huyện Đức Huệ` is placed in Long An. The 2025 province and commune come from
underthesea's own `convert_address` (no network: its data is in the package).
"""

from __future__ import annotations

import functools
import json
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

import regex

#: The mapping's short names as the press wrote them before 2025 (Huế became a city in 2025).
_PERIOD_NAMES = {"Huế": "Thừa Thiên Huế"}
_LEVEL_WORDS = (
    "thành phố",
    "thị xã",
    "thị trấn",
    "huyện",
    "quận",
    "phường",
    "xã",
    "tỉnh",
    "TP.",
    "TP",
)
_DISTRICT_LEVELS = ("thành phố", "thị xã", "huyện", "quận")
_COMMUNE_LEVELS = ("phường", "xã", "thị trấn")
#: `Huyện ủy Quảng Xương` names its district by the head alone
_HEAD_LEVELS = {"huyện ủy": "huyện", "quận ủy": "quận", "thị ủy": "thị xã", "thành ủy": "thành phố"}
_PLACE_NAME = r"(?:\p{Lu}[\p{Ll}\p{M}]*|\d{1,2})(?:[ -]+(?:\p{Lu}[\p{Ll}\p{M}]*|\d{1,2}))*"
_LEVELS = "|".join(regex.escape(w) for w in sorted(_LEVEL_WORDS, key=len, reverse=True))
_LEVEL_THEN_NAME = regex.compile(
    r"(?<![\p{L}])(?P<level>(?i:" + _LEVELS + r"))\s+(?P<name>" + _PLACE_NAME + r")"
)
#: `TP HCM`, `TP. HCM`, `TPHCM`: Ho Chi Minh City as the press shortens it
_HCM = regex.compile(r"(?<![\p{L}])(?:(?:TP|Tp)\.?\s*)?HCM(?![\p{L}])|TPHCM")
_HEAD_THEN_NAME = regex.compile(
    r"(?<![\p{L}])(?P<head>Huyện ủy|Quận ủy|Thị ủy|Thành ủy)\s+(?!(?i:" + _LEVELS + r")\s)"
    r"(?P<name>" + _PLACE_NAME + r")"
)


_NOT_ASCII_ALNUM = regex.compile(r"[^a-z0-9]")


@functools.lru_cache(maxsize=100_000)
def ascii_key(text: str) -> str:
    """Lower case, no diacritics, no spaces or punctuation: `Thừa Thiên - Huế` → `thuathienhue`."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_ASCII_ALNUM.sub("", letters.lower())


_LEADING_LEVEL = regex.compile(
    r"^(?:thành phố|thị xã|thị trấn|huyện|quận|phường|xã|tỉnh)\s+", regex.IGNORECASE
)


def unit_key(unit: str) -> str:
    """The key of an administrative unit's name, its level word left out: `Huyện Đức Huệ` →
    `duchue`, like `huyện Đức Huệ`."""
    return ascii_key(_LEADING_LEVEL.sub("", unit))


@dataclass(frozen=True)
class Place:
    """Where a body stands, as its name says: the province (pre-2025 short name), and the
    district and commune with their level word (`huyện Đức Huệ`, `xã Mỹ Thạnh Đông`)."""

    province: str | None = None
    district: str | None = None
    commune: str | None = None


class Gazetteer:
    """The 63 provinces of before July 2025, their districts and communes, and the 2025 map."""

    def __init__(self, mapping: dict[str, Any]):
        #: ascii key → the province's name as written before 2025 (tone-mark and dash variants
        #: of one name share a key: `Đăk Lăk`, `Thừa Thiên - Huế`)
        self.provinces: dict[str, str] = {}
        self.short: dict[str, str] = {}  # that name → the mapping's short name
        self.central_cities: set[str] = set()
        for info in mapping["old_province_names"].values():
            name = _PERIOD_NAMES.get(info["short"], info["short"])
            self.provinces[ascii_key(name)] = name
            self.short[name] = info["short"]
            if info["name"].startswith("Thành phố"):
                self.central_cities.add(name)
        self.districts: dict[str, set[str]] = {}  # district name key → provinces
        self.communes: dict[str, set[str]] = {}  # commune name key → provinces
        #: (province, commune name key) → how many districts have a commune of that name
        self._commune_districts: dict[tuple[str, str], set[str]] = {}
        for record in mapping["ward_mapping"]:
            short = mapping["old_province_names"][record["old_province_key"]]["short"]
            province = _PERIOD_NAMES.get(short, short)
            district = unit_key(record["old_district"])
            self.districts.setdefault(district, set()).add(province)
            commune = unit_key(record["old_ward"])
            if commune:
                self.communes.setdefault(commune, set()).add(province)
                where = self._commune_districts.setdefault((province, commune), set())
                where.add(district)
        by_length = sorted(self.provinces.values(), key=len, reverse=True)
        self._trailing_province = regex.compile(
            r"(?<![\p{L}])(?:tỉnh\s+|thành phố\s+|TP\.?\s*)?("
            + "|".join(regex.escape(p) for p in [*by_length, "Thừa Thiên - Huế", "Đăk Lăk"])
            + r")$",
            regex.IGNORECASE,
        )

    def province(self, text: str | None) -> str | None:
        """The canonical short name of a province written `text`, else None."""
        return self.provinces.get(ascii_key(text)) if text else None

    def place_of(self, name: str, location: str | None = None) -> Place:
        """The place a body's name (and the extractor's `location`, when given) names."""
        name = expand_hcm(name)
        province = self.province(location)
        district = commune = None
        for found in _LEVEL_THEN_NAME.finditer(name):
            level, place = found.group("level").lower(), found.group("name")
            place, tail = self._split_province(place)
            province = province or tail
            if level in ("tỉnh",) or (
                level in ("thành phố", "tp", "tp.") and self.province(place) in self.central_cities
            ):
                province = province or self.province(place)
            elif level in (*_DISTRICT_LEVELS, "tp", "tp."):
                district = district or f"{'thành phố' if level.startswith('tp') else level} {place}"
            elif level in _COMMUNE_LEVELS:
                commune = commune or f"{level} {place}"
        for found in _HEAD_THEN_NAME.finditer(name):
            place, tail = self._split_province(found.group("name"))
            province = province or tail
            as_province = self.province(place)
            if found.group("head") == "Thành ủy" and as_province in self.central_cities:
                province = province or as_province
            else:
                district = district or f"{_HEAD_LEVELS[found.group('head').lower()]} {place}"
        trailing = self._trailing_province.search(name)
        if trailing and not (district and district.endswith(trailing.group(1))):
            written = trailing.group(0)
            # `Đoàn Thanh niên Cộng sản Hồ Chí Minh`: the person, not the city, unless written
            # as a city or given as the body's location
            if trailing.group(1) != "Hồ Chí Minh" or written != "Hồ Chí Minh" or location:
                province = province or self.province(trailing.group(1))
        return Place(province, district, commune)

    def _split_province(self, place: str) -> tuple[str, str | None]:
        """`Can Lộc Hà Tĩnh` → (`Can Lộc`, `Hà Tĩnh`): a province written after a place."""
        words = place.split()
        for cut in range(1, len(words)):
            tail = self.province(" ".join(words[cut:]))
            if tail:
                return " ".join(words[:cut]), tail
        return place, None

    def communes_in(self, province: str, commune: str) -> int:
        """How many communes of this name (level word aside) the province had."""
        return len(self._commune_districts.get((province, unit_key(commune)), ()))

    def provinces_with(self, place: Place) -> set[str]:
        """The provinces that have a district (or, without one, a commune) of this name."""
        if place.district:
            return set(self.districts.get(unit_key(place.district), ()))
        if place.commune:
            return set(self.communes.get(unit_key(place.commune), ()))
        return set()


@functools.cache
def gazetteer() -> Gazetteer:
    """The place gazetteer, read once per process from underthesea's package data."""
    data = resources.files("underthesea.address") / "data" / "mapping.json"
    return Gazetteer(json.loads(data.read_text(encoding="utf-8")))


def expand_hcm(name: str) -> str:
    """`Sở GTVT TP HCM` → `Sở GTVT thành phố Hồ Chí Minh`."""
    return _HCM.sub("thành phố Hồ Chí Minh", name)


def _without_level(unit: str) -> str:
    return regex.sub(r"^(?:Tỉnh|Thành phố)\s+", "", unit)


@functools.cache
def after_2025(province: str, district: str | None, commune: str | None) -> tuple[str, str | None]:
    """The province (short name) and, for a commune, the commune after the 2025 mergers, by
    underthesea's `convert_address`. A district alone maps to no single commune."""
    from underthesea import convert_address

    places = gazetteer()
    short = places.short.get(province, province)
    # a commune named without its district: only when the province has one of that name
    known = commune and (district or places.communes_in(province, commune) == 1)
    parts = [commune, district] if known else []
    result = convert_address(", ".join([*(p for p in parts if p), short]))
    new_province = _without_level(result.new.province) if result.new.province else province
    new_commune = (result.new.ward or None) if known else None
    return new_province, new_commune
