"""Organizations: a head word (Sở, Tỉnh ủy, UBND…) found by the rules, its name read by a scanner.

Vietnamese names capitalize the first syllable of each word group (`Sở Tài nguyên và Môi
trường`, `Trung tâm Kiểm định chất lượng công trình`), so the scanner takes capitalized
syllables, the lower-case syllable that completes a word (`Tài nguyên`, checked against
underthesea's word list), `và` before a capital, lower-case words that name bodies
(`rules/gazetteers/org_name_words.txt`), and a place (`tỉnh Long An`, `xã Thạnh Lợi`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import regex

from pipeline.extract import Candidate, Found, Match, normalizer, resolver
from pipeline.normalize import normalize_phrase

_TOKEN_RE = regex.compile(r"\s*(TP\.|Tp\.|Q\.|[\p{L}\p{M}\p{N}&]+|\S)")
_CAP_RE = regex.compile(r"^(?:\p{Lu}[\p{Ll}\p{M}]*|\p{Lu}{2,}[\p{Lu}&]*|\d+)$")
_LOW_RE = regex.compile(r"^\p{Ll}[\p{Ll}\p{M}]*$")
_ROMAN_RE = regex.compile(r"^[IVXL]+$")
_SPACES = regex.compile(r"\s+")
_DASH_BEFORE_LOWER = regex.compile(r" - (\p{Ll})")
_SCAN_WINDOW = 300  # characters after a head that a name can reach
_TITLE_CASE_RE = regex.compile(r"^\p{Lu}[\p{Ll}\p{M}]")
LEVEL_WORDS = (
    "thành phố",
    "Thành phố",
    "thị xã",
    "thị trấn",
    "tỉnh",
    "huyện",
    "quận",
    "xã",
    "phường",
    "TP.",
    "Tp.",
    "TP",
    "Q.",
)
# bodies whose head is their whole name: nothing after it belongs to them
_COMPLETE_HEADS = frozenset(("Quốc hội", "Chính phủ", "Bộ Chính trị", "Ban Bí thư"))
# heads that may be numbered (Chi bộ 2, Quận 1)
_NUMBERED = (
    "Chi bộ",
    "Đảng bộ",
    "Tổ",
    "Đội",
    "Phòng",
    "Đoàn",
    "Sư đoàn",
    "Trung đoàn",
    "Quân khu",
    "Quân đoàn",
    "Trường",
    "Bệnh viện",
    "Cục",
    "Vụ",
    "Chi cục",
)
# heads whose names may hold a person's name (Công ty Mai Linh, Trường Nguyễn Du)
_NAMED_AFTER_PEOPLE = ("Công ty", "Tập đoàn", "Ngân hàng", "Trường", "Hợp tác xã", "Báo", "Quỹ")


@dataclass(frozen=True)
class OrgName:
    """A scanned organization: its span in the sentence and what it is made of."""

    start: int
    end: int
    head: str
    place_level: str | None  # the level word of an attached place, e.g. "tỉnh"
    place: str | None  # the place name after it, e.g. "Long An"
    named: bool = False  # a capitalized name follows the head (not only `khối` or a place)


def _tokens(text: str, start: int) -> list[tuple[str, int, int]]:
    return [
        (m.group(1), m.start(1), m.end(1))
        for m in _TOKEN_RE.finditer(text, start, start + _SCAN_WINDOW)
    ]


@functools.cache
def _lookup(ruleset_id: int, gazetteers_key: str, entries: tuple[str, ...]) -> frozenset[str]:
    return frozenset(entries)


def _set(match_or_gaz: Any, name: str) -> frozenset[str]:
    gazetteers = match_or_gaz if isinstance(match_or_gaz, dict) else match_or_gaz.gazetteers
    return _lookup(id(gazetteers), name, tuple(gazetteers[name]))


def _starts_with(
    tokens: list[tuple[str, int, int]], i: int, phrases: frozenset[str], lower: bool = False
) -> int:
    """How many tokens from `i` form the longest phrase of `phrases` (0 when none)."""
    for width in (4, 3, 2, 1):
        if i + width > len(tokens):
            continue
        words = " ".join(t[0] for t in tokens[i : i + width])
        if (words.lower() if lower else words) in phrases:
            return width
    return 0


def _level_width(tokens: list[tuple[str, int, int]], i: int) -> int:
    """How many tokens from `i` form a place word (`tỉnh`, `thành phố`); 0 when none.

    `xã hội` is a word of its own, not the commune level."""
    for width in (2, 1):
        words = " ".join(t[0] for t in tokens[i : i + width])
        if i + width <= len(tokens) and words in LEVEL_WORDS:
            following = tokens[i + width][0] if i + width < len(tokens) else ""
            if width == 1 and f"{words} {following}" in vietnamese_words():
                return 0
            return width
    return 0


_COMMON_SURNAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô".split()  # noqa: SIM905
)


def _place_length(tokens: list[tuple[str, int, int]], j: int, surnames: frozenset[str]) -> int:
    """How many capitalized syllables from `j` name the place, not the person after it.

    `huyện Châu Thành Lê Phước Dũng`, `TP. HCM Lê Hoàng Quân`: a name has two to four
    syllables (mostly three) and starts with a family name; `UBND TP Nguyễn Thành Phong`
    has no place at all."""
    run = 0
    while (
        j + run < len(tokens)
        and run < 7
        and _CAP_RE.match(tokens[j + run][0])
        and (run == 0 or tokens[j + run][1] == tokens[j + run - 1][2] + 1)
    ):
        run += 1
    words = [t[0] for t in tokens[j : j + run]]
    if run >= 4 and words[0] not in _COMMON_SURNAMES:
        splits = [k for k in range(1, run - 1) if words[k] in surnames and 2 <= run - k <= 4]
        # most names have three syllables, then four, then two
        splits.sort(key=lambda k: {3: 0, 4: 1, 2: 2}[run - k])
        if splits:
            return splits[0]
    if run >= 3 and words[0] in _COMMON_SURNAMES:
        return 0
    return run


def scan_name(text: str, head_start: int, head_end: int, gazetteers: dict[str, Any]) -> OrgName:
    """Read an organization's name rightwards from its head word; see the module docstring."""
    tokens = _tokens(text, head_end)
    function_words = _set(gazetteers, "name_function_words")
    qualifiers = _set(gazetteers, "org_qualifiers")
    name_words = _set(gazetteers, "org_name_words")
    surnames = _set(gazetteers, "surnames")
    provinces = _set(gazetteers, "provinces")
    head = text[head_start:head_end]
    if head in _COMPLETE_HEADS:
        return OrgName(head_start, head_end, head, None, None, True)
    end, i, named = head_end, 0, False
    place_level = place = None
    while i < len(tokens):
        word = tokens[i][0]
        level = _level_width(tokens, i)
        if level:
            place_level = " ".join(t[0] for t in tokens[i : i + level])
            end = tokens[i + level - 1][2]
            j = i + level
            known = _starts_with(tokens, j, provinces)
            j += known or _place_length(tokens, j, surnames)
            if j > i + level:
                place = text[tokens[i + level][1] : tokens[j - 1][2]]
                end = tokens[j - 1][2]
            break
        province = _starts_with(tokens, i, provinces)
        if province:
            end = tokens[i + province - 1][2]
            i += province
            if i < len(tokens) and _level_width(tokens, i):  # Mặt trận Tổ quốc Việt Nam xã
                named = True
                continue
            place = " ".join(t[0] for t in tokens[i - province : i])
            break
        if _CAP_RE.match(word):
            is_person = (
                word in surnames
                and i + 1 < len(tokens)
                and _CAP_RE.match(tokens[i + 1][0])
                and not word.isupper()
            )
            if is_person and not head.startswith(_NAMED_AFTER_PEOPLE):
                break
            numbered = head.startswith(_NUMBERED) or (
                i > 0
                and tokens[i - 1][0].lower() in ("khu", "vùng", "đoàn", "ấp", "số", "vụ", "đội")
            )
            if (word.isdigit() and not numbered) or _ROMAN_RE.match(word):
                break
            named = True
            end = tokens[i][2]
            i += 1
            # the lower-case syllable that completes a capitalized word (Tài nguyên), but not
            # a word already complete (`Phương Nam` in `Phương Nam tiến hành`)
            after_proper = (
                i >= 2
                and _TITLE_CASE_RE.match(tokens[i - 2][0])
                and f"{tokens[i - 2][0].lower()} {word.lower()}" in vietnamese_words()
            )
            if (
                i < len(tokens)
                and not after_proper
                and _TITLE_CASE_RE.match(word)
                and _LOW_RE.match(tokens[i][0])
                and tokens[i][0] not in function_words
                and f"{word.lower()} {tokens[i][0]}" in vietnamese_words()
                and not _level_width(tokens, i)
            ):
                end = tokens[i][2]
                i += 1
            continue
        follows = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        after_follows = tokens[i + 2][0] if i + 2 < len(tokens) else ""
        person_follows = follows in surnames and bool(_CAP_RE.match(after_follows))
        if (
            word in ("và", "&", "-")
            and named
            and head_at(text, tokens[i + 1][1] if i + 1 < len(tokens) else len(text), gazetteers)
            is None
            and (
                (_CAP_RE.match(follows) and not person_follows and not follows.isupper())
                or (word != "&" and _starts_with(tokens, i + 1, name_words))
            )
        ):
            i += 1
            continue
        qualifier = _starts_with(tokens, i, qualifiers) if not named else 0
        if qualifier:
            end = tokens[i + qualifier - 1][2]
            i += qualifier
            continue
        # a lower-case word that names bodies (`quỹ đất`, `chất lượng`, `công trình`), also
        # right after the head (`Trung tâm xúc tiến đầu tư tỉnh`, `Tổng công ty cấp nước`)
        width = _starts_with(tokens, i, name_words) if named or i == 0 else 0
        if width:
            named = True
            end = tokens[i + width - 1][2]
            i += width
            continue
        break
    # a name never ends on a dangling connector
    while end > head_end and text[:end].rstrip().endswith((" và", " &", " -")):
        end = len(text[:end].rstrip().rsplit(" ", 1)[0])
    return OrgName(head_start, end, head, place_level, place, named)


