"""Reading a body's name: from its head word (Sở, Tỉnh ủy, UBND…) rightwards, to its place.

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

from pipeline.text.normalize import normalize_phrase

_TOKEN_RE = regex.compile(r"\s*(TP\.|Tp\.|Q\.|P\.|[\p{L}\p{M}\p{N}&]+|\S)")
_CAP_RE = regex.compile(r"^(?:\p{Lu}[\p{Ll}\p{M}]*|\p{Lu}{2,}[\p{Lu}&]*|\d+)$")
_LOW_RE = regex.compile(r"^\p{Ll}[\p{Ll}\p{M}]*$")
_ROMAN_RE = regex.compile(r"^[IVXL]+$")
_CREDIT_WORDS = frozenset(("Ảnh", "Nguồn", "Video", "Clip", "Theo", "Đồ"))  # `Bộ GTVT - Ảnh: …`
_SPACES = regex.compile(r"\s+")
_SCAN_WINDOW = 300  # characters after a head that a name can reach
TITLE_CASE_RE = regex.compile(r"^\p{Lu}[\p{Ll}\p{M}]")
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
    "P.",
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


def gazetteer_set(match_or_gaz: Any, name: str) -> frozenset[str]:
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
    return place_word_count([t[0] for t in tokens[j : j + run]], surnames)


def place_word_count(words: list[str], surnames: frozenset[str]) -> int:
    """How many of the capitalized `words` after a place word name the place (see above)."""
    run = len(words)
    if run >= 4 and words[0] not in _COMMON_SURNAMES:
        splits = [k for k in range(1, run - 1) if words[k] in surnames and 2 <= run - k <= 4]
        # a common family name first (`HCM Phan Nguyễn Như Khuê`), then names of three
        # syllables, then four, then two
        splits.sort(key=lambda k: (words[k] not in _COMMON_SURNAMES, {3: 0, 4: 1, 2: 2}[run - k]))
        if splits:
            return splits[0]
    if (run >= 3 and words[0] in _COMMON_SURNAMES) or (run == 3 and words[0] in surnames):
        return 0
    return run


def scan_name(text: str, head_start: int, head_end: int, gazetteers: dict[str, Any]) -> OrgName:
    """Read an organization's name rightwards from its head word; see the module docstring."""
    tokens = _tokens(text, head_end)
    function_words = gazetteer_set(gazetteers, "name_function_words")
    qualifiers = gazetteer_set(gazetteers, "org_qualifiers")
    name_words = gazetteer_set(gazetteers, "org_name_words")
    after_and = gazetteer_set(gazetteers, "org_name_words_after_and")
    surnames = gazetteer_set(gazetteers, "surnames")
    provinces = gazetteer_set(gazetteers, "provinces")
    head = text[head_start:head_end]
    if head in _COMPLETE_HEADS:
        return OrgName(head_start, head_end, head, None, None, True)
    end, i, named = head_end, 0, False
    place_level = place = None
    while i < len(tokens):
        word = tokens[i][0]
        # an official name with commas inside (`Văn hóa, Thể thao và Du lịch`)
        known_name = _known_name_at(text, tokens[i][1], gazetteers)
        if known_name:
            end = known_name
            named = True
            while i < len(tokens) and tokens[i][2] <= known_name:
                i += 1
            continue
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
                and TITLE_CASE_RE.match(tokens[i - 2][0])
                and f"{tokens[i - 2][0].lower()} {word.lower()}" in vietnamese_words()
            )
            if (
                i < len(tokens)
                and not after_proper
                and (TITLE_CASE_RE.match(word) or len(word) == 1)
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
        person_follows = (follows in surnames and bool(_CAP_RE.match(after_follows))) or (
            follows in _CREDIT_WORDS
        )
        if (
            word in ("và", "&", "-")
            and named
            and head_at(text, tokens[i + 1][1] if i + 1 < len(tokens) else len(text), gazetteers)
            is None
            and (
                (_CAP_RE.match(follows) and not person_follows and not follows.isupper())
                or (word != "&" and _starts_with(tokens, i + 1, name_words))
                or (word == "và" and _starts_with(tokens, i + 1, after_and))
                # `GD-ĐT`, `LĐ-TB&XH`: one abbreviation written with dashes
                or (word == "-" and follows.isupper() and tokens[i - 1][0].isupper())
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
        if not width and i > 0 and tokens[i - 1][0] == "và":
            width = _starts_with(tokens, i, after_and)
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


def _known_name_at(text: str, position: int, gazetteers: dict[str, Any]) -> int | None:
    """The end of a sector name of `rules/gazetteers/sector_names.txt` written at `position`."""
    for name in gazetteers["sector_names"]:
        if text.startswith(name, position):
            return position + len(name)
    return None


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
        id(gazetteers), tuple(gazetteers["org_heads"]), tuple(gazetteers["abbreviations"].items())
    )
    probe = text[position : position + 1].upper() + text[position + 1 : position + 60]
    found = heads.match(probe)
    return position + found.end() if found else None


@functools.cache
def _heads(
    _key: int, heads: tuple[str, ...], abbreviations: tuple[tuple[str, str], ...]
) -> regex.Pattern:
    """Head words, and abbreviations that stand for a body or a head (UBND, CA, TN&MT)."""
    shorts = {a for a, full in abbreviations if (a.isupper() and len(a) > 2) or full in heads}
    words = sorted(set(heads) | shorts, key=len, reverse=True)
    return regex.compile("(?:" + "|".join(regex.escape(w) for w in words) + r")(?![\p{L}])")


def expand_abbreviations(name: str, gazetteers: dict[str, Any]) -> str:
    """UBND → Ủy ban nhân dân, TP. HCM → Thành phố Hồ Chí Minh, … (whole words only)."""
    abbreviations: dict[str, str] = gazetteers["abbreviations"]
    pattern = abbreviation_re(id(abbreviations), tuple(abbreviations))
    squashed = _squashed_keys(id(abbreviations), tuple(abbreviations.items()))
    expanded = pattern.sub(lambda m: squashed[_SPACES.sub("", m.group(0))], name)
    expanded = _SPACES.sub(" ", expanded).strip()
    return expanded[:1].upper() + expanded[1:]


@functools.cache
def _squashed_keys(_key: int, items: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Abbreviations without their spaces (`TN & MT` is written `TN&MT` too)."""
    return {regex.sub(r"\s+", "", short): full for short, full in items}


@functools.cache
def abbreviation_re(_key: int, keys: tuple[str, ...]) -> regex.Pattern:
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
