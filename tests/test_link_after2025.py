"""The 2025 places of the linking stage: the same answers as underthesea's `convert_address`,
on every place of its map, written as the stage writes them."""

from __future__ import annotations

from pipeline.link.after2025 import Converter2025
from pipeline.link.places import underthesea_map


def _addresses(mapping: dict) -> list[str]:
    shorts = {key: info["short"] for key, info in mapping["old_province_names"].items()}
    found = []
    for record in mapping["ward_mapping"]:
        province = shorts[record["old_province_key"]]
        ward, district = record["old_ward"], record["old_district"]
        found += [
            f"{ward}, {district}, {province}",
            f"{ward.lower()}, {district.lower()}, {province}",  # as the press writes the level
            f"{ward}, {province}",
            f"{district}, {province}",
            f"{district}, {ward}, {province}",  # in the wrong order: the converter's fallbacks
        ]
    found += [*shorts.values(), "TP HCM", "Tp. Hồ Chí Minh", "huyện Đức Huệ, Nơi Không Có"]
    found += ["xã Mỹ Thạnh Đông, huyện Đức Huệ, Long An", "phường 1, TP. Tân An, Long An"]
    return found


def test_every_place_of_the_map_converts_as_underthesea_does():
    from underthesea import convert_address

    mapping = underthesea_map()
    converter = Converter2025(mapping)
    addresses = _addresses(mapping)
    assert len(addresses) > 50_000
    differ = []
    for address in addresses:
        expected = convert_address(address)
        got = converter.convert(address)
        if got != (expected.new.province, expected.new.ward or None):
            differ.append((address, got, expected.new.province, expected.new.ward))
    assert differ == []


def test_a_merged_province_and_commune_take_their_2025_names():
    converter = Converter2025(underthesea_map())
    assert converter.convert("Long An")[0] == "Tỉnh Tây Ninh"
    province, commune = converter.convert("xã Mỹ Thạnh Đông, huyện Đức Huệ, Long An")
    assert (province, commune is not None) == ("Tỉnh Tây Ninh", True)
    assert converter.convert("Nơi Không Có") == ("", None)