@functools.cache
def vietnamese_words() -> frozenset[str]:
    """Two-syllable Vietnamese words (underthesea's Viet74K word list), lower case."""
    from importlib.resources import files

    listing = files("underthesea") / "corpus" / "data" / "Viet74K.txt"
    lines = listing.read_text(encoding="utf-8").splitlines()
    # the list writes old-style tone marks (`đảng uỷ`); the rules see the modern style
    return frozenset(normalize_phrase(w.strip().lower()) for w in lines if w.count(" ") == 1)


def head_at(text: str, position: int, gazetteers: dict[str, Any]) -> int | None:
    """The end of an organization head word (or its abbreviation) starting at `position`.

    After a title the head may be written in lower case (`Thứ trưởng bộ Thông tin…`)."""
    heads = _heads(
        id(gazetteers), tuple(gazetteers["org_heads"]), tuple(gazetteers["abbreviations"])
    )
    probe = text[position : position + 1].upper() + text[position + 1 : position + 60]
    found = heads.match(probe)
    return position + found.end() if found else None


@functools.cache
def _heads(_key: int, heads: tuple[str, ...], abbreviations: tuple[str, ...]) -> regex.Pattern:
    words = sorted(
        set(heads) | {a for a in abbreviations if a.isupper() and len(a) > 2}, key=len, reverse=True
    )
    return regex.compile("(?:" + "|".join(regex.escape(w) for w in words) + r")(?![\p{L}])")


