"""Places of bodies: the article's province, and bare bodies given the place they stand for."""

from __future__ import annotations

import functools
from typing import Any

import regex

from pipeline.extract import Candidate

CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ")


def province_of(text: Any) -> str | None:
    """The article's province or city: its paper's (source / host), else the most named one.

    Worked out once per article: the officials' and the organizations' resolvers both ask."""
    if "province" not in text.facts:
        text.facts["province"] = _find_province(text)
    return text.facts["province"]


def _find_province(text: Any) -> str | None:
    gazetteers = text.ruleset.gazetteers
    by_source = gazetteers["source_provinces"]
    article = text.article
    host = regex.sub(r"^https?://", "", article.url or "").split("/")[0]
    for key in (article.source, host, host.removeprefix("www.")):
        if key and key in by_source:
            return by_source[key]
    pattern = _province_re(id(gazetteers), tuple(gazetteers["provinces"]))
    counts: dict[str, int] = {}
    for sentence in text.sentences:
        for found in pattern.finditer(sentence.text):
            name = "Hồ Chí Minh" if found.group() == "HCM" else found.group()
            if name != "Việt Nam":
                counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.get) if counts else None


@functools.cache
def _province_re(_key: int, provinces: tuple[str, ...]) -> regex.Pattern:
    names = sorted(provinces, key=len, reverse=True)
    return regex.compile(
        r"(?<![\p{L}])(?:" + "|".join(map(regex.escape, names)) + r"|HCM)(?![\p{L}])"
    )


def _province_phrase(province: str) -> str:
    """How a province follows a body's name: `tỉnh Long An`, `Thành phố Hồ Chí Minh`."""
    return f"Thành phố {province}" if province in CITIES else f"tỉnh {province}"


_PROVINCIAL_COMMITTEES = ("Tỉnh ủy", "Thành ủy", "Tỉnh đoàn", "Thành đoàn")
_NEEDS_A_LEVEL = (
    "Đảng bộ",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Ủy ban Mặt trận Tổ quốc",
    "Đoàn đại biểu Quốc hội",
    "Đoàn Đại biểu Quốc hội",
)


def attach_place(name: str, province: str | None, places: dict[str, str]) -> tuple[str, str | None]:
    """`Tỉnh ủy` → `Tỉnh ủy Long An`; `Đảng bộ tỉnh` → `Đảng bộ tỉnh Long An`; `HĐND` →
    `Hội đồng nhân dân Thành phố Hồ Chí Minh`; `UBMTTQ Việt Nam xã` → `… xã Thạnh Lợi` when the
    article named that commune. Returns (name, place)."""
    # a province has a Tỉnh ủy, a centrally-run city a Thành ủy
    committee = "Thành" if province in CITIES else "Tỉnh"
    if province and name.endswith(_PROVINCIAL_COMMITTEES) and name.split()[-2] == committee:
        written = "Thành phố Hồ Chí Minh" if province == "Hồ Chí Minh" else province
        return f"{name} {written}", province
    if province and name in _NEEDS_A_LEVEL:
        return f"{name} {_province_phrase(province)}", province
    for level in ("tỉnh", "thành phố", "huyện", "xã", "quận", "phường", "thị xã", "thị trấn"):
        if name.lower().endswith(" " + level):
            place = province if level == "tỉnh" else places.get(level)
            if level == "thành phố" and province in CITIES:
                place = province
            if place:
                return f"{name} {place}", place
    for head, level in (("Huyện ủy", "huyện"), ("Quận ủy", "quận"), ("Thị ủy", "thị xã")):
        if name == head and places.get(level):
            return f"{name} {places[level]}", places[level]
    return name, None


_LIST_GLUE = regex.compile(r"\s*(?:-|,|;|và)\s*")
_PLACE_TAIL = regex.compile(
    r"(?:tỉnh|thành phố|Thành phố|huyện|quận|thị xã|xã|phường|thị trấn) [^ ].*$"
)


def share_places(candidates: list[Candidate]) -> None:
    """`Huyện ủy - HĐND - UBND huyện Hoài Ân`: a list of bodies shares the place at its end."""
    for later, earlier in zip(candidates[::-1], candidates[-2::-1], strict=False):
        if earlier.sentence.index != later.sentence.index or earlier.values.get("location"):
            continue
        if not _LIST_GLUE.fullmatch(earlier.sentence.text[earlier.end : later.start]):
            continue
        tail = _PLACE_TAIL.search(later.values["name"]) if later.values.get("location") else None
        if tail and earlier.values.get("level") != "central":
            earlier.values = {
                **earlier.values,
                "name": f"{earlier.values['name']} {tail.group()}",
                "location": later.values["location"],
                "level": later.values["level"],
            }
