"""Organizations: a head word found by the rules, the name read by `org_names`, the place
attached by `places`, and the spelling analysts join on (`full_name`, `standard_sector`, …);
the article-wide steps are `org_resolution`'s."""

from __future__ import annotations

import dataclasses
import functools
import itertools
from typing import Any

import regex

from pipeline.engine.contracts import (
    Found,
    Match,
    Reject,
    normalizer,
)
from pipeline.extract import org_names
from pipeline.extract.lexicon import ORG_ACRONYM, Head, Lexicon
from pipeline.extract.org_boards import board_of_named_body
from pipeline.extract.org_committees import parent_joined, unit_after
from pipeline.extract.org_foreign import brand_after_descriptor, business
from pipeline.extract.org_holders import (
    family_name_after_sector,
    foreign_holder_start,
    given_name_as_head,
    holder_after_sector,
    holder_start,
    looks_like_a_person,
    person_after_head,
    title_right_before,
)
from pipeline.extract.org_lists import (
    bodies_after_a_colon,
    bodies_of_further_places,
    bodies_of_places,
    first_before_and,
    listed_bodies,
)
from pipeline.extract.org_names import (
    TITLE_CASE_RE,
    OrgName,
    describe,
    head_at,
    opens_with,
    parent_end,
    party_at,
    scan_name,
)
from pipeline.extract.org_unit_posts import unit_after_its_post
from pipeline.extract.places import with_level_word
from pipeline.sources.html_text import fold
from pipeline.text.normalize import normalize_phrase

_DASH_BEFORE_LOWER = regex.compile(r" - (\p{Ll})")
#: one or two capitalized words right after a head (`trung tâm Thượng Hải`)
_CAPITALIZED_AFTER = regex.compile(r"\s+(\p{Lu}\p{Ll}+)(?:\s+(\p{Lu}\p{Ll}+))?(?![\p{L}\p{N}])")
#: `&` between two words of a name, and the word after it
_AMPERSAND = regex.compile(r"(?<=[\p{L}\p{M}]{2}) & (?P<next>[\p{L}\p{M}]{2,})")


def full_name(name: str, head: str, lexicon: Lexicon) -> str:
    """The name analysts join on (`Trung ương Đảng` → `Ban Chấp hành Trung ương Đảng`:
    rules/gazetteers/full_names.yml), also for another country's party (`Trung ương Đảng Cộng
    sản Trung Quốc` → `Ban Chấp hành Trung ương Đảng Cộng sản Trung Quốc`)."""
    full_names, party = lexicon.bodies.full_names, lexicon.bodies.party_head
    if head.endswith(f" {party}") and name.startswith(f"{head} "):
        return full_names.get(head, head) + name[len(head) :]
    return full_names.get(name, name)


def joined_as_and(name: str, lexicon: Lexicon) -> str:
    """Two parts of a Vietnamese name are joined by `và`: `Sở Tài nguyên - môi trường` is how
    some write `Sở Tài nguyên và Môi trường`, `Bộ Kế hoạch & Đầu tư` is `Bộ Kế hoạch và Đầu
    tư`; a foreign name keeps its `&` (`Fisheries & Food`, `Texas A & M`). A dash that is one
    of several joins keeps its place (`Lao động - thương binh và xã hội`, `Bia - Rượu - Nước
    giải khát`): only the last join of a list is `và`."""
    common, and_word = lexicon.bodies.common_words, lexicon.bodies.and_word
    dash = _DASH_BEFORE_LOWER.search(name)
    if dash and not lexicon.bodies.further_join.search(name, dash.end()):
        name = _DASH_BEFORE_LOWER.sub(lambda m: f" {and_word} {m.group(1).upper()}", name)
    return _AMPERSAND.sub(
        lambda m: f" {and_word} {m['next']}" if m["next"].lower() in common else m.group(), name
    )


