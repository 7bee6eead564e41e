"""Organizations: a head word found by the rules, the name read by `org_names`, the place
attached by `places`; the resolver also lists the bodies named inside other bodies."""

from __future__ import annotations

import functools
from typing import Any

import regex

from pipeline.extract import Candidate, Found, Match, normalizer, resolver
from pipeline.extract.org_names import (
    TITLE_CASE_RE,
    abbreviation_re,
    describe,
    expand_abbreviations,
    gazetteer_set,
    head_entry,
    place_word_count,
    scan_name,
    vietnamese_words,
)
from pipeline.extract.places import CITIES, attach_place, province_of, share_places

_DASH_BEFORE_LOWER = regex.compile(r" - (\p{Ll})")
_PLACE_SHORT = ("TP", "Tp", "Q.", "HCM")


@normalizer("organizations.head")
def organization(match: Match) -> list[Found] | None:
    """A head word → the whole name, abbreviations expanded, with type, level and place."""
    gazetteers = match.gazetteers
    scanned = scan_name(match.sentence.text, match.start, match.end, gazetteers)
    written = match.sentence.text[scanned.start : scanned.end]
    name = expand_abbreviations(written, gazetteers)
    head, entry = head_entry(name, gazetteers)
    # `Ban thường vụ`, `bộ Công an`: the head as it is named; `Mặt trận xã` is the Front's
    name = gazetteers["head_full_forms"].get(head, head) + name[len(head) :]
    name = gazetteers["full_names"].get(name, name)
    # `Sở Tài nguyên - môi trường` is how some write `Sở Tài nguyên và Môi trường`
    name = _DASH_BEFORE_LOWER.sub(lambda m: " và " + m.group(1).upper(), name)
    name = _official_sector_names(name, gazetteers)
    if scanned.place and not scanned.place_level:
        name = _with_place_word(name, scanned.place, gazetteers)
    if not head or _inside_a_name(match) or _inside_a_word(match):
        return None
    if name in gazetteers["not_organizations"] or _is_delegation(name, head, gazetteers):
        return None
    placed = scanned.place_level or scanned.place
    if match.text[:1].islower() and not scanned.named and not entry.get("alone"):
        return None  # `trung tâm thành phố Quy Nhơn` is the city centre
    if head == "Đoàn" and not scanned.named:
        return None  # `Đoàn Bình Định giành giải nhất`: a province's team, not a body
    if _after_a_place_word(match):
        return None  # `khu phố Hội Phú`, `đường Trường Chinh`: a place's name
    if not (scanned.named or placed or (entry.get("alone") and name == head)):
        return None  # `Sở`, `Ban`, `Đảng ủy khối` alone name nothing
    if name == head and not entry.get("alone"):
        return None  # `Ban Chấp hành` of whom?
    if _looks_like_a_person(written, gazetteers) or _person_after_head(written, head):
        return None
    abbreviations = gazetteers["abbreviations"]
    written_abbreviations = (
        m.group()
        for m in abbreviation_re(id(abbreviations), tuple(abbreviations)).finditer(written)
    )
    # the body's own abbreviation (UBND, TN&MT), not a place's (TP. HCM)
    abbreviation = next((a for a in written_abbreviations if not a.startswith(_PLACE_SHORT)), None)
    values = {
        "name": name,
        "abbreviation": abbreviation,
        **describe(name, scanned.place_level, scanned.place, gazetteers),
    }
    return [Found(scanned.start, scanned.end, values)]


def _inside_a_name(match: Match) -> bool:
    """`Hồ Trường Huấn`: a head word right after a capitalized syllable is inside a name."""
    before = match.sentence.text[: match.start]
    if not before.endswith(" "):
        return False
    words = before[:-1].rsplit(" ", 2)[-2:]
    if not words[-1][-1:].isalpha():
        return False
    surnames = match.gazetteers["surnames"]
    return words[-1] in surnames or (
        len(words) == 2 and bool(TITLE_CASE_RE.match(words[-1])) and words[0] in surnames
    )


