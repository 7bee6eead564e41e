"""What a body's head word and a credited news outlet say (gazetteers org_heads and
news_outlets), and how an acronym is written beside a body's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import regex


@dataclass(frozen=True)
class Head:
    """What a head word (`Sở`, `Tỉnh ủy`) says of the bodies it opens (gazetteer org_heads)."""

    type: str
    level: str | None
    #: the head is a name by itself (`Tỉnh ủy`)
    alone: bool
    #: nothing after the head belongs to the name (`Quốc hội`), but a country (`Quốc hội Mỹ`)
    complete: bool
    #: the name may end with where the body sits: `Đại sứ quán Ấn Độ tại Việt Nam`
    located: bool = False
    #: the head is also a verb (`Tổ chức Hội nghị` holds a meeting)
    verb: bool = False
    #: every place has one: written in lower case before a place word it still names a body
    #: (`công an quận Hoàn Kiếm`, `thanh tra tỉnh`)
    placed: bool = False
    #: every country has one: written in lower case before a country it still names that
    #: country's body (`cảnh sát Hàn Quốc`, `quân đội Mỹ`; GUIDE.md Round 7)
    national: bool = False
    #: a place that acts as a body (`bến xe Miền Đông`, `Thảo cầm viên TP. HCM`): a body only
    #: right after a post or a representative (rules/gazetteers/place_body_cues.txt)
    place: bool = False
    #: the head names a body only with a proper name right after it (`đảng Dân chủ`), not
    #: alone, before a place word (`Đại hội Đảng toàn quốc`) or before another body's head
    proper: bool = False
    #: the head is also a line of work: after a person's or a thing's word (field_nouns.txt)
    #: it is the field, not the body (`sĩ quan tình báo Mỹ`, `máy bay tình báo Mỹ`)
    field: bool = False
    #: written in lower case before a name of another language or an acronym, the body is
    #: that name wherever the passage is (`đài NPR` → `NPR`, `đài truyền hình CBS` → `CBS`;
    #: GUIDE.md Round 8's own name of a foreign body after a lower-case kind)
    own_name: bool = False
    #: written in lower case, the head may be a room or an office, not a department (`phòng
    #: họp`, `phòng Bí thư`: rules/gazetteers/room_words.txt)
    room: bool = False
    #: written in lower case before one brand that already names the kind (an acronym, or a
    #: word built on this word of another language: `Vietcombank`, `TPBank`), the body is the
    #: brand alone wherever the passage is (`ngân hàng Vietcombank` → `Vietcombank`; GUIDE.md
    #: Round 13); a brand with no kind word of its own keeps the head (`công ty Kootoro`)
    brand: str | None = None
    #: a plant: named only as a place, a destination or an asset (after
    #: rules/gazetteers/plant_place_cues.txt) it is not listed (GUIDE.md Round 18)
    plant: bool = False


@dataclass(frozen=True)
class Outlet:
    """A paper, news site, agency or portal credited in the text (gazetteer news_outlets)."""

    name: str
    #: its name is also ordinary words: listed only after a credit word (`Theo Tuổi Trẻ`)
    credited: bool


#: an acronym in parentheses inside a body's name, before the rest of it (`(GTVT) TP HCM`)
ORG_ASIDE = regex.compile(r"\s*\(\s*\p{Lu}[\p{Lu}\p{N}&.\- ]{0,12}\)(?=\s+\S)")
#: a body's acronym in parentheses right after its name, wherever the sentence goes on
#: (`Trung tâm giáo dục thiên nhiên (ENV),`)
ORG_ACRONYM = regex.compile(r"\s*\(\p{Lu}[\p{Lu}\p{N}&\-]{1,11}\)")


def opening_head(name: str, heads: Mapping[str, Any]) -> str:
    """The longest head of org_heads.yml that opens a name (`Công ty` of `Công ty Cổ phần`)."""
    words = name.split(" ")
    return next(
        (
            " ".join(words[:count])
            for count in range(len(words), 0, -1)
            if " ".join(words[:count]) in heads
        ),
        "",
    )
