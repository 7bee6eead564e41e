"""A unit written by its head alone at the end of a body's name, completed from the article.

`Ban Thường vụ Đảng uỷ Tập đoàn`, `Phó Bí thư Thường trực Đảng uỷ Bộ`, `Thanh tra Sở`,
`Chi bộ cơ quan Đảng uỷ Khối`: the bare unit (rules/gazetteers/bare_units.txt) is the one of
that head the article names in full, the nearest before the mention (else the first after):
`Đảng ủy Tập đoàn Hóa chất Việt Nam`, `Đảng ủy Bộ Công Thương`. In an article about two units
of one kind, each bare mention takes the one its passage is about (GUIDE.md, Round 7). A bare
Party committee (`Ban Thường vụ Đảng ủy`, `UBKT Đảng ủy`) is rather the one of the unit the
passage is about, which every unit has (`Tại Sở Tài nguyên và Môi trường, Đảng ủy và UBKT Đảng
ủy …`): it is completed only where the article names that same body in full (`Ban Thường vụ
Đảng ủy Tập đoàn Hóa chất Việt Nam`), and a name completed with one that is itself bare (`…
Đảng ủy Tập đoàn`) is completed again."""

from __future__ import annotations

from pipeline.engine.contracts import Candidate
from pipeline.extract.lexicon import Lexicon

#: a unit's full name as the article writes it: where it is written, and its name's tail
_Named = tuple[tuple[int, int], str, str | None]


def complete_bare_units(candidates: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """Each name ending with a bare unit after a head takes that unit's full name from the
    article; a name with no such unit in the article stays as written. A name completed with a
    bare one (`Ban Thường vụ Đảng ủy` + ` Tập đoàn`) takes the full name in a second pass."""
    for _ in range(_PASSES):
        if not _complete_once(candidates, lexicon):
            break
    return candidates


#: `Ban Thường vụ Đảng ủy` → `… Đảng ủy Tập đoàn` → `… Tập đoàn Hóa chất Việt Nam`
_PASSES = 2


def _complete_once(candidates: list[Candidate], lexicon: Lexicon) -> bool:
    """One pass of `complete_bare_units`; whether it completed any name."""
    bodies = lexicon.bodies
    bare: list[tuple[Candidate, str]] = []
    for cand in candidates:
        unit = _bare_unit(cand.values["name"], lexicon)
        if unit is not None:
            bare.append((cand, unit))
    if not bare:
        return False
    shorter_names = {cand.values["name"] for cand, unit in bare if _own_committee(unit, lexicon)}
    named: dict[str, list[_Named]] = {}
    in_full: dict[str, list[_Named]] = {}
    for cand in candidates:
        name = cand.values["name"]
        where = (cand.sentence.index, cand.start)
        for shorter in shorter_names:
            tail = _same_body_in_full(name, shorter, lexicon)
            if tail is not None:
                in_full.setdefault(shorter, []).append((where, tail, cand.values.get("location")))
        for unit in bodies.bare_units:
            tail = _tail_after(name, unit, lexicon)
            if tail is not None:
                named.setdefault(unit.casefold(), []).append(
                    (where, tail, cand.values.get("location"))
                )
    completed = False
    for cand, unit in bare:
        known = (
            in_full.get(cand.values["name"])
            if _own_committee(unit, lexicon)
            else named.get(unit.casefold())
        )
        if not known:
            continue
        where = (cand.sentence.index, cand.start)
        before = [k for k in known if k[0] <= where]
        _, tail, location = max(before) if before else min(known)
        values = {**cand.values, "name": cand.values["name"] + tail}
        if location and location in tail and not values.get("location"):
            values["location"] = location
        cand.values = values
        completed = True
    return completed


def _own_committee(unit: str, lexicon: Lexicon) -> bool:
    """Whether `unit` is a Party committee (org_heads.yml), the one of whatever unit the passage
    is about."""
    entry = lexicon.bodies.heads.get(unit)
    return entry is not None and entry.type == "party"


def _same_body_in_full(name: str, shorter: str, lexicon: Lexicon) -> str | None:
    """What `name` adds to the bare `shorter` when it is that body in full (` Tập đoàn Hóa chất
    Việt Nam` of `Ban Thường vụ Đảng ủy Tập đoàn Hóa chất Việt Nam`); none where it is bare too
    or goes on with a function word (`Ban Thường vụ Đảng ủy các nhiệm kỳ`)."""
    if not name.startswith(shorter + " ") or _bare_unit(name, lexicon) is not None:
        return None
    tail = name[len(shorter) :]
    if tail.split(" ", 2)[1] in lexicon.bodies.function_words:
        return None
    return tail


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
