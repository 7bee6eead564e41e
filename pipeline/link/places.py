"""Places of bodies: which province a name stands in, then and after the 2025 reorganization.

Provinces, districts and communes as they were before 1 July 2025 come from the mapping that
underthesea ships with its address converter (`underthesea/address/data/mapping.json`, from
vietnamadminunits): it says which province has a district or commune of a given name, which is
how `UBND huyện Đức Huệ` is placed in Long An. The 2025 province and commune are those
underthesea's own `convert_address` gives (no network: its data is in the package), worked
out from the same map without importing underthesea (`after2025`). The words that
name a level (`huyện`, `xã`…) are rules/gazetteers/place_levels.yml's; the press's shortenings
of them (`TP.`, `TP HCM`) are abbreviations.yml's.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import unicodedata
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import regex

from pipeline.engine import cache
from pipeline.link.after2025 import Converter2025

#: a place's name after its level word: capitalized syllables, or a number (`quận 1`)
_PLACE_NAME = r"(?:\p{Lu}[\p{Ll}\p{M}]*|\d{1,2})(?:[ -]+(?:\p{Lu}[\p{Ll}\p{M}]*|\d{1,2}))*"
_NOT_ASCII_ALNUM = regex.compile(r"[^a-z0-9]")
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_NONE: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=100_000)
def ascii_key(text: str) -> str:
    """Lower case, no diacritics, no spaces or punctuation: `Thừa Thiên - Huế` → `thuathienhue`."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    # the marks, and every other letter outside ASCII, dropped at once (the same key as
    # dropping the combining marks, then what is not a-z or 0-9: checked on every code point)
    letters = decomposed.lower().encode("ascii", "ignore").decode("ascii")
    return _NOT_ASCII_ALNUM.sub("", letters)


@dataclass(frozen=True)
class Place:
    """Where a body stands, as its name says: the province (pre-2025 short name), and the
    district and commune with their level word (`huyện Đức Huệ`, `xã Mỹ Thạnh Đông`)."""

    province: str | None = None
    district: str | None = None
    commune: str | None = None


def underthesea_map() -> dict[str, Any]:
    """underthesea's map of administrative units (read once per `Gazetteer`, not kept: it is
    a hundred megabytes of Python objects, of which the gazetteer keeps a few). Found without
    importing underthesea, whose every pipeline loads on import (sixty megabytes more)."""
    return cast("dict[str, Any]", json.loads(_map_path().read_bytes()))


def _map_path() -> Path:
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("underthesea is not installed: its map of places is needed")
    return Path(spec.submodule_search_locations[0]) / "address" / "data" / "mapping.json"


#: what `Gazetteer` keeps of underthesea's map (see `Gazetteer._from_map`)
_FROM_MAP = (
    "provinces",
    "short",
    "full",
    "central_cities",
    "districts",
    "communes",
    "_commune_districts",
    "_converter",
)


