"""Bodies listed after one head: `các sở Tư pháp, Xây dựng và Y tế` names three departments,
`UBND các quận 1, 12, Phú Nhuận` three district committees (annotation decisions: bodies in a
list are one row each)."""

from __future__ import annotations

import dataclasses

import regex

from pipeline.engine.contracts import Found, Match
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.org_names import OrgName, describe, head_at, scan_name, starts_with
from pipeline.extract.org_tokens import level_width, place_length, tokens_after
from pipeline.sources.html_text import fold

_MOST_ITEMS = 10


def listed_bodies(match: Match, scanned: OrgName, name: str, lexicon: Lexicon) -> list[Found]:
    """The further bodies of a plural list opened by the head (`các sở Tư pháp, Xây dựng`,
    `gồm: Sở Công Thương; Ngoại vụ; Tư pháp`):
    each capitalized item after a comma or `và` takes the head (`Sở Xây dựng`). Without
    `các`, a ministry's or a department's head shares itself only with items that are sectors
    (`Sở Nội vụ, Xây dựng, Tài nguyên - môi trường`, `liên bộ Tài chính, Nông nghiệp`:
    ministry_sectors.txt), not with a title or another name after the comma."""
    text = match.sentence.text
    if not scanned.named:
        return []
    head, _ = lexicon.bodies.head_of(name)
    head = lexicon.bodies.head_full_forms.get(head, head)
    opened = lexicon.bodies.list_opening.search(text[: match.start]) is not None
    if not opened and head not in lexicon.bodies.sector_heads:
        return []
    return _items(text, scanned.end, head, opened, lexicon)


def first_before_and(match: Match, scanned: OrgName, lexicon: Lexicon) -> OrgName:
    """`hai bộ Kế hoạch - đầu tư và Tài chính`, `hai đảng Cộng hòa và Dân chủ`: after a plural
    or a count (ORG_LIST_OPENING), a ministry's, a department's (sector_heads.txt) or a party's
    (`proper` in org_heads.yml) name read through `và` and a capital names two bodies, one row
    each (annotation decisions), unless it is a sector's standard name (`các sở Tài nguyên và
    Môi trường`: `_before_and`): the first ends before `và`, and listed_bodies reads the second
    as an item of the list. A name with a place is left whole (the place is both bodies')."""
    text = match.sentence.text
    if scanned.place or scanned.place_level or not scanned.named:
        return scanned
    if lexicon.bodies.list_opening.search(text[: match.start]) is None:
        return scanned
    head = lexicon.bodies.heads_by_lower.get(match.text.lower(), "")
    entry = lexicon.bodies.heads.get(head)
    sector = head in lexicon.bodies.sector_heads
    if not sector and not (entry and entry.proper):
        return scanned
    start = match.end + 1
    and_word = f" {lexicon.bodies.and_word} "
    cut = text.find(and_word, start, scanned.end)
    if cut < 0:
        return scanned
    second = cut + len(and_word)
    # the second is of the first's kind: a ministry's sector (`Tài chính`), a party's name
    # (`Dân chủ`: party_adjectives.txt), not the rest of one name (`Quy hoạch và Kiến trúc`)
    if not text[second : second + 1].isupper():
        return scanned
    if sector and not _a_sector(text, second, lexicon):
        return scanned
    if not sector and not lexicon.bodies.party_names.starts(text[second : scanned.end].split()):
        return scanned
    item = _before_and(text, start, dataclasses.replace(scanned, start=start), lexicon)
    if item.end == scanned.end:
        return scanned
    return dataclasses.replace(scanned, end=item.end)


def bodies_after_a_colon(match: Match, head: str, lexicon: Lexicon) -> list[Found]:
    """`các Sở: Xây dựng, Quy hoạch và Kiến trúc, Giao thông Vận tải`, `các sở, ngành: Tư pháp;
    Tài chính`, `4 sở: Tư pháp, Y tế`, `8 bệnh viện gồm Nhi Đồng 2, Truyền máu huyết học`: a
    plural or counted head alone before a colon, `như` or `gồm` shares itself with each
    capitalized item of the list after it (rules/defines.yml ORG_LIST_COUNTED, ORG_LIST_COLON),
    as a list right after the head."""
    text = match.sentence.text
    if lexicon.bodies.list_counted.search(text[: match.start]) is None:
        return []
    colon = lexicon.bodies.list_colon.match(text, match.end)
    if colon is None or colon.end() >= len(text):
        return []
    head = lexicon.bodies.head_full_forms.get(head, head)
    items = _items(text, colon.end(), head, True, lexicon, glued=True)
    if ":" not in colon.group():
        return items  # `8 bệnh viện gồm Nhi Đồng 2, Truyền máu huyết học`: a word opens a list
    # after a colon any sentence opens with a capital: a list names a sector (`các sở: Quy
    # hoạch và Kiến trúc, Xây dựng`), not `các trường: Việc thực hiện …`
    return items if any(_a_sector(text, f.start, lexicon) for f in items) else []


