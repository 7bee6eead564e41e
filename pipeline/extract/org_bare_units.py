"""A unit written by its head alone at the end of a body's name, completed from the article.

`Ban Thường vụ Đảng uỷ Tập đoàn`, `Phó Bí thư Thường trực Đảng uỷ Bộ`, `Thanh tra Sở`,
`Chi bộ cơ quan Đảng uỷ Khối`: the bare unit (rules/gazetteers/bare_units.txt) is the one of
that head the article names in full, the nearest before the mention (else the first after):
`Đảng ủy Tập đoàn Hóa chất Việt Nam`, `Đảng ủy Bộ Công Thương`. In an article about two units
of one kind, each bare mention takes the one its passage is about (GUIDE.md, Round 7)."""

from __future__ import annotations

from pipeline.engine.contracts import Candidate
from pipeline.extract.lexicon import Lexicon

#: a unit's full name as the article writes it: where it is written, and its name's tail
_Named = tuple[tuple[int, int], str, str | None]


def complete_bare_units(candidates: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """Each name ending with a bare unit after a head takes that unit's full name from the
    article; a name with no such unit in the article stays as written."""
    bodies = lexicon.bodies
    bare: list[tuple[Candidate, str]] = []
    for cand in candidates:
        unit = _bare_unit(cand.values["name"], lexicon)
        if unit is not None:
            bare.append((cand, unit))
    if not bare:
        return candidates
    named: dict[str, list[_Named]] = {}
    for cand in candidates:
        name = cand.values["name"]
        for unit in bodies.bare_units:
            tail = _tail_after(name, unit, lexicon)
            if tail is not None:
                where = (cand.sentence.index, cand.start)
                named.setdefault(unit.casefold(), []).append(
                    (where, tail, cand.values.get("location"))
                )
    for cand, unit in bare:
        known = named.get(unit.casefold())
        if not known:
            continue
        where = (cand.sentence.index, cand.start)
        before = [k for k in known if k[0] <= where]
        _, tail, location = max(before) if before else min(known)
        values = {**cand.values, "name": cand.values["name"] + tail}
        if location and location in tail and not values.get("location"):
            values["location"] = location
        cand.values = values
    return candidates


def _bare_unit(name: str, lexicon: Lexicon) -> str | None:
    """The bare unit that ends `name` right after another head (`Đảng ủy` + `Tập đoàn`)."""
    bodies = lexicon.bodies
    for unit in bodies.bare_units:
        if not name.endswith(" " + unit):
            continue
        words = name[: -len(unit) - 1].lower().split(" ")
        for count in range(min(len(words), bodies.most_head_words), 0, -1):
            if " ".join(words[-count:]) in bodies.heads_by_lower:
                return unit
        return None
    return None


def _tail_after(name: str, unit: str, lexicon: Lexicon) -> str | None:
    """What follows `unit` in `name` when that names the unit in full (` Hóa chất Việt Nam` of
    `Tập đoàn Hóa chất Việt Nam`); none where the words make another head (`Bộ Chỉ huy`,
    `Bộ Chính trị`) or the unit is bare there too."""
    position = -1
    while True:
        position = name.find(unit + " ", position + 1)
        if position < 0:
            return None
        if position == 0 or name[position - 1] == " ":
            break
    full = name[position:]
    first = full[len(unit) + 1 :].split(" ", 1)[0]
    bodies = lexicon.bodies
    if first in bodies.function_words and first not in bodies.plural_markers:
        # `Tập đoàn cùng Công đoàn …`, `Quân khu và một số đơn vị`: no name (but `Khối các cơ
        # quan Trung ương`)
        return None
    head, entry = bodies.head_of(full)
    if head.casefold() not in ("", unit.casefold()) or (entry is not None and entry.complete):
        return None
    return full[len(unit) :]