class Gazetteer:
    """The 63 provinces of before July 2025, their districts and communes, and the 2025 map;
    read with the level words and abbreviations of the rules' gazetteers."""

    def __init__(self, gazetteers: dict[str, Any]):
        vocabulary = gazetteers["linking"]
        # place words written in full (`huyện`, `thị xã`) → level
        self.levels: dict[str, str] = {
            word: level
            for word, level in gazetteers["place_levels"].items()
            if word.islower() and not word.endswith(".")
        }
        levels = "|".join(regex.escape(w) for w in sorted(self.levels, key=len, reverse=True))
        self._leading_level = regex.compile(r"^(?i:" + levels + r")\s+")
        self.committees: dict[str, str] = dict(vocabulary["committee_levels"])
        self.named_after_people = set(vocabulary["named_after_people"])
        period_names: dict[str, str] = vocabulary["period_province_names"]
        # what the gazetteer keeps of underthesea's map, kept on disk by the hash of the map,
        # of these words and of the code that reads them: reading the map and its 50,000
        # places was a fixed 0.3 s of each run (and a 100 MB peak of the driver's)
        key = hashlib.sha256(json.dumps([period_names, sorted(self.levels)]).encode())
        for source in (_map_path(), Path(__file__), Path(__file__).with_name("after2025.py")):
            key.update(source.read_bytes())
        kept = cache.cached("places", key.hexdigest()[:16], lambda: self._from_map(period_names))
        for attribute, value in kept.items():
            setattr(self, attribute, value)
        self._read_words(gazetteers["abbreviations"])
        self._converted: dict[tuple[str, str | None, str | None], tuple[str, str | None]] = {}
        #: each province's own level word (`tỉnh`, `thành phố`), asked for once per mention
        self._level_words = {
            province: full[: -len(self.short[province])].strip().casefold()
            for province, full in self.full.items()
        }
        self._unit_keys: dict[str, str] = {}  # a unit's name → its `unit_key`

    def _from_map(self, period_names: dict[str, str]) -> dict[str, Any]:
        """The attributes `_read_units` sets, and `_converter`, from underthesea's map."""
        mapping = underthesea_map()
        self._read_units(mapping, period_names)
        self._converter = Converter2025(mapping)
        return {name: getattr(self, name) for name in _FROM_MAP}

    def _read_units(self, mapping: dict[str, Any], period_names: dict[str, str]) -> None:
        #: ascii key → the province's name as written before 2025 (tone-mark and dash variants
        #: of one name share a key: `Đăk Lăk`, `Thừa Thiên - Huế`)
        self.provinces: dict[str, str] = {}
        self.short: dict[str, str] = {}  # that name → the mapping's short name
        self.full: dict[str, str] = {}  # that name → with its level (`Thành phố Hồ Chí Minh`)
        self.central_cities: set[str] = set()
        names = {}
        for key, info in mapping["old_province_names"].items():
            name = names[key] = period_names.get(info["short"], info["short"])
            self.provinces[ascii_key(name)] = name
            self.short[name] = info["short"]
            # a province the press named otherwise was a province (`tỉnh Thừa Thiên Huế`)
            self.full[name] = info["name"] if name == info["short"] else f"Tỉnh {name}"
            if self.full[name].startswith("Thành phố"):
                self.central_cities.add(name)
        self.districts: dict[str, set[str]] = {}  # district name key → provinces
        self.communes: dict[str, set[str]] = {}  # commune name key → provinces
        #: (province, commune name key) → the districts that have a commune of that name
        self._commune_districts: dict[tuple[str, str], set[str]] = {}
        for record in mapping["ward_mapping"]:
            province = names[record["old_province_key"]]
            district = self.unit_key(record["old_district"])
            self.districts.setdefault(district, set()).add(province)
            commune = self.unit_key(record["old_ward"])
            if commune:
                self.communes.setdefault(commune, set()).add(province)
                self._commune_districts.setdefault((province, commune), set()).add(district)

    def _read_words(self, abbreviations: dict[str, str]) -> None:
        levels = "|".join(regex.escape(w) for w in sorted(self.levels, key=len, reverse=True))
        self._level_then_name = regex.compile(
            r"(?<![\p{L}])(?P<level>(?i:" + levels + r"))\s+(?P<name>" + _PLACE_NAME + r")"
        )
        heads = "|".join(regex.escape(h) for h in sorted(self.committees, key=len, reverse=True))
        self._head_then_name = regex.compile(
            r"(?<![\p{L}])(?P<head>" + heads + r")\s+(?!(?i:" + levels + r")\s)"
            r"(?P<name>" + _PLACE_NAME + r")"
        )
        # the press's shortenings of a level word or a city (`TP.`, `TP HCM`)
        self._shortenings = {
            short: full
            for short, full in abbreviations.items()
            if full.casefold() in self.levels
            or any(full == self.full.get(city) for city in self.central_cities)
        }
        ordered = sorted(self._shortenings, key=len, reverse=True)
        self._shortened = regex.compile(
            r"(?<![\p{L}])(?:" + "|".join(regex.escape(s) for s in ordered) + r")(?![\p{L}])"
        )

    def unit_key(self, unit: str) -> str:
        """The key of an administrative unit's name, its level word left out: `Huyện Đức
        Huệ` → `duchue`, like `huyện Đức Huệ`."""
        return ascii_key(self._leading_level.sub("", unit))

    def expand(self, name: str) -> str:
        """The name with the press's shortenings of places written out (`Sở GTVT TP HCM` →
        `Sở GTVT Thành phố Hồ Chí Minh`)."""
        return self._shortened.sub(lambda m: self._shortenings[m.group()], name)

    def province(self, text: str | None) -> str | None:
        """The province's name as written before 2025, for any spelling of it; else None."""
        return self.provinces.get(ascii_key(text)) if text else None

    def place_of(self, name: str, location: str | None = None) -> Place:
        """The place a body's name (and the extractor's `location`, when given) names."""
        return self.place_in(self.expand(name), location)

    def place_in(self, name: str, location: str | None = None) -> Place:
        """`place_of` a name whose shortenings are written out already (`expand`)."""
        found_places = [
            (found.group("level").lower(), found.group("name"))
            for found in self._level_then_name.finditer(name)
        ] + [
            (self.committees[found.group("head")], found.group("name"))
            for found in self._head_then_name.finditer(name)
        ]
        province = self.province(location)
        district = commune = None
        for level_word, written in found_places:
            place, tail = self._split_province(written)
            province = province or tail
            as_province = self.province(place)
            level = self.levels.get(level_word)
            own = as_province and self.level_word(as_province) == level_word
            if own or (as_province and level == "province" and level_word != self.city_word):
                province = province or as_province  # `tỉnh Long An`, `Thành ủy Đà Nẵng`
            elif level in ("province", "district"):
                district = district or f"{level_word} {place}"  # `thành phố Tây Ninh`
            elif level == "commune":
                commune = commune or f"{level_word} {place}"
        trailing = self._trailing_province(name, location)
        if trailing and not (district and district.endswith(trailing)):
            province = province or trailing
        return Place(province, district, commune)

    @functools.cached_property
    def city_word(self) -> str:
        """The level word of the centrally-run cities (`thành phố`): before another province's
        name it names that province's city (`thành phố Tây Ninh`)."""
        return self.level_word(min(self.central_cities))

    def level_word(self, province: str) -> str:
        """How the province's own level is written: `tỉnh`, or `thành phố` for a city."""
        return self._level_words[province]

    def _trailing_province(self, name: str, location: str | None) -> str | None:
        """A province whose name ends the body's (`Sở Nội vụ Đà Nẵng`); not a city named after
        a man, written bare (rules/gazetteers/linking.yml, `named_after_people`)."""
        words = _WORD.findall(name)
        # the key of words joined is their keys joined: each word's key, cached, serves all
        keys = [ascii_key(word) for word in words[-4:]]
        for width in (4, 3, 2, 1):
            if len(words) <= width:
                continue
            province = self.provinces.get("".join(keys[-width:]))
            if province is None:
                continue
            level = self.level_word(province)
            before = " ".join(words[-width - len(level.split()) : -width]).casefold()
            bare = before != level and not location
            return None if bare and province in self.named_after_people else province
        return None

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
        return len(self._commune_districts.get((province, self.unit_key(commune)), ()))

    def provinces_with(self, place: Place) -> AbstractSet[str]:
        """The provinces that have a district (or, without one, a commune) of this name."""
        if place.district:
            return self.districts.get(self._named_unit_key(place.district), _NONE)
        if place.commune:
            return self.communes.get(self._named_unit_key(place.commune), _NONE)
        return _NONE

    def _named_unit_key(self, unit: str) -> str:
        """`unit_key`, worked out once per unit the bodies name (each is named many times)."""
        key = self._unit_keys.get(unit)
        if key is None:
            key = self._unit_keys[unit] = self.unit_key(unit)
        return key

    def after_2025(
        self, province: str, district: str | None, commune: str | None
    ) -> tuple[str, str | None]:
        """The province (short name) and, for a commune, the commune after the 2025 mergers,
        by underthesea's `convert_address`. A district alone maps to no single commune."""
        key = (province, district, commune)
        if key not in self._converted:
            self._converted[key] = self._convert(province, district, commune)
        return self._converted[key]

    def _convert(
        self, province: str, district: str | None, commune: str | None
    ) -> tuple[str, str | None]:
        # a commune named without its district: only when the province has one of that name
        known = bool(commune) and (bool(district) or self.communes_in(province, commune or "") == 1)
        parts = [p for p in (commune, district) if p] if known else []
        name, ward = self._converter.convert(
            ", ".join([*parts, self.short.get(province, province)])
        )
        new_province = self._leading_level.sub("", name) if name else province
        return new_province, ward if known else None