def _official_sector_names(name: str, gazetteers: dict[str, Any]) -> str:
    """`Sở Kế hoạch đầu tư` → `Sở Kế hoạch và Đầu tư` (rules/gazetteers/sector_spellings.yml)."""
    lowered = name.lower()
    for written, official in gazetteers["sector_spellings"].items():
        found = lowered.find(" " + written.lower())
        if found >= 0 and (
            len(lowered) == found + 1 + len(written) or lowered[found + 1 + len(written)] == " "
        ):
            start = found + 1
            return name[:start] + official + name[start + len(written) :]
    return name


def _with_place_word(name: str, place: str, gazetteers: dict[str, Any]) -> str:
    """`Sở Du lịch Đà Nẵng` → `Sở Du lịch thành phố Đà Nẵng`: a department's province gets its
    level word; a committee's does not (`Tỉnh ủy Long An`), nor a paper's (`Báo Long An`)."""
    before = name[: -len(place)].rstrip() if name.endswith(place) else ""
    head, entry = head_entry(name, gazetteers)
    if not before or before.split()[-1] in ("ủy", "đoàn", "Nam") or place in ("Việt Nam", "HCM"):
        return name
    if entry.get("type") not in ("state", "armed", "mass", "front") or head in ("Báo", "Đài"):
        return name
    if place not in gazetteers["provinces"] or place == "Thành phố Hồ Chí Minh":
        return name
    level = "thành phố" if place in CITIES else "tỉnh"
    return f"{before} {level} {place}"


def _person_after_head(written: str, head: str) -> bool:
    """`Đoàn Dụng - Giám đốc Sở Nội vụ`: Đoàn is a family name before a given name."""
    words = written.split()
    return (
        head == "Đoàn"
        and len(words) > 1
        and bool(TITLE_CASE_RE.match(words[1]))
        and words[1] not in ("Thanh", "Đại", "Luật", "Kiểm", "Công", "Thanh tra", "Văn")
    )


def _inside_a_word(match: Match) -> bool:
    """`Ban thường vụ Tỉnh ủy`, `cơ sở Đảng`, `đại hội Đảng`: a lower-case head that ends a
    word (`thường vụ`, `cơ sở`) is not a head."""
    if not match.text[:1].islower() or " " in match.text:
        return False
    before = match.sentence.text[: match.start].rstrip()
    previous = before.rsplit(" ", 1)[-1].lower() if before else ""
    return f"{previous} {match.text.split()[0].lower()}" in vietnamese_words()


def _after_a_place_word(match: Match) -> bool:
    before = match.sentence.text[: match.start].rstrip()
    words = gazetteer_set(match.gazetteers, "place_words")
    return before.rsplit(" ", 1)[-1] in words if before else False


def _is_delegation(name: str, head: str, gazetteers: dict[str, Any]) -> bool:
    """`đoàn UBND TP. HCM`: a delegation of a body, not a body (its body is found on its own)."""
    if head != "Đoàn":
        return False
    rest = name[len(head) :].strip()
    inner, _ = head_entry(rest, gazetteers)
    return bool(inner)


def _looks_like_a_person(written: str, gazetteers: dict[str, Any]) -> bool:
    """`Đoàn Tấn Bửu`: a head that is also a family name, then only capitalized syllables."""
    words = written.split()
    provinces = gazetteer_set(gazetteers, "provinces")
    return (
        words[0] in gazetteers["surnames"]
        and 2 <= len(words) <= 4
        and all(TITLE_CASE_RE.match(w) and len(w) <= 7 for w in words[1:])
        and " ".join(words[1:]) not in provinces
    )


@normalizer("organizations.phrase")
def named_body(match: Match) -> dict[str, Any] | None:
    """A body from a phrase list, named in full (Bộ Chính trị, Quốc hội)."""
    before = match.sentence.text[max(0, match.start - 10) : match.start].lower()
    if before.endswith("biểu "):  # `Đại biểu Quốc hội` is a post; its body is the Đoàn
        return None
    name = expand_abbreviations(match.text, match.gazetteers)
    name = match.gazetteers["full_names"].get(name, name)
    return {"name": name, "abbreviation": None, **describe(name, None, None, match.gazetteers)}