def _items(
    text: str, position: int, head: str, opened: bool, lexicon: Lexicon, glued: bool = False
) -> list[Found]:
    """The items of a list from `position` (after its first body, or right at its first item
    when `glued`), each a body of `head`."""
    found: list[Found] = []
    while len(found) < _MOST_ITEMS:
        if glued and not found:
            start = position
        else:
            glue = lexicon.bodies.list_glue.match(text, position)
            if glue is None or glue.end() >= len(text):
                break
            start = glue.end()
        if not text[start].isupper():
            break  # the sentence goes on
        if _another_head(text, start, lexicon) and not (
            opened and _ministry_named_by_a_head(text, start, head, lexicon)
        ):
            break  # another body (`Ban tổ chức Tỉnh ủy`)
        if not opened and not _a_sector(text, start, lexicon):
            break  # `Sở Tài chính, Phó Trưởng ban …`: a post
        if lexicon.titles.title.match(text, start) is not None:
            break  # `hai bệnh viện Bạch Mai, Phó Giám đốc …`: a post
        alone = scan_name(text, start, start, lexicon)
        if not alone.named or alone.end <= start:
            break  # `gồm: Trường Tam – Hùng Cường, Văn Đức – Ngọc Ký`: people, no bodies
        item = _scan_item(text, start, head, lexicon)
        if lexicon.bodies.list_next_item.search(text, alone.end, item.end):
            item = alone  # `các phòng: Y tế, Kinh tế, …`: a head reads on through its list
        if not opened:
            item = _before_and(text, start, item, lexicon)
        full = f"{head} {lexicon.bodies.expand(text[start : item.end])}"
        values = {
            "name": full,
            "abbreviation": None,
            **describe(full, item.place_level, item.place, lexicon),
        }
        found.append(Found(start, item.end, values))
        position = item.end
    return found


def _scan_item(text: str, start: int, head: str, lexicon: Lexicon) -> OrgName:
    """The item at `start` read as the name its head would have written before it: an item
    goes on where the head's name would (`các bệnh viện Bạch Mai, Phụ sản Trung ương` →
    `Bệnh viện Phụ sản Trung ương`, not `Phụ`; `Chấn thương chỉnh hình`), and stops where
    it would (`Sở Tài chính, Phó chủ tịch …`). Only where the item read alone names something:
    a head reads a person's name as a body's (`gồm: Trường Tam – Hùng Cường, Kim Dung`)."""
    shift = len(head) + 1
    written = f"{text[:start]}{head} {text[start:]}"
    scanned = scan_name(written, start, start + len(head), lexicon)
    end = max(start, scanned.end - shift)
    return dataclasses.replace(scanned, start=start, end=end, description_end=None)


def _before_and(text: str, start: int, item: OrgName, lexicon: Lexicon) -> OrgName:
    """An item read through `và` that is no sector's standard name holds two items (`Giao
    thông vận tải và Xây dựng`; but `Tài nguyên và Môi trường`: short_sector_names.yml): the
    first ends before `và`, the list goes on with the second."""
    written = text[start : item.end]
    cut = written.find(f" {lexicon.bodies.and_word} ")
    if cut < 0:
        return item
    # however its dashes, commas and tone marks are written (`Văn hoá – Thể Thao và Du lịch`)
    standard = fold(written)
    if any(fold(name) == standard for name in lexicon.bodies.short_sectors.values()):
        return item
    if lexicon.titles.lower_sector.fullmatch(f" {written.casefold()}") is not None:
        return item  # `Kế hoạch và Đầu tư`, `Thông tin và Truyền thông`
    return OrgName(start, start + cut, item.head, None, None, True)


_NEXT_WORD = regex.compile(r"\s+(\S+)")
#: how many characters of an item are read for its sector
_SECTOR_REACH = 30


def _a_sector(text: str, start: int, lexicon: Lexicon) -> bool:
    """Whether a ministry's sector, however capitalized, opens the item at `start`
    (`Xây dựng`, `Tài nguyên - môi trường`)."""
    item = f" {text[start : start + _SECTOR_REACH].lower()}"
    return lexicon.titles.lower_sector.match(item) is not None


