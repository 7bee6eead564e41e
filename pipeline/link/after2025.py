"""The 2025 province and commune of a place, as underthesea's `convert_address` gives them.

`convert_address` lives in underthesea, whose import loads every one of its pipelines (sixty
megabytes), and it keeps the whole map of places once used (twenty more): too much for the
linking stage, which asks it a few thousand questions at the end of a run. This module reads
the same map (`underthesea/address/data/mapping.json`, handed over by `places.Gazetteer`) into
the few lookups those questions need, and answers them by the same steps: abbreviations
expanded, the address split at commas from the right, names compared by their keys (lower
case, no diacritics, letters and digits only), the district and commune looked up together and
then the commune alone. `tests/test_link_after2025.py` holds it to `convert_address` on every
place of the map.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

#: underthesea's address abbreviations, longest first (`tp.` → `thành phố `)
_ABBREVIATIONS = sorted(
    {
        "tp.": "thành phố ",
        "tp ": "thành phố ",
        "t.p.": "thành phố ",
        "t.p ": "thành phố ",
        "p.": "phường ",
        "q.": "quận ",
        "h.": "huyện ",
        "tx.": "thị xã ",
        "t.x.": "thị xã ",
        "tt.": "thị trấn ",
        "t.t.": "thị trấn ",
        "x.": "xã ",
    }.items(),
    key=lambda item: -len(item[0]),
)
_WARD_PREFIXES = ("phường", "xã", "thị trấn")
_NOT_KEY = re.compile(r"[^a-z0-9]")


def place_key(text: str) -> str:
    """underthesea's key of a name: lower case, NFC, its character map (`ð` → `đ`), no
    diacritics, letters and digits only."""
    text = unicodedata.normalize("NFC", text.lower().strip())
    text = text.replace("ð", "đ").replace("Ð", "Đ")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _NOT_KEY.sub("", text.replace("đ", "d").replace("Đ", "D"))


def _expand(text: str) -> str:
    result = text.lower().strip()
    for short, full in _ABBREVIATIONS:
        result = result.replace(short, full)
    return result.strip()


def _parse(address: str) -> tuple[str, str, str]:
    """(province, district, ward) of an address written `ward, district, province`."""
    parts = [part.strip() for part in _expand(address).split(",") if part.strip()]
    if not parts:
        return "", "", ""
    province = parts[-1]
    district = parts[-2] if len(parts) >= 2 else ""
    ward = parts[-3] if len(parts) >= 3 else ""
    if len(parts) == 2 and parts[0].lower().strip().startswith(_WARD_PREFIXES):
        ward, district = district, ""
    return province, district, ward


class Converter2025:
    """`convert_address`'s new province and ward, from underthesea's map of places."""

    def __init__(self, mapping: dict[str, Any]):
        self.provinces: dict[str, str] = {}  # a key of an old province's name → its key
        for key, info in mapping["old_province_names"].items():
            self.provinces[place_key(info["name"])] = key
            self.provinces[place_key(info["short"])] = key
            self.provinces[key] = key
        self.new_province: dict[str, str] = dict(mapping["province_mapping"])
        self.new_names = {
            key: info.get("name", "") for key, info in mapping["province_names"].items()
        }
        exact: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        ward_only: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for record in mapping["ward_mapping"]:
            province, ward = record["old_province_key"], record["old_ward_key"]
            exact.setdefault((province, record["old_district_key"], ward), []).append(record)
            ward_only.setdefault((province, ward), []).append(record)
        #: (province, district, ward) keys → the new ward; (province, ward) keys → the same
        self.exact = {key: _best(records) for key, records in exact.items()}
        self.ward_only = {key: _best(records) for key, records in ward_only.items()}

    def convert(self, address: str) -> tuple[str, str | None]:
        """The new province's name ("" when the province is not known) and the new ward (None
        when the address names none that the map knows)."""
        province, district, ward = _parse(address)
        old = self.provinces.get(place_key(_expand(province)))
        if not old and district:
            old = self.provinces.get(place_key(_expand(district)))
        new = self.new_province.get(old) if old else None
        if not old or not new:
            return "", None
        name = self.new_names.get(new, "")
        if not ward and not district:
            return name, None
        district_key = place_key(district) if district else ""
        found = self._find(old, district_key, place_key(ward) if ward else "")
        if found is None and ward and district_key:  # the commune written as the district
            found = self._find(old, "", district_key)
        return name, (found[0] or None) if found else None

    def _find(self, province: str, district: str, ward: str) -> tuple[str | None] | None:
        """The new ward of the place (in a tuple: the map may know a place but not its new
        ward), or None when the map does not know the place."""
        if (province, district, ward) in self.exact:
            return (self.exact[(province, district, ward)],)
        if (province, ward) in self.ward_only:
            return (self.ward_only[(province, ward)],)
        return None


def _best(records: list[dict[str, Any]]) -> str | None:
    """The new ward of the record `convert_address` picks: the only one, else the default
    of a divided ward, else the first."""
    chosen = records[0]
    if len(records) > 1:
        chosen = next((r for r in records if r.get("is_default")), records[0])
    return chosen["new_ward"]