@normalizer("organizations.head", gazetteers=org_names.GAZETTEERS)
def organization(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """A head word → the whole name, abbreviations expanded, with type, level and place."""
    bodies = lexicon.bodies
    # what the words around the head tell, before the name is read
    if _inside_a_name(match, lexicon):
        return Reject("inside-a-name")
    if _inside_a_word(match, lexicon):
        return Reject("inside-a-word")
    if _cue_before(bodies.law_or_honour, match.sentence.text, match.start):
        return Reject("a-law-or-honour")  # `Luật Công an nhân dân`, `danh hiệu Công an nhân dân`
    if match.sentence.text[match.end + 1 :].lower().startswith(match.text.lower() + " "):
        return Reject("head-written-twice")  # `Trung tâm Trung tâm Nghiên cứu …`: the second's
    if match.text in bodies.common_noun_heads and not _after_a_title(match, lexicon):
        return Reject("a-common-noun")  # `vụ Oceanbank` is a case
    if _middle_of_a_place(match, lexicon):
        return Reject("the-middle-of-a-place")  # `trung tâm Manhattan`, `trung tâm Quận 10`
    if _a_room(match, lexicon):
        return Reject("a-room")  # `phòng họp`, `phòng Bí thư`, `phòng cô Chinh`
    written_place = bodies.head_entry(match.text)
    spoken_for = bool(written_place and written_place.place and _spoken_for(match, lexicon))
    if written_place and written_place.place and not spoken_for:
        return Reject("a-place")  # `tham quan Bảo tàng Hà Nội`; `giám đốc Bảo tàng Hà Nội`
    if (
        written_place
        and written_place.plant
        and _cue_before(bodies.plant_place_cue, match.sentence.text, match.start, _PLANT_LOOK_BACK)
    ):
        return Reject("a-plant-as-a-place")  # `đến nhà máy lọc dầu Banyas` (GUIDE.md Round 18)
    written_head = bodies.heads.get(bodies.heads_by_lower.get(match.text, ""))
    if match.text[:1].islower() and written_head and written_head.verb:
        return Reject("a-verb")  # `tổ chức hội nghị`
    scanned = scan_name(match.sentence.text, match.start, match.end, lexicon)
    scanned = _without_a_count(match.sentence.text, scanned, lexicon)
    scanned = _without_every_place(match, scanned, lexicon)
    proper = _proper_name_missing(match, scanned.end, lexicon)
    if proper:
        return Reject(proper)
    holder = holder_start(match, scanned.end, lexicon)
    if holder is not None and holder <= match.end + 1:
        return Reject("a-holder")  # `Chánh thanh tra cảnh sát Khalid Abu Bakar`: a person
    if holder is not None:  # `Phó tổng thanh tra cảnh sát Malaysia Rashid Ismail`
        kept = match.sentence.text[scanned.start : holder].rstrip()
        scanned = dataclasses.replace(scanned, end=scanned.start + len(kept))
        if scanned.place and not kept.endswith(scanned.place):
            # `Cục Điều tra Liên bang James Comey`: the holder's name was read as a place
            scanned = dataclasses.replace(scanned, place=None, place_level=None)
    # `hai bộ Kế hoạch - đầu tư và Tài chính`: two ministries, the second an item of the list
    scanned = first_before_and(match, scanned, lexicon)
    if _one_word_head_miscapitalized(match, scanned, lexicon):
        return Reject("a-miscapitalized-word")  # `huyện Ủy chiều nay`, `tổ quốc Hội luật gia`
    if (
        bodies.heads_by_lower.get(match.text.lower()) == bodies.legislature_head
        and not _foreign_place(scanned, lexicon)
        and _in_a_deputy_title(match)
    ):
        # `cựu đại biểu quốc hội`, `tổ đại biểu Quốc hội TP HCM`: a post or the deputies of a
        # province, not the legislature (but `… Quốc hội bang Hessen`)
        return Reject("a-title")
    if _named_by_description(match, scanned, lexicon):
        # a unit described in lower case keeps its named parent after `của` as a named one
        # does (`Trung tâm đăng kiểm tàu cá của Bộ Nông nghiệp và Phát triển nông thôn`)
        end = parent_end(match.sentence.text, scanned.description_end or 0, scanned.head, lexicon)
        scanned = dataclasses.replace(scanned, end=end, named=True)
    elif (end := _short_description_with_parent(match, scanned, lexicon)) or (
        not (scanned.named or scanned.place_level)
        and (end := unit_after_its_post(match.sentence.text, match.start, match.end, lexicon))
    ):  # … or a unit in lower case named by its post and its parent (`trưởng phòng kế hoạch
        # tổng hợp Bệnh viện …`)
        scanned = dataclasses.replace(scanned, end=end, named=True)
    written = match.sentence.text[scanned.start : scanned.end]
    if _photographer_credit(match.sentence.text, scanned.start, written, lexicon):
        return Reject("a-photographer")  # `Ảnh: ĐOÀN NHẠN`: a person named in capitals
    name = bodies.expand(written)
    head, entry = bodies.head_of(name)
    # `Ban thường vụ`, `bộ Công an`: the head as it is named; `Mặt trận xã` is the Front's,
    # not `Mặt trận Dân tộc giải phóng miền Nam` (a front of its own name)
    full_head = bodies.head_full_forms.get(head, head)
    if full_head != head and _opens_own_name(name, len(head) + 1, lexicon):
        full_head = head
    name = full_head + name[len(head) :]
    bare = name == bodies.head_full_forms.get(head, head)
    name = _committee_of_level(name, full_head, lexicon)
    name = full_name(name, head, lexicon)
    paper = bodies.paper_head
    # a paper is named without its medium, as without `Online`
    if head == bodies.online_paper_head:
        name, head = paper + name[len(head) :], paper
    if head == paper:  # `báo Tuổi Trẻ Online` is `Báo Tuổi Trẻ`; `báo Tuổi Trẻ Lê Thế Chữ`
        name, scanned = _credited_paper(name, head, match, scanned, lexicon)
    if head == bodies.station_head and (outlet := bodies.outlets.get(name[len(head) :].strip())):
        name = outlet.name  # `đài CBS`: a network is listed by its own name (GUIDE.md Round 9)
    elif entry is not None and entry.own_name:  # `đài NPR`, `đài truyền hình CBS`: so is one
        # of another language, wherever the passage is (GUIDE.md Round 8)
        name = brand_after_descriptor(match.text, name, head, lexicon, untraded=True)
    name = joined_as_and(name, lexicon)
    name = bodies.lower_inner_head.sub(lambda m: m.group().capitalize(), name)
    name = official_sector_names(name, lexicon)
    name = short_legal_form(name, lexicon)
    name = standard_sector(name, head, scanned, lexicon)
    name = with_level_word(name, scanned.place, lexicon)  # `Công an Đồng Nai`: `… tỉnh Đồng Nai`
    # `thuỷ quân lục chiến`, `nội các`: a national body written bare in lower case
    # (chambers_in_lower_case.txt) stands alone; the resolver keeps it only as the body of the
    # one foreign country its passage is about (GUIDE.md Rounds 11, 12, 18)
    alone = bool(entry and entry.alone) or _bare_national_body(match, scanned, head, lexicon)
    unit = None
    if bodies.unit_committee_at_end.search(name):
        unit = unit_after(match.sentence.text, scanned.end, lexicon)
        if unit:  # `Phó Bí thư Đảng ủy, Phó Giám đốc Công an TP. HCM`: that unit's committee
            name, bare = f"{name} {unit}", False
            level, _, place = unit.partition(" ")  # `Đảng ủy xã Hải Ninh`: the commune's
            if level not in lexicon.places.level_words:
                level, place = scanned.place_level or "", scanned.place or ""
            scanned = dataclasses.replace(
                scanned, named=True, place_level=level or None, place=place or None
            )
    if not head:
        return Reject("no-head")
    if not_a_body(name, lexicon):
        return Reject("not-an-organization", name)
    if _legal_form_only(name, head, lexicon):
        return Reject("legal-form-only")  # `Công ty TNHH MTV` of which company?
    generic = _generic_use(match, scanned, lexicon)
    if generic:
        return bodies_of_places(match, lexicon) or Reject(generic)  # `UBND các quận 1, 12`
    every_place = _a_kind_after_plural(match, scanned, lexicon)
    if every_place and not _every_place_department(match, scanned, name, lexicon):
        return Reject("a-kind-of-body")  # `các sở tư pháp`, `Liên hiệp các hội Khoa học …`
    if _is_delegation(match, name, head, lexicon):
        return Reject("a-delegation")
    if entry and entry.verb and _used_as_verb(match, scanned, lexicon):
        return Reject("a-verb")  # `Tổ chức Hội nghị …` holds a meeting
    placed = scanned.place_level or scanned.place
    listed = [] if scanned.named or placed else bodies_after_a_colon(match, head, lexicon)
    if listed:  # `các Sở: Xây dựng, Tài chính`, `các sở, ngành: Tư pháp`: the list's head
        return [
            Found(
                f.start,
                f.end,
                {
                    **f.values,
                    "name": standard_sector(
                        joined_as_and(str(f.values["name"]), lexicon), head, scanned, lexicon
                    ),
                },
            )
            for f in listed
        ]
    # `phòng giáo dục huyện Bình Sơn`, not `trạm y tế xã` (any commune's); `đảng Cộng sản
    # Trung Quốc`: a head that holds a name, with its country
    described = scanned.place and (scanned.lower_words or not match.text.islower())
    # `công an quận Hoàn Kiếm`, `thanh tra tỉnh`: a body every place has, before a place word
    placed_everywhere = bool(
        entry and entry.placed and scanned.place_level and not scanned.lower_words
    )
    # `cảnh sát Hàn Quốc`, `quân đội Mỹ`: a body every country has, before the country
    national = bool(
        entry
        and entry.national
        and scanned.place in lexicon.places.countries
        and not scanned.lower_words
    )
    # `hải quân nước này`: a body every country has, of the country named before it (the
    # resolver adds it; GUIDE.md Round 9); `hải quân hai nước`, of the two named before it
    this_country = bool(
        entry
        and entry.national
        and (
            lexicon.bodies.this_country.match(match.sentence.text, scanned.end)
            or lexicon.bodies.both_countries.match(match.sentence.text, scanned.end)
        )
    )
    if (
        entry
        and entry.field
        and match.text[:1].islower()
        and _cue_before(bodies.field_cue, match.sentence.text, match.start, _PROJECT_LOOK_BACK)
    ):
        return Reject("a-field")  # `sĩ quan tình báo Mỹ`: an officer of the field, no body
    if _a_kind_of_a_country(match, scanned, entry, lexicon):
        return Reject("a-kind-of-business")  # `một công ty đường sắt Nhật Bản`: any of them
    if (
        match.text[:1].islower()
        and not scanned.named
        and not alone
        and not described
        and not placed_everywhere
        and not national
        and not this_country
        and not (spoken_for and placed)
    ):
        return Reject("lower-case-head")  # `trung tâm thành phố Quy Nhơn` is the city centre
    if head in bodies.team_heads and not scanned.named and not scanned.place_level:
        # `Đoàn Bình Định giành giải nhất`, `CLB Hà Nội`: a province's or a city's team
        return Reject("a-team")
    if _after_a_place_word(match, lexicon):
        return Reject("a-place-name")  # `khu phố Hội Phú`, `đường Trường Chinh`
    # `dự án viện Nghiên cứu …`, `dự án Nhà máy thép Vạn Lợi`: a project; but `dự án Công ty
    # TNHH Cường Hưng` is the company's project
    owner = entry is not None and entry.type == "enterprise" and entry.level != "unit"
    if not owner and _cue_before(
        bodies.project_cue, match.sentence.text, match.start, _PROJECT_LOOK_BACK
    ):
        return Reject("a-project")
    parent = (
        None
        if scanned.named or placed
        else parent_joined(match.sentence.text, scanned.end, lexicon)
    )
    if bare and parent:  # `Cơ quan CSĐT bộ Công an`: the unit's head, then its parent
        name, bare = f"{name} {parent[0]}", False
        scanned = dataclasses.replace(scanned, end=parent[1], named=True)
    board = (
        None if alone or not bare else board_of_named_body(match, scanned.end, full_head, lexicon)
    )
    if board is not None:  # `Ban Thường vụ` of the committee the sentence names
        name, bare, placed = board.name, False, board.place_level or board.place
        scanned = dataclasses.replace(
            scanned, named=True, place_level=board.place_level, place=board.place
        )
    if not (scanned.named or placed or (alone and bare) or this_country):
        return Reject("head-alone")  # `Sở`, `Ban`, `Đảng ủy khối` alone name nothing
    if bare and not alone and not this_country:
        return Reject("head-alone")  # `Ban Chấp hành` of whom?
    if (
        looks_like_a_person(written, lexicon)
        or person_after_head(written, head, lexicon)
        or given_name_as_head(written, head, lexicon)
    ):
        return Reject("a-person")
    written_abbreviations = (m.group() for m in bodies.abbreviation.finditer(written))
    # the body's own abbreviation (UBND, TN&MT), not a place's (TP. HCM, `H.` of huyện)
    abbreviation = next(
        (
            a
            for a in written_abbreviations
            if not a.startswith(lexicon.places.abbreviations) and a not in lexicon.places.levels
        ),
        None,
    )
    brand = (
        brand_after_descriptor(match.text, name, head, lexicon)
        if entry is not None and entry.type == "enterprise" and entry.level != "unit"
        else name
    )
    values = {
        "name": brand,
        "abbreviation": abbreviation,
        **describe(name, scanned.place_level, scanned.place, lexicon),
        # `các sở GD-ĐT`: every province's, no place for the resolver to add (GUIDE.md Round 7)
        **({EVERY_PLACE: True} if every_place else {}),
    }
    listed = [  # `các Bộ Tài chính, Nông nghiệp`: `Bộ Nông nghiệp và Phát triển nông thôn`
        Found(
            f.start,
            f.end,
            {
                **f.values,
                "name": standard_sector(
                    joined_as_and(str(f.values["name"]), lexicon), head, scanned, lexicon
                ),
            },
        )
        for f in listed_bodies(match, scanned, name, lexicon)
    ]
    elsewhere = bodies_of_further_places(match, scanned, name, lexicon)
    return [Found(scanned.start, scanned.end, values), *listed, *elsewhere]


#: the value that marks a department of every province (`các sở GD-ĐT`): the resolver adds it
#: no place and drops the mark (org_resolution.py)
EVERY_PLACE = "_every_place"
#: how far before a head the words that tell what it is are looked for (`mô hình `, `trưởng `)
_LOOK_BACK = 16
#: how far before a head a project word is looked for (`khu đất xây dựng `)
_PROJECT_LOOK_BACK = 24
#: how far before a plant a word that names it as a place is looked for (`quyền kiểm soát `),
#: and a word of its staff before that (`làm việc tại `)
_PLANT_LOOK_BACK = 20
_DESCRIPTION_SYLLABLES = 3


def _bare_national_body(match: Match, scanned: OrgName, head: str, lexicon: Lexicon) -> bool:
    """`nội các`, `thuỷ quân lục chiến`: a national body written bare in lower case
    (chambers_in_lower_case.txt), with no capitalized word after it, stands alone; the resolver
    keeps it only as the body of the one foreign country its passage is about (GUIDE.md Rounds
    11, 12, 18). An armed service so written is the force only where it stands as a noun phrase
    of its own (after `của`, `lực lượng`, a comma: words_before_a_service.txt); after another
    word it tells that word's kind (`căn cứ không quân`, `khí tài hải quân`)."""
    bodies = lexicon.bodies
    text = match.sentence.text
    if (
        head not in bodies.lower_case_chambers
        or not match.text.islower()
        or scanned.end != match.start + len(match.text)
        or _CAPITAL_NEXT.match(text, scanned.end)
    ):
        return False
    entry = bodies.heads.get(head)
    if entry is None or entry.type != "armed":
        return True
    return bodies.service_opening.search(text, 0, match.start) is not None


_CAPITAL_NEXT = regex.compile(r"\s+\p{Lu}")


def _cue_before(cue: regex.Pattern[str], text: str, start: int, reach: int = _LOOK_BACK) -> bool:
    """Whether `cue` is found in the `reach` characters before `start` (the words that tell
    what a head is: `mô hình `, `trưởng `, `giám đốc `)."""
    return cue.search(text, max(0, start - reach), start) is not None


def _named_by_description(match: Match, scanned: OrgName, lexicon: Lexicon) -> bool:
    """`Trung tâm điều hành đô thị thông minh`, `Hội đồng quốc gia thẩm định sách giáo khoa`:
    lower-case words alone after a head the writer capitalized inside a sentence name a body
    when they are a description of some length (three syllables or more); not a company's legal
    form (`Công ty cổ phần`) nor a kind of body at a sentence's start or after `các`, unless a
    scope word ends the description (`Hội đồng bầu cử quốc gia đã …`: the nation's one body;
    rules/gazetteers/national_scope_words.txt)."""
    if scanned.named or scanned.description_end is None or not match.text[:1].isupper():
        return False
    text = match.sentence.text
    if _cue_before(lexicon.bodies.description_not_name, text, match.start):
        return False  # `mô hình Trung tâm pháp luật cộng đồng`, `Luật Tổ chức chính quyền`
    if _after_a_plural_marker(match, lexicon):
        # `các Trung tâm tư vấn pháp luật trực thuộc Hội Luật gia các cấp`: many bodies of one
        # kind, none named
        return False
    _, entry = lexicon.bodies.head_of(text[match.start : scanned.description_end])
    if entry is None or entry.verb:
        return False
    described = text[match.end : scanned.description_end].split()
    if len(described) < _DESCRIPTION_SYLLABLES:
        return False  # `Hội đồng xét xử (HĐXX)`, `Cảnh sát giao thông (CSGT)`: a kind
    if lexicon.bodies.national_scope_words.trailing(described):
        return True  # `Hội đồng bầu cử quốc gia đã …`: the nation's one body, also opening
    if ORG_ACRONYM.match(text, scanned.description_end):
        # `Tổng công ty đầu tư và kinh doanh vốn nhà nước (SCIC)`, `Hội đồng vàng thế giới
        # (WGC)`: the body's own acronym after the description makes it a name, also at a
        # sentence's start and for a company
        return True
    return not (
        org_names.SENTENCE_OPENING_RE.fullmatch(text, 0, match.start) or entry.type == "enterprise"
    )


def _after_a_plural_marker(match: Match, lexicon: Lexicon) -> bool:
    """Whether the word right before the head is a plural marker (`các`:
    rules/gazetteers/plural_markers.txt)."""
    before = match.sentence.text[: match.start].rstrip()
    return before.rsplit(" ", 1)[-1] in lexicon.bodies.plural_markers


#: one or two lower-case syllables after a head: a description too short to name a unit alone
_SHORT_DESCRIPTIONS = (regex.compile(r" \p{Ll}+(?= )"), regex.compile(r" \p{Ll}+ \p{Ll}+(?= )"))


def _short_description_with_parent(match: Match, scanned: OrgName, lexicon: Lexicon) -> int:
    """`Ủy ban pháp luật của Quốc hội`, `Hội đồng dân tộc của Quốc hội`, `Ban kiểm soát của
    ELA`: one or two lower-case syllables after a unit's head capitalized inside a sentence are
    too short to name it alone, but its named parent after `của` makes them its name; where the
    name ends, 0 when it does not. Not a word that only sets the body among others (`Ủy ban
    khác của Quốc hội`: rules/gazetteers/name_stop_words.txt), a title formed with the head
    (`Vụ trưởng của Thanh tra Chính phủ`), a bare parent (`của Sở`), a parent named with
    another (`của Trung ương Đảng và Chính phủ`), nor a body after `các`."""
    text = match.sentence.text
    if scanned.named or not match.text[:1].isupper():
        return 0
    if org_names.SENTENCE_OPENING_RE.fullmatch(text, 0, match.start):
        return 0
    if _after_a_plural_marker(match, lexicon):
        return 0
    if _cue_before(lexicon.bodies.description_not_name, text, match.start):
        return 0
    bodies = lexicon.bodies
    last = scanned.head.split()[-1].lower()
    head_end = scanned.start + len(scanned.head)
    for described in _SHORT_DESCRIPTIONS:
        words = described.match(text, head_end)
        if words is None:
            continue
        syllables = words.group().split()
        if (
            any(word in bodies.function_words or word in bodies.stop_words for word in syllables)
            or " ".join(syllables) in bodies.stop_words
            # `Vụ trưởng`: a one-syllable head and the word after it make a word (a head of
            # two, `Hội đồng dân tộc`, is a word of its own: not `đồng dân`)
            or (" " not in scanned.head and f"{last} {syllables[0]}" in bodies.common_words)
        ):
            return 0
        end = parent_end(text, words.end(), scanned.head, lexicon)
        # a second parent after the first (`Ban đại diện của Trung ương Đảng và Chính phủ ở
        # miền Nam`): the name reaches past what the parent step reads, so no short description
        if end > words.end() and not lexicon.bodies.joint_parent.match(text, end):
            return end
    return 0


def _opens_own_name(name: str, position: int, lexicon: Lexicon) -> bool:
    """Whether the word at `position` of a name opens a name of the body's own (`Mặt trận Dân
    tộc giải phóng …`), not its place (`Mặt trận xã …`) nor a body it belongs to (`Thường vụ
    Tỉnh ủy`)."""
    word = name[position:].split(" ", 1)[0]
    places = lexicon.places
    return (
        word[:1].isupper()
        and word not in places.level_words
        and word not in places.provinces.first_words
        and word not in places.regions.first_words
        and head_at(name, position, lexicon) is None
    )


def _spoken_for(match: Match, lexicon: Lexicon) -> bool:
    """`giám đốc Thảo cầm viên`, `đại diện bến xe Miền Đông`: a post or a representative
    right before a place makes it a body (rules/gazetteers/place_body_cues.txt)."""
    return _cue_before(lexicon.bodies.place_body_cue, match.sentence.text, match.start)


#: how many words after a head are read for the field of a body
_FIELD_WORDS_READ = 4


def _middle_of_a_place(match: Match, lexicon: Lexicon) -> bool:
    """A head of heads_meaning_a_middle.txt in lower case before a proper name (`trung tâm
    Manhattan`) or a word of a place (`trung tâm thủ đô Sofia`, `trung tâm Quận 10`, `trung tâm
    đồng bằng sông Cửu Long`: middle_place_words.txt, place_words.txt and the levels of
    place_levels.yml) is the middle of that place, or its site (`trạm Tân Châu`, `trạm sông
    Hậu`), not a body (GUIDE.md: places are not bodies)."""
    if match.text not in lexicon.bodies.middle_heads:
        return False
    after = match.sentence.text[match.end :].lstrip().lower()
    if lexicon.bodies.name_words.starts(after.split(" ", _FIELD_WORDS_READ)[:_FIELD_WORDS_READ]):
        return False  # a body's field (`trạm Khuyến nông huyện`: org_name_words.txt)
    if _proper_name_after(match, lexicon):
        return True
    return any(
        after.startswith(w) and not after[len(w) : len(w) + 1].isalnum()
        for w in _words_of_a_place(lexicon)
    )


@functools.lru_cache(maxsize=4)
def _words_of_a_place(lexicon: Lexicon) -> frozenset[str]:
    """middle_place_words.txt, place_words.txt and the levels, in lower case: built once, not
    at every head that may mean a middle."""
    return (
        lexicon.bodies.middle_place_words
        | lexicon.places.place_words
        | {w.lower() for w in lexicon.places.level_words}
    )


_ROOM_WORDS_READ = 4


def _a_room(match: Match, lexicon: Lexicon) -> bool:
    """`phòng` in lower case before what a room is for or whose it is (`phòng họp`, `phòng cô
    Chinh`: room_words.txt), or before a post (`phòng Bí thư`, `phòng Giám đốc Bệnh viện …`:
    the office of its holder, titles.yml) is a room, not a department (GUIDE.md: venues are
    not bodies); a department is named by its field (`phòng Tài chính`)."""
    entry = lexicon.bodies.head_entry(match.text)
    if not (match.text.islower() and entry and entry.room):  # org_heads.yml `room: true`
        return False
    after = match.sentence.text[match.end :].split(maxsplit=_ROOM_WORDS_READ)
    words = [w.strip(',.;:!?()"“”') for w in after[:_ROOM_WORDS_READ]]
    for count in range(min(_ROOM_WORDS_READ, len(words)), 0, -1):
        phrase = " ".join(words[:count]).lower()
        if phrase in lexicon.bodies.room_words or phrase in lexicon.titles.by_lower:
            return True
    return False


def _proper_name_after(match: Match, lexicon: Lexicon) -> bool:
    """Whether a proper name follows: a capitalized word, or pair, that is not a common word
    (`Manhattan`, `Thượng Hải`; not `Y tế`, `Dân số`)."""
    found = _CAPITALIZED_AFTER.match(match.sentence.text, match.end)
    if not found:
        return False
    words = found.group(1) if found.group(2) is None else f"{found.group(1)} {found.group(2)}"
    return normalize_phrase(words.lower()) not in lexicon.bodies.common_words


def _foreign_place(scanned: OrgName, lexicon: Lexicon) -> bool:
    """Whether the place attached to a name is another country's (a country, a `bang`)."""
    if not scanned.place or scanned.place == lexicon.places.home_country:
        return False
    return scanned.place_level == "bang" or scanned.place in lexicon.places.countries


def _one_word_head_miscapitalized(match: Match, scanned: OrgName, lexicon: Lexicon) -> bool:
    """A head the gazetteers write as one word (`Huyện ủy`, `Quốc hội`), found with its first
    letter in lower case and a later syllable capitalized, and no name or place after it
    (`huyện Uỷ huyện Phụng Hiệp` is the committee), is a slip (`đề nghị huyện Ủy chiều nay
    cách chức`); whose first syllable ends the word before it, it is no head whatever follows
    (`toàn quốc Hội luật gia Việt Nam`, `trở thành Ủy viên`). Neither is a head whose own
    later words are capitalized (`cơ quan Cảnh sát điều tra`)."""
    text = match.text
    if not text[:1].islower() or text[1:].islower():
        return False
    head = lexicon.bodies.heads_by_lower.get(text.lower())
    if head is None or not head[1:].islower():
        return False
    before = match.sentence.text[: match.start].rstrip()
    previous = _PUNCTUATION.sub("", before.rsplit(" ", 1)[-1]).lower() if before else ""
    ends_a_word = f"{previous} {text.split()[0].lower()}" in lexicon.bodies.words
    return ends_a_word or not (scanned.named or scanned.place_level or scanned.place)


def _in_a_deputy_title(match: Match) -> bool:
    """`đại biểu Quốc hội`: the title of a deputy, not the legislature (GUIDE.md Round 3)."""
    return match.sentence.text[max(0, match.start - 10) : match.start].lower().endswith("biểu ")


def _used_as_verb(match: Match, scanned: OrgName, lexicon: Lexicon) -> bool:
    """`Tổ chức` in lower case, after `Ban`, or before an event's name (`Tổ chức Hội nghị`)."""
    text = match.sentence.text
    if not match.text[:1].isupper():
        return True
    previous = text[: match.start].rstrip().rsplit(" ", 1)[-1].lower()
    if f"{previous} {match.text.lower()}" in lexicon.bodies.heads_by_lower:
        return True  # `ban tổ chức`
    tokens = org_names.tokens_after(text, match.end, lexicon)
    return bool(org_names.starts_with(tokens, 0, lexicon.bodies.event_openings))


def not_a_body(name: str, lexicon: Lexicon) -> bool:
    """A place, a venue or a document named like a body (rules/gazetteers/not_organizations.txt,
    not_organization_openings.txt), also where only lower-case words follow it: they describe
    a kind of body, not one body (`trường THPT ngoài công lập`, `trường ĐH nước ngoài`,
    `tổng công ty Nhà nước xây dựng kế hoạch`), or the sentence goes on after a place or a
    person (`Trường Giang bên nhau`)."""
    bodies = lexicon.bodies
    if name in bodies.not_organizations or opens_with(name, bodies.not_openings):
        return True
    words = name.split(" ")
    kept = len(words)
    while kept > 1 and words[kept - 1][:1].islower():
        kept -= 1  # the kind may itself end in lower case (`Trường Trung học phổ thông`)
        if " ".join(words[:kept]) in bodies.not_organizations:
            return True
    return False


def _after_a_title(match: Match, lexicon: Lexicon) -> bool:
    """`Phó Vụ trưởng vụ Đào tạo`: a title written with the head comes right before it."""
    return _cue_before(lexicon.bodies.after_title, match.sentence.text, match.start)


_CREDIT_BEFORE = regex.compile(r"(?r)(\p{L}+):\s*$")


def _photographer_credit(text: str, start: int, written: str, lexicon: Lexicon) -> bool:
    """A name all in capitals right after a photo credit that reads as a person's: two words
    with no abbreviation (`Ảnh: TRƯỜNG TRUNG`, not `Ảnh: SỞ GTVT`) or a surname first (`Ảnh:
    ĐOÀN NHẠN`, not `Ảnh: BỘ CÔNG AN`): bylines and photo credits name people, not bodies
    (annotation decisions)."""
    words = written.split()
    if len(words) < 2 or not written.isupper():
        return False
    credit = _CREDIT_BEFORE.search(text, 0, start)
    if credit is None or credit.group(1).capitalize() not in lexicon.bodies.credit_words:
        return False
    if words[0].capitalize() in lexicon.names.surnames:
        return True
    return len(words) == 2 and lexicon.bodies.expand(written) == written


_LEGAL_FORM_SPACES = regex.compile(r"\s+")


def _legal_form_only(name: str, head: str, lexicon: Lexicon) -> bool:
    """`Công ty TNHH Một thành viên`, `Công ty cổ phần`: a legal form and no company's name."""
    rest = name[len(head) :].strip()
    entry = lexicon.bodies.heads.get(head)
    if not rest or entry is None or entry.type != "enterprise":
        return False
    for form in lexicon.bodies.legal_forms_longest_first:
        rest = rest.replace(form, " ")
    return not _LEGAL_FORM_SPACES.sub("", rest)


#: a document's number before the name (`QĐ-UBND`, `840/VEC`, `Quyết định 608/QĐ – VEC`)
_CODE_BEFORE = regex.compile(r"(?:\p{L}[-/]|\d/|\d/\p{Lu}[\p{Lu}\p{N}&]*\s*[-–]\s*)$")


def _generic_use(match: Match, scanned: OrgName, lexicon: Lexicon) -> str | None:
    """`UBND cấp tỉnh`, `HĐND các cấp`, `UBND các quận`, `UBND xã, phường`: a kind of body, not
    a body;
    `QĐ-UBND`: the issuer's code in a document's number."""
    text = match.sentence.text
    if _CODE_BEFORE.search(text[: match.start]):
        return "in-a-code"
    if scanned.place_level and not scanned.place:
        # `HĐND quận, phường`, `Chủ tịch UBND tỉnh và tương đương`: bodies of every such level
        # (not `HĐND TP, thành phố sẽ …`: the same level again is the city)
        other = lexicon.bodies.levels_after.match(text, scanned.end)
        if other is None or _same_level_word(other.group("level"), scanned.place_level, lexicon):
            return None
        return "a-kind-of-body"
    if scanned.named or scanned.place:
        return None
    return "a-kind-of-body" if lexicon.bodies.kind_after.match(text, scanned.end) else None


#: a bracket opening with a capital right after a name: its acronym or brand (`(Vinamilk)`)
_ACRONYM_AFTER = regex.compile(r"\s*\(\s*\p{Lu}")


def _a_kind_of_a_country(
    match: Match, scanned: OrgName, entry: Head | None, lexicon: Lexicon
) -> bool:
    """`một công ty đường sắt Nhật Bản`, `công ty xây dựng quốc doanh Trung Quốc`, `tập đoàn
    viễn thông Trung Quốc`: a firm's head (not a unit's, as a plant's) written in lower case,
    then only lower-case words of its trade and a country, describes a kind of business of that
    country, none named (annotation guide: a body is named); a province's or a district's
    after a State body's head names its one office (`phòng giáo dục huyện Bình Sơn`), a
    country's does not. The nation's one body keeps its scope or its level word (`tập đoàn dầu
    khí quốc gia Venezuela`, `ngân hàng trung ương Hàn Quốc`: name_level_words.txt,
    national_scope_words.txt), a registered name its legal form (`công ty cổ phần sữa Việt Nam
    (Vinamilk)`: legal_form_spellings.yml)."""
    # a firm's head, not a unit's: `nhà máy sữa Việt Nam` is the one plant of that name
    if entry is None or entry.type != "enterprise" or entry.level == "unit":
        return False
    if not match.text[:1].islower():
        return False
    place = scanned.place
    if scanned.place_level or place is None or place not in lexicon.places.countries:
        return False
    if not scanned.lower_words:
        return False
    text = match.sentence.text
    description = text[match.end : scanned.end - len(place)]
    words = description.split()
    if not words or any(not word.islower() for word in words):
        return False
    bodies = lexicon.bodies
    if bodies.legal_form_spelled.search(description) or _ACRONYM_AFTER.match(text, scanned.end):
        # `công ty cổ phần sữa Việt Nam (Vinamilk)`: a registered name, or one its acronym
        # or brand in brackets names
        return False
    return not any(
        bodies.national_scope_words.starts(words[i:]) or bodies.level_words.starts(words[i:])
        for i in range(len(words))
    )


def _a_kind_after_plural(match: Match, scanned: OrgName, lexicon: Lexicon) -> bool:
    """`các sở GD-ĐT địa phương`, `các phòng nghiệp vụ Công an TP. HCM`, `những tổng công ty
    90`, `Liên hiệp các hội Khoa học và Kỹ thuật tỉnh`: a body after a plural marker that
    lists nothing is a kind of body, every one of them (annotation guide: `các sở, ngành` is no
    name), or part of a longer name. A list after it names bodies, one row each: an item that
    starts with a capital or a number (`các sở Tư pháp, Xây dựng`, `các phòng công chứng 1, 2,
    3`), with the head again (`các sở Tài nguyên và Môi trường, sở Xây dựng`) or with another
    place (`các phòng GD-ĐT thị xã Gia Nghĩa và huyện Tuy Đức`), also after a parenthesis
    (`các trường ĐH Bách khoa (ĐH Quốc gia TP. HCM), ĐH Bách khoa Hà Nội`)."""
    bodies, text = lexicon.bodies, match.sentence.text
    if not bodies.plural_before.search(text, 0, match.start):
        return False
    if not scanned.named and bodies.list_colon.match(text, match.end):
        return False  # `các Sở: Xây dựng, …`: a list after a colon (bodies_after_a_colon)
    aside = _ASIDE.match(text, scanned.end)
    end = aside.end() if aside else scanned.end
    glue = bodies.list_glue.match(text, end)
    if glue is None or glue.end() == end or glue.end() >= len(text):
        return True
    item = text[glue.end() :]
    if item[0].isupper() or item[0].isdigit() or item.lower().startswith(f"{match.text.lower()} "):
        return False
    return not any(item.startswith(f"{level} ") for level in lexicon.places.level_words)


def _without_every_place(match: Match, scanned: OrgName, lexicon: Lexicon) -> OrgName:
    """`các Cục Thuế địa phương`, `các sở GD-ĐT khu vực miền núi phía Bắc`: after a plural
    marker, words that only say "every place" end the name; they name no place of it
    (GUIDE.md Round 7: `Sở Lao động 63 tỉnh thành` is one row by its standard name)."""
    bodies, text = lexicon.bodies, match.sentence.text
    if not bodies.plural_before.search(text, 0, match.start):
        return scanned
    every = bodies.every_place.search(text, match.end, scanned.end)
    if every is None:
        return scanned
    return dataclasses.replace(scanned, end=every.start(), place_level=None, place=None)


def _every_place_department(match: Match, scanned: OrgName, name: str, lexicon: Lexicon) -> bool:
    """`các sở GD-ĐT`, `các Cục Quản lý thị trường địa phương`, `các Sở Nông nghiệp`: a State
    department named by its sector's proper name after a plural marker means that department
    of every province, one row by its standard name with no place (GUIDE.md Round 7). Not a
    kind written in lower case (`các phòng nghiệp vụ Công an TP. HCM`), one of a place or of
    a parent (`các cục Nghiệp vụ bộ Công an`, `các bộ Thông tin và truyền thông của 10 nước
    ASEAN`), two sectors joined by `và` that are no one standard sector (`các bộ Tài chính và
    Xây dựng`: two ministries), a name going on after `và` (`các bộ Cơ sở hạ tầng và quản lý
    nước`), nor a body of another type or a board (`Liên hiệp các hội Khoa
    học và Kỹ thuật tỉnh`: part of a longer name; `các Ban HĐND`)."""
    bodies = lexicon.bodies
    head, entry = bodies.head_of(name)
    if not (entry and entry.type == "state" and entry.level and not entry.alone):
        return False
    if not scanned.named or scanned.place_level or scanned.place:
        return False
    words = match.sentence.text[match.end : scanned.end].split()
    if not words or not words[0][:1].isupper():
        return False  # `các phòng nghiệp vụ`: a kind in lower case
    parent = any(
        word.lower() in bodies.heads_by_lower and following[:1].isupper()
        for word, following in itertools.pairwise(words)
    )
    sector = name[len(head) + 1 :]
    joined = f" {bodies.and_word} " in sector and sector not in _standard_sectors(lexicon)
    # `các bộ Cơ sở hạ tầng và quản lý nước`: the name goes on in lower case past the scan
    glue = bodies.list_glue.match(match.sentence.text, scanned.end)
    goes_on = glue is not None and bodies.and_word in glue.group()
    return not (
        parent or joined or goes_on or bodies.parent_of.match(match.sentence.text, scanned.end)
    )


@functools.lru_cache(maxsize=4)
def _standard_sectors(lexicon: Lexicon) -> frozenset[str]:
    """The sectors' standard names the gazetteers complete or respell to (`Giáo dục và Đào
    tạo`)."""
    bodies = lexicon.bodies
    return frozenset((*bodies.short_sectors.values(), *bodies.sector_spellings.values()))


def _same_level_word(first: str | None, second: str | None, lexicon: Lexicon) -> bool:
    """`TP` and `thành phố` are one place word (`HĐND TP, thành phố sẽ …`)."""
    return bool(first and second) and {(first or "").lower(), (second or "").lower()} <= {
        "tp",
        lexicon.places.city_word,
    }


def _inside_a_name(match: Match, lexicon: Lexicon) -> bool:
    """`Hồ Trường Huấn`: a head word right after a capitalized syllable is inside a name."""
    before = match.sentence.text[: match.start]
    if not before.endswith(" "):
        return False
    words = before[:-1].rsplit(" ", 2)[-2:]
    if not words[-1][-1:].isalpha():
        return False
    places = lexicon.places
    if words[-1] in places.provinces.first_words:
        joined = f"{words[-1]} {match.text}"
        if any(p == joined or p.startswith(joined + " ") for p in places.provinces_longest_first):
            return True  # `cảng Hải Phòng nói riêng`: `Phòng` of a province's name
    surnames = lexicon.names.surnames
    return words[-1] in surnames or (
        len(words) == 2 and bool(TITLE_CASE_RE.match(words[-1])) and words[0] in surnames
    )


#: a parenthesis right after a name (`ĐH Bách khoa (ĐH Quốc gia TP. HCM)`)
_ASIDE = regex.compile(r"\s*\([^()]*\)")

#: a number that ends a scanned name (`công ty 100`, `UBND tỉnh 30`)
_NUMBER_AT_END = regex.compile(r"(?<= )(\d+)$")
#: what goes on from a number as an amount: a percent sign or a decimal (`100%`, `1,1 tỷ`)
_AMOUNT_GOES_ON = regex.compile(r"%|[.,]\d")


def _without_a_count(text: str, scanned: OrgName, lexicon: Lexicon) -> OrgName:
    """`công ty 100%`, `Công an tỉnh 500 triệu đồng`, `UBND tỉnh 30 tấn gạo`, `công an thành
    phố 2 vụ việc`: a number the sentence goes on from as an amount or a count is not part of
    the name: one a percent sign, a decimal or a scale word follows (scale_words.yml), or a
    bare number after a place word that does not number its places (only `Quận 9`, `Phường
    5` do: numbered_place_words.txt, and hamlets, `ấp 6`)."""
    number = _NUMBER_AT_END.search(text, scanned.start, scanned.end)
    if number is None:
        return scanned
    after = text[scanned.end : scanned.end + 12]
    amount = bool(_AMOUNT_GOES_ON.match(after)) or bool(
        after[:1] == " " and lexicon.money.scale.match(after, 1)
    )
    before = text[scanned.start : number.start()].rstrip()
    places = lexicon.places
    counted = any(
        before.endswith(" " + word)
        and places.levels[word] != "unit"  # `Chi bộ ấp 6`: hamlets are numbered
        and not places.numbered_level.search(" " + word.capitalize())
        for word in places.local_level_words
    )
    if not (amount or counted):
        return scanned
    end = len(text[: number.start()].rstrip())
    place = None if scanned.place == number.group() else scanned.place
    return dataclasses.replace(scanned, end=end, place=place)


def official_sector_names(name: str, lexicon: Lexicon) -> str:
    """`Sở Kế hoạch đầu tư` → `Sở Kế hoạch và Đầu tư` (rules/gazetteers/sector_spellings.yml)."""
    bodies = lexicon.bodies
    found = bodies.sector_spelling.search(name)
    if found is None:
        return name
    official = next(
        o for w, o in bodies.sector_spellings.items() if w.lower() == found.group().lower()
    )
    return name[: found.start()] + official + name[found.end() :]


def short_legal_form(name: str, lexicon: Lexicon) -> str:
    """`Công ty Trách nhiệm hữu hạn …` → `Công ty TNHH …` (GUIDE.md Round 7;
    rules/gazetteers/legal_form_spellings.yml)."""
    bodies = lexicon.bodies
    return bodies.legal_form_spelled.sub(lambda m: bodies.legal_form_short[m.group().lower()], name)


def _credited_paper(
    name: str, head: str, match: Match, scanned: OrgName, lexicon: Lexicon
) -> tuple[str, OrgName]:
    """A paper named after `Báo` ends with its name (news_outlets.yml): what follows is the
    reporter's name (`báo Tuổi Trẻ Lê Thế Chữ`); the paper is listed under its own name, a
    foreign one kept as written, with `Báo` (`báo Korea Times` → `Báo Korea Times`)."""
    written = match.sentence.text[match.end : scanned.end].strip()
    known = [w for w in lexicon.bodies.outlets if written == w or written.startswith(w + " ")]
    if not known:
        return name, scanned
    longest = max(known, key=len)
    end = match.sentence.text.index(longest, match.end) + len(longest)
    listed = lexicon.bodies.outlets[longest].name
    if listed == longest:  # a foreign paper, kept as written: `báo Korea Times` (GUIDE Round 7)
        listed = f"{head} {listed}"
    return listed, dataclasses.replace(scanned, end=end)


def _committee_of_level(name: str, head: str, lexicon: Lexicon) -> str:
    """`Ban thường vụ huyện` → `Ban Thường vụ Huyện ủy`, `Ban Thường vụ huyện Sóc Sơn` → `Ban
    Thường vụ Huyện ủy Sóc Sơn`: a committee's board with a bare place word for its committee
    (rules/gazetteers/boards_of_level_committees.yml); not `Ban Thường vụ tỉnh hội`, nor
    `Ban thường vụ huyện uỷ`."""
    committees = lexicon.bodies.level_committees.get(head)
    if not committees or not name.startswith(head + " "):
        return name
    rest = name[len(head) + 1 :]
    for level, committee in committees.items():
        after = rest[len(level) + 1 :] if rest.startswith(level + " ") else None
        if rest == level or (after and (after[:1].isupper() or after[:1].isdigit())):
            return f"{head} {committee}" + (f" {after}" if after else "")
    return name


def standard_sector(name: str, head: str, scanned: OrgName, lexicon: Lexicon) -> str:
    """`Bộ Giáo dục` → `Bộ Giáo dục và Đào tạo`, `Sở Giáo dục Hà Nội` → `Sở Giáo dục và Đào tạo
    Hà Nội`: a State department's sector written short (rules/gazetteers/short_sector_names.yml),
    not another country's."""
    entry = lexicon.bodies.heads.get(head)
    if entry is None or entry.type != "state" or not name.startswith(head + " "):
        return name
    # a head's own short sectors (`Bộ Văn hóa`, a ministry's only), then, for a ministry or a
    # department, the ones they share; `Phòng Nông nghiệp huyện Quế Sơn` keeps its wording
    own = lexicon.bodies.office_short_sectors.get(head, {})
    shared = lexicon.bodies.short_sectors if head in lexicon.bodies.sector_heads else {}
    if not own and not shared:
        return name
    if scanned.place in lexicon.places.countries and scanned.place != lexicon.places.home_country:
        return name  # `Bộ Nông nghiệp Mỹ`: another country's ministry has its own name
    rest = name[len(head) + 1 :]
    place = " ".join(p for p in (scanned.place_level, scanned.place) if p)
    placed = place and rest.casefold().endswith(" " + place.casefold())
    sector = rest[: -len(place) - 1] if placed else rest  # `phòng giáo dục Thị xã Cửa Lò`
    titled = sector[:1].upper() + sector[1:]
    standard = own.get(titled) or shared.get(sector) or shared.get(titled)
    return name.replace(sector, standard, 1) if standard else name


def _inside_a_word(match: Match, lexicon: Lexicon) -> bool:
    """`Ban thường vụ Tỉnh ủy`, `cơ sở Đảng`, `đại hội Đảng`: a lower-case head that ends a
    word (`thường vụ`, `cơ sở`) is not a head."""
    if not match.text[:1].islower() or " " in match.text:
        return False
    before = match.sentence.text[: match.start].rstrip()
    previous = _PUNCTUATION.sub("", before.rsplit(" ", 1)[-1]).lower() if before else ""
    if _after_a_title(match, lexicon) or after_a_post(match.sentence.text, match.start, lexicon):
        # `trưởng ban Tuyên giáo trung ương`, `phó phòng giáo dục huyện Quảng Trạch`: the
        # title's body follows it; not in `Trưởng ban Ban Tuyên giáo`, where the body's own
        # head follows
        head = match.text[:1].upper() + match.text[1:]
        title = lexicon.titles.title.match(match.sentence.text, len(before) - len(previous))
        if title is not None and title.end() > match.end:
            return True  # `Phó trưởng ban Thường trực Ban Chỉ đạo thi`: the title goes on
        return match.sentence.text.startswith(head, match.end + 1)
    return f"{previous} {match.text.split()[0].lower()}" in lexicon.bodies.words


def _after_a_place_word(match: Match, lexicon: Lexicon) -> bool:
    """`khu phố Hội Phú`, `đường Trường Chinh`; not `yêu cầu Sở Xây dựng`."""
    words = match.sentence.text[: match.start].rsplit(None, 2)[-2:]
    if not words or words[-1] not in lexicon.places.place_words:
        return False
    return " ".join(words).lower() not in lexicon.places.not_place_words


def _is_delegation(match: Match, name: str, head: str, lexicon: Lexicon) -> bool:
    """`đoàn UBND TP. HCM`: a delegation of a body, not a body (its body is found on its own);
    `Đoàn Sở Tài nguyên` capitalized inside a sentence is the body's Youth Union."""
    if head != lexicon.bodies.delegation_head:
        return False
    if match.text[:1].isupper() and match.sentence.text[: match.start].strip():
        return False
    inner, _ = lexicon.bodies.head_of(name[len(head) :].strip())
    return bool(inner)


def _proper_name_missing(match: Match, end: int, lexicon: Lexicon) -> str | None:
    """Why a head that names a body only with a proper name after it (org_heads.yml, `proper:
    true`: `đảng Dân chủ`) names none here: no capitalized word that opens no other body's
    head, no place and no title follows it (`Đại hội Đảng toàn quốc`, `Ban cán sự đảng Bộ
    Giao thông Vận tải`, `Đảng TP HCM`)."""
    bodies, text = lexicon.bodies, match.sentence.text
    entry = bodies.head_entry(match.text)
    if entry is None or not entry.proper:
        return None
    after = _NEXT_WORD.match(text, match.end, end)
    if after is None or not after.group(1)[:1].isupper():
        return "no-proper-name"
    if after.group(1) in bodies.outlets:
        return "a-dateline"  # `… Đảng. TTO - Các …`: a paper's dateline after the sentence
    if head_at(text, after.start(1), lexicon) is not None:
        return "another-body"
    word = after.group(1)
    if word in lexicon.places.level_words or word.startswith(lexicon.places.abbreviations):
        return "a-place"  # `Đảng TP HCM`: the city's Party organization, a `Đảng bộ`
    if lexicon.titles.title.match(text, after.start(1)):
        return "a-title"  # `Bí thư Chi bộ đảng Trưởng ban`: the next post
    return None


#: the word right after a position
_NEXT_WORD = regex.compile(r"\s+(\S+)")


@normalizer("organizations.phrase", kinds=("phrases", "regex"), gazetteers=org_names.GAZETTEERS)
def named_body(match: Match, lexicon: Lexicon) -> dict[str, Any] | list[Found] | Reject:
    """A body from a phrase list, named in full (Bộ Chính trị, Quốc hội), or going on with
    another country's party (`Ban Chấp hành Trung ương Đảng Cộng sản Trung Quốc`)."""
    if _in_a_deputy_title(match):
        return Reject("a-title")  # `Đại biểu Quốc hội` is a post; its body is the Đoàn
    if _cue_before(lexicon.bodies.law_or_honour, match.sentence.text, match.start):
        return Reject("a-law-or-honour")  # `Luật Tổ chức Quốc hội`
    name = lexicon.bodies.expand(match.text)
    head, _ = lexicon.bodies.head_of(name)
    name = head + name[len(head) :]  # `Kiểm toán nhà nước khu vực III`: the head as listed
    name = lexicon.bodies.full_names.get(name, name)
    party_head = lexicon.bodies.party_head
    party = party_at(match.sentence.text, match.end - len(party_head), lexicon)
    if (
        match.text.endswith(f" {party_head}")
        and name.endswith(f" {party_head}")
        and party is not None
    ):
        # `Ban Chấp hành Trung ương Đảng Cộng sản Trung Quốc`: another country's party
        written = match.sentence.text[party.start : party.end]
        name = name.removesuffix(party_head) + lexicon.bodies.expand(written)
        values = {
            "name": name,
            "abbreviation": None,
            **describe(name, None, party.place, lexicon),
            "level": "central",
        }
        return [Found(match.start, party.end, values)]
    return {"name": name, "abbreviation": None, **describe(name, None, None, lexicon)}


@normalizer("organizations.title_head", groups=("title",), gazetteers=org_names.GAZETTEERS)
def body_of_title(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`Vụ trưởng Pháp chế` → `Vụ Pháp chế`: the title's head word and the name after it."""
    text, bodies = match.sentence.text, lexicon.bodies
    name_start = match.end + 1
    if _names_a_body(text, name_start, lexicon):
        return Reject("body-named-in-full")  # `Bộ trưởng Bộ Tài chính`: the head rule's
    scanned = scan_name(text, match.start, match.end, lexicon)
    if not scanned.named or len(text[name_start : scanned.end].split()) < 2:
        return Reject("no-name")  # `Bộ trưởng Nguyễn Văn Thể`, `Bộ trưởng Dũng`
    if lexicon.names.is_foreign(text[name_start : scanned.end]):
        return Reject("a-person")  # `Bộ trưởng James Mattis`
    holder = foreign_holder_start(text, name_start, scanned.end, lexicon, right_after=False)
    holder = holder or holder_after_sector(text, name_start, scanned.end, lexicon)
    holder = holder or family_name_after_sector(text, name_start, scanned.end, lexicon)
    if holder is not None:  # `Bộ trưởng Quốc phòng James Mattis`: the minister's name
        scanned = dataclasses.replace(scanned, end=len(text[:holder].rstrip()))
    title = match.group("title") or ""
    # `Thứ trưởng Xây dựng` → `Bộ Xây dựng` (title_head_words.yml); `Vụ trưởng …` → `Vụ …`
    head = next(
        (h for t, h in lexicon.titles.head_words.items() if t.lower() == title.lower()),
        title.rsplit(" ", 1)[0],
    )
    head = bodies.heads_by_lower.get(head.lower(), head)
    name = official_sector_names(f"{head} {bodies.expand(text[name_start : scanned.end])}", lexicon)
    name = standard_sector(name, head, scanned, lexicon)  # `Bộ Giao thông` → `… Vận tải`
    values = {"name": name, "abbreviation": None, **describe(name, None, scanned.place, lexicon)}
    return [Found(match.start, scanned.end, values)]


@normalizer(
    "organizations.ministry_lower", groups=("sector", "country"), gazetteers=org_names.GAZETTEERS
)
def ministry_in_lower_case(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`Bộ trưởng quốc phòng Hàn Quốc` → `Bộ Quốc phòng Hàn Quốc`, `Bộ ngoại giao Pháp` → `Bộ
    Ngoại giao Pháp`: a ministry abroad that foreign news writes in lower case between its
    minister's title (or `Bộ`) and its country is named as the capitalized ministry is (GUIDE.md:
    a ministry named in a title by its distinctive word is listed; a foreign body takes its
    country); Việt Nam's own ministries go without the country."""
    sector, country = match.group("sector") or "", match.group("country") or ""
    name = f"{lexicon.titles.ministry_head} {sector[:1].upper()}{sector[1:]}"
    place = None if country == lexicon.places.home_country else country
    if place:
        name = f"{name} {place}"
    values = {"name": name, "abbreviation": None, **describe(name, None, place, lexicon)}
    return [Found(match.start, match.end, values)]


def _names_a_body(text: str, position: int, lexicon: Lexicon) -> bool:
    """Whether a body's name starts at `position` (`Bộ Tài chính`, `Tổng cục V`), not a head
    that is also an ordinary word and names nothing there (`Tổ chức` in `Vụ trưởng Tổ chức cán
    bộ`), nor a head that needs a name or a place and has none (`Công an` in `Bộ trưởng Công
    an`: the ministry's sector)."""
    bodies = lexicon.bodies
    head_end = head_at(text, position, lexicon)
    if head_end is None:
        return False
    head = text[position:head_end]
    entry = bodies.heads.get(bodies.heads_by_lower.get(head.lower(), head))
    if entry is None:
        return True
    scanned = scan_name(text, position, head_end, lexicon)
    if entry.verb:
        return scanned.named
    described = scanned.description_end is not None  # `Cục quản lý chất thải …`
    # a lower-case word after the head that is not a word with it goes on the body's name
    # (`Vụ trưởng Vụ đổi mới doanh nghiệp`), as does a title (`Bộ trưởng Bộ trưởng Bộ …`);
    # a word with it is the sector's (`Thứ trưởng Khoa học và Công nghệ`)
    after = _LOWER_WORD_AFTER.match(text, head_end)
    pair = f"{head} {after.group(1)}".lower() if after else ""
    in_a_word = bool(after) and (pair not in bodies.words or pair in lexicon.titles.by_lower)
    return (
        entry.alone
        or described
        or in_a_word
        or bool(scanned.named or scanned.place or scanned.place_level)
    )


_LOWER_WORD_AFTER = regex.compile(r"\s+(\p{Ll}+)")


@normalizer("organizations.known", kinds=("regex", "phrases"), gazetteers=org_names.GAZETTEERS)
def known_body(match: Match, lexicon: Lexicon) -> dict[str, Any] | list[Found] | Reject:
    """A brand (`BIDV`, `Grab`) or an international body (`UNESCO`, `Khmer Đỏ`) named alone,
    listed as written."""
    text, bodies = match.sentence.text, lexicon.bodies
    if _CODE_BEFORE.search(text[: match.start]) or _CODE_AFTER.match(text, match.end):
        return Reject("in-a-code")  # `Nghị định 15/NĐ-CP`, `EVN-SPC` read as one word
    if match.text in bodies.brands:
        place_end = _place_after(text, match.end, lexicon)
        if place_end is not None:
            if _names_a_venue(match, place_end, lexicon):
                return Reject("a-venue")  # `dự án FLC Quảng Bình`, the club `FLC Thanh Hóa`
            # `Formosa Hà Tĩnh`, `HSBC Việt Nam`: the brand's business there, named as written
            # (GUIDE.md Round 6: the group's brand gets no row of its own)
            name = " ".join(text[match.start : place_end].split())
            return [Found(match.start, place_end, business(name))]
    if _CAPITAL_AFTER.match(text, match.end) and not (
        match.text not in bodies.brands and title_right_before(text, match.start, lexicon)
    ):
        # `EVN SPC`, `Toyota Avalon`, `Becamex VSIP`; but after a title the capital opens its
        # holder's name (`Tổng thư ký NATO Jens Stoltenberg`)
        return Reject("part-of-a-name")
    if bodies.project_cue.search(text[: match.start]):
        return Reject("a-project")  # `dự án Formosa`: the project, not the business
    if bodies.region_cue.search(text[: match.start]):
        return Reject("a-region")  # `các nước ASEAN`, `thị trường EU`
    name = bodies.full_names.get(match.text, match.text)
    kind = "enterprise" if match.text in bodies.brands else "other"
    return {"name": name, "abbreviation": None, "org_type": kind, "level": None, "location": None}


def _place_after(text: str, end: int, lexicon: Lexicon) -> int | None:
    """Where a province, or Vietnam, written right after a brand ends (`EVN Hà Nội`, `EVN Hà
    Nội Nguyễn Anh Tuấn`: the place, then a person's name); None when none is."""
    words: list[tuple[str, int]] = []
    while len(words) < _PLACE_WORDS:
        word = _CAPITALIZED_WORD.match(text, words[-1][1] if words else end)
        if word is None:
            break
        words.append((word.group(1), word.end()))
    for count in range(len(words), 0, -1):
        place = " ".join(w for w, _ in words[:count])
        if place in lexicon.places.provinces or place == lexicon.places.home_country:
            return words[count - 1][1]
    return None


def _names_a_venue(match: Match, place_end: int, lexicon: Lexicon) -> bool:
    """Whether a brand and its province name a project (`dự án Formosa Hà Tĩnh`) or a venue or
    club (`FLC Quảng Bình`: rules/gazetteers/venue_brands.txt) rather than a business."""
    bodies, text = lexicon.bodies, match.sentence.text
    if bodies.project_cue.search(text[: match.start]):
        return True
    home = lexicon.places.home_country
    return match.text in bodies.venue_brands and not text[:place_end].endswith(home)


_PUNCTUATION = regex.compile(r"^\p{P}+")
#: a capitalized word right after a position, and how many a place after a brand may have
_CAPITALIZED_WORD = regex.compile(r"\s+(\p{Lu}[\p{L}\p{M}]*)(?![\p{L}\p{N}])")
_PLACE_WORDS = 4
_CODE_AFTER = regex.compile(r"[-/]\p{L}")
_NUMBER_AFTER = regex.compile(r"\s+\d")
_CAPITAL_AFTER = regex.compile(r"\s+\p{Lu}")


@normalizer("organizations.press", groups=("outlet",), gazetteers=org_names.GAZETTEERS)
def credited_outlet(match: Match, lexicon: Lexicon) -> dict[str, Any] | Reject:
    """A paper, news site, agency or state portal credited in the text (`TTO`, `Theo
    VnExpress`, `Ảnh: REUTERS`) → the name it is listed under."""
    bodies = lexicon.bodies
    outlet = bodies.outlets.get(match.group("outlet") or "")
    if outlet is None:
        return Reject("not-an-outlet")
    credited = bodies.press_cue.search(match.sentence.text[: match.start]) or (
        bodies.reported_after.match(match.sentence.text, match.end)  # `AP dẫn lời`
    )
    if outlet.credited and not credited:
        return Reject("not-credited")  # `Thanh Niên` with no `Theo`, `báo`, `Ảnh:` before it
    if outlet.credited and _NUMBER_AFTER.match(match.sentence.text, match.end):
        return Reject("a-ranking")  # `theo mô hình của Fortune 500`
    return {"name": outlet.name, "abbreviation": None, **describe(outlet.name, None, None, lexicon)}


@normalizer("organizations.site", groups=("site", "domain"), gazetteers=org_names.GAZETTEERS)
def provincial_site(match: Match, lexicon: Lexicon) -> dict[str, Any] | Reject:
    """A province's portal or paper credited by its site, named after the province as
    provinces write them: `binhdinh.gov.vn` → `Cổng Thông tin điện tử tỉnh Bình Định`,
    `baoangiang.com.vn` → `Báo An Giang` (annotation decisions: a portal or a paper credited
    by its site is listed like a paper)."""
    places = lexicon.places
    site, domain = (match.group("site") or "").lower(), (match.group("domain") or "").lower()
    by_site = _province_by_site(lexicon)
    province = by_site.get(site) if domain == "gov" else None
    level: str | None = None
    if province is not None and province not in places.countries:
        level = places.city_word if province in places.cities else places.province_word
        name = f"{lexicon.bodies.province_portal_head} {level} {province}"
    elif site.startswith("bao") and site.removeprefix("bao") in by_site:
        province = by_site[site.removeprefix("bao")]
        name = f"{lexicon.bodies.paper_head} {province}"
    else:
        return Reject("not-a-provincial-site")
    return {"name": name, "abbreviation": None, **describe(name, level, province, lexicon)}


@functools.lru_cache(maxsize=4)
def _province_by_site(lexicon: Lexicon) -> dict[str, str]:
    """A province by its name as a site writes it (`binhdinh` → `Bình Định`)."""
    return {fold(province): province for province in lexicon.places.provinces}


def after_a_post(text: str, start: int, lexicon: Lexicon) -> bool:
    """`ông Phan Nguyễn Như Khuê (Phó đoàn đại biểu Quốc hội)`: a post written right before a
    body makes it the holder's own (of the article's province, when bare)."""
    return _cue_before(lexicon.bodies.after_post, text, start)