def expand_abbreviations(name: str, gazetteers: dict[str, Any]) -> str:
    """UBND → Ủy ban nhân dân, TP. HCM → Thành phố Hồ Chí Minh, … (whole words only)."""
    abbreviations: dict[str, str] = gazetteers["abbreviations"]
    pattern = _abbreviation_re(id(abbreviations), tuple(abbreviations))
    squashed = _squashed_keys(id(abbreviations), tuple(abbreviations.items()))
    expanded = pattern.sub(lambda m: squashed[_SPACES.sub("", m.group(0))], name)
    expanded = _SPACES.sub(" ", expanded).strip()
    return expanded[:1].upper() + expanded[1:]


_PLACE_SHORT = ("TP", "Tp", "Q.", "HCM")


@functools.cache
def _squashed_keys(_key: int, items: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Abbreviations without their spaces (`TN & MT` is written `TN&MT` too)."""
    return {regex.sub(r"\s+", "", short): full for short, full in items}


@functools.cache
def _abbreviation_re(_key: int, keys: tuple[str, ...]) -> regex.Pattern:
    alternatives = sorted(keys, key=len, reverse=True)
    return regex.compile(
        r"(?<![\p{L}\p{N}])(?:"
        + "|".join(regex.escape(k).replace(r"\ ", r"\s*") for k in alternatives)
        + r")(?![\p{L}\p{N}])"
    )


def head_entry(name: str, gazetteers: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The longest head word that opens an (expanded) name, and its gazetteer entry."""
    heads: dict[str, dict[str, Any]] = gazetteers["org_heads"]
    lowered = name.lower()
    for head, head_lower in _heads_longest_first(id(heads), tuple(heads)):
        if lowered == head_lower or lowered.startswith(head_lower + " "):
            return head, heads[head] or {}
    return "", {}


@functools.cache
def _heads_longest_first(_key: int, heads: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((h, h.lower()) for h in sorted(heads, key=len, reverse=True))


def describe(
    name: str, place_level: str | None, place: str | None, gazetteers: dict[str, Any]
) -> dict[str, Any]:
    """org_type, level and location of an expanded name."""
    _, entry = head_entry(name, gazetteers)
    levels: dict[str, str] = gazetteers["places_level"]
    level = entry.get("level")
    if place_level:
        level = levels.get(expand_abbreviations(place_level, gazetteers).lower(), level)
    elif place and level is None:
        level = "province"
    location = expand_abbreviations(place, gazetteers) if place else None
    return {"org_type": entry.get("type", "other"), "level": level, "location": location}


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
    if not head or _inside_a_name(match) or _inside_a_word(match):
        return None
    if name in gazetteers["not_organizations"] or _is_delegation(name, head, gazetteers):
        return None
    placed = scanned.place_level or scanned.place
    if not (scanned.named or placed or (entry.get("alone") and name == head)):
        return None  # `Sở`, `Ban`, `Đảng ủy khối` alone name nothing
    if name == head and not entry.get("alone"):
        return None  # `Ban Chấp hành` of whom?
    if _looks_like_a_person(written, gazetteers):
        return None
    abbreviations = gazetteers["abbreviations"]
    written_abbreviations = (
        m.group()
        for m in _abbreviation_re(id(abbreviations), tuple(abbreviations)).finditer(written)
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
        len(words) == 2 and bool(_TITLE_CASE_RE.match(words[-1])) and words[0] in surnames
    )


def _inside_a_word(match: Match) -> bool:
    """`Ban thường vụ Tỉnh ủy`, `cơ sở Đảng`, `đại hội Đảng`: a lower-case head that ends a
    word (`thường vụ`, `cơ sở`) is not a head."""
    if not match.text[:1].islower() or " " in match.text:
        return False
    before = match.sentence.text[: match.start].rstrip()
    previous = before.rsplit(" ", 1)[-1].lower() if before else ""
    return f"{previous} {match.text.split()[0].lower()}" in vietnamese_words()


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
    provinces = _set(gazetteers, "provinces")
    return (
        words[0] in gazetteers["surnames"]
        and 2 <= len(words) <= 4
        and all(_TITLE_CASE_RE.match(w) and len(w) <= 7 for w in words[1:])
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


CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ")


def province_of(text: Any) -> str | None:
    """The article's province or city: its paper's (source / host), else the most named one."""
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
        r"(\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*){0,2})"
    )
    surnames = _set(text.ruleset.gazetteers, "surnames")
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
                cut = next((k for k in range(1, len(words)) if words[k] in surnames), len(words))
                places[found.group(1)] = " ".join(words[:cut])
        name, place = attach_place(cand.values["name"], province, places)
        if place:
            cand.values = {**cand.values, "name": name, "location": place}
        out.append(cand)
        out.extend(_nested(cand, text, province))
    _share_places(candidates)
    return _merge_short_forms(out)


_LIST_GLUE = regex.compile(r"\s*(?:-|,|;|và)\s*")
_PLACE_TAIL = regex.compile(
    r"(?:tỉnh|thành phố|Thành phố|huyện|quận|thị xã|xã|phường|thị trấn) [^ ].*$"
)


def _share_places(candidates: list[Candidate]) -> None:
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