def _ministry_named_by_a_head(text: str, start: int, head: str, lexicon: Lexicon) -> bool:
    """Whether a ministry's sector that is also a head word (`Công an`) stands at `start` in a
    plural list of ministries, with no place after it (`các Bộ Công Thương, Y tế, Công an, Văn hóa,
    Thể thao và Du lịch`; but `Công an tỉnh Gia Lai` is a body of its own)."""
    if head != lexicon.titles.ministry_head or not _a_sector(text, start, lexicon):
        return False
    item = scan_name(text, start, start, lexicon)
    return item.named and item.place is None


def _another_head(text: str, start: int, lexicon: Lexicon) -> bool:
    """Whether a head word opens a new body at `start`, not a word of a sector's name (`Khoa
    học` is science, not a faculty)."""
    end = head_at(text, start, lexicon)
    if end is None:
        return False
    following = _NEXT_WORD.match(text, end)
    word = f"{text[start:end]} {following.group(1)}".lower() if following else ""
    return word not in lexicon.bodies.words


def bodies_of_places(match: Match, lexicon: Lexicon) -> list[Found]:
    """`UBND các quận 1, 12, Phú Nhuận`: one body per place listed after the head (rules/
    defines.yml ORG_PLACE_LIST); nothing when no list of places follows."""
    bodies = lexicon.bodies
    text = match.sentence.text
    listed = bodies.place_list.match(text, match.end)
    if listed is None:
        return []
    head = bodies.expand(match.text)
    head, _ = bodies.head_of(head)
    head = bodies.head_full_forms.get(head, head)
    level = listed.group("level")
    found: list[Found] = []
    items = bodies.place_list_item.finditer(text, listed.start("places"), listed.end("places"))
    for item in items:
        name = f"{head} {level} {item.group()}"
        values = {
            "name": name,
            "abbreviation": None,
            **describe(name, level, item.group(), lexicon),
        }
        # the first body's span holds the head: `UBND các quận 1`
        found.append(Found(item.start() if found else match.start, item.end(), values))
    return found


def bodies_of_further_places(
    match: Match, scanned: OrgName, name: str, lexicon: Lexicon
) -> list[Found]:
    """`Tỉnh ủy Bến Tre, Gia Lai`, `Công an quận 3, quận 10`, `Ban chỉ đạo Tây Bắc, Tây
    Nguyên, Tây Nam Bộ`: places of the same kind listed right after a body's place name the
    same body of each. A place of another level (`xã Thạnh Lợi, huyện Bến Lức`, `thành phố Quy
    Nhơn, tỉnh Bình Định`) is where the body is, not a body."""
    if not scanned.place:
        return []
    level_word = scanned.place_level
    suffix = f"{level_word} {scanned.place}" if level_word else scanned.place
    if not name.endswith(suffix):
        return []  # the place was written short (`TP. HCM`): leave it
    stem = name.removesuffix(suffix).rstrip()
    text, places = match.sentence.text, lexicon.places
    kind = next(
        (k for k in (places.provinces, places.regions) if scanned.place in k),
        None,
    )
    if level_word is None and (kind is None or scanned.place in places.countries):
        return []  # a country's body: a city after it is where it sits (`…Việt Nam, TPHCM`)
    tokens = tokens_after(text, scanned.end, lexicon)
    found: list[Found] = []
    position = scanned.end
    while len(found) < _MOST_ITEMS:
        glue = lexicon.bodies.further_places_glue.match(text, position)
        i = next((k for k, t in enumerate(tokens) if glue and t[1] == glue.end()), None)
        if i is None:
            break
        width = level_width(tokens, i, lexicon) if level_word else 0
        if level_word:
            word = " ".join(t[0] for t in tokens[i : i + width])
            if not width or not _same_kind(word, level_word, lexicon):
                break
            length = place_length(tokens, i + width, lexicon)
        else:
            assert kind is not None
            length = starts_with(tokens, i, kind)
        if not length:
            break
        end = tokens[i + width + length - 1][2]
        full = lexicon.bodies.expand(f"{stem} {text[tokens[i][1] : end]}")
        place = " ".join(t[0] for t in tokens[i + width : i + width + length])
        level = " ".join(t[0] for t in tokens[i : i + width]) or None
        values = {"name": full, "abbreviation": None, **describe(full, level, place, lexicon)}
        found.append(Found(tokens[i][1], end, values))
        position = end
    return found


def _same_kind(word: str, other: str, lexicon: Lexicon) -> bool:
    """Two place words of one kind: the same word, or two kinds of district (`quận`, `huyện`)."""
    levels = lexicon.places.levels
    return word == other or levels.get(word) == levels.get(other) == "district"