_NESTED_HEADS = (
    "Quận ủy",
    "Thị ủy",
    "Tỉnh ủy",
    "Thành ủy",
    "Huyện ủy",
    "Đảng ủy",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Sở",
    "Trung tâm",
    "Ban Chấp hành Trung ương",
    "Bộ",
)


@resolver("organizations")
def resolve_organizations(candidates: list[Candidate], text: Any) -> list[Candidate]:
    """Attach the article's places to bare bodies and list the bodies named inside others."""
    province = province_of(text)
    places: dict[str, str] = {}
    out: list[Candidate] = []
    place_re = regex.compile(
        r"(?<![\p{L}])(huyện|xã|quận|phường|thị xã|thị trấn|thành phố) "
        r"(\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*){0,6})"
    )
    provinces = text.ruleset.gazetteers["provinces"]
    surnames = gazetteer_set(text.ruleset.gazetteers, "surnames")
    sentences = iter(text.sentences)
    current = -1
    for cand in candidates:
        while current < cand.sentence.index:
            sentence = next(sentences, None)
            if sentence is None:
                break
            current = sentence.index
            for found in place_re.finditer(sentence.text):
                words = found.group(2).split()
                # `huyện Phú Quốc Mai Văn Huỳnh`: the place stops where a person's name starts
                known = next((p for p in provinces if found.group(2).startswith(p)), None)
                count = len(known.split()) if known else place_word_count(words, surnames)
                if count:
                    places[found.group(1)] = " ".join(words[:count])
        name, place = attach_place(cand.values["name"], province, places)
        if place:
            cand.values = {**cand.values, "name": name, "location": place}
        out.append(cand)
        out.extend(_nested(cand, text, province))
    share_places(candidates)
    return _merge_short_forms(out)


def _merge_short_forms(candidates: list[Candidate]) -> list[Candidate]:
    """`Sở Giao thông Vận tải` and `Sở Giao thông Vận tải TP HCM` in one article are one body:
    the short form takes the full name (with its place)."""
    full_names = {c.values["name"]: c.values for c in candidates if c.values.get("location")}
    for cand in candidates:
        name = cand.values["name"]
        if cand.values.get("location"):
            continue
        longer = [n for n in full_names if n.startswith(name + " ")]
        if len(longer) == 1:
            known = full_names[longer[0]]
            cand.values = {
                **cand.values,
                "name": known["name"],
                "location": known["location"],
                "level": known["level"],
            }
    return candidates


@functools.cache
def _nested_re(_key: int, abbreviations: tuple[tuple[str, str], ...]) -> regex.Pattern:
    """Where a body named inside another one starts: its head or the head's abbreviation."""
    words = [*_NESTED_HEADS, *(short for short, full in abbreviations if full in _NESTED_HEADS)]
    alternatives = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(r"(?<=\s)(?:" + alternatives + r")(?![\p{L}])")


def _nested(cand: Candidate, text: Any, province: str | None) -> list[Candidate]:
    """`Ban Thường vụ Tỉnh ủy Long An` also names `Tỉnh ủy Long An`."""
    written = cand.text
    if written.startswith("Chi bộ"):
        return []
    gazetteers = text.ruleset.gazetteers
    abbreviations = gazetteers["abbreviations"]
    pattern = _nested_re(id(abbreviations), tuple(abbreviations.items()))
    for found in pattern.finditer(written, 1):
        head = abbreviations.get(found.group(), found.group())
        start = cand.start + found.start()
        inner = scan_name(cand.sentence.text, start, start + len(found.group()), gazetteers)
        name = expand_abbreviations(cand.sentence.text[inner.start : inner.end], gazetteers)
        if name == head and not gazetteers["org_heads"].get(head, {}).get("alone"):
            continue
        name, place = attach_place(name, province, {})
        values = {
            "name": name,
            "abbreviation": None,
            **describe(name, inner.place_level, inner.place or place, gazetteers),
        }
        return [Candidate(cand.rule, cand.sentence, inner.start, inner.end, values)]
    return []
